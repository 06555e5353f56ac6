"""Everything the course draws or clicks: matplotlib figures and ipywidgets.

- :mod:`nnlib.visual.plotting`: the figures of the lessons (decision boundaries, curves, digits, ...);
- :mod:`nnlib.visual.diagrams`: pictures of a network's architecture (lesson 07);
- :mod:`nnlib.visual.widgets`: the small machinery every widget shares (figures as pictures, bundles);
- :mod:`nnlib.visual.explorers`: the sliders of lessons 02 and 06;
- :mod:`nnlib.visual.playground`: the playground of lesson 90.

The maths modules of :mod:`nnlib` never import this package; it imports them.
"""

__all__: list[str] = []
