"""Depth along the taught approach on the atlas: piriformis from behind through gluteus maximus,
tibialis posterior behind the tibia, nerves measured to their surface, and the built-in body
still measured (more coarsely)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tp_explorer.anatomy.approach import cone, outward
from tp_explorer.anatomy.depth import DepthMeter
from tp_explorer.anatomy.nerve_radii import NERVE_RADII, NerveRadius
from tp_explorer.cli import main
from tp_explorer.state.approach import NeedleReading, readings
from tp_explorer.state.safety import trigger_point_positions


@pytest.fixture(scope="module")
def meter(atlas: Any) -> DepthMeter:
    return DepthMeter(atlas)


def test_cone_directions_stay_within_the_cone() -> None:
    u = outward("posteromedial", "left")
    assert u == pytest.approx(np.array([-1.0, 1.0, 0.0]) / np.sqrt(2))
    angles = [np.degrees(np.arccos(np.clip(d @ u, -1, 1))) for _, d in cone(u, 20.0)]
    assert max(angles) == pytest.approx(20.0, abs=1e-6) and angles[0] == pytest.approx(0.0)


def test_piriformis_prone_from_behind_passes_gluteus_maximus_and_lies_deeper(
    meter: DepthMeter, knowledge: Any
) -> None:
    for side in ("left", "right"):
        piri = readings(meter, knowledge.muscles["piriformis"], (side,))
        glute = readings(meter, knowledge.muscles["gluteus_maximus"], (side,))
        for r in piri:
            assert r.approach is not None and r.approach.entry == "posterior"
            assert r.approach.position == "prone" and not r.path.crosses_bone
            assert r.path.entry[1] > r.path.target[1]  # entered from behind
            order = [layer.mesh for layer in r.layers]
            assert order[0] == "gluteus_maximus" and order[-1] == "piriformis", order
            assert r.path.depth_m > max(g.path.depth_m for g in glute)
            assert r.published and r.shortest.depth_m <= r.path.depth_m + 1e-9


def _medial_way(meter: DepthMeter, knowledge: Any, side: str) -> NeedleReading:
    found = readings(meter, knowledge.muscles["tibialis_posterior"], (side,))
    return next(r for r in found if r.approach is not None and r.approach.entry == "medial")


def test_tibialis_posterior_medial_way_passes_behind_the_tibia_away_from_the_anterior_artery(
    meter: DepthMeter, knowledge: Any, atlas: Any
) -> None:
    for side in ("left", "right"):
        r = _medial_way(meter, knowledge, side)
        entry, target = np.asarray(r.path.entry), np.asarray(r.path.target)
        assert not r.path.crosses_bone
        tibia = np.asarray(atlas.bones[f"tibia_{side}"].points)
        for f in np.linspace(0.0, 1.0, 9):
            p = entry + f * (target - entry)
            level = tibia[np.abs(tibia[:, 2] - p[2]) < 0.006]
            assert p[1] > level[:, 1].max()  # +y is posterior: behind the tibia's back
        anterior = [n for n in r.path.near if n.structure.startswith("anterior_tibial_artery")]
        assert not anterior or anterior[0].path_distance_m > 0.01
        assert r.path.nearest("artery").structure.startswith("posterior_tibial")  # type: ignore[union-attr]
        assert [layer.mesh for layer in r.layers][-1] == "tibialis_posterior"


def test_a_nerve_radius_changes_its_reported_distance(atlas: Any, knowledge: Any) -> None:
    (tp, pos), _ = trigger_point_positions(atlas, knowledge.muscles["piriformis"], "left")
    thin = DepthMeter(atlas, radii={"sciatic_nerve": NerveRadius(0.0, 0.0, "centreline")})
    wide = DepthMeter(atlas)
    before = next(s for s in thin.measure(tp, "left", pos).near if s.structure == "sciatic_nerve")
    after = next(s for s in wide.measure(tp, "left", pos).near if s.structure == "sciatic_nerve")
    r = NERVE_RADII["sciatic_nerve"]
    assert 0.0035 < r.proximal_m < 0.0045 and r.source
    assert before.distance_m - after.distance_m == pytest.approx(r.proximal_m, abs=0.0008)
    assert after.path_distance_m < before.path_distance_m


def test_depth_json_carries_approach_layers_shortest_and_published(
    atlas_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    assert main(["depth", "piriformis", "--side", "right", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for p in out:
        assert p["measured_along"] == "approach" and p["approach"]["entry_side"] == "posterior"
        assert p["layers"][0]["muscle"] == "gluteus_maximus"
        assert p["shortest"]["skin_depth_mm"] <= p["skin_depth_mm"]
        ratio = p["skin_depth_mm"] / p["published"][0]["depth_mm"]
        assert p["published"][0]["model_to_published"] == pytest.approx(ratio, abs=0.01)
    assert main(["depth", "soleus", "--side", "right", "--json"]) == 0
    (first, *_) = json.loads(capsys.readouterr().out)
    assert first["measured_along"] == "shortest" and first["approach"] is None
    assert "shortest" in first["shortest_path_reason"]


def test_builtin_body_measures_along_approaches_too(anatomy: Any, knowledge: Any) -> None:
    meter = DepthMeter(anatomy)
    for muscle in ("piriformis", "tibialis_posterior", "multifidus", "quadratus_lumborum"):
        found = readings(meter, knowledge.muscles[muscle], ("left",))
        assert found and all(r.path.depth_m > 0 and r.path.nearest("nerve") for r in found)
        assert all(r.approach is not None for r in found)


def test_depth_validation_page_lists_every_published_figure_with_the_models_ratio(
    meter: DepthMeter, knowledge: Any
) -> None:
    page = (Path(__file__).parents[2] / "docs" / "depth-validation.md").read_text("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and line[2].isdigit()]
    published = {
        (m.id, tp.id, p.depth_mm)
        for m in knowledge.muscles.values()
        for tp in m.trigger_points
        for p in tp.needling.published
    }
    assert len(rows) >= 8 and len(rows) == len(published)
    ratios = set()
    for muscle in {m for m, _, _ in published}:
        for r in readings(meter, knowledge.muscles[muscle], ("left",)):
            ratios |= {round(r.path.depth_m * 1000 / p.depth_mm, 2) for p in r.published}
    for row in rows:
        ratio = float(row.rstrip(" |").rsplit("|", 1)[1].split()[0])
        assert any(abs(ratio - r) <= 0.011 for r in ratios), row
