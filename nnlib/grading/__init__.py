"""Grading a class: every submission in a sandboxed kernel, every verdict in the grader's process.

``python -m nnlib.course grade SUBMISSIONS --out REPORT [--jobs N] [--timeout S]``

Modules, one idea each:

- :mod:`~nnlib.grading.classroom`: the whole class, learners in parallel, the report kept up to date;
- :mod:`~nnlib.grading.learner`: one learner, one notebook after the other, feedback notebooks;
- :mod:`~nnlib.grading.lessons`: which lesson a notebook holds (metadata, name, code);
- :mod:`~nnlib.grading.sandbox` and :mod:`~nnlib.grading.launch`: a temporary folder, a read-only
  nnlib, a user of its own and resource limits for each kernel;
- :mod:`~nnlib.grading.kernel`: running cells with time limits, interrupts and restarts;
- :mod:`~nnlib.grading.pool`: a learner's next kernel started while the current notebook runs;
- :mod:`~nnlib.grading.cells`: the course's cells: their time limits from the solution run, those to skip;
- :mod:`~nnlib.grading.authorship`: whether the function graded is the learner's own ``def``;
- :mod:`~nnlib.grading.remote` and :mod:`~nnlib.grading.kernel_side`: the checks run here and call
  the learner's function in the kernel, data in, data out (:mod:`~nnlib.grading.wire`);
- :mod:`~nnlib.grading.report`: ``grades.csv``, ``summary.csv``, ``index.html``;
- :mod:`~nnlib.grading.merge`: one report from the reports of shards (``grade --shard K/N``).
"""

__all__ = ["grade_class", "ClassResult", "GradingError"]


def __getattr__(name: str):
    # Imported on first use: a learner's kernel imports nnlib.grading.kernel_side, and must not pay for
    # the class grader's imports (jupyter_client, nbformat, …) to do so.
    if name in __all__:
        from nnlib.grading import classroom

        return getattr(classroom, name)
    raise AttributeError(f"module 'nnlib.grading' has no attribute {name!r}")
