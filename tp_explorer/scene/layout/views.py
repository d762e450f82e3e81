"""Camera presets as plain data, and the arithmetic that aims a camera at a set of bounds.

Directions point from the body towards the camera, in the anatomy frame: +z up, -y anterior,
the subject's right = -x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tp_explorer.scene.layout.arrays import Vec3, vec3

UP: Vec3 = (0.0, 0.0, 1.0)


@dataclass(frozen=True)
class ViewPreset:
    """A named view: where the camera looks from, and its label in menus."""

    name: str
    label: str
    direction: Vec3


VIEWS: dict[str, ViewPreset] = {
    p.name: p
    for p in (
        ViewPreset("anterior", "Anterior", (0.0, -1.0, 0.0)),
        ViewPreset("posterior", "Posterior", (0.0, 1.0, 0.0)),
        ViewPreset("left", "Left lateral", (1.0, 0.0, 0.0)),
        ViewPreset("right", "Right lateral", (-1.0, 0.0, 0.0)),
        ViewPreset("medial", "Medial", (1.0, 0.0, 0.0)),
    )
}
VIEW_CHOICES: tuple[str, ...] = ("anterior", "posterior", "lateral", "medial", "left", "right")


def view_direction(view: str, side: str) -> Vec3:
    """Direction for a view name; 'lateral' and 'medial' depend on the side shown.

    Medial of the right leg looks from the subject's left (+x), and the other way round; with
    both sides shown, lateral and medial show the right leg.
    """
    leg = "left" if side == "left" else "right"
    if view == "lateral":
        return VIEWS[leg].direction
    if view == "medial":
        return (-1.0, 0.0, 0.0) if leg == "left" else (1.0, 0.0, 0.0)
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEW_CHOICES)}")
    return VIEWS[view].direction


def camera_position(
    bounds: tuple[float, float, float, float, float, float],
    direction: Vec3,
    view_angle_deg: float = 30.0,
    aspect: float = 1.0,
    margin: float = 1.08,
) -> tuple[Vec3, Vec3, Vec3]:
    """(position, focal point, view up) that fits the bounds in a perspective view."""
    lo = np.array(bounds[0::2], dtype=float)
    hi = np.array(bounds[1::2], dtype=float)
    centre = (lo + hi) / 2
    d = np.asarray(direction, dtype=float)
    d /= np.linalg.norm(d)
    up = np.array(UP)
    right = np.cross(d, up)
    if np.linalg.norm(right) < 1e-6:
        right = np.array([1.0, 0.0, 0.0])
    right /= np.linalg.norm(right)
    half = (hi - lo) / 2
    half_h = float(np.abs(up) @ half)
    half_w = float(np.abs(right) @ half)
    depth = float(np.abs(d) @ half)
    tan = float(np.tan(np.radians(view_angle_deg) / 2))
    dist = max(half_h / tan, half_w / (tan * max(aspect, 1e-3))) * margin + depth
    position = centre + d * dist
    return vec3(position), vec3(centre), UP
