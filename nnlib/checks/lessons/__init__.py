"""Every lesson's battery, one module per lesson, each with a list ``EXERCISES``.

The order of the lessons is :data:`nnlib.checks.registry.LESSONS`; these
modules do not import the registry.
"""

__all__: list[str] = []
