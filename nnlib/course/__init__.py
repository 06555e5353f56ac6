"""The course's tooling: student notebooks from solutions (:mod:`nnlib.course.notebooks`), and the command line.

``python -m nnlib.course {build,execute,grade}``; see :mod:`nnlib.course.cli`.
Grading lives in :mod:`nnlib.grading`.
"""

from nnlib.course import notebooks
from nnlib.course.cli import main
from nnlib.course.notebooks import (  # noqa: F401  (re-exported: __all__ is notebooks.__all__ and main)
    BEGIN,
    END,
    INSTALL_CELL,
    REPOSITORY,
    STUB,
    CourseError,
    build,
    check_build,
    committed_text,
    execute,
    fingerprint,
    holds_work,
    links_cell,
    merge_streams,
    strip_solutions,
    student_version,
)

__all__ = [*notebooks.__all__, "main"]
