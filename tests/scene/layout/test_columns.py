"""The label columns' free rows: kept as runs, taken as labels are placed, blocked by what
the canvas reserves; a narrow canvas's overlapping columns share their rows."""

from __future__ import annotations

import numpy as np

from tests.scene.layout.synthetic import ball, camera_at
from tp_explorer.scene.layout.columns import (
    EDGE_PX,
    MARGIN_PX,
    Columns,
    free_runs,
    nearest_start,
    take,
)


def test_free_row_runs_find_the_start_a_row_scan_finds() -> None:
    """The layout keeps each column's free rows as runs; the nearest start that fits, and the
    rows a label then takes, are those a scan over every row gives."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        blocked = rng.random(rng.integers(1, 120)) < rng.uniform(0.05, 0.7)
        runs = free_runs(blocked)
        assert [r for first, end in runs for r in range(first, end)] == list(
            np.flatnonzero(~blocked)
        )
        rows, target = int(rng.integers(1, 12)), float(rng.uniform(-10, 130))
        starts = [s for s in range(len(blocked) - rows + 1) if not blocked[s : s + rows].any()]
        expected = min(starts, key=lambda s: (abs(s - target), s)) if starts else None
        assert nearest_start(runs, rows, target) == expected
        lo, hi = sorted(int(v) for v in rng.integers(0, len(blocked) + 5, 2))
        blocked[lo:hi] = True
        take(runs, lo, hi)
        assert runs == free_runs(blocked)


def test_columns_stand_beside_the_body_and_keep_clear_of_a_reserved_box() -> None:
    view = camera_at((0.0, -3.0, 0.0), size=(800, 600))
    body, _normals = ball((0.0, 0.0, 0.0), radius=0.3)
    columns = Columns(view, body)
    left_edge, right_edge = columns.body
    assert 150 < left_edge < 400 < right_edge < 650  # the ball, centred
    columns.open(100, reserved=[(600.0, 10.0, 790.0, 100.0)])
    (l0, l1, left_runs), (r0, r1, right_runs) = columns.columns["left"], columns.columns["right"]
    assert l1 <= left_edge and r0 >= right_edge and l1 - l0 == r1 - r0 == 100
    assert left_runs == [(EDGE_PX, 600 - EDGE_PX)]  # nothing of the ball in the left column
    # the reserved box's rows (and a margin) are not free in the right column
    assert all(end <= 10 - MARGIN_PX or first >= 100 + MARGIN_PX for first, end in right_runs)
    box, end = columns.place(np.array([700.0, 20.0]), (80, 20))
    assert box[1] >= 100 + MARGIN_PX and box[0] == r0 and end == (box[0], box[1] + 10)


def test_a_narrow_canvas_shares_rows_between_overlapping_columns() -> None:
    view = camera_at((0.0, -3.0, 0.0), size=(300, 600))
    body, _normals = ball((0.0, 0.0, 0.0), radius=0.3)
    columns = Columns(view, body)
    columns.open(200)
    left, right = columns.columns["left"], columns.columns["right"]
    assert left[0] + 200 > right[0] and left[2] is right[2]
    placed = [columns.place(np.array([150.0, 300.0]), (190, 30)) for _ in range(3)]
    boxes = [spot[0] for spot in placed if spot is not None]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[3] <= b[1] or b[3] <= a[1], (a, b)  # stacked, never overlapping
