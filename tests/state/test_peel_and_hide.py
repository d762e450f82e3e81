"""Peel depth, hidden and isolated structures travel in the state and the Highlight."""

from __future__ import annotations

import pytest

from tp_explorer.state import AppState, Selection, make_highlight, peeled_muscles


def test_peel_removes_every_muscle_above_the_depth(knowledge) -> None:
    depth = {
        ("gluteus_maximus", "right"): 0,
        ("gluteus_medius", "right"): 1,
        ("piriformis", "right"): 2,
    }
    assert peeled_muscles(depth, 0) == frozenset()
    assert peeled_muscles(depth, 1) == {("gluteus_maximus", "right")}
    assert peeled_muscles(depth, 2) == {("gluteus_maximus", "right"), ("gluteus_medius", "right")}
    h = make_highlight(Selection(site="pelvis", peel=1), knowledge, depth)
    assert h.peel == 1 and h.peeled == {("gluteus_maximus", "right")}
    assert not h.shows(("muscle", "gluteus_maximus", "right"))
    assert h.shows(("muscle", "gluteus_medius", "right"))
    # a peeled muscle keeps its role (the legend is right) but loses its label and markers
    assert h.muscles[("gluteus_maximus", "right")] in {"local", "regional"}
    assert all((lb.mesh, lb.side) != ("gluteus_maximus", "right") for lb in h.labels)
    assert all((m.mesh, m.side) != ("gluteus_maximus", "right") for m in h.markers)


def test_hidden_and_isolated_structures(knowledge) -> None:
    hidden = frozenset({("muscle", "soleus", "left"), ("bone", "left", "")})
    h = make_highlight(Selection(site="ankle_foot", hidden=hidden), knowledge)
    assert not h.shows(("muscle", "soleus", "left")) and not h.shows(("bone", "left", ""))
    assert h.shows(("muscle", "soleus", "right"))
    only = frozenset({("muscle", "soleus", "right")})
    h = make_highlight(Selection(site="ankle_foot", isolated=only), knowledge)
    assert h.shows(("muscle", "soleus", "right"))
    assert not h.shows(("muscle", "tibialis_anterior", "right"))
    assert not h.shows(("bone", "midline", ""))


def test_state_validates_the_new_fields() -> None:
    state = AppState()
    assert state.update(peel=2) == {"peel"} and state.peel == 2
    with pytest.raises(ValueError):
        state.update(peel=-1)
    with pytest.raises(ValueError):
        state.update(hidden=frozenset({("organ", "liver", "")}))
    with pytest.raises(TypeError):
        state.update(isolated={("muscle", "soleus", "left")})
