"""World points to canvas pixels: the one projection the labels, the framing and the fading
share, and the camera matrix it reads (VTK's composite projection, or the same matrix built
here from a pose, for tests and for anything that has no VTK camera at hand)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tp_explorer.scene.layout.arrays import BoolArray, FloatArray, Vec3


def project(
    points: FloatArray, matrix: FloatArray, size: tuple[int, int]
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """World points -> (display xy from the viewport's corner, distance along the view axis,
    in front of the camera). ``matrix`` is the camera's composite projection (4 x 4)."""
    # Only the x, y and w rows of the matrix, computed as three contiguous rows (3, n): numpy
    # walks a row of an (n, 3) array with a stride, 3-30x slower per pass, and each selection
    # projects ~20,000 atlas points (labels, framing). xy comes back as an (n, 2) view.
    rows = matrix[[0, 1, 3]]
    homogeneous = rows[:, :3] @ points.T
    homogeneous += rows[:, 3:]
    w = homogeneous[2]
    in_front = w > 1e-9
    scale = np.where(in_front, w, 1.0)
    np.divide(0.5, scale, out=scale)
    xy = homogeneous[:2]
    xy *= scale
    xy += 0.5
    xy *= np.array([[size[0]], [size[1]]], dtype=float)
    return xy.T, w, in_front


def on_canvas(xy: FloatArray, in_front: BoolArray, size: tuple[int, int]) -> BoolArray:
    """The projected points that land on a canvas of ``size`` (and stand in front)."""
    x, y = xy[:, 0], xy[:, 1]
    inside: BoolArray = in_front & (x >= 0) & (x < size[0]) & (y >= 0) & (y < size[1])
    return inside


@dataclass(frozen=True, eq=False)
class Projection:
    """One camera as the layout sees it: its matrix, the canvas size and where the eye is."""

    matrix: FloatArray
    size: tuple[int, int]
    eye: Vec3 = (0.0, 0.0, 0.0)

    def project(self, points: FloatArray) -> tuple[FloatArray, FloatArray, BoolArray]:
        return project(points, self.matrix, self.size)


def look_at(position: Sequence[float], focal: Sequence[float], up: Sequence[float]) -> FloatArray:
    """The view matrix of a camera (world -> eye coordinates), as VTK's camera computes it:
    the eye looks down its -z axis, with ``up`` made square to the view direction."""
    eye = np.asarray(position, dtype=float)
    normal = eye - np.asarray(focal, dtype=float)
    normal /= np.linalg.norm(normal)
    sideways = np.cross(np.asarray(up, dtype=float), normal)
    sideways /= np.linalg.norm(sideways)
    square_up = np.cross(normal, sideways)
    view = np.eye(4)
    view[0, :3], view[1, :3], view[2, :3] = sideways, square_up, normal
    view[:3, 3] = -view[:3, :3] @ eye
    return view


def perspective_matrix(
    position: Sequence[float],
    focal: Sequence[float],
    up: Sequence[float],
    view_angle_deg: float,
    aspect: float,
    clipping: tuple[float, float],
) -> FloatArray:
    """The composite projection of a perspective camera: the matrix VTK's
    ``GetCompositeProjectionTransformMatrix(aspect, -1, 1)`` gives for the same camera."""
    near, far = clipping
    top = math.tan(math.radians(view_angle_deg) / 2) * near
    right = top * aspect
    frustum = np.zeros((4, 4))
    frustum[0, 0] = near / right
    frustum[1, 1] = near / top
    frustum[2, 2] = -(near + far) / (far - near)
    frustum[2, 3] = -2 * near * far / (far - near)
    frustum[3, 2] = -1.0
    composite: FloatArray = frustum @ look_at(position, focal, up)
    return composite
