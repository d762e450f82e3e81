"""Fine rules of the ankle, leg, knee and thigh: thirds along the segment (its upper edge to
its lower) and aspects by angle round the limb axis, with the back of the calf, knee and thigh
split on its midline into inner and outer halves (theta > 0 is the outer half)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tp_explorer.anatomy.derive.fine_frame import LEVELS, SideFrame, choose, one, third

Rule = Callable[[SideFrame, np.ndarray], np.ndarray]
Field = Callable[[SideFrame], np.ndarray]


def _leg_theta(f: SideFrame) -> np.ndarray:
    return f.leg_theta


def _thigh_theta(f: SideFrame) -> np.ndarray:
    return f.thigh_theta


def _leg_level(f: SideFrame) -> np.ndarray:
    return f.leg_level


def _thigh_level(f: SideFrame) -> np.ndarray:
    return f.thigh_level


def _only(name: str) -> Rule:
    def rule(f: SideFrame, i: np.ndarray) -> np.ndarray:
        return one(name, len(i))

    return rule


def _halves(theta: Field, lateral: str, medial: str) -> Rule:
    def rule(f: SideFrame, i: np.ndarray) -> np.ndarray:
        return choose((medial, lateral), theta(f)[i] > 0)

    return rule


def _levels(segment: str, level: Field, *aspects: str, theta: Field | None = None) -> Rule:
    """segment_level_aspect: one aspect, or two (inner, outer) split at theta = 0."""
    names = tuple(f"{segment}_{lev}_{a}" for a in aspects for lev in LEVELS)

    def rule(f: SideFrame, i: np.ndarray) -> np.ndarray:
        k = third(level(f)[i])
        if theta is not None:
            k = k + 3 * (theta(f)[i] > 0)
        return choose(names, k)

    return rule


LIMB_RULES: dict[str, Rule] = {
    "anterior_ankle": _halves(_leg_theta, "ankle_anterolateral", "ankle_anteromedial"),
    "medial_ankle": _only("malleolus_medial"),
    "lateral_ankle": _only("malleolus_lateral"),
    "achilles": _only("achilles"),
    "shin": _levels("leg", _leg_level, "anteromedial", "anterolateral", theta=_leg_theta),
    "lateral_leg": _levels("leg", _leg_level, "lateral"),
    "calf": _levels("leg", _leg_level, "posteromedial", "posterolateral", theta=_leg_theta),
    "anterior_knee": _only("knee_patellar"),
    "lateral_knee": _only("knee_lateral"),
    "medial_knee": _only("knee_medial"),
    "posterior_knee": _halves(_thigh_theta, "knee_popliteal_lateral", "knee_popliteal_medial"),
    "anterior_thigh": _levels("thigh", _thigh_level, "anterior"),
    "lateral_thigh": _levels("thigh", _thigh_level, "lateral"),
    "medial_thigh": _levels("thigh", _thigh_level, "medial"),
    "posterior_thigh": _levels(
        "thigh", _thigh_level, "posteromedial", "posterolateral", theta=_thigh_theta
    ),
}
