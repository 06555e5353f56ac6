"""Progress reporting: text lines, the widget bar (headless), and the mode switch."""

import io

import pytest

from nnlib.progress import NullProgress, TextProgress, WidgetProgress, format_logs, make_progress


def test_format_logs_rounds_to_four_decimals():
    assert format_logs({"loss": 0.123456, "val_accuracy": 0.9}) == "loss 0.1235  val_accuracy 0.9000"


def test_text_progress_prints_about_ten_lines_including_first_and_last():
    out = io.StringIO()
    progress = TextProgress(total=95, stream=out)
    for epoch in range(1, 96):
        progress.update(epoch, {"loss": 1 / epoch})
    lines = out.getvalue().splitlines()
    assert lines[0] == "epoch  1/95  loss 1.0000"
    assert lines[-1] == "epoch 95/95  loss 0.0105"
    assert 9 <= len(lines) <= 12


def test_widget_progress_moves_the_bar_and_shows_the_metrics(capsys):
    progress = WidgetProgress(total=4)
    for epoch in range(1, 5):
        progress.update(epoch, {"loss": 0.5 / epoch})
    progress.close()
    capsys.readouterr()  # outside a kernel, display() prints the widget's repr
    assert progress.bar.value == 4 and progress.bar.max == 4
    assert progress.bar.description == "epoch 4"
    assert "loss 0.1250" in progress.label.value
    assert progress.bar.bar_style == "success"


def test_modes():
    assert isinstance(make_progress("none", 5), NullProgress)
    assert isinstance(make_progress(False, 5), NullProgress)
    assert isinstance(make_progress("text", 5), TextProgress)
    assert isinstance(make_progress("auto", 5), TextProgress)  # not inside a Jupyter kernel here
    with pytest.raises(
        ValueError, match="unknown progress 'fancy'; choose one of 'auto', 'widget', 'text', 'live', 'none'"
    ):
        make_progress("fancy", 5)
