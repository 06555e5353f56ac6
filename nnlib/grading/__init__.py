"""Grading a class: every submission in a sandboxed kernel, every verdict in the grader's process.

``python -m nnlib.course grade SUBMISSIONS --out REPORT [--jobs N] [--timeout S]``

Modules, one idea each:

- :mod:`~nnlib.grading.classroom`: the whole class, learners in parallel, the report kept up to date;
- :mod:`~nnlib.grading.learner`: one learner, one notebook after the other, feedback notebooks;
- :mod:`~nnlib.grading.lessons`: which lesson a notebook holds (metadata, name, code);
- :mod:`~nnlib.grading.sandbox` and :mod:`~nnlib.grading.launch`: a temporary folder, a read-only
  nnlib, a user of its own and resource limits for each kernel;
- :mod:`~nnlib.grading.kernel`: running cells with time limits, interrupts and restarts;
- :mod:`~nnlib.grading.remote` and :mod:`~nnlib.grading.kernel_side`: the checks run here and call
  the learner's function in the kernel, data in, data out (:mod:`~nnlib.grading.wire`);
- :mod:`~nnlib.grading.report`: ``grades.csv``, ``summary.csv``, ``index.html``.
"""

from nnlib.grading.classroom import ClassResult, GradingError, grade_class

__all__ = ["grade_class", "ClassResult", "GradingError"]
