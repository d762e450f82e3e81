"""The labels as drawn: one textured 2D actor for every label's text and one 2D line actor for
every leader line (and the dot at its muscle end), in viewport pixels.

Why not pyvista's ``add_point_labels``: its placement mapper rasterises every label's text again
on every frame (~8 ms of a ~50 ms software frame). Why not one ``vtkTextActor`` per label: each
is a draw call with its own texture and text bookkeeping on every frame, ~0.3 ms a label in
software rendering (5.8 ms for the 16 labels of the hip against 1.7 ms for one actor).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from vtkmodules.vtkCommonCore import vtkIdTypeArray, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTexturedActor2D,
)

from tp_explorer import palette
from tp_explorer.scene.layout.arrays import Box, IntArray
from tp_explorer.scene.layout.labels import FRAME_PX, Placement
from tp_explorer.scene.visuals.label_pictures import LabelPictures
from tp_explorer.scene.vtk_arrays import numpy_to_vtk, numpy_to_vtk_ids, vtk_to_numpy

LINE_WIDTH = 1.0  # wider lines take a geometry-shader path (slow in software rendering)
DOT_PX = 5


class LabelActors:
    """The quads that show the labels' pictures and the leader lines, on one renderer."""

    def __init__(self, renderer: vtkRenderer, pictures: LabelPictures) -> None:
        self.renderer = renderer
        self.pictures = pictures
        self._quad_points = vtkPoints()
        self._quad_cells = vtkCellArray()
        self.quads = vtkPolyData()
        self.quads.SetPoints(self._quad_points)
        self.quads.SetPolys(self._quad_cells)
        text_mapper = vtkPolyDataMapper2D()
        text_mapper.SetInputData(self.quads)
        self.text_actor = vtkTexturedActor2D()
        self.text_actor.SetMapper(text_mapper)
        self.text_actor.SetTexture(pictures.texture)
        self.text_actor.SetPickable(False)
        self.text_actor.SetVisibility(False)
        renderer.AddViewProp(self.text_actor)
        self._line_points = vtkPoints()
        self._line_cells = vtkCellArray()
        self._dot_cells = vtkCellArray()
        self._lines = vtkPolyData()
        self._lines.SetPoints(self._line_points)
        self._lines.SetLines(self._line_cells)
        self._lines.SetVerts(self._dot_cells)
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._lines)
        self.line_actor = vtkActor2D()
        self.line_actor.SetMapper(mapper)
        line_prop = self.line_actor.GetProperty()
        line_prop.SetColor(*palette.rgb_float(palette.LABEL_TEXT))
        line_prop.SetLineWidth(LINE_WIDTH)
        line_prop.SetPointSize(DOT_PX)
        self.line_actor.SetPickable(False)
        self.line_actor.SetVisibility(False)
        renderer.AddViewProp(self.line_actor)

    def draw(self, placements: Sequence[Placement]) -> None:
        self._draw_texts(placements)
        self._draw_lines(placements)

    def hide(self) -> None:
        self.text_actor.SetVisibility(False)
        self.line_actor.SetVisibility(False)

    def _draw_texts(self, placements: Sequence[Placement]) -> None:
        """One quad per label shown, textured with its picture from the packed texture; each
        picture sits FRAME_PX in from its box's corner, on whole pixels."""
        if not placements:
            self.text_actor.SetVisibility(False)
            return
        labels = [(p.drawn, p.style) for p in placements]
        self.pictures.pack(labels)
        sheet_w, sheet_h = self.pictures.sheet_size
        n = len(placements)
        # per label: the picture's place in the texture (u0, v0, w, h) and its corner on screen
        cell = np.array([self.pictures.cells[label] for label in labels], dtype=float).T
        u0, v0, w, h = cell
        x0 = np.array([round(p.box[0]) + FRAME_PX for p in placements], dtype=float)
        y0 = np.array([round(p.box[1]) + FRAME_PX for p in placements], dtype=float)
        # the four corners of each quad, counter-clockwise from the bottom left
        points = np.zeros((4 * n, 3))
        points[:, 0] = np.stack([x0, x0 + w, x0 + w, x0], axis=1).ravel()
        points[:, 1] = np.stack([y0, y0, y0 + h, y0 + h], axis=1).ravel()
        tcoords = np.empty((4 * n, 2))
        tcoords[:, 0] = np.stack([u0, u0 + w, u0 + w, u0], axis=1).ravel() / sheet_w
        tcoords[:, 1] = np.stack([v0, v0, v0 + h, v0 + h], axis=1).ravel() / sheet_h
        self._quad_points.SetData(numpy_to_vtk(points, deep=True))
        uv = numpy_to_vtk(tcoords, deep=True)
        uv.SetName("TCoords")
        self.quads.GetPointData().SetTCoords(uv)
        self._quad_cells.SetData(*_cells(np.arange(0, 4 * n + 1, 4), np.arange(4 * n)))
        self.quads.Modified()
        self.text_actor.SetVisibility(True)

    def _draw_lines(self, placements: Sequence[Placement]) -> None:
        n = len(placements)
        if not n:
            self.line_actor.SetVisibility(False)
            return
        pts = np.zeros((2 * n, 3))
        for i, p in enumerate(placements):
            pts[2 * i, :2] = p.anchor_px
            pts[2 * i + 1, :2] = p.line_end_px
        self._line_points.SetData(numpy_to_vtk(pts, deep=True))
        ids = np.arange(2 * n)
        self._line_cells.SetData(*_cells(np.arange(0, 2 * n + 1, 2), ids))
        self._dot_cells.SetData(*_cells(np.arange(n + 1), ids[::2]))
        self._lines.Modified()
        self.line_actor.SetVisibility(True)

    def drawn_boxes(self) -> list[Box]:
        """The pictures' rectangles as VTK will draw them (display px; for tests)."""
        if not self.text_actor.GetVisibility() or self.quads.GetNumberOfPoints() == 0:
            return []
        quads = vtk_to_numpy(self._quad_points.GetData()).reshape(-1, 4, 3)
        return [
            (float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
            for q in quads
        ]

    def remove(self) -> None:
        self.renderer.RemoveViewProp(self.text_actor)
        self.renderer.RemoveViewProp(self.line_actor)


def _cells(offsets: IntArray, connectivity: IntArray) -> tuple[vtkIdTypeArray, vtkIdTypeArray]:
    """VTK id arrays for vtkCellArray.SetData: where each cell starts, and its point ids."""
    return (
        numpy_to_vtk_ids(offsets.astype(np.int64), deep=True),
        numpy_to_vtk_ids(connectivity.astype(np.int64), deep=True),
    )
