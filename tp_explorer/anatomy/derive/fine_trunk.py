"""Fine rules of the hip, pelvis, lower back and abdomen: heights from the iliac crest, the
gluteal fold and the spine, distance from the midline, and the coarse rule's trunk angle.

The midline areas (sacrum, coccyx, perineum, lumbar spine, suprapubic) are one patch across
both sides, so their bounds are the body's (TrunkLandmarks and both crests' mean), never a
side's own.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tp_explorer.anatomy.derive.fine_frame import SideFrame, choose, one

Rule = Callable[[SideFrame, np.ndarray], np.ndarray]

MIDLINE_STRIP = 0.02  # half-width of the lumbar midline strip (m)
SUPRAPUBIC_STRIP = 0.04  # half-width of the suprapubic area (m)


def _groin(f: SideFrame, i: np.ndarray) -> np.ndarray:
    outer = f.ax[i] >= abs(f.lm.hip[0]) - 0.01
    return choose(("groin", "hip_anterior"), outer)


def _lateral_hip(f: SideFrame, i: np.ndarray) -> np.ndarray:
    part = np.where(f.tr_angle[i] < 85, 0, 1)
    part[f.z[i] >= f.buttock_top] = 2
    return choose(("hip_anterolateral", "trochanter", "iliac_crest_lateral"), part)


def _buttock(f: SideFrame, i: np.ndarray) -> np.ndarray:
    z, top = f.z[i], f.buttock_top
    third = (top - f.gluteal_fold_z) / 3.0
    outer = f.ax[i] >= abs(f.lm.hip[0]) + 0.01
    part = np.where(z >= top - third, 1, np.where(z >= top - 2 * third, 2 + outer, 4))
    part[z >= top] = 0
    names = (
        "iliac_crest_posterior",
        "buttock_upper",
        "buttock_medial",
        "buttock_lateral",
        "buttock_lower",
    )
    return choose(names, part)


def _sacrum(f: SideFrame, i: np.ndarray) -> np.ndarray:
    low = f.trunk.sacral_apex_z + 0.01
    mid = 0.5 * (low + f.crest_z - 0.02)
    z = f.z[i]
    return choose(("coccyx", "sacrum_lower", "sacrum_upper"), (z >= low).astype(int) + (z >= mid))


def _perineum(f: SideFrame, i: np.ndarray) -> np.ndarray:
    y, border = f.y[i], f.trunk.ischial_y
    part = (y >= border - 0.035).astype(int) + (y >= border - 0.005)
    return choose(("genital", "perineum", "anal"), part)


def _lumbar(f: SideFrame, i: np.ndarray) -> np.ndarray:
    z, t = f.z[i], f.trunk
    part = np.where(z < t.l3_z, 0, 1)
    part[f.ax[i] < MIDLINE_STRIP] = 2
    part[z >= t.l1_top_z] = 3
    names = ("lumbar_lower_para", "lumbar_upper_para", "lumbar_midline", "back_thoracolumbar")
    return choose(names, part)


def _lower_abdomen(f: SideFrame, i: np.ndarray) -> np.ndarray:
    front, ax = f.tr_angle[i] < 60, f.ax[i]
    part = np.where(front & (ax < abs(f.lm.hip[0])), 1, 2)
    part[front & (ax < SUPRAPUBIC_STRIP)] = 0
    return choose(("suprapubic", "abdomen_lower", "abdomen_lower_lateral"), part)


def _only(name: str) -> Rule:
    def rule(f: SideFrame, i: np.ndarray) -> np.ndarray:
        return one(name, len(i))

    return rule


TRUNK_RULES: dict[str, Rule] = {
    "groin": _groin,
    "lateral_hip": _lateral_hip,
    "buttock": _buttock,
    "sacroiliac": _only("sacroiliac"),
    "sacrum_coccyx": _sacrum,
    "perineum": _perineum,
    "lumbar": _lumbar,
    "lower_abdomen": _lower_abdomen,
    "upper_abdomen": _only("abdomen_upper"),
}
