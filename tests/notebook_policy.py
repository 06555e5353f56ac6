"""A pytest plugin (loaded with ``-p notebook_policy``): what a student notebook may raise and print under nbval.

nbval lets a cell tagged ``raises-exception`` raise *any* exception. In the
student notebooks of ``notebooks/`` the only error that is part of the
lesson is the untouched exercise's ``NotDoneYet``; anything else (a
NameError from a renamed variable, a typo in a lesson cell) fails the cell.
"""

from __future__ import annotations

import os

import pytest
from student_outputs import mismatch

from nnlib.progress import LIVE_PAUSE_VARIABLE

# Live training plots pause between pictures so that a learner can watch them; not under test: the notebook
# kernels nbval starts inherit this process's environment.
os.environ[LIVE_PAUSE_VARIABLE] = "0"

ALLOWED_IN_STUDENT_NOTEBOOKS = {"NotDoneYet"}


def _is_student_notebook_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell" and item.path.parent.name == "notebooks"


def pytest_collection_modifyitems(config, items):
    """Skip, with a note, the cells of a student notebook that holds a learner's work: it is theirs to run;
    the build itself is checked through git's copy by tests/course/test_notebooks.py."""
    from nnlib.course import holds_work

    changed = {}
    for item in items:
        if _is_student_notebook_cell(item):
            if item.path not in changed:
                changed[item.path] = holds_work(item.path)
            if changed[item.path]:
                item.add_marker(
                    pytest.mark.skip(reason=f"notebooks/{item.path.name} holds your work (changed since it was built)")
                )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or not report.passed or not _is_student_notebook_cell(item):
        return
    for output in item.test_outputs or []:
        if output.get("output_type") == "error" and output.get("ename") not in ALLOWED_IN_STUDENT_NOTEBOOKS:
            report.outcome = "failed"
            report.longrepr = (
                f"{item.path.name}, {item.name}: the cell raised {output['ename']}: {output['evalue']}\n"
                f"In a student notebook the only error allowed is {', '.join(sorted(ALLOWED_IN_STUDENT_NOTEBOOKS))} "
                "(an exercise not done yet)."
            )
            return
    found = mismatch(item)  # the cell must print what its solution stored: see student_outputs
    if found:
        report.outcome, report.longrepr = "failed", found
