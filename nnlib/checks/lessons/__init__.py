"""Every lesson's exercises, imported in course order (the order of ``exercise_ids()``)."""

# ruff: noqa: I001  (the import order is the course order)
from nnlib.checks.lessons import welcome  # noqa: F401  00
from nnlib.checks.lessons import initialization  # noqa: F401  01
from nnlib.checks.lessons import activation  # noqa: F401  02
from nnlib.checks.lessons import forward  # noqa: F401  03
from nnlib.checks.lessons import cost  # noqa: F401  04
from nnlib.checks.lessons import backprop  # noqa: F401  05
from nnlib.checks.lessons import training  # noqa: F401  06
from nnlib.checks.lessons import deep_forward  # noqa: F401  07
from nnlib.checks.lessons import deep_backward  # noqa: F401  08
from nnlib.checks.lessons import deep_model  # noqa: F401  09

__all__: list[str] = []
