"""Free room on the canvas for one layout: a column of labels each side of the highlighted
muscles, each keeping the runs of pixel rows still free in it.

The highlighted muscles' projected points are rasterised into a coarse occupancy grid; a
column's rows are blocked where the grid meets it, at the canvas's edges and where a box
another layer reserves (the needle-safety note) meets it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tp_explorer.scene.layout.arrays import BoolArray, Box, FloatArray
from tp_explorer.scene.layout.projection import Projection, on_canvas

MARGIN_PX = 3  # kept free between labels
COLUMN_GAP_PX = 18  # between the highlighted muscles and a column of labels
EDGE_PX = 4  # kept free at the canvas's edges
FAR_COLUMN_PX = 120  # a label crosses to the far column rather than drift further than this
CELL_PX = 6  # occupancy grid of the highlighted muscles

Run = tuple[int, int]  # the first free row and the end (exclusive) of a run of free rows
Column = tuple[float, float, list[Run]]  # x0, x1 and the column's free runs, ascending


class Columns:
    """The two columns of one layout, opened once the widest label to place is known."""

    def __init__(self, view: Projection, avoid: FloatArray) -> None:
        width, height = view.size
        self.width, self.height = width, height
        cols, rows = width // CELL_PX + 1, height // CELL_PX + 1
        grid = np.zeros((cols, rows), dtype=bool)
        body = (width * 0.5, width * 0.5)
        if len(avoid):
            xy, _depth, front = view.project(avoid)
            inside = on_canvas(xy, front, view.size)
            if inside.any():
                # contiguous rows (project's xy is a transposed view)
                x, y = xy[:, 0][inside], xy[:, 1][inside]
                x_cells = (x * (1.0 / CELL_PX)).astype(np.intp)
                grid[x_cells, (y * (1.0 / CELL_PX)).astype(np.intp)] = True
                grid = dilate(grid)  # cover the gaps between points
                body = (float(x.min()), float(x.max()))
        self.body = body
        self._grid = grid
        self.columns: dict[str, Column] = {}
        self.blocked: dict[str, BoolArray] = {}  # per column, its rows blocked when opened

    @property
    def room(self) -> float:
        """The widest label a column beside the highlighted muscles holds without covering them
        (on the roomier side)."""
        left = self.body[0] - COLUMN_GAP_PX - EDGE_PX
        right = self.width - EDGE_PX - self.body[1] - COLUMN_GAP_PX
        return max(left, right)

    def open(self, widest: int, reserved: Sequence[Box] = ()) -> None:
        """A column each side of the body, as wide as the widest label to place. ``reserved``:
        boxes (display px) other things draw on the canvas; no label goes where one meets a
        column."""
        width, height, body, grid = self.width, self.height, self.body, self._grid
        w = min(widest, width - 2 * EDGE_PX)
        left = min(max(EDGE_PX, body[0] - COLUMN_GAP_PX - w), width - EDGE_PX - w)
        right = max(min(width - EDGE_PX - w, body[1] + COLUMN_GAP_PX), EDGE_PX)
        blocked: dict[str, BoolArray] = {}
        for name, x0 in (("left", left), ("right", right)):
            c0, c1 = int(x0 // CELL_PX), int((x0 + w) // CELL_PX)
            rows = np.repeat(grid[c0 : c1 + 1, :].any(axis=0), CELL_PX)[:height].copy()
            rows[:EDGE_PX] = True
            rows[height - EDGE_PX :] = True
            for bx0, by0, bx1, by1 in reserved:
                if bx0 < x0 + w and bx1 > x0:
                    lo, hi = kept_clear(by0, by1)
                    rows[lo:hi] = True
            blocked[name] = rows
        self.blocked = blocked
        if left + w > right:  # columns that overlap (a narrow canvas) share their free rows
            shared = free_runs(blocked["left"] | blocked["right"])
            self.columns = {"left": (left, left + w, shared), "right": (right, right + w, shared)}
        else:
            self.columns = {
                "left": (left, left + w, free_runs(blocked["left"])),
                "right": (right, right + w, free_runs(blocked["right"])),
            }

    def fits(self, column: str, box: Box) -> bool:
        """Whether a box's rows were free in a column when it opened (other labels aside)."""
        rows = self.blocked.get(column)
        if rows is None:
            return False
        first, end = int(box[1]), math.ceil(box[3]) + 1
        return first >= 0 and end <= len(rows) and not rows[first:end].any()

    def place(
        self, anchor: FloatArray, size: tuple[int, int]
    ) -> tuple[Box, tuple[float, float]] | None:
        """A free box for a label of ``size`` in the column on the anchor's side (else the
        other), as near the anchor's height as possible; with the leader's end on the box.
        Left-column labels stand flush right against the body, right-column ones flush left."""
        w, h = size
        ax, ay = float(anchor[0]), float(anchor[1])
        sides = ["left", "right"]
        if ax > (self.body[0] + self.body[1]) / 2:
            sides.reverse()
        rows = math.ceil(h) + 1
        target = ay - h / 2
        best: tuple[float, str, int] | None = None
        for rank, name in enumerate(sides):
            c0, c1, free = self.columns[name]
            if w > c1 - c0 + 0.5:
                continue
            y0 = nearest_start(free, rows, target)
            if y0 is None:
                continue
            # the far column costs its extra leader length; a crowded near one its drift
            cost = abs(y0 - target) + rank * FAR_COLUMN_PX
            if best is None or cost < best[0]:
                best = (cost, name, y0)
        if best is None:
            return None
        _cost, name, y0 = best
        c0, c1, free = self.columns[name]
        x0 = c1 - w if name == "left" else c0
        box = (x0, float(y0), x0 + w, y0 + h)
        take(free, *kept_clear(y0, y0 + h))
        end = (box[2], y0 + h / 2) if name == "left" else (box[0], y0 + h / 2)
        return box, end


def kept_clear(y0: float, y1: float) -> tuple[int, int]:
    """The rows (first, end exclusive) a box from y0 to y1 takes, with MARGIN_PX around it."""
    return max(int(y0) - MARGIN_PX, 0), math.ceil(y1) + MARGIN_PX + 1


def free_runs(blocked: BoolArray) -> list[Run]:
    """The runs of False in ``blocked``, as (first, end) with ends exclusive, ascending."""
    edges = np.diff(np.concatenate(([1], blocked.view(np.int8), [1])))
    starts: list[int] = np.flatnonzero(edges == -1).tolist()
    ends: list[int] = np.flatnonzero(edges == 1).tolist()
    return list(zip(starts, ends, strict=True))


def nearest_start(free: Sequence[Run], rows: int, target: float) -> int | None:
    """The first row of ``rows`` free rows in a row nearest ``target`` (the lower one of two
    as near), or None."""
    best: int | None = None
    for first, end in free:
        last = end - rows  # the last first row that still fits in this run
        if last < first:
            continue
        if target <= first:
            y = first
        elif target >= last:
            y = last
        else:
            y = math.floor(target)
            if y + 1 - target < target - y:
                y += 1
        if best is None or abs(y - target) < abs(best - target):
            best = y
    return best


def take(free: list[Run], lo: int, hi: int) -> None:
    """Rows lo..hi-1 are no longer free (in place: the runs may be shared by two columns)."""
    if hi <= lo:
        return
    kept: list[Run] = []
    for first, end in free:
        if end <= lo or first >= hi:
            kept.append((first, end))
            continue
        if first < lo:
            kept.append((first, lo))
        if end > hi:
            kept.append((hi, end))
    free[:] = kept


def dilate(grid: BoolArray) -> BoolArray:
    """Each set cell also sets its 8 neighbours."""
    out = grid.copy()
    out[1:, :] |= grid[:-1, :]
    out[:-1, :] |= grid[1:, :]
    rows = out.copy()
    out[:, 1:] |= rows[:, :-1]
    out[:, :-1] |= rows[:, 1:]
    return out
