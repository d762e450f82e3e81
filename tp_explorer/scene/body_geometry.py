"""The body's measurements from an Anatomy's meshes: reads the pyvista meshes into plain
arrays and answers the nearest-skin-point query with VTK's static point locator (it is loaded
with the renderer anyway, where scipy's k-d tree cost 0.5 s of imports at each start). The
measuring itself is pure numpy, in ``layout.body_geometry``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData, vtkStaticPointLocator
from vtkmodules.vtkFiltersPoints import vtkPointInterpolator, vtkVoronoiKernel

from tp_explorer.scene.layout.arrays import FloatArray, IntArray
from tp_explorer.scene.layout.body_geometry import BodyGeometry, MeshArrays
from tp_explorer.scene.vtk_arrays import numpy_to_vtk, vtk_to_numpy

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy


def triangles(mesh: pv.PolyData) -> IntArray:
    """(n, 3) point indices of a mesh's triangles (other polygons are split first)."""
    if not mesh.is_all_triangles:
        mesh = mesh.triangulate()
    return np.asarray(mesh.regular_faces, dtype=np.int64).reshape(-1, 3)


def mesh_arrays(mesh: pv.PolyData) -> MeshArrays:
    """A pyvista mesh's points, triangles and the point normals it carries (the atlas cache
    stores them), if any fit."""
    points = np.asarray(mesh.points, dtype=float)
    normals: FloatArray | None = None
    data = getattr(mesh, "point_data", None)
    if data is not None and "Normals" in data:
        normals = np.asarray(data["Normals"], dtype=float)
        if normals.shape != (len(points), 3):
            normals = None
    return MeshArrays(points, triangles(mesh), normals)


def _cloud(points: FloatArray) -> vtkPolyData:
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(np.ascontiguousarray(points, dtype=float), deep=True))
    data = vtkPolyData()
    data.SetPoints(vtk_points)
    return data


def nearest_values(source: FloatArray, values: FloatArray, query: FloatArray) -> FloatArray:
    """For each query point, ``values`` at the nearest of the ``source`` points, in one C++
    pass: a Voronoi kernel interpolates "the value at the closest source point"."""
    source = np.ascontiguousarray(source, dtype=float)
    values = np.ascontiguousarray(values, dtype=float)
    if not len(query):
        return np.zeros((0, *values.shape[1:]))
    src = _cloud(source)
    carried = numpy_to_vtk(values, deep=True)
    carried.SetName("carried")
    src.GetPointData().AddArray(carried)
    locator = vtkStaticPointLocator()
    locator.SetDataSet(src)
    locator.BuildLocator()
    interpolator = vtkPointInterpolator()
    interpolator.SetInputData(_cloud(query))
    interpolator.SetSourceData(src)
    interpolator.SetLocator(locator)
    interpolator.SetKernel(vtkVoronoiKernel())
    interpolator.SetNullPointsStrategyToClosestPoint()
    interpolator.Update()
    found = interpolator.GetOutput().GetPointData().GetArray("carried")
    nearest: FloatArray = vtk_to_numpy(found).reshape(len(query), *values.shape[1:])
    return nearest.astype(float)


def nearest_points(source: FloatArray, query: FloatArray) -> FloatArray:
    """For each query point, the nearest of ``source`` (its coordinates)."""
    return nearest_values(source, source, query)


def nearest_ids(source: FloatArray, query: FloatArray) -> IntArray:
    """For each query point, the index of the nearest of ``source``."""
    ids = np.arange(len(source), dtype=float)
    return np.rint(nearest_values(source, ids, query)).astype(np.int64)


def measure_body(anatomy: Anatomy) -> BodyGeometry:
    """Every muscle's measurements and the skin's zone patches (of the fine skin map: zones are
    named by fine area), from an Anatomy."""
    muscles = {
        (mesh_id, side): mesh_arrays(mesh)
        for mesh_id, by_side in anatomy.muscles.items()
        for side, mesh in by_side.items()
    }
    areas = getattr(anatomy, "fine_areas", {})
    return BodyGeometry(mesh_arrays(anatomy.skin), muscles, areas, nearest_points)
