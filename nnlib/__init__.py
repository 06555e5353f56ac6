"""nnlib: the reference implementation behind *Neural Networks from Scratch*.

Each module holds one idea and is imported on its own, for example::

    from nnlib.activations import sigmoid
    from nnlib.deep import forward_prop, backprop

Importing ``nnlib`` itself loads nothing heavy: the maths modules need only
numpy, and matplotlib / ipywidgets are imported by the modules that draw.

Conventions (the same in every lesson): examples are columns, so ``X`` has
shape ``(n_x, m)`` and ``Y`` shape ``(n_y, m)``; parameters live in a dict
``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}`` and gradients in a dict with the
same keys prefixed by ``d``; randomness comes from an explicit
``numpy.random.Generator`` passed as ``rng``. Images are the exception to
"examples are columns": a batch of images is ``(m, C, H, W)`` (examples,
channels, rows, columns) and filters are ``(F, C, kh, kw)`` (``nnlib.conv``,
``nnlib.cnn``); a network's dense layers on top take them back as columns.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
