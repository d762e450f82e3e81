"""Which structures stand between the camera and a focused muscle: they fade so it shows.

Screen-space and topology-free: the focused muscle's points are projected into a coarse grid
that keeps its nearest depth per cell; any other structure with points in that footprint,
nearer to the camera, is in the way.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np
import numpy.typing as npt

from tp_explorer.scene.layout.arrays import FloatArray
from tp_explorer.scene.layout.projection import project

CELL_PX = 10
MIN_HITS = 2  # points of a structure inside the footprint, in front, before it counts


class Occluders:
    """Every structure that may stand in front of a focused muscle, stacked once (each one's
    point sample), so each camera pose is one projection of them all instead of one per
    structure (~170 on the atlas: the fading of a focus took 20 ms, now ~6)."""

    def __init__(self, structures: Mapping[Hashable, npt.ArrayLike]) -> None:
        self.keys = list(structures)
        self._index = {key: i for i, key in enumerate(self.keys)}
        arrays = [np.asarray(structures[key], dtype=float).reshape(-1, 3) for key in self.keys]
        # (3, n): project() then reads three contiguous rows
        self._points_t = np.ascontiguousarray(np.vstack(arrays).T) if arrays else np.zeros((3, 0))
        self._owner = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])

    def find(
        self,
        target: FloatArray,
        candidates: Iterable[Hashable],
        matrix: FloatArray,
        size: tuple[int, int],
        cell_px: int = CELL_PX,
    ) -> set[Hashable]:
        """The ``candidates`` (keys given at construction) that hide part of ``target`` from
        this camera."""
        width, height = size
        cols, rows = width // cell_px + 2, height // cell_px + 2
        xy, depth, front = project(np.asarray(target, dtype=float), matrix, size)
        grid = np.full((cols, rows), np.inf)
        cells = np.floor(xy[front] / cell_px).astype(int)
        ok = (cells[:, 0] >= 0) & (cells[:, 0] < cols) & (cells[:, 1] >= 0) & (cells[:, 1] < rows)
        if not ok.any():
            return set()
        np.minimum.at(grid, (cells[ok, 0], cells[ok, 1]), depth[front][ok])
        grid = min_3x3(grid)  # close gaps between points
        wanted = np.zeros(len(self.keys), dtype=bool)
        wanted[[self._index[key] for key in candidates if key in self._index]] = True
        # all points projected at once, the ones not asked about masked out after
        pxy, pdepth, pfront = project(self._points_t.T, matrix, size)
        x, y = pxy[:, 0], pxy[:, 1]
        inside = wanted[self._owner] & pfront
        inside &= (x >= 0) & (x < cols * cell_px) & (y >= 0) & (y < rows * cell_px)
        seen = np.flatnonzero(inside)
        cx = (x[seen] * (1.0 / cell_px)).astype(np.intp)  # (>= 0 here: truncation is floor)
        cy = (y[seen] * (1.0 / cell_px)).astype(np.intp)
        # in front of the target where the target is (elsewhere the grid holds inf, and
        # "nearer than inf" would fade every structure in view)
        nearest = grid[cx, cy]
        hit = np.isfinite(nearest) & (pdepth[seen] < nearest - 1e-3)
        hits = np.bincount(self._owner[seen[hit]], minlength=len(self.keys))
        return {self.keys[i] for i in np.flatnonzero(hits >= MIN_HITS)}


def min_3x3(grid: FloatArray) -> FloatArray:
    """Each cell's minimum over itself and its 8 neighbours (outside the grid counts as inf)."""
    padded = np.pad(grid, 1, constant_values=np.inf)
    cols, rows = grid.shape
    out = padded[1 : cols + 1, 1 : rows + 1].copy()
    for dx in (0, 1, 2):
        for dy in (0, 1, 2):
            np.minimum(out, padded[dx : dx + cols, dy : dy + rows], out=out)
    return out
