"""The lines and ring stacks both sources sweep shapes along.

A smooth polyline through anchor points, resampled evenly: the built-in bellies' centrelines
and authored nerves, and the atlas's drawn nerve courses. The faces of a closed stack of rings:
the built-in bellies and the atlas's drawn muscles.
"""

from __future__ import annotations

import numpy as np

COURSE_SPACING = 0.008  # nerves and vessel courses: one point every 8 mm, smooth as a tube


def resample(path: np.ndarray, n: int) -> np.ndarray:
    """n points evenly spaced by arc length along a polyline."""
    seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.linspace(0.0, s[-1], n)
    return np.column_stack([np.interp(t, s, path[:, k]) for k in range(3)])


def smooth_polyline(points: np.ndarray, per_segment: int = 8) -> np.ndarray:
    """Catmull-Rom through the points, so a line bends smoothly round its anchors."""
    if len(points) < 3:
        return points
    p = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    t2, t3 = t * t, t * t * t
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (-p0 + p2) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * t3
            )
        )
    out.append(points[-1:])
    return np.vstack(out)


def course(anchors: np.ndarray, spacing: float = COURSE_SPACING) -> np.ndarray:
    """A smooth polyline through the anchors, first anchor first, one point about every
    ``spacing`` metres (eight at least)."""
    raw = smooth_polyline(anchors)
    length = float(np.linalg.norm(np.diff(raw, axis=0), axis=1).sum())
    return resample(raw, max(int(length / spacing), 8))


def tube_faces(n: int, m: int) -> np.ndarray:
    """Triangles of a closed tube of n rings of m vertices plus two cap centres (outward)."""
    i, j = np.meshgrid(np.arange(n - 1), np.arange(m), indexing="ij")
    a = i * m + j
    b = i * m + (j + 1) % m
    c = (i + 1) * m + j
    d = (i + 1) * m + (j + 1) % m
    side = np.concatenate(
        [np.stack([a, c, b], -1).reshape(-1, 3), np.stack([b, c, d], -1).reshape(-1, 3)]
    )
    start, end = n * m, n * m + 1
    k = np.arange(m)
    cap0 = np.stack([np.full(m, start), k, (k + 1) % m], -1)
    cap1 = np.stack([np.full(m, end), (n - 1) * m + (k + 1) % m, (n - 1) * m + k], -1)
    return np.concatenate([side, cap0, cap1]).astype(np.int32)
