"""Closed muscle shapes from cross-sections along a path, shared by both anatomy sources.

A belly is a stack of lens or elliptical sections whose width and thickness follow a taper
profile (fleshy in the middle, narrowing into tendon or aponeurosis at each end); a flat muscle
on a curved wall is a slab: a mid-surface with a thickness that falls to a thin edge at every
border. Both come out closed and wound outward, with each point's fraction along the muscle, so
trigger points can be placed on them like on any other muscle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.derive.lofts import tube_faces

RING = 16  # vertices round one section of a drawn belly


@dataclass(frozen=True)
class Loft:
    """A closed surface, its section centres (origin first) and each point's fraction along
    that path (0 at the origin end, 1 at the insertion end)."""

    mesh: pv.PolyData
    path: np.ndarray
    t: np.ndarray


def bump(s: np.ndarray, belly: tuple[float, float, float, float]) -> np.ndarray:
    """The fleshy part of a muscle along its length: 0 (tendon) rising to 1 between the belly's
    fractions (a0, s0, s1, b1), smoothly (half a cosine) at both ends."""
    a0, s0, s1, b1 = belly
    up = np.clip((s - a0) / max(s0 - a0, 1e-6), 0, 1)
    down = np.clip((b1 - s) / max(b1 - s1, 1e-6), 0, 1)
    ramp = np.minimum(up, down)
    return 0.5 - 0.5 * np.cos(np.pi * ramp)


def taper(s: np.ndarray, start: float, end: float, rise: float, fall: float) -> np.ndarray:
    """A size factor along a muscle: ``start`` at s = 0 rising smoothly to 1 over the first
    ``rise``, 1 through the belly, falling to ``end`` over the last ``fall``."""
    up = 0.5 - 0.5 * np.cos(np.pi * np.clip(s / max(rise, 1e-6), 0.0, 1.0))
    down = 0.5 - 0.5 * np.cos(np.pi * np.clip((1.0 - s) / max(fall, 1e-6), 0.0, 1.0))
    return np.minimum(start + (1.0 - start) * up, end + (1.0 - end) * down)


def signed_volume(points: np.ndarray, faces: np.ndarray) -> float:
    a, b, c = points[faces[:, 0]], points[faces[:, 1]], points[faces[:, 2]]
    return float(np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6.0)


def wind_outward(mesh: pv.PolyData) -> pv.PolyData:
    """Faces wound so normals point out (the scene culls back faces of muscles)."""
    faces = mesh.regular_faces
    if signed_volume(np.asarray(mesh.points), faces) < 0:
        flipped: pv.PolyData = pv.PolyData.from_regular_faces(
            np.asarray(mesh.points), faces[:, ::-1].copy()
        )
        return flipped
    return mesh


def arc_fraction(path: np.ndarray) -> np.ndarray:
    """Each station's fraction of the path's length (0 first, 1 last)."""
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
    fraction: np.ndarray = s / max(float(s[-1]), 1e-12)
    return fraction


def _unit(v: np.ndarray) -> np.ndarray:
    out: np.ndarray = v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)
    return out


def frames(path: np.ndarray, thick_hint: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per station: the unit tangent, the width direction and the thickness direction (the
    hint made square to the tangent and smoothed, so a flat belly does not twist)."""
    t = _unit(np.gradient(path, axis=0))
    hint = np.broadcast_to(np.asarray(thick_hint, dtype=float), path.shape)
    v = hint - (hint * t).sum(axis=1, keepdims=True) * t
    for _ in range(2):
        v[1:-1] = 0.25 * v[:-2] + 0.5 * v[1:-1] + 0.25 * v[2:]
    v = _unit(v - (v * t).sum(axis=1, keepdims=True) * t)
    return t, _unit(np.cross(v, t)), v


def lens(
    a: np.ndarray, b: np.ndarray, power: float = 1.0, skew: float = 0.0, blunt: float = 1.0
) -> np.ndarray:
    """Section outlines (stations, RING, 2) in (width, thickness) coordinates: an ellipse of
    half-width ``a`` and half-thickness ``b`` at power 1, a lens with thinner edges above it;
    ``skew`` > 0 makes the +width half the thicker one, ``blunt`` < 1 squares the edges off
    (a muscle filling a groove against a wall)."""
    phi = np.linspace(0.0, 2.0 * np.pi, RING, endpoint=False)
    s, c = np.sin(phi), np.cos(phi)
    shape = np.sign(s) * np.abs(s) ** power * (1.0 + skew * c) / (1.0 + abs(skew))
    u = np.asarray(a)[:, None] * (np.sign(c) * np.abs(c) ** blunt)[None, :]
    v = np.asarray(b)[:, None] * shape[None, :]
    return np.stack([u, v], axis=-1)


def ring_loft(
    path: np.ndarray,
    outline: np.ndarray,
    thick_hint: np.ndarray,
    offset: np.ndarray | None = None,
) -> Loft:
    """A closed belly: the outlines (from ``lens``) set square to the path at each station,
    the ends closed on points a little beyond the last sections (rounded, never square).
    ``offset`` (stations, 2) moves each section off the path in (width, thickness)."""
    t, u, v = frames(path, thick_hint)
    uv = outline if offset is None else outline + offset[:, None, :]
    rings = path[:, None, :] + uv[..., :1] * u[:, None, :] + uv[..., 1:] * v[:, None, :]
    centres = rings.mean(axis=1)
    reach = 0.5 * np.abs(outline[..., 1]).max(axis=1)
    caps = np.array([centres[0] - t[0] * reach[0], centres[-1] + t[-1] * reach[-1]])
    points = np.vstack([rings.reshape(-1, 3), caps])
    mesh = pv.PolyData.from_regular_faces(points, tube_faces(len(path), RING))
    frac = arc_fraction(centres)
    along = np.concatenate([np.repeat(frac, RING), [0.0, 1.0]])
    return Loft(wind_outward(mesh), centres, along)


def grid_normals(mid: np.ndarray, outward: np.ndarray) -> np.ndarray:
    """Unit normals of a (rows, columns, 3) surface grid, turned to the side ``outward``
    (a direction, or one per grid point) points to."""
    d_row = np.gradient(mid, axis=0)
    d_col = np.gradient(mid, axis=1)
    n = _unit(np.cross(d_row, d_col))
    flip = (n * np.broadcast_to(outward, n.shape)).sum(axis=-1) < 0
    n[flip] *= -1.0
    return n


def slab(mid: np.ndarray, normal: np.ndarray, outer: np.ndarray, inner: np.ndarray) -> Loft:
    """A closed sheet round a (rows, columns, 3) mid-surface: its faces ``outer`` and
    ``inner`` (rows, columns) away along ``normal``. The border, where both must be zero, is
    shared by the two faces, so the sheet ends in a thin edge all round. Rows run from the
    origin end to the insertion end."""
    n, m = mid.shape[:2]
    if n < 3 or m < 3:
        raise ValueError("a slab needs at least 3 x 3 grid points")
    top = mid + outer[..., None] * normal
    bottom = mid - inner[..., None] * normal
    index = np.arange(n * m).reshape(n, m)
    border = np.zeros((n, m), dtype=bool)
    border[[0, -1], :] = True
    border[:, [0, -1]] = True
    below = index.copy()
    below[~border] = n * m + np.arange(int((~border).sum()))
    faces = []
    for grid, flip in ((index, False), (below, True)):
        a, b = grid[:-1, :-1].ravel(), grid[:-1, 1:].ravel()
        c, d = grid[1:, :-1].ravel(), grid[1:, 1:].ravel()
        # split each quad along a diagonal with an inner point, so no triangle lies wholly on
        # the shared border (top and bottom would give it twice)
        ad = ~(border[:-1, :-1].ravel() & border[1:, 1:].ravel())
        tri = np.concatenate(
            [
                np.where(ad[:, None], np.stack([a, b, d], 1), np.stack([a, b, c], 1)),
                np.where(ad[:, None], np.stack([a, d, c], 1), np.stack([b, d, c], 1)),
            ]
        )
        faces.append(tri[:, ::-1] if flip else tri)
    points = np.vstack([top.reshape(-1, 3), bottom[~border]])
    mesh = pv.PolyData.from_regular_faces(points, np.vstack(faces).astype(int))
    centres = mid[:, m // 2]
    frac = arc_fraction(centres)
    rows = np.repeat(np.arange(n), m)
    along = np.concatenate([frac[rows], frac[np.nonzero(~border)[0]]])
    return Loft(wind_outward(mesh), centres, along)


def merge_lofts(parts: list[Loft], path: np.ndarray) -> Loft:
    """Several closed pieces (a belly and its tendon slips, their fractions already along the
    whole muscle) as one surface with the muscle's ``path``."""
    points: list[np.ndarray] = []
    faces: list[np.ndarray] = []
    base = 0
    for p in parts:
        points.append(np.asarray(p.mesh.points))
        faces.append(np.asarray(p.mesh.regular_faces, dtype=int) + base)
        base += p.mesh.n_points
    mesh = pv.PolyData.from_regular_faces(np.vstack(points), np.vstack(faces))
    return Loft(mesh, path, np.concatenate([p.t for p in parts]))
