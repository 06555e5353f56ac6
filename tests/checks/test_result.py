"""nnlib.checks.result: the ✓ line and the ✗ box, in plain text and HTML."""

from __future__ import annotations

from nnlib.checks import CheckResult, Outcome, run


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


def test_failure_box_plain_and_html():
    result = run("mean_over_examples", lambda A: A.mean(axis=1))
    text = str(result)
    assert text.splitlines()[0] == "✗ mean_over_examples: `mean` has shape (3,) but must have shape (3, 1)"
    assert "likely cause: `np.mean(A, axis=1)` drops the averaged axis" in text
    assert 'hint("mean_over_examples")' in text
    assert "\x1b" not in text  # no ANSI colour codes
    page = result._repr_html_()
    assert "<code>keepdims=True</code>" in page and "border-left" in page


def test_html_escapes_learner_text():
    result = CheckResult("x", Outcome.FAILED, "got <script>alert(1)</script>", (("received", "a < b"),))
    assert "<script>" not in result._repr_html_()
    assert "&lt;script&gt;" in result._repr_html_()


def test_passed_html_is_one_line():
    page = run("mean_over_examples", mean_right)._repr_html_()
    assert "<table" not in page and "✓" in page
