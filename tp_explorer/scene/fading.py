"""Which structures stand between the camera and a focused muscle: they fade so it shows.

Screen-space and topology-free: the focused muscle's points are projected into a coarse grid
that keeps its nearest depth per cell; any other structure with points in that footprint,
nearer to the camera, is in the way.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np

from tp_explorer.scene.framing import project

CELL_PX = 10
MIN_HITS = 2  # points of a structure inside the footprint, in front, before it counts


def occluders(
    target: np.ndarray,
    others: Mapping[Hashable, np.ndarray],
    matrix: np.ndarray,
    size: tuple[int, int],
    cell_px: int = CELL_PX,
) -> set[Hashable]:
    """Keys of ``others`` (point sets) that hide part of ``target`` from this camera."""
    width, height = size
    cols, rows = width // cell_px + 2, height // cell_px + 2
    xy, depth, front = project(np.asarray(target, dtype=float), matrix, size)
    grid = np.full((cols, rows), np.inf)
    cells = np.floor(xy[front] / cell_px).astype(int)
    ok = (cells[:, 0] >= 0) & (cells[:, 0] < cols) & (cells[:, 1] >= 0) & (cells[:, 1] < rows)
    if not ok.any():
        return set()
    np.minimum.at(grid, (cells[ok, 0], cells[ok, 1]), depth[front][ok])
    grid = _min_3x3(grid)  # close gaps between points
    found: set[Hashable] = set()
    for key, points in others.items():
        pxy, pdepth, pfront = project(np.asarray(points, dtype=float), matrix, size)
        pc = np.floor(pxy / cell_px).astype(int)
        inside = pfront & (pc[:, 0] >= 0) & (pc[:, 0] < cols) & (pc[:, 1] >= 0) & (pc[:, 1] < rows)
        if not inside.any():
            continue
        nearest = grid[pc[inside, 0], pc[inside, 1]]
        hits = np.count_nonzero(pdepth[inside] < nearest - 1e-3)
        if hits >= MIN_HITS:
            found.add(key)
    return found


def _min_3x3(grid: np.ndarray) -> np.ndarray:
    """Each cell's minimum over itself and its 8 neighbours (outside the grid counts as inf)."""
    padded = np.pad(grid, 1, constant_values=np.inf)
    cols, rows = grid.shape
    out = padded[1 : cols + 1, 1 : rows + 1].copy()
    for dx in (0, 1, 2):
        for dy in (0, 1, 2):
            np.minimum(out, padded[dx : dx + cols, dy : dy + rows], out=out)
    return out
