"""The chart view's trigger-point marks: an X over each point, as the manual's charts mark
them, so the eye goes from the point to the zone it refers to.

A mark stands where the point is seen through the skin: on the skin point along the line of
sight, so it lies over its spot from any view. It is drawn on the canvas (a fixed size in
pixels, dark with a white halo, over the focused muscle's overlay) and only for points on the
side of the body the camera sees: where the skin nearest the point faces the camera (the
labels that point at the marks use the same test). Marks move with the camera: they are laid
out before each render that moved it, as the labels are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from vtkmodules.vtkCommonCore import vtkCommand, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkCoordinate,
    vtkPolyDataMapper2D,
    vtkRenderer,
)

from tp_explorer import palette
from tp_explorer.scene.body_geometry import nearest_ids
from tp_explorer.scene.camera import renderer_projection
from tp_explorer.scene.layout.arrays import FloatArray, IntArray
from tp_explorer.scene.vtk_arrays import numpy_to_vtk, numpy_to_vtk_ids
from tp_explorer.state import Highlight

ARM_PX = 8.0  # from an X's centre to the end of an arm
MARK_PX = 3.0
HALO_PX = 7.0
CACHED_POINTS = 512

PointKey = tuple[str, str, float, str | None]  # (mesh, side, along, aspect)
Position = Callable[[PointKey], FloatArray]  # a trigger point's position in the muscle


def x_lines(centres: FloatArray, arm: float) -> tuple[FloatArray, IntArray]:
    """Points and segment ids of an X (two diagonals) around each 2D centre."""
    offsets = np.array([[-arm, -arm], [arm, arm], [-arm, arm], [arm, -arm]])
    points = (centres[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    segments = np.arange(len(points), dtype=np.int64).reshape(-1, 2)
    return points, segments


def canvas_actor(colour: str, width: float) -> tuple[vtkActor2D, vtkPolyData]:
    """A 2D line actor in display coordinates and the polydata it draws."""
    data = vtkPolyData()
    mapper = vtkPolyDataMapper2D()
    mapper.SetInputData(data)
    coordinate = vtkCoordinate()
    coordinate.SetCoordinateSystemToDisplay()
    mapper.SetTransformCoordinate(coordinate)
    actor = vtkActor2D()
    actor.SetMapper(mapper)
    prop = actor.GetProperty()
    prop.SetColor(*palette.rgb_float(colour))
    prop.SetLineWidth(width)
    actor.SetPickable(False)
    actor.SetVisibility(False)
    return actor, data


def fill_lines(data: vtkPolyData, points: FloatArray, segments: IntArray) -> None:
    """Put 2D points (z = 0) and their segments into a polydata."""
    vtk_points = vtkPoints()
    flat = np.column_stack([points, np.zeros(len(points))])
    vtk_points.SetData(numpy_to_vtk(np.ascontiguousarray(flat), deep=True))
    cells = vtkCellArray()
    offsets = np.arange(0, 2 * len(segments) + 1, 2, dtype=np.int64)
    cells.SetData(
        numpy_to_vtk_ids(offsets, deep=True),
        numpy_to_vtk_ids(np.ascontiguousarray(segments, dtype=np.int64).ravel(), deep=True),
    )
    data.SetPoints(vtk_points)
    data.SetLines(cells)
    data.Modified()


class SkinMarks:
    """An X over each trigger point of a selection, in the chart view."""

    def __init__(
        self,
        camera_renderer: vtkRenderer,
        overlay: vtkRenderer,
        skin_points: FloatArray,
        skin_normals: FloatArray,
        position: Position,
    ) -> None:
        self.renderer = camera_renderer
        self.skin_points = np.asarray(skin_points, dtype=float)
        self.skin_normals = np.asarray(skin_normals, dtype=float)
        self.position = position
        self.halo, self._halo_data = canvas_actor(palette.LABEL_BACKGROUND, HALO_PX)
        self.actor, self._mark_data = canvas_actor(palette.MARKER, MARK_PX)
        overlay.AddViewProp(self.halo)
        overlay.AddViewProp(self.actor)
        self._skin_point: dict[PointKey, int] = {}
        self.points = np.zeros((0, 3))  # the marked trigger points (world)
        self.normals = np.zeros((0, 3))  # the outward normal of the skin nearest each
        self.muscles: tuple[str, ...] = ()  # the muscle of each
        self.shown_px = np.zeros((0, 2))  # where the last layout drew the marks
        self._visible = False
        self._inputs = 0
        self._laid_out: tuple[object, ...] | None = None
        self._observer = camera_renderer.AddObserver(vtkCommand.StartEvent, self._on_render)

    def apply(self, highlight: Highlight, show: bool) -> None:
        """Mark the selection's trigger points on its visible sides (only the focused point
        where one is focused)."""
        markers = [
            m
            for m in dict.fromkeys(highlight.markers)
            if m.side in highlight.sides
            and (highlight.point is None or (m.muscle, m.tp) == highlight.point)
        ]
        keys = [(m.mesh, m.side, m.along, m.aspect) for m in markers]
        ids = self.skin_point(keys)
        points = np.array([self.position(k) for k in keys]) if keys else np.zeros((0, 3))
        muscles = tuple(m.muscle for m in markers)
        changed = muscles != self.muscles or not np.array_equal(points, self.points)
        self.points, self.muscles = points, muscles
        self.normals = self.skin_normals[ids] if ids else np.zeros((0, 3))
        self._visible = show and bool(keys)
        if changed:
            self._inputs += 1
        if not self._visible:
            self.actor.SetVisibility(False)
            self.halo.SetVisibility(False)
            self.shown_px = np.zeros((0, 2))
            self._laid_out = None

    @property
    def showing(self) -> bool:
        """Whether marks are to be drawn (the chart view, with trigger points to mark)."""
        return self._visible

    def point_normals(self) -> list[FloatArray]:
        """The normal of the skin nearest each marked trigger point (whatever the layers)."""
        return list(self.normals)

    def anchors(self) -> dict[str, tuple[FloatArray, FloatArray]]:
        """Each muscle's marked trigger points (world) and the normals of the skin nearest
        them: the chart view's label anchors, seen where their marks are."""
        found: dict[str, list[int]] = {}
        for index, muscle in enumerate(self.muscles):
            found.setdefault(muscle, []).append(index)
        return {muscle: (self.points[i], self.normals[i]) for muscle, i in found.items()}

    def skin_point(self, keys: Iterable[PointKey]) -> list[int]:
        """The skin point nearest each trigger point (measured once per point)."""
        keys = list(keys)
        new = [k for k in dict.fromkeys(keys) if k not in self._skin_point]
        if new:
            if len(self._skin_point) > CACHED_POINTS:
                self._skin_point.clear()
            found = nearest_ids(self.skin_points, np.array([self.position(k) for k in new]))
            self._skin_point.update(zip(new, (int(i) for i in found), strict=True))
        return [self._skin_point[k] for k in keys]

    def _on_render(self, _obj: object = None, _event: str = "") -> None:
        if not self._visible:
            return
        camera = self.renderer.GetActiveCamera()
        key = (camera.GetMTime(), tuple(self.renderer.GetSize()), self._inputs)
        if key == self._laid_out:
            return
        self._laid_out = key
        view = renderer_projection(self.renderer)
        xy, _depth, front = view.project(self.points)
        towards = np.asarray(view.eye, dtype=float) - self.points
        facing = np.einsum("ij,ij->i", self.normals, towards) > 0
        centres = np.asarray(xy, dtype=float)[front & facing]
        self.shown_px = centres
        for data, arm in ((self._halo_data, ARM_PX + 1.5), (self._mark_data, ARM_PX)):
            fill_lines(data, *x_lines(centres, arm))
        self.actor.SetVisibility(bool(len(centres)))
        self.halo.SetVisibility(bool(len(centres)))

    def remove(self) -> None:
        self.renderer.RemoveObserver(self._observer)
