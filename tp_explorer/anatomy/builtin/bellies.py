"""Sweep closed volumetric bellies along muscle paths and keep them outside bone.

A belly is a stack of elliptical rings (STATIONS rings of RING vertices) plus two cap centres.
Trigger points are placed on that layout (derive/trigger_points.py), so it is part of the
asset format.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tp_explorer.anatomy.builtin.bonefield import BoneField
from tp_explorer.anatomy.builtin.catalog import ANATOMICAL_FRACTION, SPECIFIC_TENSION, MuscleSpec
from tp_explorer.anatomy.builtin.source import MusclePart
from tp_explorer.anatomy.derive.lofts import resample, smooth_polyline, tube_faces
from tp_explorer.anatomy.derive.sections import bump

STATIONS = 20
RING = 14
TENDON_RADIUS = 0.0025
MIN_THICKNESS = 0.0015
BONE_MARGIN = 0.0015
# Flattest a fan of model fascicles may get: flatter reads as a blade, not a muscle.
MAX_SPREAD_ASPECT = 4.0


@dataclass(frozen=True)
class Belly:
    """A closed belly surface and the centreline it was swept along (proximal first)."""

    points: np.ndarray
    faces: np.ndarray
    path: np.ndarray


def _tangents(c: np.ndarray) -> np.ndarray:
    t = np.gradient(c, axis=0)
    unit: np.ndarray = t / np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    return unit


def _perp(v: np.ndarray, t: np.ndarray) -> np.ndarray:
    v = v - (v * t).sum(axis=1, keepdims=True) * t
    unit: np.ndarray = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return unit


def _smooth_dirs(d: np.ndarray, t: np.ndarray) -> np.ndarray:
    d = d.copy()
    for i in range(1, len(d)):
        if np.dot(d[i], d[i - 1]) < 0:
            d[i] = -d[i]
    for _ in range(3):
        d[1:-1] = 0.25 * d[:-2] + 0.5 * d[1:-1] + 0.25 * d[2:]
    return _perp(d, t)


def _orient(part: MusclePart, start: str) -> np.ndarray:
    p = part.path
    if start == "inferior" and p[0, 2] > p[-1, 2]:
        return p[::-1]
    if start == "superior" and p[0, 2] < p[-1, 2]:
        return p[::-1]
    return p


@dataclass(frozen=True)
class Layout:
    """Centreline, cross-section area and (optional) width direction and half-width per station."""

    centre: np.ndarray
    area: np.ndarray
    width_dir: np.ndarray | None
    half_width: np.ndarray | None


def _spread(points: np.ndarray, centre: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float]:
    rel = points - centre
    rel = rel - np.outer(rel @ t, t)
    if len(rel) < 2 or np.abs(rel).max() < 1e-6:
        return np.zeros(3), 0.0
    _, _, vt = np.linalg.svd(rel, full_matrices=False)
    axis = vt[0]
    proj = rel @ axis
    return axis, float(0.5 * (proj.max() - proj.min()))


def layout_parts(
    parts: list[MusclePart], spec: MuscleSpec, origin: np.ndarray | None = None
) -> Layout:
    """Turn the model parts of one muscle into a centreline and cross-section areas.

    origin: an extra proximal point (an authored landmark or another part's origin) for model
    paths that start part-way along their muscle's real origin (the vasti, psoas).
    """
    n = STATIONS
    s = np.linspace(0, 1, n)
    profile = bump(s, spec.belly)
    paths = [_orient(p, spec.start) for p in parts]
    scale = ANATOMICAL_FRACTION * spec.area_scale / SPECIFIC_TENSION
    if spec.merge == "column":
        return _layout_column(paths, [p.max_force * scale for p in parts], spec, profile)
    total = sum(p.max_force for p in parts) * scale
    path = paths[0]
    if origin is not None:
        path = np.vstack([origin[None], path])
    centre = resample(smooth_polyline(path), n)
    area = TENDON_AREA + (total - TENDON_AREA) * profile
    return Layout(centre, area, None, None)


TENDON_AREA = np.pi * TENDON_RADIUS**2


def _layout_column(
    paths: list[np.ndarray], areas: list[float], spec: MuscleSpec, profile: np.ndarray
) -> Layout:
    """Fans and stacks of fascicles: bin every fascicle point along their common axis.

    The area at a level is the sum of the fascicles crossing it, so a fan such as adductor
    magnus or a stack such as multifidus is as long as its longest fascicle and as wide as the
    fascicles are spread, instead of an average fascicle.
    """
    dense = []
    for p in paths:
        q = resample(p, 40)
        if spec.top is not None:
            q = q[q[:, 2] <= spec.top]
        dense.append(q)
    keep = [i for i, q in enumerate(dense) if len(q) >= 2]
    dense = [dense[i] for i in keep]
    areas = [areas[i] for i in keep]
    allp = np.vstack(dense)
    # Common axis: from the mean proximal end to the mean distal end of the fascicles.
    axis = np.mean([q[-1] for q in dense], axis=0) - np.mean([q[0] for q in dense], axis=0)
    axis /= np.linalg.norm(axis)
    proj = (allp - allp.mean(axis=0)) @ axis
    spans = [((q - allp.mean(axis=0)) @ axis) for q in dense]
    h = np.linspace(proj.min() + 0.003, proj.max() - 0.003, STATIONS)
    win = max((h[-1] - h[0]) / STATIONS, 0.006)
    centre = np.full((STATIONS, 3), np.nan)
    area = np.empty(STATIONS)
    for i, hi in enumerate(h):
        sel = np.abs(proj - hi) <= win
        if sel.any():
            centre[i] = allp[sel].mean(axis=0)
        crossing = [a for sp, a in zip(spans, areas, strict=True) if sp.min() <= hi <= sp.max()]
        area[i] = sum(crossing)
    good = ~np.isnan(centre[:, 0])
    for k in range(3):
        centre[:, k] = np.interp(h, h[good], centre[good, k])
    if spec.min_lateral > 0:
        # Fascicles that reach the spinous processes pull the mean over the midline.
        sgn = np.sign(np.sum(allp[:, 0]))
        centre[:, 0] = sgn * np.maximum(np.abs(centre[:, 0]), spec.min_lateral)
    for _ in range(2):
        centre[1:-1] = 0.25 * centre[:-2] + 0.5 * centre[1:-1] + 0.25 * centre[2:]
    t = _tangents(centre)
    dirs, half = [], []
    for i, hi in enumerate(h):
        sel = np.abs(proj - hi) <= win
        ax, hw = _spread(allp[sel], centre[i], t[i])
        if spec.width_axis is not None:
            ax = np.asarray(spec.width_axis, dtype=float)
            rel = allp[sel] - centre[i]
            hw = float(np.abs(rel @ ax).max()) if sel.any() else 0.0
        dirs.append(ax)
        half.append(min(hw, spec.max_half_width))
    # Leg fans end in tendons; stacked back muscles stay fleshy to their last fascicle.
    ends = profile if spec.start == "origin" else np.minimum(1.0, 0.25 + profile * 1.5)
    for _ in range(3):  # fascicles ending at one level should not pinch the belly there
        area[1:-1] = 0.25 * area[:-2] + 0.5 * area[1:-1] + 0.25 * area[2:]
    area = np.maximum(area * ends, TENDON_AREA)
    return Layout(centre, area, np.array(dirs), np.array(half))


def sweep(layout: Layout, aspect: float, bones: BoneField) -> Belly:
    """Build the closed belly: elliptical rings, thickness axis towards the nearest bone."""
    c = layout.centre.copy()
    t = _tangents(c)
    r = np.sqrt(layout.area / np.pi)
    toward_bone = _perp(-bones.gradient(c), t)
    # One bone-facing direction for the whole belly, weighted to its fleshy part: following
    # the nearest bone station by station would twist a flat belly into a ribbon.
    weight = (r / r.max())[:, None] ** 2
    mean_dir = (toward_bone * weight).sum(axis=0)
    if np.linalg.norm(mean_dir) > 1e-6:
        thick_dir = _perp(np.tile(mean_dir, (len(c), 1)), t)
    else:
        thick_dir = toward_bone
    k = np.full(len(c), aspect)
    if layout.width_dir is not None and np.linalg.norm(layout.width_dir, axis=1).min() > 0:
        wd = _smooth_dirs(_perp(layout.width_dir, t), t)
        spread_k = np.clip(
            (layout.half_width / np.maximum(r, 1e-6)) ** 2, aspect, max(MAX_SPREAD_ASPECT, aspect)
        )
        k = np.where(layout.half_width > r, spread_k, aspect)
        thick_dir = _perp(np.cross(t, wd), t)
    thick_dir = _smooth_dirs(thick_dir, t)
    width_dir = np.cross(t, thick_dir)
    # Tendons are round; only the fleshy part is flattened.
    fleshy = np.clip((r - TENDON_RADIUS) / max(r.max() - TENDON_RADIUS, 1e-6), 0, 1)
    k = 1 + (k - 1) * fleshy
    a = r * np.sqrt(k)
    b = np.maximum(r / np.sqrt(k), np.minimum(MIN_THICKNESS, r))
    # Lift the centreline off bone by the half thickness before shaping the rings.
    d = bones.distance(c)
    need = b + BONE_MARGIN - d
    lift = np.where(need > 0, need, 0.0)
    for _ in range(2):
        lift[1:-1] = np.maximum(lift[1:-1], 0.5 * (lift[:-2] + lift[2:]))
    c = c - thick_dir * lift[:, None]  # along the thickness axis, away from the bone
    for _ in range(6):
        shift = _clear_bone(c, width_dir, thick_dir, a, b, bones)
        if not shift.any():
            break
        c = c + shift
    # The shifts above may leave a section's centre in bone (between a spinous process and a
    # lamina); the rings are shrunk towards their centres below, so the centres must be clear.
    c = bones.push_out(c, BONE_MARGIN + 0.5 * np.minimum(b, 0.004)[:, None].mean())
    theta = np.linspace(0, 2 * np.pi, RING, endpoint=False)
    ring = (
        c[:, None, :]
        + a[:, None, None] * np.cos(theta)[None, :, None] * width_dir[:, None, :]
        + b[:, None, None] * np.sin(theta)[None, :, None] * thick_dir[:, None, :]
    ).reshape(-1, 3)
    ring = _shrink_off_bone(ring.reshape(len(c), RING, 3), c, bones).reshape(-1, 3)
    ring = bones.push_out(ring, BONE_MARGIN)
    caps = bones.push_out(
        np.array([c[0] - t[0] * 0.5 * b[0], c[-1] + t[-1] * 0.5 * b[-1]]), BONE_MARGIN
    )
    pts = np.vstack([ring, caps])
    return Belly(pts, tube_faces(len(c), RING), c)


def _shrink_off_bone(rings: np.ndarray, centre: np.ndarray, bones: BoneField) -> np.ndarray:
    """Pull ring vertices that lie in bone back towards their section's centre.

    Pushing them out along the bone's gradient instead leaves spikes where a vertex sat deep
    in bone; pulling them in flattens the belly against the bone, as a real muscle lies.
    """
    flat = rings.reshape(-1, 3)
    owner = np.repeat(np.arange(len(centre)), rings.shape[1])
    d = bones.distance(flat)
    bad = np.nonzero(d < BONE_MARGIN)[0]
    if not len(bad):
        return rings
    best = np.zeros(len(bad))
    for f in np.linspace(0.95, 0.05, 19):
        todo = best == 0
        if not todo.any():
            break
        cand = centre[owner[bad[todo]]] + f * (flat[bad[todo]] - centre[owner[bad[todo]]])
        ok = bones.distance(cand) >= BONE_MARGIN
        idx = np.nonzero(todo)[0][ok]
        best[idx] = f
    out = flat.copy()
    moved = best > 0
    c = centre[owner[bad[moved]]]
    out[bad[moved]] = c + best[moved][:, None] * (flat[bad[moved]] - c)
    return out.reshape(rings.shape)


def _clear_bone(
    c: np.ndarray, u: np.ndarray, v: np.ndarray, a: np.ndarray, b: np.ndarray, bones: BoneField
) -> np.ndarray:
    """Per-station shift that moves each elliptical section off bone points inside it.

    Pushing ring vertices out of bone is not enough where a thin bone (the fibula, a spinous
    process) passes between two vertices: the section itself must move away from it.
    """
    samples = bones.samples
    # One side for the whole belly: per-station choices alternate round a vertebra's arch.
    away = np.full(len(c), 1.0 if (bones.gradient(c) * v).sum() >= 0 else -1.0)
    shift = np.zeros_like(c)
    lo = c.min(axis=0) - a.max() - 0.01
    hi = c.max(axis=0) + a.max() + 0.01
    near = samples[np.all((samples > lo) & (samples < hi), axis=1)]
    if not len(near):
        return shift
    for i in range(len(c)):
        rel = near - c[i]
        t = np.cross(u[i], v[i])
        along = rel @ t
        seg = 0.5 * np.linalg.norm(c[min(i + 1, len(c) - 1)] - c[max(i - 1, 0)])
        sel = np.abs(along) <= max(seg, 0.002)
        if not sel.any():
            continue
        x, y = rel[sel] @ u[i], rel[sel] @ v[i]
        inside = (x / a[i]) ** 2 + (y / b[i]) ** 2 < 1.0
        if not inside.any():
            continue
        # Move along the thickness axis, out of the bone, until every bone point inside lies
        # on the section's edge; a few millimetres a round, so a belly never jumps through a
        # vertebra. Sideways moves would zigzag a wide belly.
        x, y = x[inside], y[inside] * away[i]
        edge = b[i] * np.sqrt(np.clip(1.0 - (x / a[i]) ** 2, 0.0, 1.0))
        need = min(float(np.max(y + edge)) + BONE_MARGIN, 0.005)
        shift[i] = away[i] * v[i] * need
    # Spread to neighbours so the belly bends instead of kinking; never reduce a station's own
    # clearance.
    for _ in range(3):
        smooth = shift.copy()
        smooth[1:-1] = 0.25 * shift[:-2] + 0.5 * shift[1:-1] + 0.25 * shift[2:]
        keep = np.linalg.norm(smooth, axis=1) < np.linalg.norm(shift, axis=1)
        shift = np.where(keep[:, None], shift, smooth)
    return shift
