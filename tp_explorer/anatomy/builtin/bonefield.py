"""Signed distance to the skeleton, so bellies can be kept outside bone."""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkDoubleArray
from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance

from tp_explorer.anatomy.vtk_arrays import numpy_to_vtk, vtk_to_numpy


class BoneField:
    """Signed distance (m, negative inside) and its gradient for a set of closed bone meshes."""

    def __init__(self, meshes: list[pv.PolyData]) -> None:
        merged = pv.merge(meshes).triangulate().clean()
        merged = merged.compute_normals(auto_orient_normals=True, consistent_normals=True)
        self._surface = merged
        # Vertices and face centres: dense enough to catch a thin bone crossing a belly.
        self.samples = np.vstack(
            [np.asarray(merged.points), np.asarray(merged.cell_centers().points)]
        )
        self._impl = vtkImplicitPolyDataDistance()
        self._impl.SetInput(merged)

    def distance(self, points: np.ndarray) -> np.ndarray:
        pts = np.ascontiguousarray(points, dtype=np.float64)
        out = np.empty(len(pts))
        vtk_pts = numpy_to_vtk(pts, deep=True)
        vals = vtkDoubleArray()
        vals.SetNumberOfTuples(len(pts))
        self._impl.FunctionValue(vtk_pts, vals)
        out[:] = vtk_to_numpy(vals)
        return out

    def gradient(self, points: np.ndarray, h: float = 1e-3) -> np.ndarray:
        pts = np.asarray(points, dtype=np.float64)
        grad = np.empty_like(pts)
        for k in range(3):
            step = np.zeros(3)
            step[k] = h
            grad[:, k] = (self.distance(pts + step) - self.distance(pts - step)) / (2 * h)
        norm = np.linalg.norm(grad, axis=1, keepdims=True)
        unit: np.ndarray = grad / np.maximum(norm, 1e-9)
        return unit

    def push_out(self, points: np.ndarray, margin: float, rounds: int = 6) -> np.ndarray:
        """Move points that lie inside bone (or closer than margin) out along the gradient."""
        pts = np.array(points, dtype=np.float64)
        for _ in range(rounds):
            d = self.distance(pts)
            bad = d < margin
            if not bad.any():
                break
            g = self.gradient(pts[bad])
            # At most 4 mm a round: a point deep in bone must not fly out as a spike.
            step = np.minimum(margin - d[bad], 0.004)
            pts[bad] += g * step[:, None]
        return pts
