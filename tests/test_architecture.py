"""The package's shape: stage packages, imports one way, no cycles, no reaching into private names.

The layers and the absence of cycles are import-linter contracts (``[tool.importlinter]`` in
pyproject.toml, also run by ``make lint``); what they do not see is checked here from the code
itself: a module imports no other module's ``_private`` names, no import of the kit sits inside a
function (where it would hide a cycle), and the top of ``helpers/`` stays small.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "helpers"
STAGES = ("ingest", "actors", "sentiment", "sources", "pipeline", "views", "evaluate")
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "conftest.py")
#: Imports of the kit that may sit inside a function, and why (never to dodge a cycle: the
#: import-linter contracts see these imports too).
LAZY = {
    (
        "helpers/analyze.py",
        "helpers.views.report",
    ): "matplotlib (0.4 s) only when a report is drawn",
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _kit_imports(path: Path) -> list[tuple[ast.ImportFrom | ast.Import, str, bool]]:
    """Every import of a ``helpers`` module in ``path``: (node, module imported, inside a def)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom):
                base = package[: len(package) - child.level + 1] if child.level else []
                target = ".".join([*base, child.module] if child.module else base)
                if target.split(".")[0] == "helpers":
                    found.append((child, target, nested))
            elif isinstance(child, ast.Import):
                kit = [a.name for a in child.names if a.name.startswith("helpers")]
                found.extend((child, name, nested) for name in kit)
            visit(child, inner)

    visit(tree, False)
    return found


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_taken_from_another_module(path):
    taken = [
        f"line {node.lineno}: {alias.name} from {target}"
        for node, target, _ in _kit_imports(path)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not taken, "make the name public where it is defined, or move the code: " + str(taken)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_of_the_kit_hides_inside_a_function(path):
    name = path.relative_to(ROOT).as_posix()
    hidden = [
        f"line {node.lineno}: {target}"
        for node, target, nested in _kit_imports(path)
        if nested and (name, target) not in LAZY
    ]
    assert not hidden, f"import at the top of the module (a cycle shows there): {hidden}"


def test_the_top_of_the_package_is_small_and_the_stages_are_packages():
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "conftest.py")
    assert len(top) <= 10, top
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_the_checks_above_see_imports_where_they_are():
    # the helper reads relative imports from packages and from functions correctly
    sample = PACKAGE / "pipeline" / "article.py"
    targets = {target for _, target, _ in _kit_imports(sample)}
    assert {"helpers.actors", "helpers.frames", "helpers.ingest.inputs"} <= targets
