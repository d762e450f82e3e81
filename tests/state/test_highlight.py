"""The pure selection -> Highlight function, on the real knowledge file."""

from __future__ import annotations

import pytest

from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, fine_area, group_of
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


def test_zones_are_the_local_muscles_essential_areas(knowledge) -> None:
    """A site's overview: its local muscles' essential zones only; spillover waits for a focus."""
    site = "lower_leg"
    h = make_highlight(Selection(site=site), knowledge)
    chain = [link for link in knowledge.chain_for(site) if link.role == "local"]
    essential = {a for link in chain for a in link.muscle.essential}
    assert {a for (a, _s), k in h.zone_groups.items()} == essential
    fine_essential = {a for link in chain for a in link.muscle.essential_areas}
    assert set(h.zones.values()) == {"essential"}
    assert {a for (a, _s) in h.zones} == fine_essential
    soleus = make_highlight(Selection(site=site, focus="soleus"), knowledge)
    assert "spillover" in set(soleus.zones.values())


def test_every_site_paints_fine_areas_and_their_groups(knowledge) -> None:
    for site in knowledge.sites:
        h = make_highlight(Selection(site=site), knowledge)
        assert h.zones and all(a in FINE_AREA_IDS for a, _s in h.zones), site
        for (area, side), kind in h.zones.items():
            assert (side == "mid") == (not fine_area(area).sided), (site, area, side)
            if kind == "essential":
                sides = ("left", "right") if side == "mid" else (side,)
                assert any(h.zone_groups.get((group_of(area), s)) == "essential" for s in sides)
        assert {s for _a, s in h.zone_groups} <= {"left", "right"}


def test_side_filter_keeps_one_side(knowledge) -> None:
    h = make_highlight(Selection(site="hip", side="left"), knowledge)
    assert h.sides == ("left",)
    assert {s for _m, s in h.muscles} == {"left"}
    assert {s for _a, s in h.zones} <= {"left", "mid"}  # a midline area is one patch
    assert {s for _a, s in h.zone_groups} == {"left"}


def test_focus_shows_only_its_own_zones_and_markers(knowledge) -> None:
    soleus = knowledge.muscles["soleus"]
    h = make_highlight(Selection(site="ankle_foot", focus="soleus"), knowledge)
    assert {a for a, _s in h.zone_groups} == set(soleus.essential) | set(soleus.spillover)
    assert {a for a, _s in h.zones} == set(soleus.essential_areas) | set(soleus.spillover_areas)
    assert {m.muscle for m in h.markers} == {"soleus"}
    assert all(h.muscles[(mesh, "right")] == "focus" for mesh in soleus.meshes)
    assert h.point is None


def test_a_focused_trigger_point_shows_only_its_own_chart(knowledge) -> None:
    soleus = knowledge.muscles["soleus"]
    distal = soleus.trigger_point("distal").referral
    h = make_highlight(Selection(site="ankle_foot", focus="soleus", point="distal"), knowledge)
    assert h.point == ("soleus", "distal")
    assert {a for a, _s in h.zones} == set(distal.essential) | set(distal.spillover)
    assert {a for (a, _s), k in h.zones.items() if k == "essential"} == set(distal.essential)
    assert "leg_mid_posteromedial" not in {a for a, _s in h.zones}  # the upper point's calf
    assert {m.tp for m in h.markers} == {tp.id for tp in soleus.trigger_points}  # all marked
    whole = make_highlight(Selection(focus="soleus"), knowledge)
    assert set(h.zones) < set(whole.zones)


def test_a_point_of_another_muscle_is_not_a_filter(knowledge) -> None:
    h = make_highlight(Selection(focus="soleus", point="medial_head"), knowledge)
    assert h.point is None
    assert h.zones == make_highlight(Selection(focus="soleus"), knowledge).zones


def test_a_midline_area_is_one_patch_on_side_mid(knowledge) -> None:
    h = make_highlight(Selection(focus="gluteus_maximus", point="trp3_coccygeal"), knowledge)
    assert h.zones == {("coccyx", "mid"): "essential"}
    assert h.zone_groups == {
        ("sacrum_coccyx", "left"): "essential",
        ("sacrum_coccyx", "right"): "essential",
    }


def test_focusing_another_muscle_drops_the_focused_point() -> None:
    state = AppState()
    seen = []
    state.changed.connect(seen.append)
    state.update(site="ankle_foot", focus="soleus", point="distal")
    assert state.focused_point == "distal"
    state.update(focus="gastrocnemius")
    assert state.focused_point is None and seen[-1] == frozenset({"focus", "point"})
    state.update(point="medial_head")
    assert state.focused_point == "medial_head" and seen[-1] == frozenset({"point"})
    with pytest.raises(ValueError, match="needs its muscle"):
        state.update(focus=None, point="distal")


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


def test_a_site_marks_every_chain_point_but_paints_distal_charts_only_in_focus(knowledge) -> None:
    """The overview paints the local muscles' charts; a distal muscle's chart waits for its focus
    (the union of every chart covered most of the legs), while all points stay marked."""
    site = "lower_back"
    h = make_highlight(Selection(site=site), knowledge)
    regional = [link.muscle for link in knowledge.chain_for(site) if link.role == "regional"]
    local = {
        a
        for link in knowledge.chain_for(site)
        if link.role == "local"
        for a in link.muscle.essential_areas
    }
    assert regional and local
    marked = {m.muscle for m in h.markers}
    assert {m.id for m in regional} <= marked
    painted = {a for a, _s in h.zones}
    assert local <= painted
    for muscle in regional:
        only_distal = set(muscle.essential_areas) - painted
        focused = make_highlight(Selection(site=site, focus=muscle.id), knowledge)
        assert only_distal <= {a for a, _s in focused.zones}
    assert any(set(m.essential_areas) - painted for m in regional)
