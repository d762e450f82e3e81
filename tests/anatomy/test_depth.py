"""Needle depth and danger distances on the real atlas (and that the built-in body still works)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
from tp_explorer.anatomy.derive.trigger_points import Placements
from tp_explorer.knowledge import KnowledgeError, load_knowledge
from tp_explorer.knowledge.cautions import NeedleCaution
from tp_explorer.state.needle import depth_table, precaution_gaps, thresholds_m
from tp_explorer.state.safety import trigger_point_positions

POSTERIOR = np.array([0.0, 1.0, 0.0])


@pytest.fixture(scope="module")
def meter(atlas: Any) -> DepthMeter:
    return DepthMeter(atlas)


@pytest.fixture(scope="module")
def all_paths(meter: DepthMeter, knowledge: Any) -> dict[str, list[NeedlePath]]:
    return {mid: depth_table(meter, m) for mid, m in knowledge.muscles.items()}


def _depths(paths: list[NeedlePath]) -> list[float]:
    return [p.depth_m for p in paths]


def _posterior(meter: DepthMeter, knowledge: Any, muscle: str, side: str) -> list[NeedlePath]:
    tps = trigger_point_positions(meter.anatomy, knowledge.muscles[muscle], side)
    return [meter.measure(tp, side, pos, outward=POSTERIOR) for tp, pos in tps]


def test_every_trigger_point_has_a_depth_and_a_nearest_nerve_and_artery(
    all_paths: dict[str, list[NeedlePath]], knowledge: Any
) -> None:
    for mid, paths in all_paths.items():
        assert len(paths) == 2 * len(knowledge.muscles[mid].trigger_points)
        for p in paths:
            where = f"{mid}.{p.trigger_point} ({p.side})"
            assert 0.0 < p.depth_m < 0.15, where  # sartorius near the knee: <1 mm
            assert p.nearest("nerve") is not None, where
            assert p.nearest("artery") is not None, where
            assert [s.path_distance_m for s in p.near] == sorted(
                s.path_distance_m for s in p.near
            ), where
            assert all(s.path_distance_m <= s.distance_m + 1e-9 for s in p.near), where


def test_piriformis_lies_deeper_than_gluteus_maximus(
    all_paths: dict[str, list[NeedlePath]], meter: DepthMeter, knowledge: Any
) -> None:
    assert min(_depths(all_paths["piriformis"])) > max(_depths(all_paths["gluteus_maximus"]))
    for side in ("left", "right"):
        muscles = {m: meter.anatomy.muscles[m][side] for m in ("gluteus_maximus", "piriformis")}
        for p in _posterior(meter, knowledge, "piriformis", side):
            order = [m for m, _ in meter.layers(p.entry, p.target, muscles)]
            assert order == ["gluteus_maximus", "piriformis"], (p.trigger_point, side)


def test_soleus_lies_under_gastrocnemius_and_tibialis_posterior_deepest_in_the_calf(
    meter: DepthMeter, knowledge: Any
) -> None:
    for side in ("left", "right"):
        calf = ("gastrocnemius_medial", "gastrocnemius_lateral", "soleus", "tibialis_posterior")
        muscles = {m: meter.anatomy.muscles[m][side] for m in calf}
        soleus = _posterior(meter, knowledge, "soleus", side)
        proximal = next(p for p in soleus if p.trigger_point == "proximal")
        order = [m for m, _ in meter.layers(proximal.entry, proximal.target, muscles)]
        assert order[0].startswith("gastrocnemius") and "soleus" in order
        (tib,) = _posterior(meter, knowledge, "tibialis_posterior", side)
        order = [m for m, _ in meter.layers(tib.entry, tib.target, muscles)]
        assert order[-1] == "tibialis_posterior" and order.index("soleus") < len(order) - 1
        assert order[0].startswith("gastrocnemius")
        others = soleus + _posterior(meter, knowledge, "gastrocnemius", side)
        assert tib.depth_m > max(p.depth_m for p in others)


def test_a_structure_moved_next_to_the_path_raises_the_caution(
    atlas: Any, knowledge: Any, meter: DepthMeter
) -> None:
    margins = thresholds_m(knowledge)
    (tp, pos), *_ = trigger_point_positions(atlas, knowledge.muscles["soleus"], "left")
    before = meter.measure(tp, "left", pos)
    assert "planted_artery" not in {s.structure for s in before.within(margins)}
    entry, target = np.asarray(before.entry), np.asarray(before.target)
    middle = (entry + target) / 2
    sideways = np.cross(target - entry, [0.0, 0.0, 1.0])
    sideways /= np.linalg.norm(sideways)
    planted = pv.Sphere(radius=0.002, center=middle + 0.006 * sideways)
    moved = dataclasses.replace(
        atlas,
        context={**atlas.context, "planted_artery": planted},
        context_kind={**atlas.context_kind, "planted_artery": "artery"},
        context_label={**atlas.context_label, "planted_artery": "Planted artery"},
        _placements=Placements(),
    )
    after = DepthMeter(moved).measure(tp, "left", pos)
    hit = [s for s in after.within(margins) if s.structure == "planted_artery"]
    assert hit and hit[0].path_distance_m == pytest.approx(0.004, abs=0.001)
    assert after.nearest("artery").structure == "planted_artery"  # type: ignore[union-attr]


def test_check_warns_when_a_precaution_omits_a_measured_nerve(
    knowledge: Any, meter: DepthMeter
) -> None:
    wide = (NeedleCaution("nerve", 20.0, "test margin"),)  # nerves measured to their surface
    written = dataclasses.replace(knowledge, needle_cautions=wide)
    assert not [g for g in precaution_gaps(written, meter) if g.muscle == "piriformis"]
    piriformis = dataclasses.replace(
        knowledge.muscles["piriformis"], precautions=("Control the needle's depth.",)
    )
    silent = dataclasses.replace(written, muscles={**knowledge.muscles, "piriformis": piriformis})
    gaps = [g for g in precaution_gaps(silent, meter) if g.muscle == "piriformis"]
    assert "sciatic_nerve" in {g.nerve for g in gaps}
    assert all("in this model" in g.message() for g in gaps)


def test_builtin_body_measures_nerves_without_vessel_meshes(anatomy: Any, knowledge: Any) -> None:
    meter = DepthMeter(anatomy)
    paths = depth_table(meter, knowledge.muscles["piriformis"], ("left",))
    assert paths and all(p.depth_m > 0 and p.nearest("nerve") for p in paths)
    assert all(p.nearest("organ") is None and p.nearest("vein") is None for p in paths)


def test_needle_cautions_are_read_and_a_bad_kind_refused(knowledge: Any, tmp_path: Path) -> None:
    assert thresholds_m(knowledge)["nerve"] == pytest.approx(0.010)
    assert all(c.source for c in knowledge.needle_cautions)
    bad = tmp_path / "regions.yaml"
    bad.write_text(
        knowledge.source.read_text(encoding="utf-8").replace("kind: organ", "kind: lung"),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="unknown structure kind"):
        load_knowledge(bad)
