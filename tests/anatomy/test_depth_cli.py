"""`tp-explorer depth MUSCLE --json` on the installed atlas: the documented shape, nearest first,
and the words that keep the numbers honest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tp_explorer.cli import main


def test_depth_json_has_the_documented_shape(
    atlas_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    assert main(["depth", "piriformis", "--side", "left", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    points = out["trigger_points"] if isinstance(out, dict) else out
    assert points and all(p["side"] == "left" for p in points)
    for p in points:
        assert {"trigger_point", "side", "skin_depth_mm", "entry", "near"} <= set(p)
        assert 10 < p["skin_depth_mm"] < 150 and len(p["entry"]) == 3
        near = p["near"]
        assert {"structure", "kind", "distance_mm", "path_distance_mm"} <= set(near[0])
        gaps = [n["path_distance_mm"] for n in near]
        assert gaps == sorted(gaps)
        assert {n["kind"] for n in near} >= {"nerve", "artery"}
    assert "sciatic_nerve" in {n["structure"] for p in points for n in p["near"]}


def test_depth_text_says_in_this_model_and_never_safe(
    atlas_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    assert main(["--anatomy", "atlas", "depth", "quadratus_lumborum", "--side", "right"]) == 0
    text = capsys.readouterr().out
    assert "in this model" in text.lower()
    assert "no number here is a safe depth" in text.lower()
    assert "kidney" in text.lower()


def test_unknown_muscle_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["depth", "no_such_muscle"]) == 2
    assert "no_such_muscle" in capsys.readouterr().err


def test_anatomy_option_holds_for_one_command_only(
    atlas_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tp_explorer.anatomy import load_anatomy

    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    assert main(["--anatomy", "builtin", "depth", "soleus", "--side", "left", "--json"]) == 0
    assert "BodyParts3D" not in capsys.readouterr().out
    assert load_anatomy().source == "atlas"  # installed, and no --anatomy any more
