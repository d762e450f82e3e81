"""Needle safety: structures within a few centimetres of a muscle's trigger points."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from tp_explorer.state.safety import distance_to_polyline, structures_near


def test_distance_to_a_polyline_uses_the_segments_not_just_the_vertices():
    path = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 1.0]])
    d, nearest = distance_to_polyline(np.array([0.02, 0.0, 0.5]), path)
    assert d == pytest.approx(0.02)
    assert nearest == pytest.approx([0.0, 0.0, 0.5])


class FakeAnatomy:
    """A trigger point at x = +-0.1 per side; a nerve 1 cm away, another 20 cm away."""

    def __init__(self) -> None:
        line = np.array([[0.0, 0.01, 0.0], [0.0, 0.01, 1.0]])
        self.nerves = {
            "sciatic_nerve": {
                "left": line + np.array([0.1, 0, 0]),
                "right": line + np.array([-0.1, 0, 0]),
            },
            "femoral_nerve": {
                "left": line + np.array([0.1, -0.2, 0]),
                "right": line + np.array([-0.1, -0.2, 0]),
            },
        }

    def trigger_point(self, mesh, side, along, aspect=None):
        return np.array([0.1 if side == "left" else -0.1, 0.0, along])


def test_only_structures_within_the_radius_are_named_nearest_first():
    tp = SimpleNamespace(id="piriformis_tp1", mesh="piriformis", along=0.5, aspect=None)
    muscle = SimpleNamespace(id="piriformis", trigger_points=(tp,))
    near = structures_near(FakeAnatomy(), muscle, sides=("right",), radius_m=0.04)
    assert [(n.structure, n.side) for n in near] == [("sciatic_nerve", "right")]
    assert near[0].distance_m == pytest.approx(0.01)
    assert near[0].label == "Sciatic nerve"
    both = structures_near(FakeAnatomy(), muscle, radius_m=0.04)
    assert {n.side for n in both} == {"left", "right"}
    assert structures_near(FakeAnatomy(), muscle, radius_m=0.005) == ()
