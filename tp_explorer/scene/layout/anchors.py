"""Where each label's leader line starts: a point of its muscle's front surface, near the
middle of what the camera sees of the muscle."""

from __future__ import annotations

import numpy as np

from tp_explorer.scene.layout.arrays import BoolArray, FloatArray, IntArray
from tp_explorer.scene.layout.projection import Projection, on_canvas

CELL_PX = 6  # the screen cells in which a muscle's nearest points count as its front
FRONT_TOLERANCE_M = 0.003  # a point this far behind its muscle's nearest point is still "front"

Anchor = tuple[FloatArray, FloatArray]  # (world point, its display pixel)


def seen_points(
    points: FloatArray,
    owner: IntArray,
    view: Projection,
    normals: FloatArray | None = None,
    offsets: FloatArray | None = None,
    through: BoolArray | None = None,
) -> tuple[BoolArray, FloatArray]:
    """Which points the camera sees (on the canvas, on the side of their muscle facing it),
    and every point's pixel.

    A point faces the camera when its outward normal points towards the eye (``offsets``:
    each normal . point, when known); without normals, when it is the nearest of its own
    muscle's points in its screen cell. A point marked in ``through`` counts as seen wherever
    it is in view (the safety layer draws its paths over the muscles)."""
    xy, depth, front = view.project(points)
    ok = on_canvas(xy, front, view.size)
    if normals is not None:
        # n . (eye - p) > 0, with n . p kept from the pool's inputs: one product a render
        if offsets is None:
            offsets = np.einsum("ij,ij->i", normals, points)
        facing = normals @ np.asarray(view.eye, dtype=float) > offsets
    else:
        facing = _nearest_in_cell(xy, depth, owner, ok)
    if through is not None:
        facing |= through
    ok &= facing
    return ok, xy


def chosen_anchors(
    points: FloatArray, owner: IntArray, count: int, ok: BoolArray, xy: FloatArray
) -> list[Anchor | None]:
    """Per label, its seen point nearest the middle of its seen points (world, pixel); None
    for a label none of whose points is seen."""
    result: list[Anchor | None] = [None] * count
    seen = np.flatnonzero(ok)
    if not len(seen):
        return result
    # owner is grouped and ascending (the labels' points are stacked in order), so a stable
    # sort by (owner, distance) puts each label's choice first in its group; ties keep the
    # lowest index.
    who = owner[seen]
    x, y = xy[seen, 0], xy[seen, 1]
    counts = np.maximum(np.bincount(who, minlength=count), 1)
    dx = x - (np.bincount(who, x, minlength=count) / counts)[who]
    dy = y - (np.bincount(who, y, minlength=count) / counts)[who]
    order = np.lexsort((dx * dx + dy * dy, who))
    firsts = np.flatnonzero(np.diff(who[order], prepend=-1))
    for best in seen[order[firsts]]:
        result[int(owner[best])] = (points[best], xy[best])
    return result


def _nearest_in_cell(
    xy: FloatArray, depth: FloatArray, owner: IntArray, ok: BoolArray
) -> BoolArray:
    """The points nearest the camera among their own muscle's points in their screen cell."""
    cells = np.floor(xy / CELL_PX).astype(np.int64)
    key = (owner.astype(np.int64) * 4096 + cells[:, 0]) * 4096 + cells[:, 1]
    _, inverse = np.unique(np.where(ok, key, -1), return_inverse=True)
    nearest = np.full(inverse.max() + 1, np.inf)
    np.minimum.at(nearest, inverse[ok], depth[ok])
    facing: BoolArray = depth <= nearest[inverse] + FRONT_TOLERANCE_M
    return facing
