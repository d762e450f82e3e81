"""The variables the fine skin map's rules read, for the skin points of one side: heights,
angles round the limb axes, levels along a segment, the foot's own axes and the trunk angle.

Each is a plain function of the points and the skeleton's landmarks, computed once per side
(``SideFrame``); the rules (fine_foot, fine_limb, fine_trunk) only compare them with bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from tp_explorer.anatomy.derive.areas import axis_point, limb_angle
from tp_explorer.anatomy.derive.landmarks import SideLandmarks, TrunkLandmarks, lateral_sign
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS

LEVELS = ("proximal", "mid", "distal")  # thirds of a limb segment, from its upper edge down
CODE = {name: i for i, name in enumerate(FINE_AREA_IDS)}  # fine area id -> its code


def choose(table: tuple[str, ...], index: np.ndarray) -> np.ndarray:
    """The codes of the fine areas ``table[index]``, one per point."""
    codes = np.array([CODE[name] for name in table], dtype=np.int16)
    return codes[np.asarray(index, dtype=np.intp)]


def one(name: str, count: int) -> np.ndarray:
    """The code of one fine area for ``count`` points."""
    return np.full(count, CODE[name], dtype=np.int16)


def third(level: np.ndarray) -> np.ndarray:
    """0, 1 or 2: the proximal, middle or distal third of a level running 0 (top) to 1."""
    return np.clip(np.floor(np.asarray(level) * 3.0), 0, 2).astype(np.intp)


@dataclass(frozen=True)
class SideFrame:
    """One side's skin points (with their normals) and its landmarks."""

    points: np.ndarray
    normals: np.ndarray
    lm: SideLandmarks
    trunk: TrunkLandmarks
    side: str
    crest_z: float  # both sides' mean: the midline rules must not step at x = 0

    @property
    def x(self) -> np.ndarray:
        return np.asarray(self.points[:, 0])

    @property
    def y(self) -> np.ndarray:
        return np.asarray(self.points[:, 1])

    @property
    def z(self) -> np.ndarray:
        return np.asarray(self.points[:, 2])

    @property
    def ax(self) -> np.ndarray:
        return np.asarray(np.abs(self.x))

    # -- limbs ---------------------------------------------------------------------------------
    @cached_property
    def leg_theta(self) -> np.ndarray:
        """Degrees round the leg axis (talus -> knee centre): 0 front, +90 lateral."""
        lm = self.lm
        return limb_angle(self.points, axis_point(self.z, lm.ankle, lm.knee), self.side)

    @cached_property
    def thigh_theta(self) -> np.ndarray:
        """Degrees round the thigh axis (knee centre -> femoral head)."""
        lm = self.lm
        return limb_angle(self.points, axis_point(self.z, lm.knee, lm.hip), self.side)

    @cached_property
    def leg_level(self) -> np.ndarray:
        """0 at the leg's upper edge (below the knee band), 1 at its lower edge (ankle band)."""
        top, bottom = self.lm.knee[2] - 0.05, self.lm.ankle[2] + 0.07
        return np.asarray((top - self.z) / (top - bottom))

    @cached_property
    def thigh_level(self) -> np.ndarray:
        """0 at the thigh's top edge (gluteal fold, trochanter or groin crease, as the coarse
        rule draws it), 1 at its lower edge (above the knee band)."""
        lm = self.lm
        a = np.abs(self.thigh_theta)
        top = np.where(
            a > 120, lm.ischial_z - 0.035, np.where(a > 50, lm.hip[2] - 0.05, lm.hip[2] - 0.035)
        )
        bottom = lm.knee[2] + 0.07
        return np.asarray((top - self.z) / (top - bottom))

    # -- foot ----------------------------------------------------------------------------------
    @property
    def toe_line_y(self) -> float:
        """The coarse toe boundary (the toe crease)."""
        return float(self.lm.mtp[1] - 0.005)

    @property
    def heel_line_y(self) -> float:
        """The coarse heel boundary."""
        return float(self.lm.heel_y - 0.012)

    @property
    def ball_back_y(self) -> float:
        """Back edge of the ball: 30 % of the way from the toe crease to the heel line."""
        return self.toe_line_y + 0.3 * (self.heel_line_y - self.toe_line_y)

    @cached_property
    def plantar(self) -> np.ndarray:
        """The coarse rule's sole test: facing down, or at the sole's height."""
        return np.asarray((self.normals[:, 2] < -0.55) | (self.z < self.lm.sole_z + 0.004))

    def foot_d(self, xy: np.ndarray) -> np.ndarray:
        """Signed horizontal distance (m) from the foot axis (heel back-centre -> second
        metatarsal head), positive lateral, of points given as (n, 2) x, y."""
        heel = self.lm.heel_back[:2]
        u = self.lm.metatarsal_heads[1, :2] - heel
        u = u / np.linalg.norm(u)
        out = np.array([u[1], -u[0]])
        if np.sign(out[0]) != lateral_sign(self.side):
            out = -out
        return np.asarray((np.asarray(xy)[..., :2] - heel) @ out)

    @cached_property
    def d(self) -> np.ndarray:
        return self.foot_d(self.points)

    def head_d(self, first: int, second: int) -> float:
        """d of the midpoint of two metatarsal heads (1-based, as anatomists count them)."""
        heads = self.lm.metatarsal_heads
        return float(self.foot_d(0.5 * (heads[first - 1] + heads[second - 1]))[()])

    @cached_property
    def heel_theta(self) -> np.ndarray:
        """Degrees round the vertical line through (ankle centre x, heel line y)."""
        centre = np.array([self.lm.ankle[0], self.heel_line_y, 0.0])
        return limb_angle(self.points, np.broadcast_to(centre, self.points.shape), self.side)

    # -- trunk ---------------------------------------------------------------------------------
    @cached_property
    def tr_angle(self) -> np.ndarray:
        """The coarse rule's trunk angle: 0 front, 90 side, 180 back (about the hip centres)."""
        return np.asarray(np.degrees(np.arctan2(self.ax, -(self.y - self.lm.hip[1]))))

    @property
    def buttock_top(self) -> float:
        """Lower edge of the crest band behind and at the side."""
        return float(self.lm.crest_z - 0.05)

    @property
    def gluteal_fold_z(self) -> float:
        return float(self.lm.ischial_z - 0.035)
