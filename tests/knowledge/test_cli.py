"""The knowledge sub-commands, driven through tp_explorer.cli.main as a user would."""

from __future__ import annotations

import json

import pytest

from tp_explorer.cli import main
from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, group_of
from tp_explorer.knowledge.vocabulary import BODY_AREAS

from .conftest import BROKEN, MINIMAL, REGIONS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_shipped_file(capsys) -> None:
    code, out, err = run(capsys, "check", str(REGIONS))
    assert code == 0 and err == ""
    assert out.count("\n") == 1 and "6 sites" in out and "OK" in out


def test_check_uses_global_regions_option(capsys) -> None:
    code, out, _ = run(capsys, "--regions", str(MINIMAL), "check")
    assert code == 0 and "1 sites" in out


def test_check_broken_lists_all_problems_and_a_summary(capsys) -> None:
    code, out, err = run(capsys, "check", str(BROKEN / "many_problems.yaml"))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 4 and lines[-1].endswith("3 problems; file refused")


def test_other_commands_refuse_a_broken_file(capsys) -> None:
    code, out, err = run(capsys, "--regions", str(BROKEN / "http_link.yaml"), "list", "sites")
    assert code == 2 and out == "" and "https" in err and "Traceback" not in err


def test_list_sites_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "list", "sites", "--json")
    data = json.loads(out)
    assert code == 0 and data[0]["id"] == "ankle_foot"
    assert set(data[0]) >= {"id", "name", "areas", "conditions", "study", "estim"}


@pytest.mark.parametrize("kind", ["sites", "muscles", "studies", "areas"])
def test_list_each_kind(capsys, kind) -> None:
    code, out, _ = run(capsys, "list", kind)
    assert code == 0 and out.strip()
    code, out, _ = run(capsys, "list", kind, "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_list_muscles_json_has_trigger_point_placements(capsys) -> None:
    _, out, _ = run(capsys, "list", "muscles", "--json")
    soleus = next(m for m in json.loads(out) if m["id"] == "soleus")
    assert soleus["trigger_points"][0]["mesh"] == "soleus"
    assert 0 <= soleus["trigger_points"][0]["along"] <= 1


def test_list_muscles_json_carries_each_points_chart(capsys) -> None:
    _, out, _ = run(capsys, "list", "muscles", "--json")
    soleus = next(m for m in json.loads(out) if m["id"] == "soleus")
    distal, proximal = soleus["trigger_points"][:2]
    assert set(distal["referral"]) == {
        "essential", "spillover", "labelled", "status", "sources", "note",
    }  # fmt: skip
    assert "heel_plantar" in distal["referral"]["essential"]
    assert "heel_plantar" not in proximal["referral"]["essential"]
    assert distal["no_referral"] is None and distal["referral"]["sources"]
    assert "heel" in soleus["essential"] and "heel_plantar" in soleus["essential_areas"]


def test_list_muscles_groups_by_chapter_with_counts(capsys) -> None:
    _, out, _ = run(capsys, "list", "muscles", "--json")
    data = json.loads(out)
    chapters = [m["chapter"] for m in data]
    assert all(c in CHAPTERS for c in chapters)
    assert all(m["chapter_count"] == chapters.count(m["chapter"]) for m in data)
    assert next(m for m in data if m["id"] == "piriformis")["chapter"] == "Hip"
    code, text, _ = run(capsys, "list", "muscles")
    lines = text.splitlines()
    heads = [line for line in lines if not line.startswith(" ")]
    order = [c for c in CHAPTERS if c in chapters]
    assert [h.split(" (")[0] for h in heads[:-1]] == order
    assert heads[0] == f"Foot intrinsics ({chapters.count('Foot intrinsics')} muscles):"
    assert heads[-1] == f"{len(data)} muscles in {len(order)} chapters"
    assert code == 0 and sum(1 for line in lines if line.startswith("  ")) == len(data)


def test_list_areas_json_gives_both_levels(capsys) -> None:
    """The 29 old names as groups (with the pain sites that cover them), then the fine areas,
    each with its group, its words and its sides."""
    _, out, _ = run(capsys, "list", "areas", "--json")
    data = json.loads(out)
    groups = [d for d in data if d["level"] == "group"]
    areas = [d for d in data if d["level"] == "area"]
    assert [d["area"] for d in groups] == list(BODY_AREAS)
    assert [d["area"] for d in areas] == list(FINE_AREA_IDS)
    assert len(data) >= 100
    assert all(d["group"] == group_of(d["area"]) and d["label"] for d in areas)
    assert all(d["sites"] for d in groups if d["area"] != "upper_abdomen")
    coccyx = next(d for d in areas if d["area"] == "coccyx")
    assert coccyx["sided"] is False and coccyx["sides"] == ["mid"]
    heel = next(d for d in groups if d["area"] == "heel")
    assert "heel_plantar" in heel["areas"] and heel["sites"] == ["ankle_foot"]


def test_list_studies_leaves_out_unverified_details(capsys) -> None:
    """Issue 25: an unconfirmed citation detail is dropped, not marked inline; the JSON keeps
    the list of what is unverified."""
    _, out, _ = run(capsys, "list", "studies")
    assert "hsieh_2007" in out and "not confirmed]" not in out and "[unverified]" not in out
    george = next(line for line in out.splitlines() if line.startswith("george_2018"))
    assert "2018;issue 1:8–16" in george and "42" not in george
    _, out, _ = run(capsys, "list", "studies", "--json")
    data = {s["id"]: s for s in json.loads(out)}
    assert {"doi", "issue"} <= set(data["hsieh_2007"]["unverified"])
    assert data["george_2018"]["volume"] is None


def test_chain_text_and_json(capsys) -> None:
    code, out, _ = run(capsys, "chain", "pelvis")
    assert code == 0 and "Obturator internus" in out and "debated" in out
    code, out, _ = run(capsys, "chain", "pelvis", "--side", "left", "--json")
    data = json.loads(out)
    assert code == 0 and data["site"] == "pelvis" and data["side"] == "left"
    first = data["links"][0]
    assert set(first) >= {"muscle", "name", "role", "reason", "studies", "sides"}
    assert first["sides"] == ["left"]
    charts = [tp["referral"] for link in data["links"] for tp in link["trigger_points"]]
    assert charts and all(c is None or c["essential"] for c in charts)


def test_chain_honours_global_side(capsys) -> None:
    _, out, _ = run(capsys, "--side", "right", "chain", "hip", "--json")
    assert json.loads(out)["side"] == "right"


def test_chain_unknown_site_lists_valid_names(capsys) -> None:
    code, out, err = run(capsys, "chain", "shoulder")
    assert code == 2 and out == ""
    assert "unknown site 'shoulder'" in err and "ankle_foot" in err and "lower_back" in err


REFERS_TO_KEYS = {"muscle", "name", "point", "zone", "areas", "sources", "status", "labelled"}


def test_refers_to_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "refers-to", "heel", "--json")
    data = json.loads(out)
    assert code == 0 and data
    assert all(set(d) == REFERS_TO_KEYS for d in data)
    soleus = next(d for d in data if d["muscle"] == "soleus")
    assert (soleus["name"], soleus["point"], soleus["zone"]) == ("Soleus", "distal", "essential")
    assert any(d["zone"] == "spillover" for d in data)


def test_refers_to_ranks_essential_first_then_by_sources(capsys) -> None:
    _, out, _ = run(capsys, "refers-to", "plantar_foot", "--json")
    data = json.loads(out)
    ranks = [(d["zone"] != "essential", -len(d["sources"])) for d in data]
    assert ranks == sorted(ranks) and data[0]["zone"] == "essential"
    assert all(set(d["areas"]) <= {"ball_medial", "ball_central", "ball_lateral", "arch_medial",
                                   "sole_lateral"} for d in data)  # fmt: skip
    code, out, _ = run(capsys, "refers-to", "plantar_foot")
    assert code == 0 and out.splitlines()[1].lstrip().startswith("essential")


def test_refers_to_a_fine_area_and_exact(capsys) -> None:
    _, out, _ = run(capsys, "refers-to", "ball_central", "--json")
    assert {(d["muscle"], d["point"]) for d in json.loads(out)} >= {
        ("flexor_digitorum_brevis", "arch"),
        ("flexor_digitorum_longus", "upper"),
    }
    _, group, _ = run(capsys, "refers-to", "groin", "--json")
    _, exact, _ = run(capsys, "refers-to", "groin", "--exact", "--json")
    assert len(json.loads(exact)) < len(json.loads(group))
    assert all(d["areas"] == ["groin"] for d in json.loads(exact))


def test_refers_to_unknown_area_lists_valid_names(capsys) -> None:
    code, _, err = run(capsys, "refers-to", "elbow")
    assert code == 2 and "unknown area 'elbow'" in err and "perineum" in err


def test_refers_to_uses_regions_option(capsys) -> None:
    _, out, _ = run(capsys, "--regions", str(MINIMAL), "refers-to", "heel", "--json")
    assert [d["muscle"] for d in json.loads(out)] == ["soleus"]
