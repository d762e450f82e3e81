"""Issue 25, clinical safety second pass, through the shipped file and the command line:
who must not be needled (patient precautions), urgency that matches the danger, the missing
warning signs, complaints that are really warning signs, acute injuries assessed first, the
search that finds the warning signs, and citations that say only what was confirmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tp_explorer.cli import main
from tp_explorer.knowledge import Knowledge, KnowledgeError, RedFlag, load_knowledge

from .conftest import REGIONS

# The words each urgency's action must carry: the patient view shows no urgency label.
TIMEFRAME = {
    "emergency": ("now",),
    "same_day": ("today",),
    "soon": ("within days",),
    "before_treatment": ("before any needling", "before any trigger-point treatment"),
}
NEEDLING = {
    "bleeding_risk",
    "pregnancy",
    "lymphoedema",
    "infection_or_low_immunity",
    "needle_fear_or_fainting",
    "metal_allergy",
    "internal_treatment_consent",
}
STIMULATION = {
    "implanted_device",
    "pregnancy_stimulation",
    "heart_condition",
    "skin_under_electrodes",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def _flag(kb: Knowledge, site: str, flag_id: str) -> RedFlag:
    return next(f for f in kb.red_flags_for(site) if f.id == flag_id)


# ---- 1. patient precautions
def test_the_precautions_cover_needling_and_stimulation_each_with_a_source(kb: Knowledge) -> None:
    by_kind: dict[str, set[str]] = {}
    for p in kb.patient_precautions:
        by_kind.setdefault(p.applies_to, set()).add(p.id)
        assert p.sign and p.action and p.source, p.id
    assert by_kind == {"needling": NEEDLING, "electrical_stimulation": STIMULATION}


def test_chain_json_carries_the_precautions_needling_first(capsys) -> None:
    code, out = run(capsys, "chain", "pelvis", "--json")
    precautions = json.loads(out)["precautions"]
    assert code == 0 and {p["id"] for p in precautions} == NEEDLING | STIMULATION
    kinds = [p["applies_to"] for p in precautions]
    assert kinds == sorted(kinds, key=("needling", "electrical_stimulation").index)
    assert all({"sign", "action", "source", "sites"} <= set(p) for p in precautions)
    text = next(p for p in precautions if p["id"] == "internal_treatment_consent")["action"]
    assert "consent" in text and "chaperone" in text
    _, out = run(capsys, "chain", "knee", "--json")
    ids = {p["id"] for p in json.loads(out)["precautions"]}
    assert "internal_treatment_consent" not in ids and "pregnancy" in ids  # pelvis only
    _, out = run(capsys, "chain", "knee")
    assert "Before any needling or electrical stimulation, ask about:" in out
    assert "[electrical_stimulation] You have a pacemaker" in out


def test_a_precaution_naming_an_unknown_site_is_refused(tmp_path: Path) -> None:
    text = REGIONS.read_text(encoding="utf-8")
    old = "    sites: [pelvis]\n"
    assert text.count(old) == 1
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, "    sites: [shoulder]\n"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown site 'shoulder'"):
        load_knowledge(path)


# ---- 2. urgency that matches the danger, each action with its own timeframe
def test_every_red_flag_action_names_its_timeframe(kb: Knowledge) -> None:
    for site in kb.sites.values():
        for flag in site.red_flags:
            words = TIMEFRAME[flag.urgency]
            assert any(w in flag.action for w in words), (site.id, flag.id, flag.action)


@pytest.mark.parametrize(
    ("site", "flag", "urgency"),
    [
        ("hip", "possible_hip_fracture", "emergency"),
        ("hip", "cauda_equina", "emergency"),
        ("hip", "worsening_weakness", "same_day"),
        ("knee", "locking_or_giving_way", "same_day"),
        ("ankle_foot", "limb_threatening_diabetic_foot", "emergency"),
        ("lower_leg", "sudden_cold_leg", "emergency"),
        ("pelvis", "pregnancy_emergency", "emergency"),
        ("knee", "cancer_new_nerve_symptoms", "same_day"),
    ],
)
def test_urgency_matches_the_danger(kb: Knowledge, site: str, flag: str, urgency: str) -> None:
    assert _flag(kb, site, flag).urgency == urgency


def test_the_signs_name_what_the_issue_found_missing(kb: Knowledge) -> None:
    for site in ("lower_leg", "knee"):
        action = _flag(kb, site, "deep_vein_thrombosis").action
        assert "breathless" in action and "cough up blood" in action and "ambulance now" in action
    knee = _flag(kb, "knee", "possible_fracture").sign
    assert "55 or over" in knee and "below the outer knee" in knee and "four steps" in knee
    foot = _flag(kb, "ankle_foot", "limb_threatening_diabetic_foot").sign
    assert all(w in foot for w in ("fever", "cold", "pale", "black"))
    cold = _flag(kb, "lower_leg", "sudden_cold_leg").sign
    assert all(w in cold for w in ("suddenly", "cold", "pale", "numb"))
    pregnancy = _flag(kb, "pelvis", "pregnancy_emergency").sign
    assert "fainting" in pregnancy and "tip of a shoulder" in pregnancy
    assert "weakness" not in _flag(kb, "hip", "nerve_root_pain").sign  # weakness: same day


@pytest.mark.parametrize(
    ("flag", "sites"),
    [
        ("aortic_aneurysm", ("lower_back",)),
        ("inflammatory_back_pain", ("lower_back",)),
        ("spinal_infection", ("lower_back",)),
        ("testicular_torsion", ("pelvis", "lower_back")),
        ("acute_abdomen", ("pelvis",)),
        ("foot_drop", ("lower_leg", "ankle_foot")),
    ],
)
def test_the_missing_flags_are_there(kb: Knowledge, flag: str, sites: tuple[str, ...]) -> None:
    for site in sites:
        assert flag in {f.id for f in kb.red_flags_for(site)}, site


# ---- 4. complaints that are really warning signs point at the warning sign
@pytest.mark.parametrize(
    ("muscle", "word"),
    [
        ("tibialis_anterior", "foot drop"),
        ("extensor_digitorum_longus", "numbness"),
        ("extensor_hallucis_longus", "foot drop"),
        ("vastus_lateralis", "locks"),
        ("levator_ani", "urine"),
        ("soleus", "swollen foot"),
        ("iliopsoas", "appendicitis"),
    ],
)
def test_warning_sign_complaints_say_rule_out_first(kb: Knowledge, muscle: str, word: str) -> None:
    complaints = kb.muscles[muscle].complaints
    hits = [c for c in complaints if word in c]
    assert hits, complaints
    assert all("rule out" in c.casefold() and "warning sign" in c for c in hits), hits


# ---- 5. acute injuries: assess first, never a condition to needle in the acute phase
def test_acute_injuries_are_assessed_first_and_not_offered_as_acute_conditions(
    kb: Knowledge,
) -> None:
    names = {c.id: c.name for s in kb.sites.values() for c in s.conditions}
    assert names["ankle_sprain"].endswith("after the acute phase")
    assert names["calf_strain"].endswith("after the acute phase")
    fresh = _flag(kb, "ankle_foot", "fresh_injury")
    assert "ankle_sprain" in fresh.conditions and "before any needling" in fresh.action


@pytest.mark.parametrize(
    ("query", "flag", "site"),
    [
        ("broken ankle", "possible_fracture", "ankle_foot"),
        ("sprained ankle", "fresh_injury", "ankle_foot"),
        ("cauda equina", "cauda_equina", None),
        ("broken hip", "possible_hip_fracture", "hip"),
        ("pulled calf", "calf_tear", "lower_leg"),
        ("testicle pain", "testicular_torsion", None),
        ("foot drop", None, None),
    ],
)
def test_search_finds_the_warning_sign_first(
    capsys, query: str, flag: str | None, site: str | None
) -> None:
    code, out = run(capsys, "search", *query.split(), "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["kind"] == "red_flag", hits[:2]
    assert {"kind", "id", "label", "site", "score", "urgency", "action"} <= set(hits[0])
    if flag is not None:
        assert hits[0]["id"] == flag
    if site is not None:
        assert hits[0]["site"] == site


def test_search_names_every_kind_and_keeps_conditions_for_ordinary_words(capsys) -> None:
    _, out = run(capsys, "search", "plantar", "fasciitis", "--json")
    assert json.loads(out)[0] == {
        **json.loads(out)[0],
        "kind": "condition",
        "id": "plantar_heel_pain",
    }
    _, out = run(capsys, "search", "soleus")
    assert "muscle" in out.splitlines()[1] and "soleus" in out
    _, out = run(capsys, "search", "pelvis", "--json")
    assert json.loads(out)[0]["kind"] == "site"


# ---- 6. citations that say only what was checked
def test_citations_were_corrected(kb: Knowledge) -> None:
    compartment = _flag(kb, "lower_leg", "acute_compartment_syndrome").source
    assert "BOAST 10" in compartment and "(2014)" in compartment and "2016" not in compartment
    for site in ("lower_back", "pelvis", "hip"):
        source = _flag(kb, site, "cauda_equina").source
        assert "NG59" not in source and "GIRFT" in source
        assert "50(7):350-372" in source and "10.2519/jospt.2020.9971" in source
    for site in kb.sites.values():
        for flag in site.red_flags:
            assert "updated" not in flag.source, (site.id, flag.id)
    organ = next(c for c in kb.needle_cautions if c.kind == "organ").source
    assert "part two" in organ and "2016;11(5):810-819" in organ
    george = kb.studies["george_2018"]
    assert "[unverified]" not in george.citation.format(george.unverified)


def test_no_textbook_chapter_title_is_cited(kb: Knowledge) -> None:
    """The chapter titles given after the textbooks could not be confirmed: dropped."""
    for site in kb.sites.values():
        for flag in site.red_flags:
            for book_end in ("Elsevier 2018", "McGraw-Hill 2017"):
                after = flag.source.partition(book_end)[2].lstrip()
                assert not after.startswith("("), (site.id, flag.id, flag.source)


def test_emergency_words_list_the_emergencies_first(capsys) -> None:
    _, out = run(capsys, "search", "emergency", "--json")
    hits = json.loads(out)
    urgencies = [h["urgency"] for h in hits if h["kind"] == "red_flag"]
    assert hits[0]["kind"] == "red_flag" and urgencies[:6] == ["emergency"] * 6
    _, out = run(capsys, "search", "chest", "pain", "--json")
    assert json.loads(out)[0]["id"] == "deep_vein_thrombosis"  # the clot reaching the lungs
