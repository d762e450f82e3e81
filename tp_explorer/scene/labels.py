"""Muscle name labels as in an atlas: beside the body, a leader line to each muscle's surface.

One textured 2D actor draws every label and one 2D line actor every leader line, laid out in
numpy before each render (so they follow the camera):

- each label's anchor is a point of its muscle's *front* surface (nearest the camera among the
  muscle's own points around it), near the middle of what is seen of the muscle;
- labels stand in a column left or right of the highlighted muscles, as near their anchor's
  height as the column allows, and never overlap each other, cover a highlighted muscle (the
  muscles' projected points are rasterised into a coarse occupancy grid) or a box another layer
  reserves (the needle-safety note); each column keeps its free rows as runs;
- a label with no free place is hidden rather than drawn on top of something.

Why not pyvista's ``add_point_labels``: its placement mapper rasterises every label's text again
on every frame (~8 ms of a ~50 ms software frame). Why not one ``vtkTextActor`` per label (as
before): each is a draw call with its own texture and text bookkeeping on every frame, ~0.3 ms
a label in software rendering (5.8 ms for the 16 labels of the hip against 1.7 ms for one
actor). Here each text is rasterised once per font size (VTK's own text renderer, so it looks
as a text actor's does), the texts of a selection are packed into one texture, and each render
only moves their quads. The pool's size (how many labels at most) is fixed when the scene is
built.
"""

from __future__ import annotations

import logging
import math
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tp_explorer import palette
from tp_explorer.scene.framing import project

log = logging.getLogger(__name__)

MARGIN_PX = 3  # kept free between labels
FRAME_PX = 2  # a frame in the background colour: padding around the text
COLUMN_GAP_PX = 18  # between the highlighted muscles and a column of labels
EDGE_PX = 4  # kept free at the canvas's edges
FAR_COLUMN_PX = 120  # a label crosses to the far column rather than drift further than this
CELL_PX = 6  # occupancy grid of the highlighted muscles
FRONT_TOLERANCE_M = 0.003  # a point this far behind its muscle's nearest point is still "front"
LINE_WIDTH = 1.0  # wider lines take a geometry-shader path (slow in software rendering)
DOT_PX = 5
MAX_PACKED_TEXTS = 96  # the texture keeps every text shown until it holds this many
MAX_SHEET_PX = 4096  # the texture's height at most (GPUs take 8192 and more; this stays safe)
MIN_WRAP_CHARS = 8  # a wrapped name's lines are never narrower than this

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display px, origin bottom left


@dataclass(frozen=True)
class Placement:
    """One label as drawn: its text box (display px, origin bottom left) and leader line."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    anchor: tuple[float, float, float]  # world point on the muscle's surface
    anchor_px: tuple[float, float]
    line_end_px: tuple[float, float]  # where the leader meets the box
    style: str = "muscle"  # or "safety": a nerve or vessel named by the needle-safety layer
    drawn: str = ""  # the text as drawn: ``text``, or wrapped into lines on a narrow canvas


class LabelPool:
    """At most ``size`` labels and their leader lines on ``renderer``; ``show`` fills them."""

    def __init__(self, renderer: Any, size: int, font_size: int = 14) -> None:
        import vtkmodules.vtkRenderingFreeType  # noqa: F401  (the text renderer's FreeType)
        from vtkmodules.vtkCommonCore import vtkPoints
        from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
        from vtkmodules.vtkRenderingCore import (
            vtkActor2D,
            vtkPolyDataMapper2D,
            vtkTextProperty,
            vtkTextRenderer,
            vtkTexture,
            vtkTexturedActor2D,
        )

        self.renderer = renderer
        self._capacity = size
        self._surfaces: list[np.ndarray] = []
        self._normals: list[np.ndarray] | None = None
        self._priorities = np.zeros(0)
        self._all = np.zeros((0, 3))
        self._all_normals: np.ndarray | None = None
        self._all_offsets: np.ndarray | None = None  # each normal . its point
        self._owner = np.zeros(0, dtype=int)
        self._texts: list[str] = []
        # labels another layer adds (the needle-safety layer's nerves): placed first, in the
        # same columns, and shown whether or not the structure faces the camera
        self._extra_points = np.zeros((0, 3))
        self._extra_texts: list[str] = []
        self._avoid = np.zeros((0, 3))
        self._reserved: list[Callable[[int, int], Box | None]] = []  # see reserve()
        self._font_size = font_size
        self._visible = False
        self._placements: list[Placement] = []
        self.last_layout_ms = 0.0
        self._inputs = 0  # counts show() calls: new inputs need a new layout
        self._laid_out: tuple[object, ...] | None = None
        # the texts' pictures: one per (text, font size), packed into the texture per selection
        self._text_renderer = vtkTextRenderer()
        self._prop = vtkTextProperty()
        style_as_label(self._prop, FRAME_PX)
        self._prop.SetJustificationToLeft()
        self._prop.SetVerticalJustificationToBottom()
        self._safety_prop = vtkTextProperty()
        self._safety_prop.ShallowCopy(self._prop)
        self._safety_prop.SetBold(True)
        self._safety_prop.SetBackgroundColor(*palette.rgb_float(palette.NERVE))
        self._safety_prop.SetFrameColor(*palette.rgb_float(palette.NERVE))
        self._pictures: dict[tuple[str, str, int], np.ndarray] = {}
        self._packed: int | None = None  # the font size the texture holds pictures at
        # (text, style) -> x, y, w, h of its picture in the texture
        self._cells: dict[tuple[str, str], tuple[int, int, int, int]] = {}
        self._sheet_size = (1, 1)
        self._sheet = vtkImageData()
        texture = vtkTexture()
        texture.SetInputData(self._sheet)
        texture.InterpolateOff()  # quads sit on whole pixels: each texel is one pixel
        texture.RepeatOff()
        self._quad_points = vtkPoints()
        self._quad_cells = vtkCellArray()
        self._quads = vtkPolyData()
        self._quads.SetPoints(self._quad_points)
        self._quads.SetPolys(self._quad_cells)
        text_mapper = vtkPolyDataMapper2D()
        text_mapper.SetInputData(self._quads)
        self.text_actor = vtkTexturedActor2D()
        self.text_actor.SetMapper(text_mapper)
        self.text_actor.SetTexture(texture)
        self.text_actor.SetPickable(False)
        self.text_actor.SetVisibility(False)
        renderer.AddViewProp(self.text_actor)
        # Leader lines and the dots at their muscle ends: one polydata in viewport pixels.
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
        self.set_font_size(font_size)
        self._observer = renderer.AddObserver("StartEvent", self._on_render)

    @property
    def font_size(self) -> int:
        return self._font_size

    @property
    def size(self) -> int:
        return self._capacity

    def set_font_size(self, points: int) -> None:
        """Text size in points (presentation mode enlarges it); takes effect on the next render."""
        self._font_size = points
        self._laid_out = None
        self._packed = None
        self._prop.SetFontSize(points)
        self._safety_prop.SetFontSize(points)

    def show(
        self,
        surfaces: Sequence[np.ndarray] | np.ndarray,
        texts: Sequence[str],
        priorities: Sequence[float],
        visible: bool = True,
        avoid: np.ndarray | None = None,
        normals: Sequence[np.ndarray] | None = None,
    ) -> None:
        """Labels for these muscles; the highest priority is placed first.

        ``surfaces``: per label, points on its muscle's surface (an (n, 3) array of single
        anchors also works), with their outward ``normals`` where known (a point whose normal
        faces away from the camera is on the muscle's far side). ``avoid``: world points that
        no label may cover (the highlighted muscles). More labels than the pool holds: the
        lowest priorities are left out.
        """
        if len(texts) > self.size:
            log.warning(
                "%d labels, room for %d: the lowest priorities are left out", len(texts), self.size
            )
        if isinstance(surfaces, np.ndarray) and surfaces.ndim == 2:
            surfaces = [row.reshape(1, 3) for row in surfaces]
        order = np.argsort(-np.asarray(priorities, dtype=float), kind="stable")[: self.size]
        self._surfaces = [np.asarray(surfaces[i], dtype=float).reshape(-1, 3) for i in order]
        self._normals = (
            None
            if normals is None
            else [np.asarray(normals[i], float).reshape(-1, 3) for i in order]
        )
        self._priorities = np.asarray(priorities, dtype=float)[order]
        if self._surfaces:
            self._all = np.vstack(self._surfaces)
            self._all_normals = None if self._normals is None else np.vstack(self._normals)
            self._all_offsets = (
                None
                if self._all_normals is None
                else np.einsum("ij,ij->i", self._all_normals, self._all)
            )
            self._owner = np.repeat(
                np.arange(len(self._surfaces)), [len(x) for x in self._surfaces]
            )
        self._texts = [texts[i] for i in order]
        self._avoid = np.zeros((0, 3)) if avoid is None else np.asarray(avoid, float).reshape(-1, 3)
        self._visible = visible and bool(self._texts)
        self._inputs += 1
        if not self._visible:
            self._hide_all()

    def show_extra(self, points: np.ndarray | Sequence[np.ndarray], texts: Sequence[str]) -> None:
        """Labels of the needle-safety layer: one world point each (on a nerve or vessel),
        placed before the muscles' labels, in the same columns and with leader lines, so no
        two labels ever overlap. Empty lists remove them."""
        self._extra_points = np.asarray(points, dtype=float).reshape(-1, 3)
        self._extra_texts = list(texts)[: len(self._extra_points)]
        self._extra_points = self._extra_points[: len(self._extra_texts)]
        self._inputs += 1
        if not self._extra_texts and not self._visible:
            self._hide_all()

    def reserve(self, box: Callable[[int, int], Box | None]) -> None:
        """Keep labels clear of something another layer draws on the canvas (the
        needle-safety note): ``box(width, height)`` gives its rectangle on a canvas of that
        size (display px), or None while it is not shown. The rows it covers are not free in
        a column it meets."""
        self._reserved.append(box)
        self._laid_out = None

    # ------------------------------------------------------------------ pictures
    def _dpi(self) -> int:
        window = self.renderer.GetRenderWindow()
        return int(window.GetDPI()) if window is not None else 72

    def _picture(self, text: str, style: str = "muscle") -> np.ndarray:
        """The text's RGBA picture (rows bottom-up), its frame and background included."""
        key = (text, style, self._font_size)
        picture = self._pictures.get(key)
        if picture is None:  # (the imports only here: this runs per label per layout)
            from vtkmodules.util.numpy_support import vtk_to_numpy
            from vtkmodules.vtkCommonDataModel import vtkImageData

            image = vtkImageData()
            dims = [0, 0]
            prop = self._safety_prop if style == "safety" else self._prop
            if not self._text_renderer.RenderString(prop, text, image, dims, self._dpi()):
                log.warning("the label %r could not be drawn", text)
                dims = [0, 0]
            nx, ny, _nz = image.GetDimensions()
            scalars = image.GetPointData().GetScalars()
            if scalars is None or dims[0] <= 0 or dims[1] <= 0:
                picture = np.zeros((1, 1, 4), dtype=np.uint8)
            else:
                rgba = vtk_to_numpy(scalars).reshape(ny, nx, -1)
                picture = np.ascontiguousarray(rgba[: dims[1], : dims[0], :4], dtype=np.uint8)
            if len(self._pictures) > 512:  # a session's labels at a few font sizes
                self._pictures.clear()
            self._pictures[key] = picture
        return picture

    def _pack(self, labels: Sequence[tuple[str, str]]) -> None:
        """Every (text, style) shown so far at this font size, stacked into the one texture.

        Packed again only when a label not yet in it is shown (labels are muscle and nerve
        names: after the first few selections a selection uploads nothing, only moves quads).
        """
        from vtkmodules.util.numpy_support import numpy_to_vtk

        if self._packed == self._font_size and all(k in self._cells for k in labels):
            return
        keys = list(dict.fromkeys(labels))
        pictures = {key: self._picture(*key) for key in keys}
        if self._packed == self._font_size and len(self._cells) < MAX_PACKED_TEXTS:
            kept = {key: self._picture(*key) for key in self._cells if key not in pictures}
            if sum(p.shape[0] + 1 for p in [*pictures.values(), *kept.values()]) <= MAX_SHEET_PX:
                pictures = {**kept, **pictures}
        width = max((p.shape[1] for p in pictures.values()), default=1)
        height = max(sum(p.shape[0] + 1 for p in pictures.values()), 1)
        sheet = np.zeros((height, width, 4), dtype=np.uint8)
        self._cells = {}
        y = 0
        for key, picture in pictures.items():
            h, w = picture.shape[:2]
            sheet[y : y + h, :w] = picture
            self._cells[key] = (0, y, w, h)
            y += h + 1  # a clear row between pictures
        self._sheet.SetDimensions(width, height, 1)
        scalars = numpy_to_vtk(sheet.reshape(-1, 4), deep=True)
        scalars.SetName("label_pictures")
        self._sheet.GetPointData().SetScalars(scalars)
        self._sheet.Modified()
        self._sheet_size = (width, height)
        self._packed = self._font_size

    def _labels(self) -> list[tuple[str, str]]:
        """(text, style) of every label to lay out: the safety layer's first, then the
        muscles' when they are shown."""
        labels = [(t, "safety") for t in self._extra_texts]
        if self._visible:
            labels += [(t, "muscle") for t in self._texts]
        return labels

    def widest(self) -> int:
        """Width in pixels of the widest label to show (0 without labels)."""
        return max((self._size_of(*key)[0] for key in self._labels()), default=0)

    def shown(self) -> list[str]:
        """The texts placed by the last render, highest priority first."""
        return [p.text for p in self._placements]

    def placements(self) -> list[Placement]:
        """What the last render drew: boxes, anchors and leader lines (for tests)."""
        return list(self._placements)

    # ------------------------------------------------------------------ placement
    def _hide_all(self) -> None:
        self.text_actor.SetVisibility(False)
        self.line_actor.SetVisibility(False)
        self._placements = []

    def _size_of(self, text: str, style: str = "muscle") -> tuple[int, int]:
        """A label's box: its picture and FRAME_PX of room on each side."""
        height, width = self._picture(text, style).shape[:2]
        return width + 2 * FRAME_PX, height + 2 * FRAME_PX

    def _fitted(self, text: str, style: str, room: float) -> str:
        """``text``, or wrapped at spaces into lines that fit ``room`` pixels (when it has
        spaces and one line does not fit). Line lengths come in steps of 4 characters, so a
        turning camera meets only a few wrapped forms (each one is rasterised once)."""
        width = self._size_of(text, style)[0]
        if width <= room or " " not in text:
            return text
        per_char = max(width - 2 * FRAME_PX, 1) / len(text)
        chars = int((room - 2 * FRAME_PX) / per_char)
        chars = max(MIN_WRAP_CHARS, chars - chars % 4)
        return textwrap.fill(text, chars, break_long_words=False) or text

    def _matrix(self) -> np.ndarray:
        camera = self.renderer.GetActiveCamera()
        aspect = self.renderer.GetTiledAspectRatio()
        matrix = camera.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
        return np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])

    def _on_render(self, _obj: Any = None, _event: str = "") -> None:
        if not (self._visible and self._texts) and not self._extra_texts:
            self.last_layout_ms = 0.0
            return
        camera = self.renderer.GetActiveCamera()
        key = (
            camera.GetMTime(),
            tuple(self.renderer.GetSize()),
            self._inputs,
            self._font_size,
        )
        if key == self._laid_out:  # a render for another reason: the layout stands
            self.last_layout_ms = 0.0
            return
        started = time.perf_counter()
        self._layout()
        self._laid_out = key
        self.last_layout_ms = (time.perf_counter() - started) * 1000

    def _layout(self) -> None:
        width, height = (int(v) for v in self.renderer.GetSize())
        if width < 2 or height < 2:
            return
        matrix = self._matrix()
        layout = _Layout(width, height, matrix, self._avoid)
        eye = np.asarray(self.renderer.GetActiveCamera().GetPosition(), dtype=float)
        # the safety layer's labels first (one point each, seen through muscle), then the
        # muscles' (when shown), as one list
        extra = len(self._extra_texts)
        labels = self._labels()
        points, owner = self._extra_points, np.arange(extra)
        priorities = np.full(extra, np.inf)
        normals: np.ndarray | None = None
        offsets: np.ndarray | None = None
        through = np.ones(extra, dtype=bool)
        if len(labels) > extra:  # the muscles' labels are shown
            points = np.vstack([points, self._all])
            owner = np.concatenate([owner, self._owner + extra])
            priorities = np.concatenate([priorities, self._priorities])
            through = np.concatenate([through, np.zeros(len(self._all), dtype=bool)])
            if self._all_normals is not None and self._all_offsets is not None:
                normals = np.vstack([np.zeros((extra, 3)), self._all_normals])
                offsets = np.concatenate([np.zeros(extra), self._all_offsets])
        # A narrow canvas (presentation mode's half window, 28 pt) has no room beside the body
        # for long names on one line: those are wrapped to the room there is.
        shown_as = [(self._fitted(text, style, layout.room), style) for text, style in labels]
        layout.open_columns(
            max((self._size_of(*key)[0] for key in shown_as), default=0),
            [box for box in (of(width, height) for of in self._reserved) if box is not None],
        )
        anchors = _front_anchors(
            points, normals, owner, len(labels), eye, matrix, (width, height), through, offsets
        )
        # Highest priority first; among equals from the top down, so leaders rarely cross.
        heights = np.array([a[1][1] if a is not None else -1.0 for a in anchors])
        order = np.lexsort((-heights, -priorities))
        placements: list[Placement] = []
        corners: list[tuple[tuple[str, str], int, int]] = []  # label, x, y of each picture
        for index in order:
            anchor = anchors[index]
            spot = None
            if anchor is not None:
                spot = layout.place(anchor[1], self._size_of(*shown_as[index]))
            if spot is None or anchor is None:
                continue
            box, end = spot
            corners.append((shown_as[index], round(box[0]) + FRAME_PX, round(box[1]) + FRAME_PX))
            placements.append(
                Placement(
                    labels[index][0],
                    box,
                    tuple(float(v) for v in anchor[0]),  # type: ignore[arg-type]
                    (float(anchor[1][0]), float(anchor[1][1])),
                    end,
                    labels[index][1],
                    shown_as[index][0],
                )
            )
        self._placements = placements
        self._draw_texts(corners)
        self._draw_lines(placements)

    def _draw_texts(self, corners: list[tuple[tuple[str, str], int, int]]) -> None:
        """One quad per label shown, textured with its picture from the packed texture."""
        from vtkmodules.util.numpy_support import numpy_to_vtk

        if not corners:
            self.text_actor.SetVisibility(False)
            return
        self._pack([label for label, _x, _y in corners])
        sheet_w, sheet_h = self._sheet_size
        n = len(corners)
        # per label: the picture's place in the texture (u0, v0, w, h) and its corner on screen
        cell = np.array([self._cells[label] for label, _x, _y in corners], dtype=float).T
        u0, v0, w, h = cell
        x0 = np.array([x for _label, x, _y in corners], dtype=float)
        y0 = np.array([y for _label, _x, y in corners], dtype=float)
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
        self._quads.GetPointData().SetTCoords(uv)
        self._quad_cells.SetData(*_cells(np.arange(0, 4 * n + 1, 4), np.arange(4 * n)))
        self._quads.Modified()
        self.text_actor.SetVisibility(True)

    def drawn_boxes(self) -> list[tuple[float, float, float, float]]:
        """The pictures' rectangles as VTK will draw them (display px; for tests)."""
        from vtkmodules.util.numpy_support import vtk_to_numpy

        if not self.text_actor.GetVisibility() or self._quads.GetNumberOfPoints() == 0:
            return []
        quads = vtk_to_numpy(self._quad_points.GetData()).reshape(-1, 4, 3)
        return [
            (float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
            for q in quads
        ]

    def _draw_lines(self, placements: list[Placement]) -> None:
        from vtkmodules.util.numpy_support import numpy_to_vtk

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

    def remove(self) -> None:
        self.renderer.RemoveObserver(self._observer)
        self.renderer.RemoveViewProp(self.text_actor)
        self.renderer.RemoveViewProp(self.line_actor)


def style_as_label(prop: Any, frame_px: int) -> None:
    """A label's look on a vtkTextProperty: dark text on a light, slightly see-through
    background with a frame of ``frame_px`` in the same colour (its padding)."""
    prop.SetColor(*palette.rgb_float(palette.LABEL_TEXT))
    prop.SetBackgroundColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
    prop.SetBackgroundOpacity(0.85)
    prop.SetFrame(True)
    prop.SetFrameColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
    prop.SetFrameWidth(frame_px)


def _cells(offsets: np.ndarray, connectivity: np.ndarray) -> tuple[Any, Any]:
    """VTK id arrays for vtkCellArray.SetData: where each cell starts, and its point ids."""
    from vtkmodules.util.numpy_support import numpy_to_vtkIdTypeArray

    return (
        numpy_to_vtkIdTypeArray(offsets.astype(np.int64), deep=True),
        numpy_to_vtkIdTypeArray(connectivity.astype(np.int64), deep=True),
    )


def _front_anchors(
    points: np.ndarray,
    normals: np.ndarray | None,
    owner: np.ndarray,
    count: int,
    eye: np.ndarray,
    matrix: np.ndarray,
    size: tuple[int, int],
    through: np.ndarray | None = None,
    offsets: np.ndarray | None = None,
) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """Per label, (world point, its pixel) on the side of its muscle that faces the camera,
    near the middle of what is seen of it; None when none of it is in view.

    All labels' points are projected at once. A point faces the camera when its outward
    normal points towards the eye (``offsets``: each normal . point, when known); without
    normals, when it is the nearest of its own muscle's points in its screen cell. A point
    marked in ``through`` counts as seen wherever it is in view (the safety layer draws its
    paths over the muscles)."""
    result: list[tuple[np.ndarray, np.ndarray] | None] = [None] * count
    if not len(points):
        return result
    xy, depth, front = project(points, matrix, size)
    ok = front & (xy[:, 0] >= 0) & (xy[:, 0] < size[0]) & (xy[:, 1] >= 0) & (xy[:, 1] < size[1])
    if normals is not None:
        # n . (eye - p) > 0, with n . p kept from show(): one matrix-vector product a render
        if offsets is None:
            offsets = np.einsum("ij,ij->i", normals, points)
        facing = normals @ eye > offsets
    else:
        cells = np.floor(xy / CELL_PX).astype(np.int64)
        key = (owner.astype(np.int64) * 4096 + cells[:, 0]) * 4096 + cells[:, 1]
        _, inverse = np.unique(np.where(ok, key, -1), return_inverse=True)
        nearest = np.full(inverse.max() + 1, np.inf)
        np.minimum.at(nearest, inverse[ok], depth[ok])
        facing = depth <= nearest[inverse] + FRONT_TOLERANCE_M
    if through is not None:
        facing |= through
    ok &= facing
    seen = np.flatnonzero(ok)
    if not len(seen):
        return result
    # Per label, the seen point nearest the middle of its seen points. owner is grouped and
    # ascending (the labels' points are stacked in order), so a stable sort by (owner,
    # distance) puts each label's choice first in its group; ties keep the lowest index.
    who = owner[seen]
    x, y = xy[seen, 0], xy[seen, 1]
    counts = np.maximum(np.bincount(who, minlength=count), 1)
    dx = x - (np.bincount(who, x, minlength=count) / counts)[who]
    dy = y - (np.bincount(who, y, minlength=count) / counts)[who]
    order = np.lexsort((dx * dx + dy * dy, who))
    firsts = np.flatnonzero(np.diff(who[order], prepend=-1))
    for best in seen[order[firsts]]:
        result[int(owner[best])] = (points[best], xy[best])
    return result


class _Layout:
    """Free room on the canvas for one render: a column of labels each side of the highlighted
    muscles, each with the runs of pixel rows still free in it."""

    def __init__(self, width: int, height: int, matrix: np.ndarray, avoid: np.ndarray) -> None:
        self.width, self.height = width, height
        cols, rows = width // CELL_PX + 1, height // CELL_PX + 1
        grid = np.zeros((cols, rows), dtype=bool)
        body = (width * 0.5, width * 0.5)
        if len(avoid):
            xy, _depth, front = project(avoid, matrix, (width, height))
            x, y = xy[:, 0], xy[:, 1]  # contiguous rows (project's xy is a transposed view)
            inside = front & (x >= 0) & (x < width) & (y >= 0) & (y < height)
            if inside.any():
                x, y = x[inside], y[inside]
                x_cells = (x * (1.0 / CELL_PX)).astype(np.intp)
                grid[x_cells, (y * (1.0 / CELL_PX)).astype(np.intp)] = True
                grid = _dilate(grid)  # cover the gaps between points
                body = (float(x.min()), float(x.max()))
        self.body = body
        self._grid = grid
        # name -> (x0, x1, free runs of rows [(first, end), ...] ascending, ends exclusive)
        self.columns: dict[str, tuple[float, float, list[tuple[int, int]]]] = {}

    @property
    def room(self) -> float:
        """The widest label a column beside the highlighted muscles holds without covering them
        (on the roomier side)."""
        left = self.body[0] - COLUMN_GAP_PX - EDGE_PX
        right = self.width - EDGE_PX - self.body[1] - COLUMN_GAP_PX
        return max(left, right)

    def open_columns(
        self, widest: int, reserved: Sequence[tuple[float, float, float, float]] = ()
    ) -> None:
        """A column each side of the body, as wide as the widest label to place. ``reserved``:
        boxes (display px) other things draw on the canvas; no label goes where one meets a
        column."""
        width, height, body, grid = self.width, self.height, self.body, self._grid
        w = min(widest, width - 2 * EDGE_PX)
        left = min(max(EDGE_PX, body[0] - COLUMN_GAP_PX - w), width - EDGE_PX - w)
        right = max(min(width - EDGE_PX - w, body[1] + COLUMN_GAP_PX), EDGE_PX)
        blocked: dict[str, np.ndarray] = {}
        for name, x0 in (("left", left), ("right", right)):
            c0, c1 = int(x0 // CELL_PX), int((x0 + w) // CELL_PX)
            rows = np.repeat(grid[c0 : c1 + 1, :].any(axis=0), CELL_PX)[:height].copy()
            rows[:EDGE_PX] = True
            rows[height - EDGE_PX :] = True
            for bx0, by0, bx1, by1 in reserved:
                if bx0 < x0 + w and bx1 > x0:
                    lo, hi = _kept_clear(by0, by1)
                    rows[lo:hi] = True
            blocked[name] = rows
        if left + w > right:  # columns that overlap (a narrow canvas) share their free rows
            shared = _free_runs(blocked["left"] | blocked["right"])
            self.columns = {"left": (left, left + w, shared), "right": (right, right + w, shared)}
        else:
            self.columns = {
                "left": (left, left + w, _free_runs(blocked["left"])),
                "right": (right, right + w, _free_runs(blocked["right"])),
            }

    def place(
        self, anchor: np.ndarray, size: tuple[int, int]
    ) -> tuple[tuple[float, float, float, float], tuple[float, float]] | None:
        """A free box for a label of ``size`` in the column on the anchor's side (else the
        other), as near the anchor's height as possible; with the leader's end on the box.
        Left-column labels stand flush right against the body, right-column ones flush left."""
        w, h = size
        ax, ay = float(anchor[0]), float(anchor[1])
        sides = ["left", "right"]
        if ax > (self.body[0] + self.body[1]) / 2:
            sides.reverse()
        rows = math.ceil(h) + 1
        target = ay - h / 2
        best: tuple[float, str, int] | None = None
        for rank, name in enumerate(sides):
            c0, c1, free = self.columns[name]
            if w > c1 - c0 + 0.5:
                continue
            y0 = _nearest_start(free, rows, target)
            if y0 is None:
                continue
            # the far column costs its extra leader length; a crowded near one its drift
            cost = abs(y0 - target) + rank * FAR_COLUMN_PX
            if best is None or cost < best[0]:
                best = (cost, name, y0)
        if best is None:
            return None
        _cost, name, y0 = best
        c0, c1, free = self.columns[name]
        x0 = c1 - w if name == "left" else c0
        box = (x0, float(y0), x0 + w, y0 + h)
        _take(free, *_kept_clear(y0, y0 + h))
        end = (box[2], y0 + h / 2) if name == "left" else (box[0], y0 + h / 2)
        return box, end


def _kept_clear(y0: float, y1: float) -> tuple[int, int]:
    """The rows (first, end exclusive) a box from y0 to y1 takes, with MARGIN_PX around it."""
    return max(int(y0) - MARGIN_PX, 0), math.ceil(y1) + MARGIN_PX + 1


def _free_runs(blocked: np.ndarray) -> list[tuple[int, int]]:
    """The runs of False in ``blocked``, as (first, end) with ends exclusive, ascending."""
    edges = np.diff(np.concatenate(([1], blocked.view(np.int8), [1])))
    return list(
        zip(np.flatnonzero(edges == -1).tolist(), np.flatnonzero(edges == 1).tolist(), strict=True)
    )


def _nearest_start(free: list[tuple[int, int]], rows: int, target: float) -> int | None:
    """The first row of ``rows`` free rows in a row nearest ``target`` (the lower one of two
    as near), or None."""
    best: int | None = None
    for first, end in free:
        last = end - rows  # the last first row that still fits in this run
        if last < first:
            continue
        if target <= first:
            y = first
        elif target >= last:
            y = last
        else:
            y = math.floor(target)
            if y + 1 - target < target - y:
                y += 1
        if best is None or abs(y - target) < abs(best - target):
            best = y
    return best


def _take(free: list[tuple[int, int]], lo: int, hi: int) -> None:
    """Rows lo..hi-1 are no longer free (in place: the runs may be shared by two columns)."""
    if hi <= lo:
        return
    kept: list[tuple[int, int]] = []
    for first, end in free:
        if end <= lo or first >= hi:
            kept.append((first, end))
            continue
        if first < lo:
            kept.append((first, lo))
        if end > hi:
            kept.append((hi, end))
    free[:] = kept


def _dilate(grid: np.ndarray) -> np.ndarray:
    """Each set cell also sets its 8 neighbours."""
    out = grid.copy()
    out[1:, :] |= grid[:-1, :]
    out[:-1, :] |= grid[1:, :]
    rows = out.copy()
    out[:, 1:] |= rows[:, :-1]
    out[:, :-1] |= rows[:, 1:]
    return out
