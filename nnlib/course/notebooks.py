"""One source for every lesson: build the student notebooks from the solutions, check them, run the solutions.

``solutions/NN_topic.ipynb`` is the source of lesson NN. Inside an exercise
cell, the solution sits between the nbgrader markers::

    def sigmoid(Z):
        ### BEGIN SOLUTION
        return 1 / (1 + np.exp(-Z))
        ### END SOLUTION

Commands (run from the repository's top folder)::

    python -m nnlib.course build            write notebooks/ from solutions/
    python -m nnlib.course build --check    fail if notebooks/ is stale, a marker leaked, or a solution is unrun
    python -m nnlib.course execute [NAME…]  run solutions and store their outputs (all, or those named)
    python -m nnlib.course grade DIR --out REPORT   grade a class (see :mod:`nnlib.grading`)

``build`` replaces each solution region by a ``# YOUR CODE HERE`` stub that
raises :class:`~nnlib.checks.NotDoneYet`, clears outputs and execution
counts, keeps cell ids and tags, and drops every other piece of metadata
(widget state included). It never overwrites a student notebook that was
changed after it was generated, since that may be a learner's work: each
generated notebook records a fingerprint of its cells, and ``build`` refuses
(naming the notebook) unless ``--force`` is given, which first keeps a copy
in ``notebooks/backup/``.
"""

from __future__ import annotations

import ast
import copy
import datetime
import hashlib
import json
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat

from nnlib.grading.cells import SKIP_TAG, lesson_cells, source_hash, write_lesson
from nnlib.progress import LIVE_PAUSE_VARIABLE

__all__ = [
    "BEGIN",
    "END",
    "STUB",
    "INSTALL_CELL",
    "REPOSITORY",
    "CourseError",
    "links_cell",
    "strip_solutions",
    "student_version",
    "solved_version",
    "fingerprint",
    "build",
    "check_build",
    "committed_text",
    "holds_work",
    "execute",
    "merge_streams",
    "skip_hashes",
    "skip_problems",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = ("# YOUR CODE HERE", "raise NotDoneYet()")
KEPT_CELL_METADATA = ("tags",)
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# Where the course lives on GitHub: the "Open in Colab" / "Launch Binder" links and the install cell
# of every student notebook point here (change it for a fork, then `build`).
REPOSITORY = "nn-from-scratch/nn-from-scratch"
BRANCH = "main"
# The install cell installs from this variable when it is set (a local path, a wheel, a fork).
INSTALL_SOURCE_VARIABLE = "NNLIB_INSTALL_SOURCE"
INSTALL_CELL = f"""\
# Set-up: installs the course's nnlib only when it is missing (on Colab, say). Run this cell first.
try:
    import nnlib
except ImportError:
    import os
    import subprocess
    import sys

    source = os.environ.get("{INSTALL_SOURCE_VARIABLE}", "git+https://github.com/{REPOSITORY}@{BRANCH}")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", source], check=True)
    import nnlib"""


# The badges' pictures ship with the course (nnlib/course/badges/), so that they show without a network;
# the student notebooks in notebooks/ reach them by this relative path.
BADGES = "../nnlib/course/badges"


def links_cell(name: str):
    """The markdown cell at the top of a student notebook: open it in Colab, or launch it on Binder."""
    colab = f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/notebooks/{name}"
    binder = f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?labpath=notebooks%2F{name}"
    return nbformat.v4.new_markdown_cell(
        f"[![Open in Colab]({BADGES}/colab.svg)]({colab}) "
        f"[![Launch Binder]({BADGES}/binder.svg)]({binder}) "
        "No Python on your computer? Open this lesson in Colab or on Binder; the next cell installs nnlib "
        "there when it is missing."
    )


class CourseError(Exception):
    """A problem with the course's notebooks, explained for the person running the command."""


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace every marked solution region in ``source`` by the stub, at the marker's indentation.

    Raises :class:`CourseError` for an unclosed, unopened or nested region.
    """
    lines, inside = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise CourseError(f"{where}, line {number}: {BEGIN} inside another solution region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            lines.extend(indent + stub for stub in STUB)
        elif marker == END:
            if not inside:
                raise CourseError(f"{where}, line {number}: {END} without a {BEGIN} before it")
            inside = False
        elif not inside:
            lines.append(line)
    if inside:
        raise CourseError(f"{where}: {BEGIN} is never closed by {END}")
    return "\n".join(lines)


def _cell_content(cell) -> list:
    return [cell.cell_type, cell.source, cell.get("outputs", []), cell.get("execution_count")]


def fingerprint(notebook) -> str:
    """A hash of the cells' types, sources and outputs (not their metadata, which JupyterLab may touch)."""
    text = json.dumps([_cell_content(cell) for cell in notebook.cells], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def student_version(solution, source_name: str):
    """The student notebook made from a solution notebook (a new object; ``solution`` is untouched).

    It starts with the Colab / Binder links and the install cell, and its
    metadata names its lesson (``metadata["nnlib"]["lesson"]``), which the
    grader reads whatever the file is called.
    """
    student = nbformat.v4.new_notebook()
    links, install = links_cell(source_name), nbformat.v4.new_code_cell(INSTALL_CELL)
    links.id, install.id = "nnlib-links", "nnlib-install"
    student.cells += [links, install]
    for position, cell in enumerate(solution.cells):
        where = f"{source_name}, cell {position + 1}"
        kept = {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(strip_solutions(cell.source, where), metadata=kept)
        else:
            if BEGIN in cell.source or END in cell.source:
                raise CourseError(f"{where}: solution markers belong in code cells only")
            new = copy.deepcopy(cell)
            new.metadata = kept
            if not new.get("attachments"):
                new.pop("attachments", None)
        new.id = cell.get("id") or f"cell-{position}"
        student.cells.append(new)
    student.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "nnlib": {"lesson": Path(source_name).stem, "generated_from": f"solutions/{source_name}", "fingerprint": ""},
    }
    student.metadata["nnlib"]["fingerprint"] = fingerprint(student)
    return student


def solved_version(solution, source_name: str):
    """What a learner who solved every exercise hands in: the student version of ``solution`` with each
    solution region written out (the markers dropped), so that only the exercise cells differ from it."""
    student = student_version(solution, source_name)
    by_id = {cell.get("id"): cell for cell in solution.cells}
    for cell in student.cells:
        source = by_id.get(cell.get("id"))
        if cell.cell_type == "code" and source is not None and BEGIN in source.source:
            cell.source = "\n".join(line for line in source.source.split("\n") if line.strip() not in (BEGIN, END))
    return student


def _text(notebook) -> str:
    return nbformat.writes(notebook) + "\n"


def _solutions(root: Path, names=()) -> list[Path]:
    paths = sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))
    if names:
        wanted = {Path(name).stem for name in names}
        unknown = wanted - {path.stem for path in paths}
        if unknown:
            raise CourseError(f"no solution notebook named {', '.join(sorted(unknown))} in {root / 'solutions'}")
        paths = [path for path in paths if path.stem in wanted]
    return paths


def committed_text(root: Path, relative: str) -> str | None:
    """The file ``relative`` as git's last commit holds it, or ``None`` (no git, not committed)."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{relative}"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return shown.stdout if shown.returncode == 0 else None


def holds_work(path: Path) -> bool:
    """Whether the student notebook at ``path`` was generated by the build and changed since (a learner's work)."""
    notebook = nbformat.read(path, as_version=4)
    stored = notebook.metadata.get("nnlib", {}).get("fingerprint")
    return stored is not None and stored != fingerprint(notebook)


def _holds_work(path: Path) -> bool:
    """Whether the student notebook at ``path`` changed since it was generated (or was never generated)."""
    notebook = nbformat.read(path, as_version=4)
    stored = notebook.metadata.get("nnlib", {}).get("fingerprint")
    return stored != fingerprint(notebook)


@dataclass
class BuildReport:
    written: list[str]
    unchanged: list[str]


def _course_itself(root: Path) -> bool:
    """Whether ``root`` is this nnlib's own course folder: only its lessons' cells go to ``lesson_cells.json``
    (the file ships with nnlib, so another folder's lessons, a test's say, must not be recorded in it)."""
    return root.resolve() == Path(__file__).resolve().parents[2]


def build(root: Path | str = ".", *, force: bool = False) -> BuildReport:
    """Write ``notebooks/`` from ``solutions/``; refuse to overwrite a notebook holding a learner's work."""
    root = Path(root)
    (root / "notebooks").mkdir(exist_ok=True)
    report = BuildReport([], [])
    for source in _solutions(root):
        solution = nbformat.read(source, as_version=4)
        if _course_itself(root) and lesson_cells().get(source.stem, {}).get("skip", []) != skip_hashes(solution):
            write_lesson(source.stem, skip=skip_hashes(solution))
        text = _text(student_version(solution, source.name))
        target = root / "notebooks" / source.name
        if target.exists():
            if target.read_text() == text:
                report.unchanged.append(target.name)
                continue
            if _holds_work(target):
                if not force:
                    raise CourseError(
                        f"{target} was changed after it was generated (it may hold a learner's work), so it was "
                        f"not overwritten. Move it away, or run `build --force`, which keeps a copy in "
                        f"{root / 'notebooks' / 'backup'} first."
                    )
                backup = root / "notebooks" / "backup"
                backup.mkdir(exist_ok=True)
                stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
                shutil.copy2(target, backup / f"{target.stem}.{stamp}.ipynb")
        target.write_text(text)
        report.written.append(target.name)
    return report


def check_build(root: Path | str = ".", notes: list[str] | None = None) -> list[str]:
    """Every problem that makes ``notebooks/`` out of date with ``solutions/``; empty when in sync.

    A student notebook that holds a learner's work (changed since it was
    generated) is not compared itself: git's committed copy is, and a line
    saying so goes to ``notes``; without git, it is skipped with a note.
    """
    root = Path(root)
    notes = [] if notes is None else notes
    problems = []
    sources = _solutions(root)
    if not sources:
        problems.append(f"no solution notebooks (NN_topic.ipynb) in {root / 'solutions'}")
    for source in sources:
        solution = nbformat.read(source, as_version=4)
        unrun = sum(
            1
            for cell in solution.cells
            if cell.cell_type == "code" and cell.source.strip() and cell.execution_count is None
        )
        if unrun:
            problems.append(
                f"solutions/{source.name}: {unrun} code cells have not been run; "
                f"run `python -m nnlib.course execute {source.stem}`"
            )
        problems += skip_problems(solution, source.name)
        target = root / "notebooks" / source.name
        try:
            expected = _text(student_version(solution, source.name))
        except CourseError as error:
            problems.append(str(error))
            continue
        current = target.read_text() if target.exists() else None
        if current is not None and current != expected and _holds_work(target):
            current = committed_text(root, f"notebooks/{source.name}")
            notes.append(
                f"notebooks/{source.name} holds your work, so "
                + ("git's committed copy was checked instead" if current is not None else "it was not checked")
            )
            if current is None:
                continue
        if current is None:
            problems.append(f"notebooks/{source.name} is missing; run `python -m nnlib.course build`")
        elif current != expected:
            problems.append(f"notebooks/{source.name} is stale; run `python -m nnlib.course build`")
    names = {source.name for source in sources}
    for student in sorted((root / "notebooks").glob("*.ipynb")):
        if student.name not in names:
            problems.append(f"notebooks/{student.name} has no source in solutions/")
        text = student.read_text()
        if BEGIN in text or END in text or "BEGIN SOLUTION" in text:
            problems.append(f"notebooks/{student.name} contains a solution marker")
    return problems


def _tagged(cell) -> bool:
    return cell.cell_type == "code" and SKIP_TAG in cell.metadata.get("tags", [])


def skip_hashes(solution) -> list[str]:
    """The hashes of the solution's code cells tagged :data:`~nnlib.grading.cells.SKIP_TAG`, sorted."""
    return sorted(source_hash(cell.source) for cell in solution.cells if _tagged(cell))


def _names(source: str) -> tuple[set[str], set[str]]:
    """The names a cell binds, and those it reads without binding them itself."""
    try:
        tree = ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")))
    except SyntaxError:
        return set(), set()
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, (ast.Store, ast.Del)) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return bound, read - bound


def skip_problems(solution, name: str) -> list[str]:
    """Cells tagged to be skipped when grading that bind a name a later untagged cell reads, or hold a
    solution; empty when every tag is safe."""
    problems = []
    cells = [(number, cell) for number, cell in enumerate(solution.cells, start=1) if cell.cell_type == "code"]
    for position, (number, cell) in enumerate(cells):
        if not _tagged(cell):
            continue
        if BEGIN in cell.source:
            problems.append(f"solutions/{name}, cell {number}: tagged {SKIP_TAG} but holds an exercise's solution")
        bound = _names(cell.source)[0]
        for later_number, later in cells[position + 1 :]:
            needed = sorted(bound & _names(later.source)[1]) if not _tagged(later) else []
            if needed:
                problems.append(
                    f"solutions/{name}, cell {number}: tagged {SKIP_TAG} but binds {', '.join(needed)}, "
                    f"which cell {later_number} uses"
                )
    stored = lesson_cells().get(Path(name).stem, {}).get("skip", [])
    if stored != skip_hashes(solution):
        problems.append(f"nnlib/grading/lesson_cells.json is stale for {name}; run `python -m nnlib.course build`")
    return problems


def _seconds(cell) -> float | None:
    """The seconds a cell took in nbclient's run (from its timing metadata), rounded up to 0.1 s."""
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return None
    taken = datetime.datetime.fromisoformat(end.rstrip("Z")) - datetime.datetime.fromisoformat(start.rstrip("Z"))
    return math.ceil(max(taken.total_seconds(), 0.0) * 10) / 10


def merge_streams(outputs: list) -> list:
    """Adjacent chunks of one stream (stdout or stderr) as one output.

    Where a kernel cuts what a cell prints depends on timing, so the stored
    notebook would change from run to run with the same text.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def execute(root: Path | str = ".", names=(), *, timeout: int = 600) -> list[str]:
    """Run solution notebooks (all, or those ``names``) in a fresh kernel and store their outputs."""
    from nbclient import NotebookClient

    root = Path(root)
    done = []
    for source in _solutions(root, names):
        notebook = nbformat.read(source, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            record_timing=True,  # each cell's time goes to lesson_cells.json, not into the notebook
            resources={"metadata": {"path": str(source.parent)}},
        )
        client.execute(env={**os.environ, LIVE_PAUSE_VARIABLE: "0"})  # live plots need not be watched here
        notebook.metadata.pop("widgets", None)
        notebook.metadata["kernelspec"] = dict(KERNELSPEC)
        notebook.metadata["language_info"] = {"name": "python"}
        seconds = {}
        for cell in notebook.cells:
            if cell.cell_type == "code" and _seconds(cell) is not None:
                seconds[cell.get("id")] = _seconds(cell)
            cell.metadata.pop("execution", None)
            if cell.cell_type == "code":
                cell.outputs = merge_streams(cell.outputs)
        if _course_itself(root):
            write_lesson(source.stem, seconds=seconds)
        source.write_text(_text(notebook))
        done.append(source.name)
    return done
