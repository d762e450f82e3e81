"""Fine rules of the foot's coarse areas: toes and heel split by the sole test and round the
heel; the sole and the top of the foot split across by the metatarsal heads.

Across the foot, ``d`` is the distance from the foot axis (heel back-centre -> second
metatarsal head), positive lateral; along it, the ball ends 30 % of the way from the toe
crease to the heel line. Each rule gets the indices (into the side's points) of one coarse
area and returns a fine area code for each.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tp_explorer.anatomy.derive.fine_frame import SideFrame, choose

Rule = Callable[[SideFrame, np.ndarray], np.ndarray]


def _toes(stem: str) -> Rule:
    def rule(f: SideFrame, i: np.ndarray) -> np.ndarray:
        return choose((f"{stem}_dorsal", f"{stem}_plantar"), f.plantar[i])

    return rule


def _heel(f: SideFrame, i: np.ndarray) -> np.ndarray:
    t = f.heel_theta[i]
    aspect = np.where(np.abs(t) >= 135, 0, np.where(t >= 0, 1, 2))
    aspect[f.plantar[i]] = 3
    return choose(("heel_posterior", "heel_lateral", "heel_medial", "heel_plantar"), aspect)


def _sole(f: SideFrame, i: np.ndarray) -> np.ndarray:
    d = f.d[i]
    ball = _bands(d, f.head_d(1, 2), f.head_d(4, 5))
    part = np.where(f.y[i] < f.ball_back_y, ball, np.where(d < 0.0, 3, 4))
    names = ("ball_medial", "ball_central", "ball_lateral", "arch_medial", "sole_lateral")
    return choose(names, part)


def _dorsum(f: SideFrame, i: np.ndarray) -> np.ndarray:
    band = _bands(f.d[i], f.head_d(1, 2), f.head_d(3, 4))
    return choose(("dorsum_medial", "dorsum_mid", "dorsum_lateral"), band)


def _bands(d: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """0 medial of ``lo``, 1 between, 2 lateral of ``hi``."""
    return np.where(d < lo, 0, np.where(d < hi, 1, 2))


FOOT_RULES: dict[str, Rule] = {
    "big_toe": _toes("big_toe"),
    "lesser_toes": _toes("lesser_toes"),
    "heel": _heel,
    "plantar_foot": _sole,
    "dorsal_foot": _dorsum,
}
