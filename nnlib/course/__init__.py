"""The course's tooling: student notebooks from solutions (:mod:`nnlib.course.notebooks`), and the command line.

``python -m nnlib.course {build,execute,grade}``; see :mod:`nnlib.course.cli`.
Grading lives in :mod:`nnlib.grading`.
"""

from nnlib.course.cli import main
from nnlib.course.notebooks import (
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
    strip_solutions,
    student_version,
)

__all__ = [  # noqa: RUF022  (the order of nnlib.course.notebooks, then the command line)
    "BEGIN",
    "END",
    "STUB",
    "INSTALL_CELL",
    "REPOSITORY",
    "CourseError",
    "links_cell",
    "strip_solutions",
    "student_version",
    "fingerprint",
    "build",
    "check_build",
    "committed_text",
    "holds_work",
    "execute",
    "main",
]
