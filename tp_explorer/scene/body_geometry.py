"""What the scene measures once from the meshes: each muscle's depth below the skin (the peel
layers), the direction it is best seen from, and small point samples for framing and fading.

Only mesh points and triangles are used (no ring or station layout), so the same code serves
the built-in bellies and atlas meshes of any topology. Everything here is computed once at
start-up, in one batched nearest-skin-point query for every muscle's sample points (VTK's static
point locator: it is loaded with the renderer anyway, where scipy's k-d tree cost 0.5 s of
imports at each start).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_POINTS = 600  # per muscle: enough to find its front surface and screen footprint
SHALLOW_FRACTION = 0.2  # the part of a muscle nearest the skin says which way it faces
LAYER_COUNT_TARGET = 7  # depth bands the peel steps through (fewer where depths are close)
MIN_BAND_M = 0.003


@dataclass(frozen=True)
class ZoneGeometry:
    """A referral zone's patch of skin on one side, measured once (for framing)."""

    direction: np.ndarray  # unit outward direction the patch faces
    weight: float  # its area, m^2 (its weight when choosing a view)
    lo: np.ndarray  # bounding box
    hi: np.ndarray


@dataclass(frozen=True)
class MuscleGeometry:
    """Measured once per (mesh, side)."""

    depth: float  # median distance of the muscle's points below the skin, metres
    facing: np.ndarray  # unit vector from the muscle towards the nearest skin
    area: float  # surface area, m^2 (its weight when choosing a view)
    sample: np.ndarray  # (<= SAMPLE_POINTS, 3) points of the mesh, spread over it
    normals: np.ndarray  # outward unit normals at the sample points
    lo: np.ndarray  # bounding box
    hi: np.ndarray


def sample_ids(count: int, limit: int = SAMPLE_POINTS) -> np.ndarray:
    """At most ``limit`` indices out of ``count``, at an even stride (mesh point order is
    spatially local for the meshes we read, so a stride spreads the sample over the surface)."""
    if count <= limit:
        return np.arange(count)
    return np.linspace(0, count - 1, limit).astype(int)


def even_sample(points: np.ndarray, limit: int = SAMPLE_POINTS) -> np.ndarray:
    """At most ``limit`` of the points, spread as ``sample_ids`` spreads them."""
    points = np.asarray(points, dtype=float)
    return points[sample_ids(len(points), limit)]


def triangles(mesh: object) -> np.ndarray:
    """(n, 3) point indices of a mesh's triangles (other polygons are split first)."""
    if not mesh.is_all_triangles:  # type: ignore[attr-defined]
        mesh = mesh.triangulate()  # type: ignore[attr-defined]
    return np.asarray(mesh.regular_faces, dtype=int).reshape(-1, 3)  # type: ignore[attr-defined]


def surface_area(points: np.ndarray, tris: np.ndarray) -> float:
    if not len(tris):
        return 0.0
    a, b, c = points[tris[:, 0]], points[tris[:, 1]], points[tris[:, 2]]
    return float(np.linalg.norm(np.cross(b - a, c - a), axis=1).sum() / 2)


def vertex_normals(points: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """Area-weighted vertex normals from the triangles' winding (outward for closed meshes
    wound outward, as the scene's back-face culling already requires)."""
    a, b, c = points[tris[:, 0]], points[tris[:, 1]], points[tris[:, 2]]
    face = np.cross(b - a, c - a)
    normals = np.zeros_like(points, dtype=float)
    for k in range(3):
        np.add.at(normals, tris[:, k], face)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    return normals / np.where(length > 0, length, 1.0)


def depth_layers(depths: dict[str, float]) -> dict[str, int]:
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


def nearest_points(source: np.ndarray, query: np.ndarray) -> np.ndarray:
    """For each query point, the nearest of ``source`` (its coordinates), in one C++ pass.

    A Voronoi kernel interpolates "the value at the closest source point"; the value
    interpolated is the source point's own position.
    """
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkPolyData, vtkStaticPointLocator
    from vtkmodules.vtkFiltersPoints import vtkPointInterpolator, vtkVoronoiKernel

    source = np.ascontiguousarray(source, dtype=float)
    query = np.ascontiguousarray(query, dtype=float)
    if not len(query):
        return np.zeros((0, 3))

    def cloud(points: np.ndarray) -> vtkPolyData:
        vtk_points = vtkPoints()
        vtk_points.SetData(numpy_to_vtk(points, deep=True))
        data = vtkPolyData()
        data.SetPoints(vtk_points)
        return data

    src = cloud(source)
    where = numpy_to_vtk(source, deep=True)
    where.SetName("where")
    src.GetPointData().AddArray(where)
    locator = vtkStaticPointLocator()
    locator.SetDataSet(src)
    locator.BuildLocator()
    interpolator = vtkPointInterpolator()
    interpolator.SetInputData(cloud(query))
    interpolator.SetSourceData(src)
    interpolator.SetLocator(locator)
    interpolator.SetKernel(vtkVoronoiKernel())
    interpolator.SetNullPointsStrategyToClosestPoint()
    interpolator.Update()
    found = interpolator.GetOutput().GetPointData().GetArray("where")
    return vtk_to_numpy(found).reshape(-1, 3).astype(float)


def _stored_normals(mesh: object, count: int) -> np.ndarray | None:
    """The point normals a mesh carries (the atlas cache stores them), if any fit."""
    data = getattr(mesh, "point_data", None)
    if data is None or "Normals" not in data:
        return None
    normals = np.asarray(data["Normals"], dtype=float)
    return normals if normals.shape == (count, 3) else None


class BodyGeometry:
    """Per-muscle measurements and the skin's zone directions, computed once from an Anatomy."""

    def __init__(self, anatomy: object) -> None:
        skin = anatomy.skin  # type: ignore[attr-defined]
        skin_points = np.asarray(skin.points, dtype=float)
        skin_tris = triangles(skin)
        stored = _stored_normals(skin, len(skin_points))
        self.skin_normals = stored if stored is not None else vertex_normals(skin_points, skin_tris)
        self.skin_point_area = surface_area(skin_points, skin_tris) / max(len(skin_points), 1)
        self.skin_points = skin_points
        self._areas: dict[str, dict[str, object]] = getattr(anatomy, "areas", {})
        self._zones: dict[tuple[str, str], ZoneGeometry | None] = {}
        meshes = {
            (mesh_id, side): mesh
            for mesh_id, by_side in anatomy.muscles.items()  # type: ignore[attr-defined]
            for side, mesh in by_side.items()
        }
        points = {key: np.asarray(mesh.points, dtype=float) for key, mesh in meshes.items()}
        ids = {key: sample_ids(len(p)) for key, p in points.items()}
        # one query for every muscle's sample points: the nearest skin point of each
        samples = [points[key][ids[key]] for key in meshes]
        nearest = nearest_points(skin_points, np.vstack(samples)) if samples else np.zeros((0, 3))
        bounds = np.cumsum([0, *(len(s) for s in samples)])
        self.muscles: dict[tuple[str, str], MuscleGeometry] = {
            key: self._measure(
                mesh, points[key], ids[key], samples[i], nearest[bounds[i] : bounds[i + 1]]
            )
            for i, (key, mesh) in enumerate(meshes.items())
        }
        # Both sides of a muscle peel together: one depth per mesh id.
        by_mesh: dict[str, list[float]] = {}
        for (mesh_id, _side), geo in self.muscles.items():
            by_mesh.setdefault(mesh_id, []).append(geo.depth)
        mesh_layers = depth_layers({m: float(np.mean(d)) for m, d in by_mesh.items()})
        self.layers: dict[tuple[str, str], int] = {key: mesh_layers[key[0]] for key in self.muscles}
        self.layer_count = max(self.layers.values(), default=-1) + 1

    @staticmethod
    def _measure(
        mesh: object,
        points: np.ndarray,
        ids: np.ndarray,
        sample: np.ndarray,
        nearest_skin: np.ndarray,
    ) -> MuscleGeometry:
        """Depth and facing from the sample points and the skin points nearest them."""
        towards = nearest_skin - sample
        distance = np.linalg.norm(towards, axis=1)
        shallow = distance <= np.quantile(distance, SHALLOW_FRACTION)
        facing = towards[shallow].mean(axis=0)
        norm = np.linalg.norm(facing)
        facing = facing / norm if norm > 1e-9 else np.array([0.0, -1.0, 0.0])
        tris = triangles(mesh)
        normals = _stored_normals(mesh, len(points))
        if normals is None:
            normals = vertex_normals(points, tris)
        return MuscleGeometry(
            depth=float(np.median(distance)),
            facing=facing,
            area=surface_area(points, tris),
            sample=sample,
            normals=normals[ids],
            lo=points.min(axis=0),
            hi=points.max(axis=0),
        )

    def zone(self, area: str, side: str) -> ZoneGeometry | None:
        """A zone's skin patch on one side, measured on first use; None where the anatomy
        has no skin for it."""
        key = (area, side)
        if key not in self._zones:
            ids = self._areas.get(area, {}).get(side)
            self._zones[key] = None if ids is None or not len(ids) else self._measure_zone(ids)
        return self._zones[key]

    def _measure_zone(self, point_ids: object) -> ZoneGeometry:
        ids = np.asarray(point_ids, dtype=int)
        total = self.skin_normals[ids].sum(axis=0)
        norm = float(np.linalg.norm(total))
        points = self.skin_points[ids]
        return ZoneGeometry(
            direction=total / norm if norm > 1e-9 else np.zeros(3),
            weight=norm * self.skin_point_area,
            lo=points.min(axis=0),
            hi=points.max(axis=0),
        )
