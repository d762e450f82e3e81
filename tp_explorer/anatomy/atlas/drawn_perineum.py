"""The superficial perineal muscles BodyParts3D lacks, drawn on the atlas's pelvis (a male
body): bulbospongiosus, ischiocavernosus and the superficial transverse perineal muscle.

They meet at the perineal body, in front of the segmented external anal sphincter; the
ischiocavernosus lies along the ischiopubic ramus, the bulbospongiosus wraps the bulb (not
drawn) under the pubic arch.
"""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.atlas.drawing import DrawContext, outward
from tp_explorer.anatomy.derive.lofts import resample, smooth_polyline
from tp_explorer.anatomy.derive.sections import Loft, grid_normals, lens, ring_loft, slab, taper

MM = 0.001
UP = np.array([0.0, 0.0, 1.0])
FORWARD = np.array([0.0, -1.0, 0.0])
BULB_RADIUS = 0.0125  # the bulb of the penis, about 25 mm across


def perineal_body(ctx: DrawContext) -> np.ndarray:
    """On the midline just in front of the anal sphincter, a little below its top."""
    eas = np.vstack([ctx.muscle_points("external_anal_sphincter", s) for s in ("left", "right")])
    return np.array([0.0, float(eas[:, 1].min()) - 0.004, float(eas[:, 2].max()) - 0.008])


def symphysis_low(ctx: DrawContext) -> np.ndarray:
    """The lowest midline point of the pubic symphysis."""
    hip = np.vstack([ctx.skeleton.pts(f"hip_bone_{s}") for s in ("left", "right")])
    mid = hip[np.abs(hip[:, 0]) < 0.012]
    low = mid[mid[:, 2] < mid[:, 2].min() + 0.004].mean(axis=0)
    out: np.ndarray = np.array([0.0, low[1], low[2]])
    return out


def _tuberosity(ctx: DrawContext, side: str, inward: float, forward: float) -> np.ndarray:
    it = ctx.skeleton.ischial_tuberosity(side)
    out: np.ndarray = it - outward(side) * inward + FORWARD * forward
    return out


def _off_bone(ctx: DrawContext, side: str, path: np.ndarray) -> np.ndarray:
    """Per station, the unit direction from the nearest hip-bone point to the path (the
    thickness of a muscle lying on that bone)."""
    from scipy.spatial import cKDTree

    hip = ctx.skeleton.pts(f"hip_bone_{side}")
    _, k = cKDTree(hip).query(path)
    d = path - hip[k]
    out: np.ndarray = d / np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-9)
    return out


def ischiocavernosus(ctx: DrawContext, side: str) -> Loft:
    """From the inner face of the ischial tuberosity forward, up and in along the inner lower
    edge of the ischiopubic ramus (on the crus, not drawn), to beside the symphysis; a spindle
    tendinous at both ends."""
    origin = _tuberosity(ctx, side, 0.010, 0.010)
    low = symphysis_low(ctx)
    insertion = low + outward(side) * 0.015 - UP * 0.010
    hip = ctx.skeleton.pts(f"hip_bone_{side}")
    mid_y = 0.5 * (origin[1] + insertion[1])
    ring = hip[(np.abs(hip[:, 1] - mid_y) < 0.004) & (hip[:, 2] < origin[2] + 0.03)]
    edge = ring[np.argmax(ring @ (-outward(side) - UP))]  # inner lower edge of the ramus
    middle = edge - outward(side) * 0.004 - UP * 0.004
    n = 11
    path = resample(smooth_polyline(np.array([origin, middle, insertion]), 6), n)
    s = np.linspace(0.0, 1.0, n)
    size = taper(s, 0.3, 0.3, 0.35, 0.35)
    # one thickness direction for the whole belly (off the ramus), so it does not twist
    off = _off_bone(ctx, side, path).mean(axis=0)
    return ring_loft(path, lens(0.002 + 0.0025 * size, 0.001 + 0.0015 * size, 1.2), off)


def transverse_perineal(ctx: DrawContext, side: str) -> Loft:
    """A narrow strip across the back of the urogenital triangle, from the inner front of the
    ischial tuberosity to the perineal body, thickest in its middle."""
    origin = _tuberosity(ctx, side, 0.010, 0.005)
    body = perineal_body(ctx) + outward(side) * 0.001
    n = 10
    path = resample(np.array([origin, 0.5 * (origin + body) - UP * 0.002, body]), n)
    s = np.linspace(0.0, 1.0, n)
    size = taper(s, 0.45, 0.45, 0.4, 0.4)
    return ring_loft(path, lens(0.0035 * (0.55 + 0.45 * size), 0.0015 * size, 1.4), UP)


def bulbospongiosus(ctx: DrawContext, side: str) -> Loft:
    """Each half a curved sleeve round the bulb: from the perineal body forward along the
    midline raphe under the pubic arch to the root of the penis, its sections arcs from the
    midline round the bulb's side, thickest (5 mm) in the middle, thin at every edge."""
    body = perineal_body(ctx)
    front = symphysis_low(ctx) + FORWARD * 0.004 - UP * 0.012
    n, m = 11, 9
    s = np.linspace(0.0, 1.0, n)
    axis = np.array([(1 - t) * body + t * front for t in s]) - UP * (BULB_RADIUS - 0.002)
    width = np.interp(s, [0.0, 0.1, 0.5, 0.9, 1.0], [0.004, 0.008, 0.015, 0.008, 0.005])
    thick = 0.0025 * taper(s, 0.35, 0.35, 0.4, 0.4)
    out = outward(side)
    mid = np.empty((n, m, 3))
    across = np.linspace(0.0, 1.0, m)
    for i in range(n):
        radius = BULB_RADIUS + thick[i]
        theta = 0.04 + across * width[i] / radius  # from just off the midline round the side
        mid[i] = (
            axis[i] + radius * np.outer(np.sin(theta), out) - radius * np.outer(np.cos(theta), UP)
        )
    normal = grid_normals(mid, mid - axis[:, None, :])
    half = thick[:, None] * np.sin(np.pi * across)[None, :] ** 0.7
    half[[0, -1], :] = 0.0
    return slab(mid, normal, half, half)
