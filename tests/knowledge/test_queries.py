"""Queries the window and command line use."""

from __future__ import annotations

import pytest

from tp_explorer.errors import InputError
from tp_explorer.knowledge import Knowledge, UnknownNameError


def test_chain_for_local_first_and_sides(kb: Knowledge) -> None:
    links = kb.chain_for("ankle_foot", "left")
    roles = [ln.role for ln in links]
    assert roles == sorted(roles, key=lambda r: r != "local")
    assert all(ln.sides == ("left",) for ln in links)
    assert all(ln.sides == ("left", "right") for ln in kb.chain_for("ankle_foot"))
    assert links[0].muscle.id == "quadratus_plantae" and links[0].reason


def test_chain_for_unknown_site_and_side(kb: Knowledge) -> None:
    with pytest.raises(UnknownNameError, match="valid sites: ankle_foot"):
        kb.chain_for("elbow")
    with pytest.raises(InputError, match="valid sides"):
        kb.chain_for("hip", "middle")


def test_muscles_referring_to_marks_zones(kb: Knowledge) -> None:
    refs = {r.muscle.id: r.zone for r in kb.muscles_referring_to("heel")}
    assert refs["soleus"] == "essential" and refs["quadratus_plantae"] == "essential"
    assert refs["tibialis_posterior"] == "spillover"
    zones = [r.zone for r in kb.muscles_referring_to("heel")]
    assert zones == sorted(zones)  # essential before spillover
    with pytest.raises(UnknownNameError, match="valid areas"):
        kb.muscles_referring_to("elbow")


def test_muscles_referring_to_takes_a_fine_area_or_a_group(kb: Knowledge) -> None:
    under_heel = {r.muscle.id: r.zone for r in kb.muscles_referring_to("heel_plantar")}
    assert under_heel["quadratus_plantae"] == "essential"
    assert "abductor_hallucis" not in under_heel  # its heel zone is the inner side
    assert {r.muscle.id for r in kb.muscles_referring_to("heel")} >= set(under_heel)


def test_points_referring_to_ranks_essential_then_sources_then_name(kb: Knowledge) -> None:
    hits = kb.points_referring_to("heel")
    assert hits and all(h.muscle.trigger_point(h.point.id) == h.point for h in hits)
    keys = [(h.zone != "essential", -h.source_count, h.muscle.name.casefold()) for h in hits]
    assert keys == sorted(keys)
    essential = {(h.muscle.id, h.point.id) for h in hits if h.zone == "essential"}
    assert {("soleus", "distal"), ("quadratus_plantae", "front_of_heel")} <= essential
    assert ("abductor_hallucis", "belly") in essential
    assert ("tibialis_posterior", "belly") in {
        (h.muscle.id, h.point.id) for h in hits if h.zone == "spillover"
    }
    # only the soleus point that refers to the heel answers, not the muscle's others
    assert {h.point.id for h in hits if h.muscle.id == "soleus"} == {"distal"}
    for h in hits:
        assert h.areas and set(h.areas) <= {"heel_plantar", "heel_posterior", "heel_lateral",
                                            "heel_medial"}  # fmt: skip


def test_points_referring_to_a_fine_area_and_the_group_of_the_same_name(kb: Knowledge) -> None:
    group = {(h.muscle.id, h.point.id) for h in kb.points_referring_to("groin")}
    exact = {(h.muscle.id, h.point.id) for h in kb.points_referring_to("groin", exact=True)}
    assert exact and exact <= group
    front_of_hip = {(h.muscle.id, h.point.id) for h in kb.points_referring_to("hip_anterior")}
    assert front_of_hip <= group and front_of_hip - exact  # the group holds the front of the hip
    with pytest.raises(UnknownNameError, match="valid areas"):
        kb.points_referring_to("elbow")


def test_midline_areas_are_answered(kb: Knowledge) -> None:
    tailbone = {(h.muscle.id, h.point.id) for h in kb.points_referring_to("coccyx")}
    assert ("gluteus_maximus", "trp3_coccygeal") in tailbone
    assert ("multifidus", "s1") in tailbone


def test_study_for(kb: Knowledge) -> None:
    assert kb.study_for("pelvis").id == "george_2018"
    with pytest.raises(UnknownNameError):
        kb.study_for("shoulder")


def test_sites_for_area(kb: Knowledge) -> None:
    assert [s.id for s in kb.sites_for_area("heel")] == ["ankle_foot"]
    assert {s.id for s in kb.sites_for_area("buttock")} == {"hip", "pelvis"}
    assert kb.sites_for_area("buttock_lower") == kb.sites_for_area("buttock")  # its group's
    with pytest.raises(UnknownNameError):
        kb.sites_for_area("nose")


@pytest.mark.parametrize(
    "query,kind,expected",
    [
        ("peronues", "muscle", "fibularis_longus"),
        ("peroneus longus", "muscle", "fibularis_longus"),
        ("shin splint", "condition", "shin_splints"),
        ("glute med", "muscle", "gluteus_medius"),
        ("plantar fascitis", "condition", "plantar_heel_pain"),
        ("medial tibial stress", "condition", "shin_splints"),
        ("Piriformis", "muscle", "piriformis"),
        ("lower back", "site", "lower_back"),
        ("gastrocnemous", "muscle", "gastrocnemius"),
    ],
)
def test_search_is_typo_tolerant(kb: Knowledge, query, kind, expected) -> None:
    hits = kb.search(query)
    assert hits, query
    assert (hits[0].kind, hits[0].id) == (kind, expected), hits[:3]


def test_search_condition_hit_names_its_site(kb: Knowledge) -> None:
    hit = kb.search("piriformis syndrome")[0]
    assert (hit.kind, hit.site_id) == ("condition", "hip")


def test_search_nothing_for_nonsense_or_empty(kb: Knowledge) -> None:
    assert kb.search("xqzv") == ()
    assert kb.search("   ") == ()
    assert len(kb.search("muscle", limit=2)) <= 2


def test_knowledge_layer_is_pure_python() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tp_explorer.knowledge as k; k.load_knowledge(); "
        "bad = {'numpy', 'PySide6', 'pyvista', 'vtk', 'vtkmodules'} & set(sys.modules); "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
