"""The layers of docs/architecture.md, checked on the source itself (imports inside functions included).

import-linter checks the same contracts in the test command; this test keeps them inside pytest
so a single `pytest` run also fails when a layer reaches up or Qt leaks out of ui/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tp_explorer"
LAYERS = ("knowledge", "anatomy", "state", "scene", "ui")  # each may import only earlier ones
QT = {"PySide6", "pyvistaqt", "qtpy"}
VTK = {"pyvista", "vtk", "vtkmodules"}
BUILD_ONLY = {"mujoco", "myo_sim"}
FORBIDDEN_EXTERNAL = {
    "knowledge": QT | VTK | {"numpy"},
    "anatomy": QT,
    "state": QT | VTK,
    "scene": QT,
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if parts and parts[0] in LAYERS else None


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_layers(path: Path) -> None:
    layer = layer_of(path)
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    is_build = parts[0] == "anatomy" and bool({"build", "builtin"} & set(parts[1:2]))
    for name in imported_modules(path):
        top = name.split(".")[0]
        if top in BUILD_ONLY:
            assert is_build, (
                f"{path.name} imports {name}: build-only packages stay in anatomy.build"
            )
        if layer is None:
            continue
        assert top not in FORBIDDEN_EXTERNAL.get(layer, set()), (
            f"{path.relative_to(PACKAGE)} ({layer}) imports {name}"
        )
        if name.startswith("tp_explorer."):
            target = name.split(".")[1]
            if target in LAYERS:
                assert LAYERS.index(target) <= LAYERS.index(layer), (
                    f"{path.relative_to(PACKAGE)} ({layer}) imports the higher layer {name}"
                )


QT_USERS = ("ui", "bench")  # the window, and the benchmark that drives it (above it)


def test_only_ui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in MODULES
        if p.relative_to(PACKAGE).parts[0] not in QT_USERS
        and any(n.split(".")[0] in QT for n in imported_modules(p))
    ]
    assert offenders == []
