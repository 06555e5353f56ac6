"""The catalogue of known mistakes: realistic wrong answers, each with its cause and fix.

One module per lesson, named like its battery in :mod:`nnlib.checks.lessons`
(``12_regularization`` -> ``mistakes/regularization.py``), defines
``MISTAKES``: exercise id -> a tuple of :class:`~nnlib.checks.exercise.Mistake`.
Each entry is a wrong answer written as a learner would write it.

The catalogue serves twice, from one source:

- a failing check replays the entries shown by their output on the failing
  test, and names the cause of the one that reproduces the learner's output;
- the checker tests (``tests/checks/test_lessons.py``) run every entry as a
  learner's answer and require the check to fail and to name its cause.

Adding a mistake is one function and one entry in the lesson's module here.
"""
