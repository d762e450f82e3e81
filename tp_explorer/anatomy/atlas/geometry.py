"""Mesh steps of the atlas build: into the common frame, merge, decimate, long axis.

The common frame is the built-in anatomy's: metres, +z up, +x the subject's left, +y posterior,
soles at z ≈ 0 (BodyParts3D's own frame is the same in millimetres with the soles at -78 mm).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.atlas.glb import read_glb
from tp_explorer.anatomy.atlas.manifest import Entry

MM = 0.001
Z_SHIFT_MM = 78.0  # BodyParts3D's soles sit at z = -78 mm
_NODE_SCALE = re.compile(r"^node;scale=(?P<s>[0-9.]+)$")
_SWAP = re.compile(r"^no-node;\(x,y,z\)->(?P<s>[0-9.]+)\*\(x,-z,y\)$")


def to_frame(entry: Entry, raw: np.ndarray) -> np.ndarray:
    """The file's raw positions in the common frame, by the manifest's transform rule."""
    if m := _NODE_SCALE.match(entry.transform):
        mm = raw * float(m["s"])
    elif m := _SWAP.match(entry.transform):
        mm = float(m["s"]) * np.column_stack([raw[:, 0], -raw[:, 2], raw[:, 1]])
    else:
        raise ValueError(f"{entry.file}: unknown transform rule {entry.transform!r}")
    mm[:, 2] += Z_SHIFT_MM
    return mm * MM


def read_entry(folder: Path, entry: Entry) -> tuple[np.ndarray, np.ndarray]:
    """(points in metres, faces) of one manifest file under ``folder``."""
    points, faces = read_glb(folder / entry.file)
    return to_frame(entry, points), faces


def merge(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    points, faces, base = [], [], 0
    for p, f in parts:
        points.append(p)
        faces.append(f + base)
        base += len(p)
    return np.vstack(points), np.vstack(faces)


def clean(points: np.ndarray, faces: np.ndarray) -> pv.PolyData:
    """Welded duplicate vertices (BodyParts3D splits vertices per face normal) and no
    degenerate triangles: a closed surface stays closed through decimation."""
    mesh = pv.PolyData.from_regular_faces(points, faces).clean(tolerance=1e-7, absolute=True)
    polys = pv.PolyData(mesh.points, faces=mesh.faces)  # triangles collapsed to lines go
    return polys.triangulate().clean() if polys.n_cells else polys


def decimate(mesh: pv.PolyData, target: int) -> pv.PolyData:
    """VTK's quadric decimation down to about ``target`` triangles, keeping the volume (it
    leaves far fewer open edges on these closed surfaces than a plain quadric collapse)."""
    if mesh.n_cells <= target:
        return mesh
    out = mesh.decimate(1.0 - target / mesh.n_cells, volume_preservation=True)
    cleaned: pv.PolyData = out.clean(tolerance=1e-9, absolute=True)
    return cleaned


def long_axis(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centroid and unit principal axis of a point cloud."""
    centre = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - centre, full_matrices=False)
    return centre, vt[0]


def centreline(
    points: np.ndarray, direction: np.ndarray, stations: int
) -> tuple[np.ndarray, np.ndarray]:
    """Slab centroids along the principal axis (first station at the end ``direction`` points
    away from), and each point's fraction along that axis (0 first station, 1 last)."""
    centre, axis = long_axis(points)
    if float(axis @ direction) < 0:
        axis = -axis
    s = (points - centre) @ axis
    lo, hi = np.percentile(s, [1.0, 99.0])
    t = np.clip((s - lo) / max(hi - lo, 1e-9), 0.0, 1.0)
    edges = np.linspace(0.0, 1.0, stations + 1)
    path = np.empty((stations, 3))
    for i in range(stations):
        inside = (t >= edges[i]) & (t <= edges[i + 1])
        if not inside.any():  # a gap in a thin part: nearest points instead
            mid = 0.5 * (edges[i] + edges[i + 1])
            inside = np.abs(t - mid) <= np.sort(np.abs(t - mid))[min(8, len(t) - 1)]
        path[i] = points[inside].mean(axis=0)
    return path, t


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def structure_id(entry: Entry) -> str:
    """A stable id from the file name: 'meshes/bone/right_femur__FMA24474.glb' -> 'femur_right'.

    Midline structures keep their name ('sacrum'); the two sesamoids per foot keep their
    medial/lateral suffix."""
    stem = Path(entry.file).stem.split("__")[0]
    for side in ("left", "right", "mid"):
        if stem.startswith(side + "_"):
            stem = stem[len(side) + 1 :]
            break
    return stem if entry.side == "mid" else f"{stem}_{entry.side}"
