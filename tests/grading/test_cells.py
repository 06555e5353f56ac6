"""nnlib.grading.cells: a course cell's time limit comes from its solution time; tagged cells are skipped."""

from __future__ import annotations

from pathlib import Path

import nbformat

from nnlib.grading.cells import SKIP_TAG, cell_limit, lesson_cells, skipped

ROOT = Path(__file__).resolve().parents[2]


def test_every_lesson_has_its_cells_times_and_its_skipped_cells():
    recorded = lesson_cells()
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        code = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
        assert {cell.id for cell in code} <= set(recorded[path.stem]["seconds"]), path.name
        assert len(recorded[path.stem].get("skip", [])) == sum(
            SKIP_TAG in cell.metadata.get("tags", []) for cell in code
        )


def test_a_known_cell_gets_five_times_its_time_plus_margin_and_never_more_than_the_ceiling():
    lesson = "09_l_layer_model"
    cell_id, seconds = max(lesson_cells()[lesson]["seconds"].items(), key=lambda item: item[1])
    assert cell_limit(lesson, cell_id, 600) == 5 * seconds + 5
    assert cell_limit(lesson, cell_id, 10) == 10
    assert cell_limit(lesson, "a-cell-the-learner-added", 60) == 60
    assert cell_limit("no_such_lesson", cell_id, 60) == 60
    assert cell_limit(lesson, cell_id, 600, "import numpy as np\nZ = np.zeros(3)") == 600  # imports: no cut
    assert cell_limit(lesson, cell_id, 600, "def f():\n    pass") == 600
    assert cell_limit(lesson, cell_id, 600, "Z = weighted_sums(W, b, X)") == 5 * seconds + 5


def test_only_the_courses_own_tagged_cell_text_is_skipped():
    student = nbformat.read(ROOT / "notebooks" / "09_l_layer_model.ipynb", as_version=4)
    tagged = [cell for cell in student.cells if SKIP_TAG in cell.metadata.get("tags", [])]
    assert tagged and all(skipped("09_l_layer_model", cell.source) for cell in tagged)
    assert not skipped("09_l_layer_model", tagged[0].source + "\nprint('changed by the learner')")
    assert not skipped("00_welcome", tagged[0].source)
    assert not any(skipped("09_l_layer_model", cell.source) for cell in student.cells if cell not in tagged)
