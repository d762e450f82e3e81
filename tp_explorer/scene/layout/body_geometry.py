"""What the scene measures once from the meshes: each muscle's depth below the skin (the peel
layers), the direction it is best seen from, and small point samples for framing and fading.

Only mesh points and triangles are used (no ring or station layout), so the same code serves
the built-in bellies and atlas meshes of any topology. Everything here is computed once at
start-up, with one batched nearest-skin-point query for every muscle's sample points; the
query itself is handed in (the scene passes VTK's static point locator, tests brute force).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tp_explorer.scene.layout.arrays import FloatArray, IntArray

SAMPLE_POINTS = 600  # per muscle: enough to find its front surface and screen footprint
SHALLOW_FRACTION = 0.2  # the part of a muscle nearest the skin says which way it faces
LAYER_COUNT_TARGET = 7  # depth bands the peel steps through (fewer where depths are close)
MIN_BAND_M = 0.003

MuscleKey = tuple[str, str]  # (mesh id, side)
Nearest = Callable[[FloatArray, FloatArray], FloatArray]  # (source, query) -> nearest source


@dataclass(frozen=True, eq=False)
class ZoneGeometry:
    """A referral zone's patch of skin on one side, measured once (for framing)."""

    direction: FloatArray  # unit outward direction the patch faces
    weight: float  # its area, m^2 (its weight when choosing a view)
    lo: FloatArray  # bounding box
    hi: FloatArray


@dataclass(frozen=True, eq=False)
class MuscleGeometry:
    """Measured once per (mesh, side)."""

    depth: float  # median distance of the muscle's points below the skin, metres
    facing: FloatArray  # unit vector from the muscle towards the nearest skin
    area: float  # surface area, m^2 (its weight when choosing a view)
    sample: FloatArray  # (<= SAMPLE_POINTS, 3) points of the mesh, spread over it
    normals: FloatArray  # outward unit normals at the sample points
    lo: FloatArray  # bounding box
    hi: FloatArray


@dataclass(frozen=True, eq=False)
class MeshArrays:
    """A mesh as the measurements read it: points, triangles and the point normals it
    carries (the atlas cache stores them), if any fit."""

    points: FloatArray
    triangles: IntArray
    normals: FloatArray | None = None


def sample_ids(count: int, limit: int = SAMPLE_POINTS) -> IntArray:
    """At most ``limit`` indices out of ``count``, at an even stride (mesh point order is
    spatially local for the meshes we read, so a stride spreads the sample over the surface)."""
    if count <= limit:
        return np.arange(count, dtype=np.int64)
    return np.linspace(0, count - 1, limit).astype(np.int64)


def even_sample(points: npt.ArrayLike, limit: int = SAMPLE_POINTS) -> FloatArray:
    """At most ``limit`` of the points, spread as ``sample_ids`` spreads them."""
    array = np.asarray(points, dtype=float)
    return array[sample_ids(len(array), limit)]


def surface_area(points: FloatArray, tris: IntArray) -> float:
    if not len(tris):
        return 0.0
    a, b, c = points[tris[:, 0]], points[tris[:, 1]], points[tris[:, 2]]
    return float(np.linalg.norm(np.cross(b - a, c - a), axis=1).sum() / 2)


def vertex_normals(points: FloatArray, tris: IntArray) -> FloatArray:
    """Area-weighted vertex normals from the triangles' winding (outward for closed meshes
    wound outward, as the scene's back-face culling already requires)."""
    a, b, c = points[tris[:, 0]], points[tris[:, 1]], points[tris[:, 2]]
    face = np.cross(b - a, c - a)
    normals = np.zeros_like(points, dtype=float)
    for k in range(3):
        np.add.at(normals, tris[:, k], face)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    unit: FloatArray = normals / np.where(length > 0, length, 1.0)
    return unit


def depth_layers(depths: Mapping[str, float]) -> dict[str, int]:
    """Depth (m) by mesh id -> layer 0, 1, 2 ... from the skin inward.

    Bands of equal thickness over the range of depths (about LAYER_COUNT_TARGET of them); empty
    bands are skipped, so each peel step removes something.
    """
    if not depths:
        return {}
    values = np.array(list(depths.values()))
    band = max((values.max() - values.min()) / LAYER_COUNT_TARGET, MIN_BAND_M)
    bands = np.floor((values - values.min()) / band + 1e-9).astype(int)
    rank = {b: i for i, b in enumerate(sorted(set(bands.tolist())))}
    return {mesh: rank[int(b)] for mesh, b in zip(depths, bands, strict=True)}


def measure_muscle(mesh: MeshArrays, ids: IntArray, nearest_skin: FloatArray) -> MuscleGeometry:
    """Depth and facing from the sample points (``ids``) and the skin points nearest them."""
    points = mesh.points
    sample = points[ids]
    towards = nearest_skin - sample
    distance = np.linalg.norm(towards, axis=1)
    shallow = distance <= np.quantile(distance, SHALLOW_FRACTION)
    facing = towards[shallow].mean(axis=0)
    norm = np.linalg.norm(facing)
    facing = facing / norm if norm > 1e-9 else np.array([0.0, -1.0, 0.0])
    normals = mesh.normals
    if normals is None:
        normals = vertex_normals(points, mesh.triangles)
    return MuscleGeometry(
        depth=float(np.median(distance)),
        facing=facing,
        area=surface_area(points, mesh.triangles),
        sample=sample,
        normals=normals[ids],
        lo=points.min(axis=0),
        hi=points.max(axis=0),
    )


def label_anchor(path: FloatArray | None, points: FloatArray) -> FloatArray:
    """A point in the middle of a muscle: half-way along its path, or the mesh point nearest
    its centre (a point of the mesh itself, so it lies on the muscle)."""
    if path is not None and len(path):
        middle: FloatArray = np.asarray(path[len(path) // 2], dtype=float)
        return middle
    nearest: FloatArray = points[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))]
    return nearest


class BodyGeometry:
    """Per-muscle measurements and the skin's zone patches, computed once from the meshes.

    ``areas`` maps a body area and side to its skin point ids; ``nearest`` answers "the
    nearest skin point of each query point" for every muscle's sample in one call."""

    def __init__(
        self,
        skin: MeshArrays,
        muscles: Mapping[MuscleKey, MeshArrays],
        areas: Mapping[str, Mapping[str, npt.ArrayLike]],
        nearest: Nearest,
    ) -> None:
        self.skin = skin
        self.areas = areas
        self.skin_normals = (
            skin.normals
            if skin.normals is not None
            else vertex_normals(skin.points, skin.triangles)
        )
        self.skin_point_area = surface_area(skin.points, skin.triangles) / max(len(skin.points), 1)
        self._zones: dict[tuple[str, str], ZoneGeometry | None] = {}
        ids = {key: sample_ids(len(mesh.points)) for key, mesh in muscles.items()}
        # one query for every muscle's sample points: the nearest skin point of each
        samples = [muscles[key].points[ids[key]] for key in muscles]
        found = nearest(skin.points, np.vstack(samples)) if samples else np.zeros((0, 3))
        bounds = np.cumsum([0, *(len(s) for s in samples)])
        self.muscles: dict[MuscleKey, MuscleGeometry] = {
            key: measure_muscle(mesh, ids[key], found[bounds[i] : bounds[i + 1]])
            for i, (key, mesh) in enumerate(muscles.items())
        }
        # Both sides of a muscle peel together: one depth per mesh id.
        by_mesh: dict[str, list[float]] = {}
        for (mesh_id, _side), geo in self.muscles.items():
            by_mesh.setdefault(mesh_id, []).append(geo.depth)
        mesh_layers = depth_layers({m: float(np.mean(d)) for m, d in by_mesh.items()})
        self.layers: dict[MuscleKey, int] = {key: mesh_layers[key[0]] for key in self.muscles}
        self.layer_count = max(self.layers.values(), default=-1) + 1

    @property
    def skin_points(self) -> FloatArray:
        return self.skin.points

    def zone(self, area: str, side: str) -> ZoneGeometry | None:
        """A zone's skin patch on one side, measured on first use; None where the anatomy
        has no skin for it."""
        key = (area, side)
        if key not in self._zones:
            ids = self.areas.get(area, {}).get(side)
            found = None if ids is None else np.asarray(ids, dtype=np.int64)
            self._zones[key] = None if found is None or not len(found) else self._measure(found)
        return self._zones[key]

    def _measure(self, ids: IntArray) -> ZoneGeometry:
        total = self.skin_normals[ids].sum(axis=0)
        norm = float(np.linalg.norm(total))
        points = self.skin.points[ids]
        return ZoneGeometry(
            direction=total / norm if norm > 1e-9 else np.zeros(3),
            weight=norm * self.skin_point_area,
            lo=points.min(axis=0),
            hi=points.max(axis=0),
        )
