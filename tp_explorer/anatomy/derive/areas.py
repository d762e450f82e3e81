"""Named skin areas from skeletal landmarks, for both anatomy sources: segment by height, aspect
by angle round the limb.

This module is the one home of the area rules. Each source passes its skin points, their
normals and the SideLandmarks of its own skeleton; nothing here names a vertex. Each rule is a
segment (foot, ankle, leg, knee, thigh, trunk), an aspect (anterior, lateral, posterior,
medial) and heights taken from joint centres and bones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tp_explorer.anatomy.derive.landmarks import SideLandmarks, lateral_sign
from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES

# Upper abdomen starts this far above the top of the iliac crest (about navel height, L3-L4).
UPPER_ABDOMEN_ABOVE_CREST = 0.04


@dataclass(frozen=True)
class SkinLabels:
    """Per skin point: its area code (index into BODY_AREAS, -1 for none, int16) and its side
    code (index into SIDES, int8)."""

    area: np.ndarray
    side: np.ndarray


def label_skin(
    points: np.ndarray, normals: np.ndarray, landmarks: Mapping[str, SideLandmarks]
) -> SkinLabels:
    """The area and side of every skin point; ``landmarks`` holds both sides' landmarks."""
    area = np.full(len(points), -1, dtype=np.int16)
    side_idx = np.where(points[:, 0] >= 0, SIDES.index("left"), SIDES.index("right")).astype(
        np.int8
    )
    code = {name: i for i, name in enumerate(BODY_AREAS)}
    for side in SIDES:
        sel = np.nonzero(side_idx == SIDES.index(side))[0]
        labels = _label_side(points[sel], normals[sel], landmarks[side], side)
        area[sel] = [code[x] if x else -1 for x in labels]
    return SkinLabels(area, side_idx)


def limb_angle(p: np.ndarray, centre: np.ndarray, side: str) -> np.ndarray:
    """Degrees round a vertical axis: 0 anterior, +90 lateral, -90 medial, ±180 posterior."""
    v = p[:, :2] - centre[:, :2]
    return np.asarray(np.degrees(np.arctan2(lateral_sign(side) * v[:, 0], -v[:, 1])))


def axis_point(z: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The point of the axis lo -> hi at each height z (clamped to its ends)."""
    t = np.clip((z - lo[2]) / (hi[2] - lo[2]), 0, 1)[:, None]
    return np.asarray(lo + t * (hi - lo))


def _label_side(p: np.ndarray, n: np.ndarray, lm: SideLandmarks, side: str) -> list[str]:
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    ax = np.abs(x)
    out = np.full(len(p), "", dtype=object)
    za, zk, zh = lm.ankle[2], lm.knee[2], lm.hip[2]

    def put(mask: np.ndarray, name: str) -> None:
        free = mask & (out == "")
        out[free] = name

    # Foot: below the ankle, or in front of it at ankle height.
    foot = (z < za - 0.015) | ((z < za + 0.05) & (y < lm.ankle[1] - 0.035))
    toe_zone = foot & (y < lm.mtp[1] - 0.005)
    big = np.abs(x - lm.toes_medial_x) < 0.028
    put(toe_zone & big, "big_toe")
    put(toe_zone, "lesser_toes")
    put(foot & (y > lm.heel_y - 0.012), "heel")
    put(foot & ((n[:, 2] < -0.55) | (z < lm.sole_z + 0.004)), "plantar_foot")
    put(foot, "dorsal_foot")

    leg_ang = limb_angle(p, axis_point(z, lm.ankle, lm.knee), side)
    ankle = ~foot & (z < za + 0.07)
    put(ankle & (np.abs(leg_ang) > 135), "achilles")
    put(ankle & (leg_ang >= 45), "lateral_ankle")
    put(ankle & (leg_ang <= -45), "medial_ankle")
    put(ankle, "anterior_ankle")

    leg = ~foot & (z >= za + 0.07) & (z < zk - 0.05)
    put(leg & (np.abs(leg_ang) > 120), "calf")
    put(leg & (leg_ang > 45), "lateral_leg")
    put(leg, "shin")

    thigh_ang = limb_angle(p, axis_point(z, lm.knee, lm.hip), side)
    knee = (z >= zk - 0.05) & (z < zk + 0.07)
    put(knee & (np.abs(thigh_ang) > 135), "posterior_knee")
    put(knee & (thigh_ang >= 45), "lateral_knee")
    put(knee & (thigh_ang <= -45), "medial_knee")
    put(knee, "anterior_knee")

    # Top of the thigh: gluteal fold behind, groin crease in front, trochanter laterally.
    a = np.abs(thigh_ang)
    top = np.where(a > 120, lm.ischial_z - 0.035, np.where(a > 50, zh - 0.05, zh - 0.035))
    between_legs = (ax < 0.03) & (z < lm.pubis_z) & (z > lm.ischial_z - 0.045)
    thigh = (z >= zk + 0.07) & (z < top) & ~between_legs
    put(thigh & (a > 135), "posterior_thigh")
    put(thigh & (thigh_ang >= 45), "lateral_thigh")
    put(thigh & (thigh_ang <= -45), "medial_thigh")
    put(thigh, "anterior_thigh")

    trunk = out == ""
    centre_y = lm.hip[1]
    tr_ang = np.degrees(np.arctan2(ax - 0.0, -(y - centre_y)))  # 0 anterior, 90 lateral
    posterior = tr_ang > 115
    anterior = tr_ang < 60
    put(trunk & between_legs & (z < lm.pubis_z), "perineum")
    put(trunk & posterior & (z >= lm.crest_z - 0.02), "lumbar")
    sacral = trunk & posterior & (z < lm.crest_z - 0.02) & (z > lm.ischial_z + 0.02)
    put(sacral & (ax < 0.032), "sacrum_coccyx")
    put(sacral & (ax < 0.06) & (z > zh + 0.035), "sacroiliac")
    put(trunk & posterior & (z < lm.crest_z - 0.02), "buttock")
    lateral_band = trunk & ~anterior & ~posterior
    put(lateral_band & (z < lm.crest_z), "lateral_hip")
    put(trunk & anterior & (z < zh + 0.06) & (ax < abs(lm.hip[0]) + 0.02), "groin")
    # The navel sits a little above the top of the iliac crest: the front and side of the
    # trunk above it is the upper abdomen, below it (down to the groin) the lower abdomen.
    front_or_side = trunk & (anterior | lateral_band)
    put(front_or_side & (z >= lm.crest_z + UPPER_ABDOMEN_ABOVE_CREST), "upper_abdomen")
    put(front_or_side & (z >= zh + 0.03), "lower_abdomen")
    put(trunk & (z >= lm.crest_z - 0.02), "lumbar")
    put(trunk & anterior, "groin")
    put(trunk & (z < zh), "buttock")
    return list(out)
