"""Red flags: every site has them, each is complete and sourced, and they are validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tp_explorer.cli import main
from tp_explorer.knowledge import Knowledge, KnowledgeError, load_knowledge
from tp_explorer.knowledge.model import URGENCIES

from .conftest import MINIMAL


def test_every_site_has_sourced_plain_red_flags(kb: Knowledge) -> None:
    for site in kb.sites.values():
        own = [f for f in site.red_flags if f not in kb.general_red_flags]
        assert own, site.id
        for flag in kb.red_flags_for(site.id):
            assert flag.sign and flag.action and flag.source, flag.id
            assert len(flag.sign) <= 200 and flag.urgency in URGENCIES
            assert any(ch.isdigit() for ch in flag.source), flag.source  # a dated guideline


def test_red_flags_come_most_urgent_first_with_the_general_ones(kb: Knowledge) -> None:
    flags = kb.red_flags_for("lower_leg")
    assert [URGENCIES.index(f.urgency) for f in flags] == sorted(
        URGENCIES.index(f.urgency) for f in flags
    )
    assert flags[0].id == "acute_compartment_syndrome"
    assert set(kb.general_red_flags) <= set(flags)


@pytest.mark.parametrize(
    ("site", "flag"),
    [
        ("lower_leg", "deep_vein_thrombosis"),
        ("lower_leg", "acute_compartment_syndrome"),
        ("lower_back", "cauda_equina"),
        ("ankle_foot", "possible_fracture"),
        ("knee", "hot_swollen_joint"),
        ("pelvis", "pregnancy"),
    ],
)
def test_the_red_flags_the_issue_names(kb: Knowledge, site: str, flag: str) -> None:
    assert flag in {f.id for f in kb.red_flags_for(site)}


def test_acute_compartment_syndrome_is_an_emergency_unlike_the_exertional_kind(
    kb: Knowledge,
) -> None:
    flag = next(f for f in kb.red_flags_for("lower_leg") if f.id == "acute_compartment_syndrome")
    assert flag.urgency == "emergency" and "exercise" in flag.action
    assert flag.conditions == ("exertional_compartment_syndrome",)


@pytest.mark.parametrize(
    ("word", "site"),
    [
        ("sciatica", "lower_back"),
        ("tennis leg", "lower_leg"),
        ("calf tear", "lower_leg"),
        ("compartment syndrome", "lower_leg"),
    ],
)
def test_words_for_another_diagnosis_land_on_the_site_with_its_warning(
    kb: Knowledge, word: str, site: str
) -> None:
    for s in kb.sites.values():
        for c in s.conditions:
            assert word not in {x.casefold() for x in (c.name, *c.synonyms)}, (s.id, c.id)
    first = kb.search(word)[0]
    assert first.site_id == site and "warning signs" in first.label


def _minimal_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_red_flag_without_a_source_is_refused(tmp_path: Path) -> None:
    path = _minimal_with(tmp_path, "        source: A guideline.\n", "")
    with pytest.raises(KnowledgeError, match="missing required key 'source' in a red flag"):
        load_knowledge(path)


def test_a_site_without_red_flags_is_refused(tmp_path: Path) -> None:
    path = _minimal_with(tmp_path, "    red_flags:\n", "    red_flags: []\n    unused:\n")
    with pytest.raises(KnowledgeError, match="red flags missing"):
        load_knowledge(path)


def test_a_long_sign_is_refused(tmp_path: Path) -> None:
    path = _minimal_with(
        tmp_path, "sign: A hot, red, swollen joint", "sign: " + "A hot joint and more. " * 12
    )
    with pytest.raises(KnowledgeError, match="red flag sign too long"):
        load_knowledge(path)


def test_a_red_flag_term_may_not_be_a_condition_synonym(tmp_path: Path) -> None:
    path = _minimal_with(
        tmp_path,
        "        urgency: same_day\n",
        "        urgency: same_day\n        terms: [plantar fasciitis]\n",
    )
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(path)
    assert "'plantar fasciitis' points at another diagnosis" in str(info.value)
    assert "conditions[0].synonyms[0]" in str(info.value)


def test_red_flag_condition_must_be_one_of_the_site(tmp_path: Path) -> None:
    path = _minimal_with(
        tmp_path,
        "        urgency: same_day\n",
        "        urgency: same_day\n        conditions: [knee]\n",
    )
    with pytest.raises(KnowledgeError, match="unknown condition of this site"):
        load_knowledge(path)


def test_chain_json_carries_red_flags_first_in_text(capsys) -> None:
    assert main(["chain", "lower_back", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    flags = data["red_flags"]
    assert flags and all({"sign", "action", "source", "urgency"} <= set(f) for f in flags)
    assert flags[0]["id"] == "cauda_equina" and flags[0]["urgency"] == "emergency"
    assert main(["chain", "lower_back"]) == 0
    out = capsys.readouterr().out
    assert out.index("When to see a doctor first") < out.index("Quadratus lumborum")


def test_unverified_needled_links_say_so_in_the_chain_command(capsys) -> None:
    assert main(["chain", "ankle_foot", "--json"]) == 0
    links = {lk["muscle"]: lk for lk in json.loads(capsys.readouterr().out)["links"]}
    assert links["soleus"]["studies_unverified"] == ["cotchett_2014"]
    assert links["tibialis_posterior"]["studies_unverified"] == []
    assert main(["chain", "ankle_foot"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Soleus:" in x)
    assert "cotchett_2014 (which muscles it needled is not verified)" in line
