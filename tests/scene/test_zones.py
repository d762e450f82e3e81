"""Where a zone's edge runs, on a flat sheet of skin cut into strips: no seam between two
painted strips, a narrow unpainted strip keeps its width between painted ones, and a painted
narrow strip keeps its width between unpainted ones."""

from __future__ import annotations

import itertools

import numpy as np

from tp_explorer.scene.zones import Nearest

STEP = 0.008  # about the skin's spacing
COLUMNS, ROWS = 60, 20


def sheet() -> tuple[np.ndarray, np.ndarray]:
    """A flat grid of points (x across, y along) and its triangles."""
    x, y = np.meshgrid(np.arange(COLUMNS) * STEP, np.arange(ROWS) * STEP, indexing="ij")
    points = np.column_stack([x.ravel(), y.ravel(), np.zeros(x.size)])
    index = np.arange(COLUMNS * ROWS).reshape(COLUMNS, ROWS)
    a, b = index[:-1, :-1].ravel(), index[1:, :-1].ravel()
    c, d = index[:-1, 1:].ravel(), index[1:, 1:].ravel()
    triangles = np.vstack([np.column_stack([a, b, d]), np.column_stack([a, d, c])])
    return points, triangles


def strips(points: np.ndarray, edges_m: list[float]) -> list[np.ndarray]:
    """The points of each strip between successive x edges."""
    x = points[:, 0]
    bounds = [-1.0, *edges_m, 10.0]
    return [np.flatnonzero((x >= lo) & (x < hi)) for lo, hi in itertools.pairwise(bounds)]


def row_level(nearest: Nearest, painted: list[bool], points: np.ndarray) -> np.ndarray:
    """The level along the middle row of the sheet."""
    level = nearest.level(np.array(painted))
    middle = np.isclose(points[:, 1], (ROWS // 2) * STEP)
    return level[middle]


def test_painted_neighbours_join_and_a_narrow_gap_stays_open() -> None:
    points, triangles = sheet()
    x = np.arange(COLUMNS) * STEP
    # wide | wide | narrow (3 points) | wide
    own = strips(points, [0.16, 0.30, 0.324])
    keys = [(f"strip{i}", "left") for i in range(len(own))]
    nearest = Nearest.measure(keys, own, points, triangles)
    level = row_level(nearest, [True, True, False, True], points)
    first_two = x < 0.29
    assert (level[first_two] >= 0.5).all()  # no seam where the two painted strips meet
    gap = (x > 0.3) & (x < 0.324)
    assert (level[gap] < 0.5).all()  # the unpainted narrow strip keeps its width
    level = row_level(nearest, [False, False, True, False], points)
    assert (level[gap] >= 0.5).all() and (level[~((x > 0.29) & (x < 0.33))] < 0.5).all()


def test_the_edge_runs_half_way_between_the_last_points_in_and_out() -> None:
    points, triangles = sheet()
    own = strips(points, [0.2])
    keys = [("inside", "left"), ("outside", "left")]
    nearest = Nearest.measure(keys, own, points, triangles)
    level = row_level(nearest, [True, False], points)
    x = np.arange(COLUMNS) * STEP
    crossing = np.flatnonzero(np.diff(level >= 0.5))
    assert len(crossing) == 1  # one edge, no ripples
    edge = x[crossing[0]] + STEP * (level[crossing[0]] - 0.5) / (
        level[crossing[0]] - level[crossing[0] + 1]
    )
    assert abs(edge - (0.2 - STEP / 2)) < STEP / 2
