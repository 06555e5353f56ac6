"""Whose function is graded: the one a ``def`` in a cell of this notebook defines, not nnlib's reference.

The grader calls whatever the learner's namespace holds under the exercise's
name. Before it counts, two things are checked:

- **where its code comes from.** The kernel reports the code object's file
  and first line (:func:`nnlib.grading.kernel_side.describe`). IPython names
  a cell's code after a hash of the cell's text, so the file names the cell
  (:func:`kernel_file_name`), and the line names the ``def`` in it. A name
  rebound to another function (``weighted_sums = _with_a_loop``), source
  ``exec``'d from ``inspect.getsource``, a ``functools.partial``, or nnlib's
  own function, is not the ``def NAME`` of a cell, and the grader says which
  it is. Checks that read code (no loop left) read the function actually
  graded, wherever the notebook defines it.
- **whether it reaches nnlib's reference for that exercise**, in the
  function's syntax tree (an imported reference, ``nnlib.shapes.weighted_sums``,
  ``reference("weighted_sums")``, under any alias bound in any cell), and as
  the kernel sees it (the globals, defaults and closure the code uses).

Either makes a passing check a ``review``: no points, the reason in the report,
until the instructor accepts it (``grade --accept FILE``, :func:`accept`).
The syntax tree is read here from the notebook file; what the kernel reports
comes from a process the learner controls, so it adds evidence, never proof.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import linecache
import os
import types
from pathlib import Path

from nnlib.checks.registry import get_exercise
from nnlib.checks.result import CheckResult, Outcome

__all__ = [
    "REVIEW",
    "cell_code",
    "kernel_file_name",
    "compiled_function",
    "Examined",
    "examine",
    "judged",
    "read_accept_list",
    "accept",
]

REVIEW = "review"
ACCEPTED = "accepted by the instructor"


def cell_code(source: str) -> str:
    """A cell's source with IPython's ``%magic`` and ``!shell`` lines blanked (line numbers kept)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))


def kernel_file_name(source: str) -> str:
    """The file name (without its folder) that an IPython kernel gives the code of a cell whose text is ``source``."""
    from ipykernel.compiler import get_tmp_hash_seed, murmur2_x86

    return f"{murmur2_x86(source, get_tmp_hash_seed())}.py"


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _first_line(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The line a code object gives as its first: the first decorator's, else the ``def``'s."""
    return min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])


def _parsed(source: str) -> ast.Module | None:
    try:
        return ast.parse(cell_code(source))
    except SyntaxError:
        return None


def compiled_function(source: str, number: int, notebook: str, line: int) -> types.FunctionType | None:
    """The function whose code starts at ``line`` of cell ``number`` (text ``source``), compiled, never run.

    It carries the learner's code object, so ``inspect`` reads its source,
    lines and parameters; its ``cell`` attribute is the cell's number.
    """
    code = cell_code(source)
    filename = f"<{notebook}, cell {number}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    try:
        pending = [compile(code, filename, "exec", dont_inherit=True)]
    except (SyntaxError, ValueError):
        return None
    while pending:
        for const in pending.pop().co_consts:
            if isinstance(const, types.CodeType):
                if const.co_firstlineno == line and const.co_name != "<lambda>":
                    function = types.FunctionType(const, {}, const.co_name)
                    function.cell = number
                    return function
                pending.append(const)
    return None


# --- where the graded function's code comes from (as the kernel reports it) ----------------------


@dataclasses.dataclass
class Examined:
    """What the grader found out about the function it grades.

    Attributes
    ----------
    source : function or None
        The function compiled from the cell that defines the graded one (for
        the checks that read code), ``None`` when no cell does.
    concerns : list of str
        Why it needs a person's review; empty when it is the learner's own ``def``.
    """

    source: types.FunctionType | None
    concerns: list[str]


def _defining_cell(origin: dict, cells: list[tuple[int, str]]) -> tuple[int, str, ast.AST] | None:
    """``(number, source, def node)`` of the cell and ``def`` that the kernel's ``origin`` points at."""
    file, line = origin.get("file"), origin.get("line")
    if not isinstance(file, str) or not isinstance(line, int):
        return None
    for number, source in reversed(cells):
        if kernel_file_name(source) != os.path.basename(file):
            continue
        tree = _parsed(source)
        for node in _functions(tree) if tree else []:
            if _first_line(node) == line:
                return number, source, node
    return None


def _origin_concern(name: str, origin: dict, found, notebook: str) -> str | None:
    """Why the function the namespace holds under ``name`` is not a ``def name`` of a cell (``None`` when it is)."""
    kind = str(origin.get("type", "object"))
    if not origin.get("function"):
        return f"`{name}` is a {kind} object, not a function defined with `def {name}` in {notebook}"
    if origin.get("nnlib"):
        return f"`{name}` is nnlib's own `{origin.get('qualname', name)}`, not a function written in {notebook}"
    if found is None:
        where = origin.get("file") if isinstance(origin.get("file"), str) else "an unknown place"
        return (
            f"`{name}`'s code does not come from a cell of {notebook} (it was made from {where}: "
            "`exec`, `compile` or a file?)"
        )
    number, _, node = found
    if node.name != name:
        return f"`{name}` is the function `{node.name}` of cell {number}, not a `def {name}`"
    return None


def examine(exercise_id: str, origin: dict | None, cells: list[tuple[int, str]], notebook: str) -> Examined:
    """Find the cell that defines the function graded for ``exercise_id``, and what makes it need review.

    ``origin`` is what the kernel reported about the function (see
    :func:`nnlib.grading.kernel_side.describe`); ``cells`` are the
    ``(number, source)`` of the cells run.
    """
    if not isinstance(origin, dict):
        return Examined(None, [f"the kernel did not say where `{exercise_id}`'s code comes from"])
    found = _defining_cell(origin, cells)
    concerns = [concern for concern in [_origin_concern(exercise_id, origin, found, notebook)] if concern]
    source = None
    if found is not None:  # the syntax first: read here, from the notebook file
        number, text, node = found
        concerns += _reaching_in_syntax(exercise_id, node, cells, number)
        source = compiled_function(text, number, notebook, _first_line(node))
    reached = [name for name in origin.get("reaches") or [] if isinstance(name, str)]
    if reached:
        concerns.append(f"`{exercise_id}` uses nnlib's reference through {', '.join(f'`{n}`' for n in reached[:5])}")
    return Examined(source, list(dict.fromkeys(concerns)))


# --- whether the function's syntax tree reaches nnlib's reference ------------------------------------


class _Bindings:
    """What names in the notebook stand for, as far as nnlib goes: modules, functions, exercises.

    Names bound by ``import nnlib…``, ``from nnlib… import …`` and plain
    assignments of such objects (``f = nnlib.shapes.weighted_sums``,
    ``f = reference("weighted_sums")``), in every cell: a function may use a
    name that any cell binds. Resolved to the grader's own nnlib objects.
    """

    LOOKUPS = ("reference", "get_exercise")  # nnlib.checks functions that hand out an exercise's reference

    def __init__(self, exercise_id: str):
        self.exercise_id = exercise_id
        self.names: dict[str, object] = {}
        from nnlib.checks import reference, use
        from nnlib.checks.registry import get_exercise as lookup

        self.lookups = {id(reference): reference, id(lookup): lookup}
        self.use = use

    def bind(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "nnlib":
                        module = _module(alias.name if alias.asname else "nnlib")
                        if module is not None:
                            _module(alias.name)
                            self.names[alias.asname or "nnlib"] = module
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "nnlib" and not node.level:
                module = _module(node.module)
                for alias in node.names:
                    value = getattr(module, alias.name, None) or _module(f"{node.module}.{alias.name}")
                    if value is not None:
                        self.names[alias.asname or alias.name] = value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = self.resolve(node.value)
                if value is not None:
                    self.names[node.targets[0].id] = value
                else:  # rebound to something of the notebook's own
                    self.names.pop(node.targets[0].id, None)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.names.pop(node.name, None)

    def resolve(self, node: ast.AST) -> object | None:
        """The nnlib object the expression ``node`` stands for, or ``None``."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            if base is None or node.attr.startswith("__"):
                return None
            value = getattr(base, node.attr, None)
            if value is None and isinstance(base, types.ModuleType):
                value = _module(f"{base.__name__}.{node.attr}")
            return value
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = self.resolve(node.func)
            if function is not None and id(function) in self.lookups and node.args[0].value == self.exercise_id:
                return self.lookups[id(function)](self.exercise_id)
            if function is self.use and node.args[0].value == self.exercise_id:
                return get_exercise(self.exercise_id).reference
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            return _module("nnlib") if isinstance(first, str) and first.split(".")[0] == "nnlib" else None
        return None


def _module(name: str) -> types.ModuleType | None:
    """The grader's nnlib module ``name`` (imported if needed), or ``None``."""
    if name.split(".")[0] != "nnlib":
        return None
    try:
        return importlib.import_module(name)
    except Exception:  # noqa: BLE001  (a name a learner wrote: anything that does not import is no module)
        return None


def _the_reference(exercise_id: str) -> set[int]:
    """The ids of the exercise's reference and of every function it wraps."""
    function, found = get_exercise(exercise_id).reference, set()
    while function is not None and id(function) not in found:
        found.add(id(function))
        function = getattr(function, "__wrapped__", None)
    return found


def _reaching_in_syntax(exercise_id: str, node: ast.AST, cells: list[tuple[int, str]], number: int) -> list[str]:
    """Where the ``def`` ``node`` (in cell ``number``) reaches nnlib's reference of ``exercise_id``."""
    bindings = _Bindings(exercise_id)
    for _, source in cells:
        tree = _parsed(source)
        if tree is not None:
            bindings.bind(tree)
    bindings.bind(node)  # imports inside the function itself
    targets = _the_reference(exercise_id)
    found = []
    for part in ast.walk(node):
        if isinstance(part, (ast.Name, ast.Attribute, ast.Call)) and id(bindings.resolve(part)) in targets:
            found.append(f"line {part.lineno}: `{ast.unparse(part)}`")
    if not found:
        return []
    return [f"`{exercise_id}` in cell {number} reaches nnlib's own `{exercise_id}` ({'; '.join(found[:3])})"]


# --- the verdict ---------------------------------------------------------------------------------------


def judged(outcome: str, result: CheckResult | None, examined: Examined) -> tuple[str, CheckResult | None]:
    """The outcome to report: a check that passed becomes ``review`` (no points) when there is a concern.

    A check that did not pass keeps its outcome; the concerns are added to its details.
    """
    if result is None or not examined.concerns:
        return outcome, result
    lines = tuple(("for review", concern) for concern in examined.concerns)
    if result.outcome is not Outcome.PASSED:
        return outcome, dataclasses.replace(result, details=result.details + lines)
    summary = f"passed its checks, but needs review: {examined.concerns[0]}"
    return REVIEW, dataclasses.replace(result, summary=summary, details=lines)


def read_accept_list(path: Path | str) -> set[tuple[str, str]]:
    """``(learner, exercise)`` pairs from an accept-list file: one ``LEARNER EXERCISE`` per line, ``#`` comments.

    ``LEARNER *`` accepts every review of that learner.
    """
    pairs = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise ValueError(f"{path}, line {number}: expected `LEARNER EXERCISE`, got {line.strip()!r}")
        pairs.add((words[0], words[1]))
    return pairs


def accept(result: dict, accepted: set[tuple[str, str]]) -> dict:
    """A learner's ``result`` (see :mod:`nnlib.grading.learner`) with the reviews in ``accepted`` passed."""
    rows = []
    for row in result["rows"]:
        key = (result["learner"], row["exercise"])
        if row["outcome"] == REVIEW and (key in accepted or (result["learner"], "*") in accepted):
            row = {**row, "outcome": "passed", "points": row["max_points"], "message": f"{ACCEPTED}: {row['message']}"}
        rows.append(row)
    return {**result, "rows": rows}
