"""Framing: which way to look at a set of structures, and how far away, so they fill the view.

Plain arithmetic on points and directions; the scene gathers the points, the window animates
between two poses. Directions point from the body towards the camera (as in ``views.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tp_explorer.scene.layout.arrays import FloatArray, Vec3, vec3
from tp_explorer.scene.layout.body_geometry import MuscleGeometry, ZoneGeometry
from tp_explorer.scene.layout.views import UP, view_direction

FILL = 0.9  # the framed points span at most this fraction of the canvas height
START_FILL = 0.92  # the whole body at start: >= 80 % of the height once perspective is counted
# how much a muscle in each role counts when choosing a view (other roles: 0.5)
ROLE_WEIGHT = {"focus": 1.0, "local": 1.0, "regional": 0.6, "compare_a": 1.0, "compare_b": 1.0}
MIN_SPAN = 0.2  # metres: the least a framing shows on each axis (a hand's span around a small part)
ZONE_WEIGHT = 0.5  # a zone counts for half a muscle of the same area when choosing a view
LABEL_ROOM_PX = 8  # kept free beside a column of labels when framing leaves room for them
TILT_FROM = 0.3  # parts facing down more than this (weighted mean of -z) turn the view under
TILT_DEG = 50.0  # at most, for parts that face straight down

Facing = tuple[FloatArray, float]  # (unit direction a part is best seen from, its weight)


@dataclass(frozen=True)
class CameraPose:
    """Where a camera stands, what it looks at, which way is up."""

    position: Vec3
    focal: Vec3
    up: Vec3 = UP

    def as_list(self) -> list[Vec3]:
        return [self.position, self.focal, self.up]


def _basis(direction: Sequence[float]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(towards camera, screen right, screen up) for a view direction, +z kept up."""
    # (plain arithmetic: np.cross and np.linalg.norm on 3-vectors cost ~130 us a selection)
    dx, dy, dz = (float(v) for v in direction)
    length = math.sqrt(dx * dx + dy * dy + dz * dz)
    dx, dy, dz = dx / length, dy / length, dz / length
    # right = -d x UP with UP = +z, so (-dy, dx, 0)
    rx, ry = -dy, dx
    flat = math.hypot(rx, ry)
    rx, ry = (rx / flat, ry / flat) if flat >= 1e-6 else (1.0, 0.0)
    # up = right x -d
    up = (-ry * dz, rx * dz, -rx * dy + ry * dx)
    return np.array((dx, dy, dz)), np.array((rx, ry, 0.0)), np.array(up)


def fit_points(
    points: FloatArray,
    direction: Sequence[float],
    view_angle_deg: float,
    aspect: float,
    fill: float = FILL,
    fill_width: float | None = None,
) -> CameraPose:
    """The pose looking along ``-direction`` at which every point projects inside the central
    ``fill`` of the view's height (``fill_width`` of its width; default the same), centred.

    Exact for a perspective camera: for a given centre the distance is the smallest that keeps
    each point inside; the centre is moved twice to balance the picture.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 3)
    d, right, up = _basis(direction)
    tan_v = np.tan(np.radians(view_angle_deg) / 2) * fill
    tan_h = np.tan(np.radians(view_angle_deg) / 2) * max(aspect, 1e-3)
    tan_h *= fill if fill_width is None else fill_width
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    basis = np.stack([right, up, d], axis=1)  # one product gives each point's x, y, z
    distance = 1.0
    for _ in range(3):
        x, y, z = ((points - centre) @ basis).T
        distance = float(np.max(z + np.maximum(np.abs(x) / tan_h, np.abs(y) / tan_v)))
        depth = distance - z
        u, v = x / depth, y / depth
        du, dv = (u.max() + u.min()) / 2, (v.max() + v.min()) / 2
        if abs(du) < 1e-4 and abs(dv) < 1e-4:
            break
        centre = centre + right * du * distance + up * dv * distance
    x, y, z = ((points - centre) @ basis).T
    distance = float(np.max(z + np.maximum(np.abs(x) / tan_h, np.abs(y) / tan_v)))
    position = centre + d * distance
    return CameraPose(vec3(position), vec3(centre), vec3(up))


def box_corners(lo: FloatArray, hi: FloatArray) -> FloatArray:
    """The 8 corners of an axis-aligned box."""
    return np.array(
        [[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    )


def candidate_views(side: str) -> tuple[str, ...]:
    """Views a selection may turn to: with both legs shown a lateral view hides one leg."""
    if side == "both":
        return ("anterior", "posterior")
    return ("anterior", "posterior", "lateral", "medial")


def best_view(facings: Iterable[Facing], side: str, prefer: str = "anterior") -> str:
    """The candidate view that shows most: sum of weight x how squarely each part faces it.

    ``facings`` are (unit direction a part is best seen from, weight) pairs: muscles facing
    the nearest skin, weighted by their surface; zones by their outward normal and area. Ties
    keep ``prefer`` (the current view), so the camera does not swing for nothing.
    """
    items = list(facings)
    if not items:
        return prefer
    directions = np.array([f for f, _w in items], dtype=float).reshape(-1, 3)
    weights = np.array([w for _f, w in items], dtype=float)
    views = candidate_views(side)
    scores = {}
    for view in views:
        direction = np.asarray(view_direction(view, side), dtype=float)
        scores[view] = float(weights @ np.maximum(directions @ direction, 0.0))
    best = max(views, key=lambda v: scores[v])
    if prefer in scores and scores[prefer] >= scores[best] * 0.98:
        return prefer
    return best


@dataclass(frozen=True, eq=False)
class FramedParts:
    """What a selection's framing shows: its muscles (each with its role's weight), the skin
    patches of its zones and, for one focused trigger point, the way the skin over it faces
    (``points``: each counts as much as the muscles together, so the view shows the point's
    mark as well as its zones)."""

    muscles: tuple[tuple[MuscleGeometry, float], ...] = ()
    zones: tuple[ZoneGeometry, ...] = ()
    points: tuple[FloatArray, ...] = ()
    # the essential zones among ``zones``: which way they face turns the view (the sole's main
    # zones under the foot, though spillover on the instep faces up); none: all the zones
    essential: tuple[ZoneGeometry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.muscles)

    def facings(self) -> list[Facing]:
        """Each part's direction and weight, for ``best_view``."""
        facings = [(geo.facing, geo.area * weight) for geo, weight in self.muscles]
        facings += [(zone.direction, zone.weight * ZONE_WEIGHT) for zone in self.zones]
        muscles = sum(weight for _facing, weight in facings[: len(self.muscles)])
        facings += [(point, muscles) for point in self.points]
        return facings

    def zone_facings(self) -> list[Facing]:
        """Each main zone's direction and area: which way the skin the selection paints
        solid faces (every zone's, when none is essential)."""
        return [(zone.direction, zone.weight) for zone in self.essential or self.zones]

    def corners(self) -> FloatArray:
        """The corners of the box around every part."""
        boxes = [(geo.lo, geo.hi) for geo, _weight in self.muscles]
        boxes += [(zone.lo, zone.hi) for zone in self.zones]
        lo = np.min([box[0] for box in boxes], axis=0)
        hi = np.max([box[1] for box in boxes], axis=0)
        # A small muscle with no zone of its own (a gemellus, the lumbricals) would fill the
        # canvas with no landmark in sight: keep at least MIN_SPAN around it on every axis.
        pad = np.maximum(MIN_SPAN - (hi - lo), 0.0) / 2
        return box_corners(lo - pad, hi + pad)


def tilted(direction: Sequence[float], facings: Iterable[Facing]) -> Vec3:
    """A view turned down under the body when what it frames faces the floor (the sole's
    zones): by up to ``TILT_DEG``, as far as the parts face down past ``TILT_FROM``; else the
    view as it is."""
    items = list(facings)
    total = sum(weight for _facing, weight in items)
    if total <= 0:
        return vec3(direction)
    down = -sum(float(facing[2]) * weight for facing, weight in items) / total
    if down <= TILT_FROM:
        return vec3(direction)
    angle = math.radians(TILT_DEG) * min(1.0, (down - TILT_FROM) / (1.0 - TILT_FROM))
    flat = np.array([direction[0], direction[1], 0.0], dtype=float)
    flat /= max(float(np.linalg.norm(flat)), 1e-9)
    return vec3(flat * math.cos(angle) + np.array([0.0, 0.0, -1.0]) * math.sin(angle))


def role_weight(role: str | None) -> float:
    return ROLE_WEIGHT.get(role or "", 0.5)


def label_fill_width(canvas_width: int, reserve_px: float) -> float:
    """The share of the canvas's width a framing may fill so that a column of labels
    ``reserve_px`` wide still fits on each side (never under 22 % nor over 90 %). The floor
    leaves each column room for one long word at presentation mode's 28 pt on a half-window
    canvas ("semimembranosus", ~260 px of 700), so a wrapped name never covers the body."""
    return min(0.9, max(0.22, 1 - 2 * (reserve_px + LABEL_ROOM_PX) / canvas_width))


def interpolate(a: CameraPose, b: CameraPose, t: float) -> CameraPose:
    """A pose between two: the focal point moves straight, the viewing direction turns on the
    sphere and the distance changes smoothly, so the body turns rather than sweeps past."""
    t = min(max(t, 0.0), 1.0)
    s = t * t * (3 - 2 * t)  # ease in and out
    fa, fb = np.asarray(a.focal), np.asarray(b.focal)
    va, vb = np.asarray(a.position) - fa, np.asarray(b.position) - fb
    la, lb = np.linalg.norm(va), np.linalg.norm(vb)
    ua, ub = va / la, vb / lb
    angle = float(np.arccos(np.clip(ua @ ub, -1.0, 1.0)))
    if angle < 1e-4:
        u = ua
    elif angle > np.pi - 1e-3:  # opposite views: turn about the vertical axis
        axis = np.array(UP)
        u = ua * np.cos(np.pi * s) + np.cross(axis, ua) * np.sin(np.pi * s)
    else:
        u = (np.sin((1 - s) * angle) * ua + np.sin(s * angle) * ub) / np.sin(angle)
    focal = fa + (fb - fa) * s
    distance = la + (lb - la) * s
    up = np.asarray(a.up) * (1 - s) + np.asarray(b.up) * s
    return CameraPose(vec3(focal + u * distance), vec3(focal), vec3(up / np.linalg.norm(up)))
