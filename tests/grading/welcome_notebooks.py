"""Learners' notebooks for the grading tests: lesson 00's student notebook with bodies written and cells added."""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
STUB = "    # YOUR CODE HERE\n    raise NotDoneYet()"
RIGHT = {
    "layer_sizes": "    return X.shape[0], hidden_size, Y.shape[0]",
    "weighted_sums": "    return W @ X + b",
    "mean_over_examples": "    return np.mean(A, axis=1, keepdims=True)",
}
WRONG = {
    "layer_sizes": "    return X.shape[1], hidden_size, Y.shape[1]",
    "weighted_sums": "    return W.T @ X + b",
    "mean_over_examples": "    return np.mean(A, axis=0, keepdims=True)",
}


def welcome(bodies: dict[str, str], extra_cells=(), after: str | None = None):
    """The student notebook of lesson 00 with the exercises' bodies replaced, and extra cells after a cell."""
    notebook = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    for cell in notebook.cells:
        for exercise_id, body in bodies.items():
            if cell.source.startswith(f"def {exercise_id}("):
                cell.source = cell.source.replace(STUB, body)
    position = 3
    if after:
        position = next(i for i, c in enumerate(notebook.cells) if c.source.startswith(f"def {after}(")) + 1
    for offset, source in enumerate(extra_cells):
        notebook.cells.insert(position + offset, nbformat.v4.new_code_cell(source))
    return notebook
