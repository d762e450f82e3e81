"""Named skin areas from skeletal landmarks: segment by height, aspect by angle round the limb.

Nothing here names a vertex: each rule is a segment (foot, ankle, leg, knee, thigh, trunk), an
aspect (anterior, lateral, posterior, medial) and heights taken from joint centres and bones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tp_explorer.anatomy.builder.model import SourceModel
from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES

# Upper abdomen starts this far above the top of the iliac crest (about navel height, L3-L4).
UPPER_ABDOMEN_ABOVE_CREST = 0.04


@dataclass(frozen=True)
class SideLandmarks:
    """Joint centres and bony heights of one side (world frame, metres)."""

    hip: np.ndarray
    knee: np.ndarray
    ankle: np.ndarray
    mtp: np.ndarray
    heel_y: float
    toes_medial_x: float
    crest_z: float
    ischial_z: float
    pubis_z: float
    sole_z: float


def side_landmarks(src: SourceModel, side: str) -> SideLandmarks:
    s = "r" if side == "right" else "l"
    b = src.bodies
    hip_bone = src.bones[f"hip_bone_{side}"].points
    toes = src.bones[f"toes_{side}"].points
    foot = src.bones[f"foot_{side}"].points
    medial_x = toes[:, 0].min() if side == "left" else toes[:, 0].max()
    medial_pts = hip_bone[np.abs(hip_bone[:, 0]) < 0.01]
    return SideLandmarks(
        hip=b[f"femur_{s}"],
        knee=b[f"tibia_{s}"],
        ankle=b[f"talus_{s}"],
        mtp=b[f"toes_{s}"],
        heel_y=float(b[f"calcn_{s}"][1]),
        toes_medial_x=float(medial_x),
        crest_z=float(hip_bone[:, 2].max()),
        ischial_z=float(hip_bone[:, 2].min()),
        pubis_z=float(medial_pts[:, 2].max()) if len(medial_pts) else float(hip_bone[:, 2].min()),
        sole_z=float(foot[:, 2].min()),
    )


def _angle(p: np.ndarray, centre: np.ndarray, side: str) -> np.ndarray:
    """Degrees round a vertical axis: 0 anterior, +90 lateral, -90 medial, ±180 posterior."""
    sgn = 1.0 if side == "left" else -1.0
    v = p[:, :2] - centre[:, :2]
    return np.degrees(np.arctan2(sgn * v[:, 0], -v[:, 1]))


def _axis_point(z: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    t = np.clip((z - lo[2]) / (hi[2] - lo[2]), 0, 1)[:, None]
    return lo + t * (hi - lo)


def label_skin(
    points: np.ndarray, normals: np.ndarray, src: SourceModel
) -> tuple[np.ndarray, np.ndarray]:
    """Area index (into BODY_AREAS, -1 none) and side index (into SIDES) for each skin point."""
    area = np.full(len(points), -1, dtype=np.int16)
    side_idx = np.where(points[:, 0] >= 0, SIDES.index("left"), SIDES.index("right")).astype(
        np.int8
    )
    code = {name: i for i, name in enumerate(BODY_AREAS)}
    for side in SIDES:
        sel = np.nonzero(side_idx == SIDES.index(side))[0]
        labels = _label_side(points[sel], normals[sel], side_landmarks(src, side), side)
        area[sel] = [code[x] if x else -1 for x in labels]
    return area, side_idx


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

    leg_ang = _angle(p, _axis_point(z, lm.ankle, lm.knee), side)
    ankle = ~foot & (z < za + 0.07)
    put(ankle & (np.abs(leg_ang) > 135), "achilles")
    put(ankle & (leg_ang >= 45), "lateral_ankle")
    put(ankle & (leg_ang <= -45), "medial_ankle")
    put(ankle, "anterior_ankle")

    leg = ~foot & (z >= za + 0.07) & (z < zk - 0.05)
    put(leg & (np.abs(leg_ang) > 120), "calf")
    put(leg & (leg_ang > 45), "lateral_leg")
    put(leg, "shin")

    thigh_ang = _angle(p, _axis_point(z, lm.knee, lm.hip), side)
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
