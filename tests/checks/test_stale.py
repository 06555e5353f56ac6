"""nnlib.checks.stale: a function older than its cell is named, with the reason."""

from __future__ import annotations

import numpy as np
import pytest


def mean_right(A):
    return A.mean(axis=1, keepdims=True)


class FakeShell:
    """Stands in for IPython's shell: only the history of input cells."""

    def __init__(self, cells):
        self.history_manager = type("History", (), {"input_hist_raw": ["", *cells]})()


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


sigmoid.__module__ = "__main__"  # as if defined in a notebook cell


SIGMOID_CELL = "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))\n"


def test_stale_reason_is_none_when_the_last_defining_cell_holds_the_source():
    from nnlib.checks.stale import stale_reason

    assert stale_reason(sigmoid, FakeShell(["import numpy as np", SIGMOID_CELL, 'check("sigmoid", sigmoid)'])) is None
    assert stale_reason(sigmoid, FakeShell(["x = 1"])) is None  # never defined in a cell: cannot tell
    assert stale_reason(len, FakeShell([SIGMOID_CELL])) is None  # no source
    assert stale_reason(mean_right, FakeShell(["def mean_right(A):\n    return 0\n"])) is None  # imported


def test_stale_reason_names_a_syntax_error_in_the_last_run_of_the_cell():
    from nnlib.checks.stale import stale_reason

    broken = "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z)\n"
    reason = stale_reason(sigmoid, FakeShell([SIGMOID_CELL, broken, 'check("sigmoid", sigmoid)']))
    assert reason.startswith("the last run of its cell (In [2]) stopped with a SyntaxError on line 2")
    assert "`sigmoid` is still the version from an earlier run" in reason


def test_stale_reason_names_an_error_above_the_def():
    from nnlib.checks.stale import stale_reason

    above = "undefined_name\ndef sigmoid(Z):\n    return 0.5 * (1 + np.tanh(Z / 2))\n"
    reason = stale_reason(sigmoid, FakeShell([SIGMOID_CELL, above]))
    assert reason.startswith("the last run of its cell (In [2]) raised an error before it reached `def sigmoid(`")


def test_run_reports_a_stale_function_in_a_real_kernel():
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    cells = [
        "import numpy as np\nfrom nnlib.checks import run, use",
        "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))",
        'print(run("sigmoid", sigmoid).message.splitlines()[0])',
        "def sigmoid(Z):\n    return 1 / (1 + np.exp(Z)",
        'print(run("sigmoid", sigmoid).message)\nuse("sigmoid", sigmoid);',
        "import numpy as nmp\nnot_defined\ndef sigmoid(Z):\n    return 1 / (1 + nmp.exp(-Z))",
        'print(run("sigmoid", sigmoid).message.splitlines()[0:2])',
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    nbclient.NotebookClient(notebook, kernel_name="python3", allow_errors=True, timeout=60).execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream") for cell in notebook.cells]
    assert printed[2].startswith("✓ sigmoid: passed")
    assert notebook.cells[3].outputs[0].ename == "SyntaxError"
    assert "✗ sigmoid: this is an older version of `sigmoid`, not the one in its cell: nothing was tested" in printed[4]
    assert "why:" in printed[4] and "stopped with a SyntaxError on line 2" in printed[4]
    assert "because yours is an older version than its cell" in printed[4]
    assert "raised an error before it reached `def sigmoid(`" in printed[6]
