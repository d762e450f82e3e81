"""Needle-safety layer: nerves and vessels where a needle must not go."""

from __future__ import annotations

import numpy as np
import pytest

from tp_explorer.knowledge.vocabulary import NERVE_IDS, SIDES


@pytest.mark.parametrize("sid", NERVE_IDS)
def test_each_structure_is_a_polyline_on_both_sides(anatomy, sid: str) -> None:
    for side in SIDES:
        line = anatomy.nerves[sid][side]
        assert line.ndim == 2 and line.shape[1] == 3 and len(line) >= 8
        steps = np.linalg.norm(np.diff(line, axis=0), axis=1)
        assert steps.max() < 0.03  # no jumps
    left, right = anatomy.nerves[sid]["left"], anatomy.nerves[sid]["right"]
    assert left[:, 0].mean() > 0 > right[:, 0].mean()
    assert np.allclose(left * [-1, 1, 1], right, atol=0.006)


def test_sciatic_nerve_runs_below_piriformis_and_down_the_back_of_the_thigh(anatomy) -> None:
    nerve = anatomy.nerves["sciatic_nerve"]["right"]
    piri = anatomy.muscle_paths["piriformis"]["right"]
    femur = anatomy.bones["femur_right"]
    # Where the nerve passes the piriformis (same x), it lies below it.
    i = np.argmin(np.abs(nerve[:, 0] - piri[len(piri) // 2, 0]))
    assert nerve[i, 2] < piri[len(piri) // 2, 2]
    mid = nerve[np.argmin(np.abs(nerve[:, 2] - femur.center[2]))]
    assert mid[1] > femur.center[1]  # posterior to the femur


def test_tibial_nerve_and_vessels_pass_behind_the_medial_malleolus(anatomy) -> None:
    talus = anatomy.bones["talus_right"].center
    for sid in ("tibial_nerve", "posterior_tibial_vessels"):
        line = anatomy.nerves[sid]["right"]
        at_ankle = line[np.argmin(np.abs(line[:, 2] - (talus[2] + 0.02)))]
        assert at_ankle[0] > talus[0]  # medial (right side: medial is +x)
        assert at_ankle[1] > talus[1]  # behind


def test_common_fibular_nerve_winds_round_the_fibular_neck(anatomy) -> None:
    line = anatomy.nerves["common_fibular_nerve"]["right"]
    fibula = anatomy.bones["fibula_right"]
    neck_z = fibula.bounds[5] - 0.03
    near = line[np.abs(line[:, 2] - neck_z) < 0.02]
    assert len(near)
    assert near[:, 0].min() < fibula.bounds[0] + 0.01  # lateral side of the fibula
    assert line[-1, 1] < line[0, 1]  # ends in front of where it started


def test_femoral_vessels_lie_medial_to_the_femoral_nerve(anatomy) -> None:
    nerve = anatomy.nerves["femoral_nerve"]["right"]
    vessels = anatomy.nerves["femoral_vessels"]["right"]
    z = anatomy.bones["femur_right"].bounds[5] - 0.05  # just below the inguinal ligament
    n = nerve[np.argmin(np.abs(nerve[:, 2] - z))]
    v = vessels[np.argmin(np.abs(vessels[:, 2] - z))]
    assert v[0] > n[0]  # right side: medial is +x
    assert max(n[1], v[1]) < anatomy.bones["femur_right"].center[1]  # in front of the femur
