"""The house's size and coupling rules, checked on the source (docs/architecture.md).

Small modules with one job: no module over 450 lines, no function over 80; no module imports
another's private (underscore) name; the package has no import cycle, imports made only for
type checking included (a cycle there still ties two modules together).
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tp_explorer"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80


def _rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_rel(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_functions_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_rel(path)}: {', '.join(long)}"


def _package_of(path: Path) -> str:
    parts = ("tp_explorer", *path.relative_to(PACKAGE).parent.parts)
    return ".".join(parts)


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_private_name_is_imported(path: Path) -> None:
    """A package may keep private helpers for its own modules; no other package reaches them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    home = _package_of(path)
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tp_explorer")
        for alias in node.names
        if alias.name.startswith("_")
        and not alias.name.startswith("__")
        and not (node.module == home or (node.module or "").startswith(home + "."))
    ]
    assert not private, f"{_rel(path)} imports {private}"


def test_no_import_cycle() -> None:
    graph = grimp.build_graph("tp_explorer", cache_dir=None)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if module != imported and graph.chain_exists(imported, module):
                chain = graph.find_shortest_chain(imported, module)
                cycles.append(" -> ".join([module, *(chain or ())]))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles))[:20])


def test_the_cycle_check_sees_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above would fail on a real cycle (a package whose two modules import each
    other)."""
    pkg = tmp_path / "cyclic_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyclic_pkg import b\n")
    (pkg / "b.py").write_text("from cyclic_pkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("cyclic_pkg", cache_dir=None)
    assert graph.chain_exists("cyclic_pkg.a", "cyclic_pkg.b")
    assert graph.chain_exists("cyclic_pkg.b", "cyclic_pkg.a")
