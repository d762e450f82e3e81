"""Needle depth and the structures near a needle's path, measured on one Anatomy.

``measure`` gives the shortest straight path from the skin to a trigger point that does not pass
through bone; ``path`` measures any given entry (approach.py finds the entry along a taught
approach). Along a path we measure the distance to every nerve, artery, vein and organ the
anatomy holds: meshes to their surfaces, nerves to a round-equivalent surface of a published
size (nerve_radii.py), drawn vessel courses to a 1 mm tube. All queries go through VTK (cell and
point locators, OBB trees, implicit distance) or numpy, built once per anatomy in a
``DepthMeter``. Numbers are in metres here; callers say "in this model" when they show them (one
adult male body, one posture).

Not measurable here: the lung and pleura (BodyParts3D's lower body has no thoracic organs), and
on the built-in body, any artery, vein or organ (it has nerve and vessel centrelines only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import reference as vtk_reference
from vtkmodules.vtkCommonCore import vtkDoubleArray, vtkIdList, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellLocator, vtkStaticPointLocator
from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance
from vtkmodules.vtkFiltersGeneral import vtkOBBTree

from tp_explorer.anatomy.nerve_radii import NerveRadius, radius_of
from tp_explorer.anatomy.vtk_arrays import numpy_to_vtk, vtk_to_numpy

KINDS: tuple[str, ...] = ("nerve", "artery", "vein", "organ")
NEAR_RADIUS_M = 0.03  # besides the nearest of each kind, list anything this close to the path
SAMPLE_STEP_M = 0.0005  # spacing of the points sampled along the needle path
ENTRY_CANDIDATES = 400  # skin points tried, nearest first, when the nearest path meets bone
_SKIN_TOP_MARGIN_M = 0.003  # the skin is cropped at the top: its cut edge is not skin


def _xyz(v: np.ndarray) -> tuple[float, float, float]:
    x, y, z = (float(c) for c in v)
    return x, y, z


class Measured(Protocol):
    """What a DepthMeter needs of an anatomy (an Anatomy has it); its nerves and context
    meshes are measured too when it has them."""

    @property
    def skin(self) -> pv.PolyData: ...

    @property
    def bones(self) -> dict[str, pv.PolyData]: ...


@dataclass(frozen=True)
class NearStructure:
    """A structure near a needle path: its distance from the trigger point and from the path."""

    structure: str
    kind: str  # one of KINDS
    label: str
    distance_m: float  # from the trigger point
    path_distance_m: float  # closest approach to the segment skin entry -> trigger point


@dataclass(frozen=True)
class NeedlePath:
    """The shortest bone-free straight path from the skin to one trigger point, in this model."""

    trigger_point: str
    side: str
    target: tuple[float, float, float]
    entry: tuple[float, float, float]
    depth_m: float
    crosses_bone: bool  # True when no bone-free entry was found among the nearest skin points
    near: tuple[NearStructure, ...]  # nearest to the path first

    @property
    def direction(self) -> tuple[float, float, float]:
        """Unit vector from the skin entry towards the trigger point."""
        d = np.asarray(self.target) - np.asarray(self.entry)
        n = float(np.linalg.norm(d))
        return _xyz(d / n if n > 0 else d)

    def nearest(self, kind: str) -> NearStructure | None:
        """The structure of this kind closest to the path, or None where the anatomy has none."""
        of_kind = [s for s in self.near if s.kind == kind]
        return of_kind[0] if of_kind else None

    def within(self, thresholds_m: dict[str, float]) -> tuple[NearStructure, ...]:
        """Structures whose path distance is within their kind's threshold (a caution)."""
        return tuple(
            s
            for s in self.near
            if s.kind in thresholds_m and s.path_distance_m <= thresholds_m[s.kind]
        )


def centreline_kind(structure: str) -> str:
    """Kind of a polyline in ``Anatomy.nerves``: the drawn vessel courses follow the arteries."""
    return "artery" if structure.endswith("_vessels") or "artery" in structure else "nerve"


def _label(structure: str) -> str:
    text = structure.replace("_", " ")
    return text[:1].upper() + text[1:]


class _Distance:
    """Unsigned distance from many points to one surface, in one VTK call."""

    def __init__(self, surface: pv.PolyData, offset: float = 0.0, signed: bool = True) -> None:
        self._fn = vtkImplicitPolyDataDistance()
        self._fn.SetInput(surface)
        self._offset = offset
        self._signed = signed

    def __call__(self, points: np.ndarray) -> np.ndarray:
        out = vtkDoubleArray()
        self._fn.FunctionValue(numpy_to_vtk(np.ascontiguousarray(points, float), deep=True), out)
        d = vtk_to_numpy(out)
        if not self._signed:
            return np.asarray(np.abs(d))
        # Negative inside a closed surface: a point inside the structure is at distance 0.
        return np.maximum(d + self._offset, 0.0)


class _PolylineDistance:
    """Distance from points to the surface of a tube round a polyline whose radius changes
    linearly from its first point to its last (a nerve's round-equivalent surface)."""

    def __init__(self, path: np.ndarray, radius: NerveRadius) -> None:
        self._a = np.asarray(path[:-1], dtype=float)
        self._ab = np.asarray(path[1:], dtype=float) - self._a
        self._len2 = np.maximum(np.einsum("ij,ij->i", self._ab, self._ab), 1e-18)
        seg = np.sqrt(self._len2)
        self._start = np.concatenate([[0.0], np.cumsum(seg)[:-1]])
        self._seg, self._total = seg, max(float(seg.sum()), 1e-12)
        self._radius = radius

    def __call__(self, points: np.ndarray) -> np.ndarray:
        rel = points[:, None, :] - self._a[None, :, :]
        t = np.clip(np.einsum("nmk,mk->nm", rel, self._ab) / self._len2, 0.0, 1.0)
        off = rel - t[..., None] * self._ab[None, :, :]
        d = np.sqrt(np.einsum("nmk,nmk->nm", off, off))
        fraction = (self._start[None, :] + t * self._seg[None, :]) / self._total
        r = self._radius.at(0.0) + (self._radius.at(1.0) - self._radius.at(0.0)) * fraction
        out: np.ndarray = np.maximum(d - r, 0.0).min(axis=1)
        return out


Distance = _Distance | _PolylineDistance


class DepthMeter:
    """Locators for one anatomy, built once; ``measure`` answers per trigger point.

    ``radii`` replaces the nerve radii of nerve_radii.py (e.g. all zero, to measure to the
    centrelines)."""

    def __init__(self, anatomy: Measured, radii: dict[str, NerveRadius] | None = None) -> None:
        self.anatomy = anatomy
        skin = anatomy.skin
        top = skin.bounds[5] - _SKIN_TOP_MARGIN_M
        cut = np.nonzero(skin.cell_centers().points[:, 2] >= top)[0]
        self._skin = skin.remove_cells(cut.tolist()) if len(cut) else skin.copy()
        self._skin_distance = _Distance(self._skin, signed=False)
        self._skin_obb = vtkOBBTree()
        self._skin_obb.SetDataSet(self._skin)
        self._skin_obb.BuildLocator()
        self._skin_cells = vtkCellLocator()
        self._skin_cells.SetDataSet(self._skin)
        self._skin_cells.BuildLocator()
        self._skin_points = vtkStaticPointLocator()
        self._skin_points.SetDataSet(self._skin)
        self._skin_points.BuildLocator()
        self._skin_xyz = np.asarray(self._skin.points, dtype=float)
        bones = [m for m in anatomy.bones.values() if m.n_cells]
        self._bones = vtkOBBTree()
        if bones:
            self._bones.SetDataSet(pv.merge(bones) if len(bones) > 1 else bones[0])
            self._bones.BuildLocator()
        self._has_bones = bool(bones)
        # structure id -> (kind, label, side or None, distance function)
        self._structures: dict[str, tuple[str, str, str | None, Distance]] = {}
        nerves = getattr(anatomy, "nerves", {}) or {}
        for sid, by_side in nerves.items():
            for side, path in by_side.items():
                if path is None or len(path) < 2:
                    continue
                self._structures[f"{sid}:{side}"] = (
                    centreline_kind(sid),
                    _label(sid),
                    side,
                    _PolylineDistance(np.asarray(path, float), radius_of(sid, radii)),
                )
        kinds = getattr(anatomy, "context_kind", {}) or {}
        labels = getattr(anatomy, "context_label", {}) or {}
        for cid, mesh in (getattr(anatomy, "context", {}) or {}).items():
            kind = kinds.get(cid)
            if kind not in KINDS or mesh.n_cells == 0:
                continue
            self._structures[cid] = (kind, labels.get(cid, _label(cid)), None, _Distance(mesh))

    def skin_distance(self, points: np.ndarray) -> np.ndarray:
        """Straight-line distance from each point to the nearest skin (bone not avoided)."""
        return self._skin_distance(np.atleast_2d(np.asarray(points, dtype=float)))

    def deepest(self, mesh: pv.PolyData, z: float, half_height: float = 0.01) -> float:
        """Skin distance of a mesh's deepest point within ``half_height`` of the level ``z``."""
        pts = np.asarray(mesh.points, dtype=float)
        pts = pts[np.abs(pts[:, 2] - z) <= half_height]
        return float(self.skin_distance(pts).max()) if len(pts) else float("nan")

    def kinds_present(self) -> tuple[str, ...]:
        """The structure kinds this anatomy can be measured against."""
        have = {k for k, *_ in self._structures.values()}
        return tuple(k for k in KINDS if k in have)

    def entry(self, target: np.ndarray) -> tuple[np.ndarray, bool]:
        """The skin point nearest ``target`` whose straight path to it misses every bone."""
        closest = [0.0, 0.0, 0.0]
        cell, sub, dist2 = vtk_reference(0), vtk_reference(0), vtk_reference(0.0)
        # VTK's stubs lack the overload that fills references (cell id, sub id, distance²)
        self._skin_cells.FindClosestPoint(  # type: ignore[call-overload]
            list(map(float, target)), closest, cell, sub, dist2
        )
        best = np.asarray(closest, dtype=float)
        if not self.meets_bone(best, target):
            return best, False
        ids = vtkIdList()
        self._skin_points.FindClosestNPoints(ENTRY_CANDIDATES, list(map(float, target)), ids)
        for i in range(ids.GetNumberOfIds()):
            candidate = self._skin_xyz[ids.GetId(i)]
            if not self.meets_bone(candidate, target):
                return candidate.copy(), False
        return best, True

    def entry_from(self, target: np.ndarray, outward: np.ndarray) -> np.ndarray | None:
        """Where a needle aimed at ``target`` from the ``outward`` side (e.g. posterior) enters
        the skin: the first skin crossing on the ray from the target outwards."""
        target = np.asarray(target, dtype=float)
        u = np.asarray(outward, dtype=float)
        u = u / np.linalg.norm(u)
        hits = vtkPoints()
        self._skin_obb.IntersectWithLine(list(target), list(target + 0.6 * u), hits, None)
        if hits.GetNumberOfPoints() == 0:
            return None
        pts = vtk_to_numpy(hits.GetData()).astype(float)
        first: np.ndarray = pts[int(np.argmin(np.linalg.norm(pts - target, axis=1)))]
        return first

    def layers(
        self, entry: np.ndarray, target: np.ndarray, meshes: dict[str, pv.PolyData]
    ) -> list[tuple[str, float]]:
        """(mesh id, depth from the skin where the path first enters it), shallowest first,
        for the meshes the straight path from ``entry`` to ``target`` crosses."""
        entry = np.asarray(entry, dtype=float)
        target = np.asarray(target, dtype=float)
        out = []
        for mid, mesh in meshes.items():
            hits, _ = mesh.ray_trace(entry, target)
            if len(hits):
                out.append((mid, float(np.linalg.norm(np.asarray(hits) - entry, axis=1).min())))
        return sorted(out, key=lambda x: x[1])

    def meets_bone(self, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether the straight line from ``a`` to ``b`` crosses any bone."""
        if not self._has_bones:
            return False
        hits = vtkPoints()
        self._bones.IntersectWithLine(list(map(float, a)), list(map(float, b)), hits, None)
        return hits.GetNumberOfPoints() > 0

    def measure(
        self,
        trigger_point: str,
        side: str,
        target: np.ndarray,
        outward: np.ndarray | None = None,
    ) -> NeedlePath:
        """Needle path to one trigger point and the structures near it, nearest first.

        By default the shortest bone-free path; with ``outward`` (a direction such as
        posterior), the straight path coming in from that side.
        """
        target = np.asarray(target, dtype=float)
        entry, crosses = self.entry(target)
        if outward is not None:
            aimed = self.entry_from(target, outward)
            if aimed is not None:
                entry, crosses = aimed, self.meets_bone(aimed, target)
        return self.path(trigger_point, side, target, entry, crosses)

    def path(
        self,
        trigger_point: str,
        side: str,
        target: np.ndarray,
        entry: np.ndarray,
        crosses: bool,
    ) -> NeedlePath:
        """The straight path from ``entry`` to ``target`` and the structures near it."""
        target = np.asarray(target, dtype=float)
        entry = np.asarray(entry, dtype=float)
        depth = float(np.linalg.norm(target - entry))
        n = max(2, int(np.ceil(depth / SAMPLE_STEP_M)) + 1)
        samples = entry + np.linspace(0.0, 1.0, n)[:, None] * (target - entry)
        found: list[NearStructure] = []
        for key, (kind, label, s_side, dist) in self._structures.items():
            if s_side is not None and s_side != side:
                continue  # a nerve of the other side: never the nearest
            d = dist(samples)  # last sample is the trigger point itself
            found.append(
                NearStructure(key.split(":")[0], kind, label, float(d[-1]), float(d.min()))
            )
        found.sort(key=lambda s: (s.path_distance_m, s.distance_m, s.structure))
        keep: list[NearStructure] = []
        seen_kinds: set[str] = set()
        for s in found:
            if s.kind not in seen_kinds or s.path_distance_m <= NEAR_RADIUS_M:
                keep.append(s)
                seen_kinds.add(s.kind)
        return NeedlePath(
            trigger_point,
            side,
            _xyz(target),
            _xyz(entry),
            depth,
            crosses,
            tuple(keep),
        )
