"""Leader lines that never cross: not each other, and not the focused muscle.

After the labels are placed (``labels.place_labels``), two leaders that cross in one column
swap their labels' rows (two straight leaders that cross are always longer than the two
that swap ends, so this settles); two that cannot swap, or that cross between the columns,
lose the lower label. A leader may leave the focused muscle (the muscle's own label, or a
nerve under it) but never run over it after that: a label whose leader would is given
another anchor on its muscle, else left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from tp_explorer.scene.layout.arrays import BoolArray, Box, FloatArray, vec3
from tp_explorer.scene.layout.columns import MARGIN_PX, dilate
from tp_explorer.scene.layout.placement import Placement
from tp_explorer.scene.layout.projection import Projection, on_canvas

CELL_PX = 6  # the footprint's grid
STEP_PX = 2.0  # a leader is checked against the footprint every few pixels
ROUNDS = 64  # swaps before a crossing that will not settle costs the lower label

Point2 = tuple[float, float]


@dataclass(frozen=True, eq=False)
class Footprint:
    """The canvas cells the focused muscle covers, dilated by a cell."""

    grid: BoolArray  # (columns, rows)

    @classmethod
    def of(cls, view: Projection, points: FloatArray) -> Footprint | None:
        """The footprint of these world points in this view; None when none is in view."""
        if not len(points):
            return None
        xy, _depth, front = view.project(np.asarray(points, dtype=float))
        inside = on_canvas(xy, front, view.size)
        if not inside.any():
            return None
        width, height = view.size
        grid = np.zeros((width // CELL_PX + 1, height // CELL_PX + 1), dtype=bool)
        cells = (xy[inside] / CELL_PX).astype(np.intp)
        grid[cells[:, 0], cells[:, 1]] = True
        return cls(dilate(grid))

    def covers(self, xy: FloatArray) -> BoolArray:
        """Which canvas points (n, 2) lie on the footprint."""
        cells = np.floor(np.asarray(xy, dtype=float) / CELL_PX).astype(np.intp)
        columns, rows = self.grid.shape
        ok = (cells[:, 0] >= 0) & (cells[:, 0] < columns) & (cells[:, 1] >= 0)
        ok &= cells[:, 1] < rows
        covered = np.zeros(len(cells), dtype=bool)
        covered[ok] = self.grid[cells[ok, 0], cells[ok, 1]]
        return covered

    def reenters(self, starts: FloatArray, end: Point2) -> BoolArray:
        """For leaders from each start (m, 2) to ``end``: whether a leader runs over the
        footprint after it has left it (or enters it, starting outside). Each leader is
        checked at the same distances from its start (every ``STEP_PX``, and its end),
        however many are checked at once, so a leader gets one verdict."""
        starts = np.asarray(starts, dtype=float).reshape(-1, 2)
        gap = np.asarray(end, dtype=float) - starts
        length = np.hypot(gap[:, 0], gap[:, 1])
        steps = int(np.ceil(float(length.max(initial=0.0)) / STEP_PX)) + 1
        along = np.minimum(np.arange(steps)[None, :] * STEP_PX, length[:, None])
        t = along / np.maximum(length[:, None], 1e-9)
        path = starts[:, None, :] + gap[:, None, :] * t[:, :, None]
        on = self.covers(path.reshape(-1, 2)).reshape(len(starts), steps)
        # inside only on a first run from the start: once off, never on again
        left = np.cumsum(~on, axis=1) > 0
        crossed: BoolArray = np.any(on & left, axis=1)
        return crossed


def crossings(starts: FloatArray, ends: FloatArray) -> BoolArray:
    """Which of these segments (n, 2 points each) cross each other, all pairs at once: an
    (n, n) matrix, symmetric, False on its diagonal. Touching at an end counts, and so does a
    parallel overlap."""
    a0, a1 = starts[:, None, :], ends[:, None, :]
    b0, b1 = starts[None, :, :], ends[None, :, :]

    def side(p: FloatArray, q: FloatArray, r: FloatArray) -> FloatArray:
        value: FloatArray = (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (
            q[..., 1] - p[..., 1]
        ) * (r[..., 0] - p[..., 0])
        return value

    def within(p: FloatArray, q: FloatArray, r: FloatArray) -> BoolArray:
        low, high = np.minimum(p, q), np.maximum(p, q)
        inside: BoolArray = np.all((low <= r) & (r <= high), axis=-1)
        return inside

    d1, d2 = side(b0, b1, a0), side(b0, b1, a1)
    d3, d4 = side(a0, a1, b0), side(a0, a1, b1)
    cross: BoolArray = (d1 * d2 < 0) & (d3 * d4 < 0)
    on_line = (d1 == 0) | (d2 == 0) | (d3 == 0) | (d4 == 0)
    np.fill_diagonal(on_line, False)  # (a segment lies on itself)
    if on_line.any():  # rare elsewhere: an end of one segment on the other's line
        cross |= (d1 == 0) & within(b0, b1, a0)
        cross |= (d2 == 0) & within(b0, b1, a1)
        cross |= (d3 == 0) & within(a0, a1, b0)
        cross |= (d4 == 0) & within(a0, a1, b1)
    np.fill_diagonal(cross, False)
    return cross


def segments_cross(a0: Point2, a1: Point2, b0: Point2, b1: Point2) -> bool:
    """Whether two segments cross: ``crossings`` for one pair, in plain arithmetic (a swap
    is checked with it, and a layout tries a few dozen)."""

    def side(p: Point2, q: Point2, r: Point2) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    def within(p: Point2, q: Point2, r: Point2) -> bool:
        return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(
            p[1], q[1]
        )

    d1, d2 = side(b0, b1, a0), side(b0, b1, a1)
    d3, d4 = side(a0, a1, b0), side(a0, a1, b1)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return (
        (d1 == 0 and within(b0, b1, a0))
        or (d2 == 0 and within(b0, b1, a1))
        or (d3 == 0 and within(a0, a1, b0))
        or (d4 == 0 and within(a0, a1, b1))
    )


def column_of(box: Box, end: Point2) -> str:
    """'left' for a label whose leader meets its box's right edge, else 'right'."""
    return "left" if end[0] == box[2] else "right"


def overlaps(a: Box, b: Box) -> bool:
    """Two boxes closer than the labels' margin."""
    return (
        a[0] < b[2] + MARGIN_PX
        and b[0] < a[2] + MARGIN_PX
        and a[1] < b[3] + MARGIN_PX
        and b[1] < a[3] + MARGIN_PX
    )


def moved(box: Box, y0: float) -> Box:
    return (box[0], y0, box[2], y0 + box[3] - box[1])


Candidates = tuple[FloatArray, FloatArray]  # a label's seen points: world (m, 3), canvas (m, 2)
Fits = Callable[[str, Box], bool]  # whether a box's rows are free in a column ("left"/"right")


def reanchored(
    placement: Placement, candidates: Candidates, footprint: Footprint, outside: bool
) -> Placement | None:
    """The placement with the anchor nearest its own whose leader never runs over the
    footprint once off it (and, with ``outside``, starts off it where one can), or None."""
    world, px = candidates
    if not len(px):
        return None
    bad = footprint.reenters(px, placement.line_end_px)
    if outside:
        inside = footprint.covers(px)
        if (~inside & ~bad).any():
            bad |= inside
    good = np.flatnonzero(~bad)
    if not len(good):
        return None
    gap = np.hypot(*(px[good] - np.asarray(placement.anchor_px)).T)
    best = int(good[int(np.argmin(gap))])
    return replace(
        placement,
        anchor=vec3(world[best]),
        anchor_px=(float(px[best, 0]), float(px[best, 1])),
    )


def swapped(
    first: Placement, second: Placement, others: Sequence[Placement], fits: Fits
) -> tuple[Placement, Placement] | None:
    """Two labels of one column with their rows exchanged (the lower one's box to the top of
    the pair's rows, the upper one's to the bottom), or None where they would not fit."""
    lower, upper = (first, second) if first.box[1] <= second.box[1] else (second, first)
    up = moved(lower.box, upper.box[3] - (lower.box[3] - lower.box[1]))
    down = moved(upper.box, lower.box[1])
    column = column_of(lower.box, lower.line_end_px)
    if overlaps(up, down) or any(overlaps(o.box, b) for o in others for b in (up, down)):
        return None
    if not (fits(column, up) and fits(column, down)):
        return None
    new_lower = replace(lower, box=up, line_end_px=(lower.line_end_px[0], (up[1] + up[3]) / 2))
    new_upper = replace(
        upper, box=down, line_end_px=(upper.line_end_px[0], (down[1] + down[3]) / 2)
    )
    return (new_lower, new_upper) if lower is first else (new_upper, new_lower)


def leaders_cross(first: Placement, second: Placement) -> bool:
    """Whether two labels' leader lines cross (``segments_cross`` of their two leaders)."""
    return segments_cross(first.anchor_px, first.line_end_px, second.anchor_px, second.line_end_px)


def uncrossing_swap(
    first: Placement, second: Placement, others: Sequence[Placement], fits: Fits
) -> tuple[Placement, Placement] | None:
    """``swapped``, where the two leaders do not cross after it; else None."""
    swap = swapped(first, second, others, fits)
    return None if swap is None or leaders_cross(*swap) else swap


def uncrossed_columns(placements: Sequence[Placement], fits: Fits) -> list[Placement]:
    """The placements with the leaders into each column uncrossed where two labels on
    neighbouring rows can trade rows (``swapped``: the lower one's box to the top of the
    pair's rows), pass after pass, in plain arithmetic. Most crossings in a layout are of this
    kind; ``untangle`` then has few left, each of which costs it a measure of every pair of
    leaders (a layout took about 20 of those before, 34 on the feet)."""
    out = list(placements)
    for column in ("left", "right"):
        rows = sorted(
            (i for i, p in enumerate(out) if column_of(p.box, p.line_end_px) == column),
            key=lambda i: out[i].box[1],
        )
        for _ in range(len(rows)):
            traded = False
            for k in range(len(rows) - 1):
                low, high = out[rows[k]], out[rows[k + 1]]
                if not leaders_cross(low, high):
                    continue
                # neighbours in one column: no other label lies between their rows
                swap = uncrossing_swap(low, high, (), fits)
                if swap is None:
                    continue
                out[rows[k]], out[rows[k + 1]] = swap
                rows[k], rows[k + 1] = rows[k + 1], rows[k]  # the lower label is now above
                traded = True
            if not traded:
                break
    return out


def first_crossing(placements: Sequence[Placement]) -> tuple[int, int] | None:
    """The first two leaders that cross (by index, the second the later), or None."""
    if len(placements) < 2:
        return None
    starts = np.array([p.anchor_px for p in placements], dtype=float)
    ends = np.array([p.line_end_px for p in placements], dtype=float)
    later = np.triu(crossings(starts, ends), 1).T  # [j, i] for i < j, in j's order then i's
    found = np.argwhere(later)
    if not len(found):
        return None
    j, i = (int(v) for v in found[0])
    return i, j


def off_the_focus(
    placements: list[Placement],
    candidates: list[Candidates],
    footprint: Footprint,
    focused: str | None,
) -> tuple[list[Placement], list[Candidates]]:
    """Each leader kept off the focused muscle: re-anchored where it would run over it (a
    label other than the focused muscle's also where its anchor lies on it), else left out."""
    kept: list[Placement] = []
    kept_candidates: list[Candidates] = []
    for placement, mine in zip(placements, candidates, strict=True):
        start = np.array([placement.anchor_px])
        outside = placement.text != focused and placement.style == "muscle"
        bad = bool(footprint.reenters(start, placement.line_end_px)[0])
        bad |= outside and bool(footprint.covers(start)[0])
        found = reanchored(placement, mine, footprint, outside) if bad else placement
        if found is not None:
            kept.append(found)
            kept_candidates.append(mine)
    return kept, kept_candidates


def untangle(
    placements: Sequence[Placement],
    candidates: Sequence[Candidates],
    fits: Fits,
    footprint: Footprint | None = None,
    focused: str | None = None,
) -> list[Placement]:
    """The placements (highest priority first) with no two leaders crossing and, with a
    ``footprint``, none running over the focused muscle (``focused``: its label's text).
    ``fits`` says where a swapped label's box may go."""
    items, mine = uncrossed_columns(placements, fits), list(candidates)
    if footprint is not None:
        items, mine = off_the_focus(items, mine, footprint, focused)
    for _ in range(ROUNDS):
        pair = first_crossing(items)
        if pair is None:
            return items
        i, j = pair
        a, b = items[i], items[j]
        swap = None
        if column_of(a.box, a.line_end_px) == column_of(b.box, b.line_end_px):
            others = [p for k, p in enumerate(items) if k not in (i, j)]
            swap = uncrossing_swap(a, b, others, fits)
        if swap is not None and footprint is not None:
            ends = [(p.anchor_px, p.line_end_px) for p in swap]
            if any(footprint.reenters(np.array([s]), e)[0] for s, e in ends):
                swap = None
        if swap is None:
            del items[j], mine[j]
        else:
            items[i], items[j] = swap
    while (pair := first_crossing(items)) is not None:
        del items[pair[1]]
    return items
