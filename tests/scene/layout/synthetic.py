"""Synthetic cameras and bodies for the layout core's tests: a camera from a pose, without VTK."""

from __future__ import annotations

import numpy as np

from tp_explorer.scene.layout.projection import Projection, perspective_matrix


def camera_at(
    position, focal=(0.0, 0.0, 0.0), size=(800, 600), up=(0.0, 0.0, 1.0), view_angle=30.0
) -> Projection:
    """The projection of a perspective camera at ``position`` looking at ``focal``."""
    distance = float(np.linalg.norm(np.subtract(position, focal)))
    matrix = perspective_matrix(
        position, focal, up, view_angle, size[0] / size[1], (distance * 0.05, distance * 4)
    )
    return Projection(matrix, size, tuple(float(v) for v in position))


def ball(centre, radius=0.05, n=400, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """Points on a sphere and their outward normals."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3))
    normals = v / np.linalg.norm(v, axis=1)[:, None]
    return np.asarray(centre, dtype=float) + radius * normals, normals
