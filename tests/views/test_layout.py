"""helpers/views keeps to the package's import rules: no cycle, no private reach-in, no hidden import.

Read from the source (every import, also those inside functions): a view module imports other
modules' public names only; an import inside a function is a heavy third-party library loaded
late (IPython, itables, pyplot), never a kit module imported late to dodge a cycle.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import helpers.views

VIEWS = Path(helpers.views.__file__).parent
MODULES = sorted(p for p in VIEWS.glob("*.py") if p.name not in ("__init__.py", "conftest.py"))


def _imports(path: Path):
    """(node, inside a function, module name with package resolved) for every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(fn)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = ["helpers", "views"][: 3 - node.level] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            yield node, id(node) in nested, name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node, id(node) in nested, alias.name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_private_name_from_another_module(path):
    private = [
        f"{name}.{alias.name}"
        for node, _, name in _imports(path)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and name != "__future__"
    ]
    assert private == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_kit_module_imported_inside_a_function(path):
    late = [name for _, inside, name in _imports(path) if inside and name.startswith("helpers")]
    assert late == []


def test_the_view_modules_import_each_other_without_a_cycle():
    graph = {
        path.stem: {
            name.split(".")[2] if name.count(".") >= 2 else alias.name
            for node, _, name in _imports(path)
            if name.startswith("helpers.views")
            for alias in (node.names if isinstance(node, ast.ImportFrom) else [])
        }
        for path in MODULES
    }
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as err:  # pragma: no cover - the failure message is the cycle
        pytest.fail(f"import cycle among the views: {err.args[1]}")
    # The facade comes after everything it re-exports; the figure basics before every figure.
    assert order.index("widgets") > order.index("dashboard") > order.index("explorers")
    assert order.index("style") < order.index("network") < order.index("plots")
