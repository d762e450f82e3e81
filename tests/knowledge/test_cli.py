"""The knowledge sub-commands, driven through tp_explorer.cli.main as a user would."""

from __future__ import annotations

import json

import pytest

from tp_explorer.cli import main
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


def test_list_areas_json_covers_vocabulary(capsys) -> None:
    _, out, _ = run(capsys, "list", "areas", "--json")
    assert [d["area"] for d in json.loads(out)] == list(BODY_AREAS)


def test_list_studies_marks_unverified(capsys) -> None:
    _, out, _ = run(capsys, "list", "studies")
    assert "[doi not confirmed]" in out and "hsieh_2007" in out


def test_chain_text_and_json(capsys) -> None:
    code, out, _ = run(capsys, "chain", "pelvis")
    assert code == 0 and "Obturator internus" in out and "debated" in out
    code, out, _ = run(capsys, "chain", "pelvis", "--side", "left", "--json")
    data = json.loads(out)
    assert code == 0 and data["site"] == "pelvis" and data["side"] == "left"
    first = data["links"][0]
    assert set(first) >= {"muscle", "name", "role", "reason", "studies", "sides"}
    assert first["sides"] == ["left"]


def test_chain_honours_global_side(capsys) -> None:
    _, out, _ = run(capsys, "--side", "right", "chain", "hip", "--json")
    assert json.loads(out)["side"] == "right"


def test_chain_unknown_site_lists_valid_names(capsys) -> None:
    code, out, err = run(capsys, "chain", "shoulder")
    assert code == 2 and out == ""
    assert "unknown site 'shoulder'" in err and "ankle_foot" in err and "lower_back" in err


def test_refers_to_json_shape(capsys) -> None:
    code, out, _ = run(capsys, "refers-to", "heel", "--json")
    data = json.loads(out)
    assert code == 0 and data
    assert all(set(d) == {"muscle", "name", "zone"} for d in data)
    assert {"muscle": "soleus", "name": "Soleus", "zone": "essential"} in data
    assert any(d["zone"] == "spillover" for d in data)


def test_refers_to_unknown_area_lists_valid_names(capsys) -> None:
    code, _, err = run(capsys, "refers-to", "elbow")
    assert code == 2 and "unknown area 'elbow'" in err and "perineum" in err


def test_refers_to_uses_regions_option(capsys) -> None:
    _, out, _ = run(capsys, "--regions", str(MINIMAL), "refers-to", "heel", "--json")
    assert [d["muscle"] for d in json.loads(out)] == ["soleus"]
