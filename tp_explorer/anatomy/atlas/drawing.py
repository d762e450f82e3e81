"""What the drawing rules of the atlas's missing muscles work from: the skeleton, the segmented
muscles and the skin, with the few spatial questions they ask (the top of the bones under a
point, the first crossing of a ray with a surface, a bone's long axis)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.landmarks import lateral_sign


@dataclass(frozen=True)
class DrawContext:
    """The atlas a drawn muscle is fitted to: bones by id, the segmented knowledge muscles
    (mesh id -> side -> surface) and the cropped skin."""

    skeleton: Skeleton
    muscles: Mapping[str, Mapping[str, pv.PolyData]]
    skin: pv.PolyData

    def muscle_points(self, name: str, side: str) -> np.ndarray:
        return np.asarray(self.muscles[name][side].points)


@dataclass(frozen=True)
class Shaft:
    """A long bone's axis: its base (proximal end), head (distal end) and unit axis."""

    base: np.ndarray
    head: np.ndarray
    axis: np.ndarray

    def at(self, f: float) -> np.ndarray:
        point: np.ndarray = self.base + f * (self.head - self.base)
        return point

    @property
    def length(self) -> float:
        return float(np.linalg.norm(self.head - self.base))


def shaft(points: np.ndarray, forward: np.ndarray) -> Shaft:
    """The principal axis of a bone's points, base at the end ``forward`` points away from."""
    centre = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - centre, full_matrices=False)
    axis = vt[0] if float(vt[0] @ forward) > 0 else -vt[0]
    s = (points - centre) @ axis
    return Shaft(centre + axis * s.min(), centre + axis * s.max(), axis)


def slice_of(points: np.ndarray, centre: np.ndarray, axis: np.ndarray, half: float) -> np.ndarray:
    """The points within ``half`` of the plane through ``centre`` square to ``axis``."""
    sel: np.ndarray = points[np.abs((points - centre) @ axis) <= half]
    return sel


def top_along(cloud: np.ndarray, where: np.ndarray, up: np.ndarray, radius: float) -> np.ndarray:
    """For each point of ``where``: how far ``up`` the highest cloud point within ``radius``
    of its line along ``up`` reaches (NaN where none is near)."""
    up = up / np.linalg.norm(up)
    out = np.full(len(where), np.nan)
    height = cloud @ up
    for i, p in enumerate(where):
        rel = cloud - p
        off = rel - np.outer(rel @ up, up)
        near = np.einsum("ij,ij->i", off, off) <= radius * radius
        if near.any():
            out[i] = float(height[near].max())
    return out


class Caster:
    """Where a ray first crosses a surface (VTK's OBB tree, built once per surface)."""

    def __init__(self, mesh: pv.PolyData) -> None:
        from vtkmodules.vtkFiltersGeneral import vtkOBBTree

        self._tree = vtkOBBTree()
        self._tree.SetDataSet(mesh)
        self._tree.BuildLocator()

    def first(self, origin: np.ndarray, direction: np.ndarray, reach: float) -> np.ndarray | None:
        """The crossing nearest ``origin`` within ``reach`` along ``direction``, or None."""
        from vtkmodules.vtkCommonCore import vtkIdList, vtkPoints

        hits, cells = vtkPoints(), vtkIdList()
        end = origin + reach * direction / np.linalg.norm(direction)
        self._tree.IntersectWithLine(tuple(origin), tuple(end), hits, cells)
        if hits.GetNumberOfPoints() == 0:
            return None
        found = np.array([hits.GetPoint(i) for i in range(hits.GetNumberOfPoints())])
        nearest: np.ndarray = found[np.argmin(np.linalg.norm(found - origin, axis=1))]
        return nearest


def outward(side: str) -> np.ndarray:
    """The unit vector towards the subject's ``side`` (+x is the subject's left)."""
    return np.array([lateral_sign(side), 0.0, 0.0])
