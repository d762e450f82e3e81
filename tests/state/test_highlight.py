"""The pure selection -> Highlight function, on the real knowledge file."""

from __future__ import annotations

import pytest

from tp_explorer.state import AppState, Selection, make_highlight


def chain_meshes(knowledge, site, sides=("left", "right")):
    return {
        (mesh, side)
        for link in knowledge.chain_for(site, "both")
        for side in sides
        if side in link.sides
        for mesh in link.muscle.meshes
    }


def test_each_site_highlights_exactly_its_chain(knowledge) -> None:
    for site in knowledge.sites:
        h = make_highlight(Selection(site=site), knowledge)
        assert set(h.muscles) == chain_meshes(knowledge, site), site
        local = {
            (m, s)
            for link in knowledge.chain_for(site)
            if link.role == "local"
            for m in link.muscle.meshes
            for s in link.sides
        }
        assert {k for k, role in h.muscles.items() if role == "local"} == local
        assert h.ghost_others


def test_zones_are_the_chains_referral_areas(knowledge) -> None:
    site = "lower_leg"
    h = make_highlight(Selection(site=site), knowledge)
    essential = {a for link in knowledge.chain_for(site) for a in link.muscle.essential}
    spill = {a for link in knowledge.chain_for(site) for a in link.muscle.spillover}
    assert {a for (a, _s), k in h.zones.items() if k == "essential"} == essential
    assert {a for (a, _s), k in h.zones.items() if k == "spillover"} == spill - essential


def test_side_filter_keeps_one_side(knowledge) -> None:
    h = make_highlight(Selection(site="hip", side="left"), knowledge)
    assert h.sides == ("left",)
    assert {s for _m, s in h.muscles} == {"left"}
    assert {s for _a, s in h.zones} == {"left"}


def test_focus_shows_only_its_own_zones_and_markers(knowledge) -> None:
    soleus = knowledge.muscles["soleus"]
    h = make_highlight(Selection(site="ankle_foot", focus="soleus"), knowledge)
    assert {a for a, _s in h.zones} == set(soleus.essential) | set(soleus.spillover)
    assert {m.muscle for m in h.markers} == {"soleus"}
    assert all(h.muscles[(mesh, "right")] == "focus" for mesh in soleus.meshes)


def test_nothing_selected_paints_nothing(knowledge) -> None:
    h = make_highlight(Selection(), knowledge)
    assert not h.muscles and not h.zones and not h.markers and not h.ghost_others


def test_state_emits_once_with_changed_names() -> None:
    state = AppState()
    seen = []
    state.changed.connect(seen.append)
    state.update(site="hip", focus=None)
    state.update(site="hip")
    assert seen == [frozenset({"site"})]
    with pytest.raises(ValueError):
        state.update(side="middle")
