"""How tp_explorer.anatomy is laid out: what both sources share has one home.

The body-area rules live in derive/areas.py only (every area has its rule there and no other
module names one, but the fine map's rule modules, which split each area by name), and no module
imports another's private (underscore) name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tp_explorer.knowledge.vocabulary import BODY_AREAS

ANATOMY = Path(__file__).resolve().parents[2] / "tp_explorer" / "anatomy"
MODULES = sorted(ANATOMY.rglob("*.py"))
AREA_RULES = ANATOMY / "derive" / "areas.py"
FINE_RULES = tuple(sorted((ANATOMY / "derive").glob("fine_*.py")))  # split areas by name
BONE_WORDS = {"lumbar"}  # also the prefix of the lumbar vertebrae's ids (lumbar_1 ... lumbar_5)


def _strings(tree: ast.AST) -> set[str]:
    """String constants, docstrings left out."""
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ANATOMY)))
def test_only_the_shared_rules_name_body_areas(path: Path) -> None:
    named = _strings(ast.parse(path.read_text(encoding="utf-8"))) & set(BODY_AREAS)
    if path == AREA_RULES:
        assert named == set(BODY_AREAS)  # every area has its rule here
    elif path not in FINE_RULES:
        named -= BONE_WORDS
        assert not named, f"{path.relative_to(ANATOMY)} names body areas {sorted(named)}"


def test_each_area_is_split_by_one_fine_rule_module() -> None:
    """The fine map's rule modules (one per body segment) split every area, each in one."""
    named = [
        _strings(ast.parse(path.read_text(encoding="utf-8"))) & set(BODY_AREAS)
        for path in FINE_RULES
    ]
    assert set().union(*named) == set(BODY_AREAS)
    assert sum(len(n) for n in named) == len(BODY_AREAS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ANATOMY)))
def test_no_private_name_is_imported(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tp_explorer")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private
