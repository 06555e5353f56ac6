"""Every lesson's exercises, imported in course order (the order of ``exercise_ids()``)."""

from nnlib.checks.lessons import welcome  # noqa: F401  00

__all__: list[str] = []
