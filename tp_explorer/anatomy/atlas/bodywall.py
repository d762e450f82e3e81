"""The abdominal wall the drawn sheets follow: positions round a vertical axis through the
trunk (an angle from the front midline towards one side, a height, a depth inward), measured
from the inner face of the segmented external oblique; where that muscle is absent, from the
skin less the gap it leaves nearby. Also the bony borders of the sheets: the pubis, the
inguinal ligament and iliac crest, the lowest ribs."""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.atlas.drawing import Caster, DrawContext
from tp_explorer.anatomy.derive.landmarks import centre_z, lateral_sign

REACH = 0.4  # rays from the axis: the trunk is about 0.3 m across


def smoothstep(x: np.ndarray) -> np.ndarray:
    c = np.clip(x, 0.0, 1.0)
    out: np.ndarray = c * c * (3.0 - 2.0 * c)
    return out


class Wall:
    """One side of the abdominal wall of the atlas body."""

    def __init__(self, ctx: DrawContext, side: str) -> None:
        sk = ctx.skeleton
        self.sg = lateral_sign(side)
        self._eo = Caster(ctx.muscles["external_oblique"][side])
        self._skin = Caster(ctx.skin)
        skin = np.asarray(ctx.skin.points)
        self.top = float(skin[:, 2].max()) - 0.0005
        self.pubis_z = sk.side_landmarks(side).pubis_z
        mid = skin[np.abs(skin[:, 0]) < 0.01]
        self._zs = np.linspace(self.pubis_z - 0.01, self.top, 40)
        centres = []
        for z in self._zs:
            band = mid[np.abs(mid[:, 2] - z) < 0.006]
            centres.append(0.5 * (band[:, 1].min() + band[:, 1].max()))
        self._yc = np.array(centres)
        self.hip = sk.pts(f"hip_bone_{side}")
        disk = sk.pts("intervertebral_disk_of_third_lumbar_vertebra")
        self.navel_z = centre_z(disk)  # the navel lies about level with the L3-L4 disc
        self.ribs = np.vstack([sk.pts(f"{n}_rib_{side}") for n in ("eleventh", "twelfth")])
        tip = sk.lumbar(3)
        tip = tip[np.argmax(self.sg * tip[:, 0])]
        # the sheets' back edge: the lateral border of quadratus lumborum, 50 mm outside the
        # L3 transverse process
        self.back_theta = float(self.angle(tip + np.array([self.sg * 0.05, 0.0, 0.0]))[0])

    def axis(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        y = np.interp(z, self._zs, self._yc)
        out: np.ndarray = np.stack([np.zeros_like(z), y, z], axis=-1)
        return out

    def directions(self, theta: np.ndarray) -> np.ndarray:
        """Unit horizontal directions: angle 0 to the front, pi/2 to this side."""
        theta = np.asarray(theta, dtype=float)
        out: np.ndarray = np.stack(
            [self.sg * np.sin(theta), -np.cos(theta), np.zeros_like(theta)], axis=-1
        )
        return out

    def angle(self, points: np.ndarray) -> np.ndarray:
        """The angle of each point round the axis."""
        p = np.atleast_2d(points)
        rel = p - self.axis(p[:, 2])
        out: np.ndarray = np.arctan2(self.sg * rel[:, 0], -rel[:, 1])
        return out

    def radius(self, theta: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Distance from the axis to the inner face of the external oblique."""
        shape = np.shape(theta)
        flat_t, flat_z = np.ravel(theta), np.ravel(np.broadcast_to(z, shape))
        origins, dirs = self.axis(flat_z), self.directions(flat_t)
        eo = np.full(len(flat_t), np.nan)
        skin = np.full(len(flat_t), np.nan)
        for k, (o, d) in enumerate(zip(origins, dirs, strict=True)):
            hit = self._eo.first(o, d, REACH)
            if hit is not None:
                eo[k] = np.linalg.norm(hit - o)
            hit = self._skin.first(o, d, REACH)
            if hit is not None:
                skin[k] = np.linalg.norm(hit - o)
        out: np.ndarray = skin.reshape(shape) - _fill((skin - eo).reshape(shape))
        filled: np.ndarray = np.where(np.isnan(out), np.nanmedian(out), out)
        return filled

    def theta_at(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """The angles at which the wall lies ``x`` from the midline."""
        theta = np.arctan2(x, 0.1)
        for _ in range(3):
            theta = np.arcsin(np.clip(x / self.radius(theta, z), 0.0, 0.99))
        out: np.ndarray = theta
        return out

    def points(self, theta: np.ndarray, z: np.ndarray, depth: np.ndarray) -> np.ndarray:
        """Points ``depth`` inside the wall (its radius smoothed over the grid: the decimated
        external oblique is a little bumpy)."""
        r = _smoothed(self.radius(theta, z)) - depth
        out: np.ndarray = (
            self.axis(np.broadcast_to(z, np.shape(theta))) + self.directions(theta) * r[..., None]
        )
        return out

    def front_depth(self, theta: np.ndarray, z: np.ndarray, stack: np.ndarray) -> np.ndarray:
        """How deep the front of the rectus sheath lies: 1 mm inside the wall, and over the
        lowest 35 mm curving back so that a ``stack`` that thick ends on the pubis."""
        zz = np.broadcast_to(z, np.shape(theta))
        low = np.full(np.shape(theta), self.pubis_z)
        bone = self._bone_radius(theta)
        wall = self.radius(theta, low)
        on_bone = np.maximum(wall - bone - stack - 0.0005, 0.001)
        w = 1.0 - smoothstep((zz - self.pubis_z) / 0.035)
        out: np.ndarray = (1.0 - w) * 0.001 + w * on_bone
        return out

    def _bone_radius(self, theta: np.ndarray) -> np.ndarray:
        """How far from the axis the front of the pubis reaches at each angle, at its top."""
        z0 = self.pubis_z
        axis = self.axis(np.array([z0]))[0]
        hip = self.hip[(self.hip[:, 2] > z0 - 0.012) & (self.hip[:, 2] < z0 + 0.002)]
        rel = hip - axis
        out = np.empty(np.size(theta))
        for k, d in enumerate(self.directions(np.ravel(theta))):
            along = rel @ d
            off = np.linalg.norm(rel - np.outer(along, d), axis=1)
            near = along[off < 0.005]
            out[k] = float(near.max()) if len(near) else np.nan
        out = np.where(np.isnan(out), np.nanmin(out), out)
        return out.reshape(np.shape(theta))

    def lower_border(self, from_inguinal: float) -> np.ndarray:
        """The lower border of a sheet: the inguinal ligament from ``from_inguinal`` of its
        length (from the pubic tubercle), the anterior superior iliac spine, then the front
        two-thirds of the iliac crest, 3 mm above the bone."""
        hip = self.hip
        asis = hip[np.argmin(hip[:, 1])]
        near = hip[(np.abs(hip[:, 0]) > 0.015) & (np.abs(hip[:, 0]) < 0.03)]
        tubercle = near[np.argmax(near[:, 2])]
        top = hip[hip[:, 2] > hip[:, 2].max() - 0.08]
        back_y = float(top[:, 1].max())
        crest = []
        for y in np.linspace(float(asis[1]), back_y, 24):
            band = top[np.abs(top[:, 1] - y) < 0.004]
            if len(band):
                crest.append(band[np.argmax(band[:, 2])])
        line = np.array(crest)
        length = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))])
        front = line[length <= 2.0 / 3.0 * length[-1]]
        start = tubercle + from_inguinal * (asis - tubercle)
        border = np.vstack([start, asis, front])
        border[:, 2] += 0.003
        return border

    def profile(self, border: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A border's heights by angle (angles increasing)."""
        theta = self.angle(border)
        order = np.argsort(theta)
        return theta[order], border[order, 2]

    def rib_border(self, theta: np.ndarray) -> np.ndarray:
        """The upper border at each angle: 2 mm under the 11th and 12th ribs where they are,
        rising smoothly to the skin's top edge in front of them (the costal margin)."""
        rib_theta = self.angle(self.ribs)
        fine = np.linspace(-0.5, 3.5, 161)
        border = np.full(len(fine), self.top)
        for k, t in enumerate(fine):
            near = self.ribs[np.abs(rib_theta - t) < 0.03]
            if len(near):
                border[k] = min(self.top, float(near[:, 2].min()) - 0.002)
        # a rib ends in a tip: blend up to the top edge over about 0.5 rad (the costal
        # margin), never above the bone
        reach = 20  # fine steps (0.025 rad each) either side
        kernel = np.exp(-0.5 * (np.arange(-reach, reach + 1) / 8.0) ** 2)
        blurred = border.copy()
        for k in range(len(fine)):
            lo, hi = max(k - reach, 0), min(k + reach + 1, len(fine))
            w = kernel[reach - (k - lo) : reach + (hi - k)]
            blurred[k] = float((border[lo:hi] * w).sum() / w.sum())
        border = np.minimum(border, blurred)
        out: np.ndarray = np.interp(theta, fine, border)
        return out


def _fill(gap: np.ndarray) -> np.ndarray:
    """Missing gaps (no external oblique on that ray) from the nearest known one in the same
    row, else the median of all."""
    g = np.array(gap, dtype=float, ndmin=2)
    default = float(np.nanmedian(g)) if np.isfinite(g).any() else 0.015
    for row in g:
        known = np.nonzero(np.isfinite(row))[0]
        if not len(known):
            row[:] = default
            continue
        missing = np.nonzero(~np.isfinite(row))[0]
        nearest = known[np.argmin(np.abs(missing[:, None] - known[None, :]), axis=1)]
        row[missing] = row[nearest]
    out: np.ndarray = g.reshape(np.shape(gap))
    return out


def _smoothed(r: np.ndarray, rounds: int = 3) -> np.ndarray:
    """A light blur of a (rows, columns) or (stations,) field, its border kept in place."""
    out = np.array(r, dtype=float)
    for _ in range(rounds):
        for axis in range(out.ndim):
            a = np.moveaxis(out, axis, 0)
            a[1:-1] = 0.25 * a[:-2] + 0.5 * a[1:-1] + 0.25 * a[2:]
    return out
