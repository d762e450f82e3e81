"""The shipped regions.yaml: complete and faithful to the shared reference facts."""

from __future__ import annotations

import re

import pytest

from tp_explorer.knowledge import Knowledge
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS

from .conftest import REGIONS

# Every row of the reference fact table, and every muscle the article names, by the mesh
# that stands for it.
FACT_TABLE_MESHES = {
    "gastrocnemius": "gastrocnemius_medial",
    "soleus": "soleus",
    "tibialis posterior": "tibialis_posterior",
    "tibialis anterior": "tibialis_anterior",
    "fibularis longus": "fibularis_longus",
    "fibularis brevis": "fibularis_brevis",
    "extensor digitorum longus": "extensor_digitorum_longus",
    "extensor hallucis longus": "extensor_hallucis_longus",
    "flexor digitorum longus": "flexor_digitorum_longus",
    "flexor hallucis longus": "flexor_hallucis_longus",
    "abductor hallucis": "abductor_hallucis",
    "quadratus plantae": "quadratus_plantae",
    "flexor digitorum brevis": "flexor_digitorum_brevis",
    "biceps femoris": "biceps_femoris",
    "semitendinosus": "semitendinosus",
    "semimembranosus": "semimembranosus",
    "rectus femoris": "rectus_femoris",
    "vastus medialis": "vastus_medialis",
    "vastus lateralis": "vastus_lateralis",
    "vastus intermedius": "vastus_intermedius",
    "adductor longus": "adductor_longus",
    "adductor brevis": "adductor_brevis",
    "adductor magnus": "adductor_magnus",
    "gracilis": "gracilis",
    "sartorius": "sartorius",
    "tensor fasciae latae": "tensor_fasciae_latae",
    "gluteus maximus": "gluteus_maximus",
    "gluteus medius": "gluteus_medius",
    "gluteus minimus": "gluteus_minimus",
    "piriformis": "piriformis",
    "obturator internus": "obturator_internus",
    "levator ani": "levator_ani",
    "iliacus": "iliacus",
    "psoas": "psoas_major",
    "quadratus lumborum": "quadratus_lumborum",
    "iliocostalis": "iliocostalis",
    "longissimus": "longissimus",
    "multifidus": "multifidus",
}


def owner(kb: Knowledge, mesh: str):
    return next(m for m in kb.muscles.values() if mesh in m.meshes)


def test_counts(kb: Knowledge) -> None:
    assert list(kb.sites) == ["ankle_foot", "lower_leg", "knee", "hip", "pelvis", "lower_back"]
    assert sorted(s.article_reference for s in kb.studies.values() if s.article_reference) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


@pytest.mark.parametrize("muscle,mesh", sorted(FACT_TABLE_MESHES.items()))
def test_every_reference_muscle_has_trigger_points_and_zones(kb: Knowledge, muscle, mesh) -> None:
    m = owner(kb, mesh)
    assert m.trigger_points and m.essential and m.precautions and m.sources and m.complaints
    assert all(tp.mesh in m.meshes and 0 <= tp.along <= 1 for tp in m.trigger_points)


def test_all_meshes_used_once(kb: Knowledge) -> None:
    used = [mesh for m in kb.muscles.values() for mesh in m.meshes]
    assert sorted(used) == sorted(MESH_IDS)


# Areas that are only ever a referral target: no pain site of the clinic's article covers them.
REFERRAL_ONLY_AREAS = {"upper_abdomen"}


def test_every_body_area_belongs_to_a_site(kb: Knowledge) -> None:
    for area in BODY_AREAS:
        if area in REFERRAL_ONLY_AREAS:
            assert not kb.sites_for_area(area) and kb.muscles_referring_to(area), area
        else:
            assert kb.sites_for_area(area), area


def test_synonyms_named_in_the_issue(kb: Knowledge) -> None:
    assert "peroneus longus" in kb.muscles["fibularis_longus"].synonyms
    assert "glute med" in kb.muscles["gluteus_medius"].synonyms


def test_pelvic_floor_needling_restricted_to_trained_therapists(kb: Knowledge) -> None:
    for mid in ("levator_ani", "obturator_internus"):
        text = " ".join(kb.muscles[mid].precautions).lower()
        assert "pelvic-health training" in text, mid


@pytest.mark.parametrize(
    "muscle,structure",
    [
        ("piriformis", "sciatic nerve"),
        ("tibialis_posterior", "tibial nerve"),
        ("tibialis_posterior", "posterior tibial artery"),
        ("fibularis_longus", "common fibular nerve"),
    ],
)
def test_named_needling_precautions(kb: Knowledge, muscle, structure) -> None:
    assert structure in " ".join(kb.muscles[muscle].precautions)


def test_not_confirmed_locations_say_so(kb: Knowledge) -> None:
    # The fact table has no readable trigger-point site for these muscles.
    for mid in (
        "tibialis_posterior",
        "fibularis_longus",
        "extensor_hallucis_longus",
        "gracilis",
        "piriformis",
        "vastus_medialis",
        "abductor_hallucis",
    ):
        assert all(
            "not confirmed" in tp.location.lower() for tp in kb.muscles[mid].trigger_points
        ), mid


def test_studies_are_the_corrected_citations(kb: Knowledge) -> None:
    s = kb.studies
    assert s["cotchett_2014"].citation.journal == "Physical Therapy"
    assert s["cotchett_2014"].sample_size == 84
    h = s["hsieh_2007"]
    assert (h.citation.year, h.citation.volume, h.citation.pages) == (2007, "86", "397–403")
    assert h.citation.doi is None and {"doi", "issue"} <= set(h.unverified)
    cited = h.citation.format(h.unverified)  # issue 25: unconfirmed details are left out
    assert "doi" not in cited and "not confirmed" not in cited and "2007;86:397–403" in cited
    assert s["hsieh_2011"].article_reference is None and s["hsieh_2011"].sample_size == 96
    assert "knee" in s["dunning_2018"].citation.title and s["dunning_2018"].sample_size == 242
    assert s["george_2018"].citation.doi == "10.1097/JWH.0000000000000093"
    assert "volume" in s["george_2018"].unverified and s["george_2018"].sample_size == 2
    assert s["perreault_2022"].citation.doi == "10.3390/jcm11206039"
    assert len(s["perreault_2022"].citation.authors) == 6
    assert "doi" in s["gattie_2017"].unverified
    assert "knee, not the hip" in s["dunning_2018"].actual_finding


def test_sites_link_the_studies_the_article_cites(kb: Knowledge) -> None:
    cited = {k: kb.study_for(k).id for k in kb.sites}
    assert cited == {
        "ankle_foot": "cotchett_2014",
        "lower_leg": "gattie_2017",
        "knee": "dunning_2018",
        "hip": "dunning_2018",
        "pelvis": "george_2018",
        "lower_back": "gattie_2017",
    }


def test_needled_muscles_link_their_studies(kb: Knowledge) -> None:
    ids = lambda m: {s.id for s in kb.muscles[m].studies}  # noqa: E731
    assert "george_2018" in ids("obturator_internus") and "george_2018" in ids("levator_ani")
    assert "hsieh_2011" in ids("gastrocnemius") and "cotchett_2014" in ids("soleus")
    assert not ids("biceps_femoris")  # measured in the rabbit study, not needled


def test_estim_marked_where_the_article_applies_it(kb: Knowledge) -> None:
    marked = {k: [s.id for s in v.estim.studies] for k, v in kb.sites.items() if v.estim}
    assert marked == {
        "knee": ["dunning_2018"],
        "hip": ["dunning_2018"],
        "pelvis": ["perreault_2022"],
        "lower_back": ["perreault_2022"],
    }
    assert kb.adjunct.study.id == "perreault_2022"


def test_pelvis_chain_holds_the_articles_distal_muscles(kb: Knowledge) -> None:
    regional = {ln.muscle.id for ln in kb.chain_for("pelvis") if ln.role == "regional"}
    assert {
        "gastrocnemius",
        "soleus",
        "adductor_magnus",
        "rectus_femoris",
        "abductor_hallucis",
        "quadratus_plantae",
    } <= regional


def test_model_is_called_debated_and_no_link_says_causes(kb: Knowledge) -> None:
    assert "debated" in kb.model_note and "not a diagnosis" in kb.disclaimer
    for site in kb.sites.values():
        assert "debated" in site.explanation
    text = REGIONS.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"\bcaus(e|es|ed|ing)\b", body, re.IGNORECASE)
