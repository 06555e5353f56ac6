"""The package's layout is its architecture: imports flow one way and never in a circle.

Layers, from the bottom: the core (maths, data, training and progress: the modules
directly in ``nnlib/``), then ``visual`` (pictures and widgets) and ``checks`` (the
exercise machinery) side by side, then ``grading``, then ``course``. A module may
import its own layer and the layers below it; ``visual`` and ``checks`` never import
each other. Every import counts, also one made inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "nnlib"

#: layer -> the layers its modules may import.
MAY_IMPORT = {
    "core": {"core"},
    "visual": {"visual", "core"},
    "checks": {"checks", "core"},
    "grading": {"grading", "checks", "core"},
    "course": {"course", "grading", "checks", "core"},
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else "core"


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The nnlib modules that ``path`` imports (``from nnlib import deep`` counts as ``nnlib.deep``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name if name in modules else node.module for name in names]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    paths = sorted(root.rglob("*.py"))
    modules = {module_name(path, root) for path in paths}
    return {module_name(path, root): imports_of(path, modules) - {module_name(path, root)} for path in paths}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if layer(target) not in MAY_IMPORT[layer(module)]
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules that import each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_every_module_has_a_layer():
    graph = import_graph()
    assert "nnlib.deep" in graph and "nnlib.visual.playground.session" in graph
    assert {layer(module) for module in graph} == set(MAY_IMPORT)


def test_imports_flow_one_way():
    assert upward_imports(import_graph()) == []


def test_no_module_imports_itself_through_others():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("files", "upward", "cycle"),
    [
        ({"deep.py": "from nnlib.visual.plotting import plot\n", "visual/plotting.py": ""}, 1, 0),
        ({"checks/run.py": "def f():\n    from nnlib.grading import x\n", "grading/x.py": ""}, 1, 0),
        ({"visual/a.py": "from nnlib.checks import b\n", "checks/b.py": ""}, 1, 0),
        ({"a.py": "from nnlib import b\n", "b.py": "import nnlib.c\n", "c.py": "from nnlib.a import f\n"}, 0, 1),
        ({"course/a.py": "from nnlib.grading import b\n", "grading/b.py": "from nnlib import deep\n"}, 0, 0),
    ],
)
def test_the_graph_sees_upward_imports_and_cycles(tmp_path, files, upward, cycle):
    root = tmp_path / "nnlib"
    for name, text in {"__init__.py": "", "deep.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for package in ("visual", "checks", "grading", "course"):
        if (root / package).is_dir():
            (root / package / "__init__.py").touch()
    graph = import_graph(root)
    assert len(upward_imports(graph)) == upward
    assert len(cycles(graph)) == cycle
