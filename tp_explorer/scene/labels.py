"""Muscle name labels as in an atlas: beside the body, a leader line to each muscle's surface.

A fixed pool of 2D text actors and one 2D line actor, laid out in numpy before each render
(so they follow the camera):

- each label's anchor is a point of its muscle's *front* surface (nearest the camera among the
  muscle's own points around it), near the middle of what is seen of the muscle;
- labels stand in a column left or right of the highlighted muscles, as near their anchor's
  height as the column allows, and never overlap each other or cover a highlighted muscle
  (the muscles' projected points are rasterised into a coarse occupancy grid);
- a label with no free place is hidden rather than drawn on top of something.

Why not pyvista's ``add_point_labels``: its placement mapper rasterises every label's text again
on every frame (~8 ms of a ~50 ms software frame). A ``vtkTextActor`` keeps its text as a
texture until the text changes. The pool's size is fixed when the scene is built.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
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


@dataclass(frozen=True)
class Placement:
    """One label as drawn: its text box (display px, origin bottom left) and leader line."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    anchor: tuple[float, float, float]  # world point on the muscle's surface
    anchor_px: tuple[float, float]
    line_end_px: tuple[float, float]  # where the leader meets the box


class LabelPool:
    """``size`` text actors and one leader-line actor on ``renderer``; ``show`` fills them."""

    def __init__(self, renderer: Any, size: int, font_size: int = 14) -> None:
        from vtkmodules.vtkCommonCore import vtkPoints
        from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
        from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkTextActor

        self.renderer = renderer
        self.actors: list[Any] = []
        self._surfaces: list[np.ndarray] = []
        self._normals: list[np.ndarray] | None = None
        self._priorities = np.zeros(0)
        self._all = np.zeros((0, 3))
        self._all_normals: np.ndarray | None = None
        self._owner = np.zeros(0, dtype=int)
        self._texts: list[str] = []
        self._avoid = np.zeros((0, 3))
        self._sizes: dict[str, tuple[int, int]] = {}
        self._font_size = font_size
        self._visible = False
        self._placements: list[Placement] = []
        self.last_layout_ms = 0.0
        self._inputs = 0  # counts show() calls: new inputs need a new layout
        self._actor_of: list[int] = []  # per label shown, its actor
        self._slot: dict[str, int] = {}  # text -> the actor that holds it
        self._text_of: dict[int, str] = {}
        self._last_used: dict[int, int] = {}
        self._laid_out: tuple[object, ...] | None = None
        for _ in range(size):
            actor = vtkTextActor()
            actor.SetTextScaleModeToNone()
            actor.GetPositionCoordinate().SetCoordinateSystemToViewport()
            prop = actor.GetTextProperty()
            prop.SetColor(*palette.rgb_float(palette.LABEL_TEXT))
            prop.SetBackgroundColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
            prop.SetBackgroundOpacity(0.85)
            prop.SetFrame(True)
            prop.SetFrameColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
            prop.SetFrameWidth(FRAME_PX)
            prop.SetJustificationToLeft()
            prop.SetVerticalJustificationToBottom()
            actor.SetPickable(False)
            actor.SetVisibility(False)
            renderer.AddViewProp(actor)
            self.actors.append(actor)
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
        return len(self.actors)

    def set_font_size(self, points: int) -> None:
        """Text size in points (presentation mode enlarges it); takes effect on the next render."""
        self._font_size = points
        self._laid_out = None
        self._sizes.clear()
        for actor in self.actors:
            actor.GetTextProperty().SetFontSize(points)

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
            self._owner = np.repeat(
                np.arange(len(self._surfaces)), [len(x) for x in self._surfaces]
            )
        self._texts = [texts[i] for i in order]
        self._avoid = np.zeros((0, 3)) if avoid is None else np.asarray(avoid, float).reshape(-1, 3)
        self._visible = visible and bool(self._texts)
        self._inputs += 1
        self._actor_of = self._assign(self._texts)
        used = set(self._actor_of)
        for index, actor in enumerate(self.actors):
            if index not in used:
                actor.SetVisibility(False)
        if not self._visible:
            self._hide_all()

    def _assign(self, texts: list[str]) -> list[int]:
        """The actor of each text. A text keeps its actor from one selection to the next: a
        vtkTextActor rasterises its text again whenever the text changes (~1 ms a label in
        software rendering), so a pool that handed labels out in order redrew most of them on
        every selection."""
        wanted = set(texts)
        result = []
        for text in texts:
            index = self._slot.get(text)
            if index is None:
                free = [i for i in range(self.size) if self._text_of.get(i) not in wanted]
                unused = [i for i in free if i not in self._text_of]
                index = (unused or sorted(free, key=lambda i: self._last_used.get(i, 0)))[0]
                old = self._text_of.get(index)
                if old is not None:
                    del self._slot[old]
                self._slot[text], self._text_of[index] = index, text
                self.actors[index].SetInput(text)
            self._last_used[index] = self._inputs
            result.append(index)
        return result

    def widest(self) -> int:
        """Width in pixels of the widest label to show (0 without labels)."""
        return max((self._size_of(i)[0] for i in range(len(self._texts))), default=0)

    def shown(self) -> list[str]:
        """The texts placed by the last render, highest priority first."""
        return [p.text for p in self._placements]

    def placements(self) -> list[Placement]:
        """What the last render drew: boxes, anchors and leader lines (for tests)."""
        return list(self._placements)

    # ------------------------------------------------------------------ placement
    def _hide_all(self) -> None:
        for actor in self.actors:
            actor.SetVisibility(False)
        self.line_actor.SetVisibility(False)
        self._placements = []

    def _size_of(self, index: int) -> tuple[int, int]:
        text = self._texts[index]
        size = self._sizes.get(text)
        if size is None:
            box = [0.0, 0.0, 0.0, 0.0]
            self.actors[self._actor_of[index]].GetBoundingBox(self.renderer, box)
            size = (int(box[1] - box[0]) + 2 * FRAME_PX, int(box[3] - box[2]) + 2 * FRAME_PX)
            self._sizes[text] = size
        return size

    def _matrix(self) -> np.ndarray:
        camera = self.renderer.GetActiveCamera()
        aspect = self.renderer.GetTiledAspectRatio()
        matrix = camera.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
        return np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])

    def _on_render(self, _obj: Any = None, _event: str = "") -> None:
        if not self._visible or not self._texts:
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
        layout = _Layout(width, height, matrix, self._avoid, self.widest())
        eye = np.asarray(self.renderer.GetActiveCamera().GetPosition(), dtype=float)
        anchors = _front_anchors(
            self._all,
            self._all_normals,
            self._owner,
            len(self._texts),
            eye,
            matrix,
            (width, height),
        )
        # Highest priority first; among equals from the top down, so leaders rarely cross.
        heights = np.array([a[1][1] if a is not None else -1.0 for a in anchors])
        order = np.lexsort((-heights, -self._priorities))
        placements: list[Placement] = []
        for index in order:
            actor = self.actors[self._actor_of[index]]
            anchor = anchors[index]
            spot = None
            if anchor is not None:
                spot = layout.place(anchor[1], self._size_of(index))
            if spot is None or anchor is None:
                actor.SetVisibility(False)
                continue
            box, end = spot
            position = (round(box[0]) + FRAME_PX, round(box[1]) + FRAME_PX)
            if tuple(actor.GetPosition()) != position:
                actor.SetPosition(*position)
            actor.SetVisibility(True)
            placements.append(
                Placement(
                    self._texts[index],
                    box,
                    tuple(float(v) for v in anchor[0]),  # type: ignore[arg-type]
                    (float(anchor[1][0]), float(anchor[1][1])),
                    end,
                )
            )
        self._placements = placements
        self._draw_lines(placements)

    def _draw_lines(self, placements: list[Placement]) -> None:
        from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray

        n = len(placements)
        if not n:
            self.line_actor.SetVisibility(False)
            return
        pts = np.zeros((2 * n, 3))
        for i, p in enumerate(placements):
            pts[2 * i, :2] = p.anchor_px
            pts[2 * i + 1, :2] = p.line_end_px
        self._line_points.SetData(numpy_to_vtk(pts, deep=True))
        ids = np.arange(2 * n, dtype=np.int64)

        def cells(offsets: np.ndarray, connectivity: np.ndarray) -> tuple[Any, Any]:
            return (
                numpy_to_vtkIdTypeArray(offsets.astype(np.int64), deep=True),
                numpy_to_vtkIdTypeArray(connectivity.astype(np.int64), deep=True),
            )

        self._line_cells.SetData(*cells(np.arange(0, 2 * n + 1, 2), ids))
        self._dot_cells.SetData(*cells(np.arange(n + 1), ids[::2]))
        self._lines.Modified()
        self.line_actor.SetVisibility(True)

    def remove(self) -> None:
        self.renderer.RemoveObserver(self._observer)
        for actor in self.actors:
            self.renderer.RemoveViewProp(actor)
        self.renderer.RemoveViewProp(self.line_actor)


def _front_anchors(
    points: np.ndarray,
    normals: np.ndarray | None,
    owner: np.ndarray,
    count: int,
    eye: np.ndarray,
    matrix: np.ndarray,
    size: tuple[int, int],
) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """Per label, (world point, its pixel) on the side of its muscle that faces the camera,
    near the middle of what is seen of it; None when none of it is in view.

    All labels' points are projected at once. A point faces the camera when its outward
    normal points towards the eye; without normals, when it is the nearest of its own muscle's
    points in its screen cell."""
    result: list[tuple[np.ndarray, np.ndarray] | None] = [None] * count
    if not len(points):
        return result
    xy, depth, front = project(points, matrix, size)
    ok = front & (xy[:, 0] >= 0) & (xy[:, 0] < size[0]) & (xy[:, 1] >= 0) & (xy[:, 1] < size[1])
    if normals is not None:
        ok &= np.einsum("ij,ij->i", normals, eye - points) > 0
    else:
        cells = np.floor(xy / CELL_PX).astype(np.int64)
        key = (owner.astype(np.int64) * 4096 + cells[:, 0]) * 4096 + cells[:, 1]
        _, inverse = np.unique(np.where(ok, key, -1), return_inverse=True)
        nearest = np.full(inverse.max() + 1, np.inf)
        np.minimum.at(nearest, inverse[ok], depth[ok])
        ok &= depth <= nearest[inverse] + FRONT_TOLERANCE_M
    # owner is grouped (labels' points are stacked in order): one slice per label
    bounds = np.searchsorted(owner, np.arange(count + 1))
    for label in range(count):
        lo, hi = bounds[label], bounds[label + 1]
        seen = lo + np.nonzero(ok[lo:hi])[0]
        if not len(seen):
            continue
        middle = xy[seen].mean(axis=0)
        best = seen[np.argmin(((xy[seen] - middle) ** 2).sum(axis=1))]
        result[label] = (points[best], xy[best])
    return result


class _Layout:
    """Free room on the canvas for one render: a column of labels each side of the highlighted
    muscles, each with the pixel rows still free in it."""

    def __init__(
        self, width: int, height: int, matrix: np.ndarray, avoid: np.ndarray, widest: int
    ) -> None:
        self.width, self.height = width, height
        self.boxes: list[tuple[float, float, float, float]] = []
        cols, rows = width // CELL_PX + 1, height // CELL_PX + 1
        grid = np.zeros((cols, rows), dtype=bool)
        body = (width * 0.5, width * 0.5)
        if len(avoid):
            xy, _depth, front = project(avoid, matrix, (width, height))
            inside = front & (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0)
            inside &= xy[:, 1] < height
            seen = xy[inside]
            if len(seen):
                cells = (seen * (1.0 / CELL_PX)).astype(np.intp)
                grid[cells[:, 0], cells[:, 1]] = True
                grid = _dilate(grid)  # cover the gaps between points
                body = (float(seen[:, 0].min()), float(seen[:, 0].max()))
        self.body = body
        w = min(widest, width - 2 * EDGE_PX)
        left = min(max(EDGE_PX, body[0] - COLUMN_GAP_PX - w), width - EDGE_PX - w)
        right = max(min(width - EDGE_PX - w, body[1] + COLUMN_GAP_PX), EDGE_PX)
        self.columns: dict[str, tuple[float, float, np.ndarray]] = {}
        for name, x0 in (("left", left), ("right", right)):
            c0, c1 = int(x0 // CELL_PX), int((x0 + w) // CELL_PX)
            blocked = np.repeat(grid[c0 : c1 + 1, :].any(axis=0), CELL_PX)[:height].copy()
            blocked[:EDGE_PX] = True
            blocked[height - EDGE_PX :] = True
            self.columns[name] = (x0, x0 + w, blocked)
        # Columns that overlap (a narrow canvas) share their free rows.
        if left + w > right:
            shared = self.columns["left"][2] | self.columns["right"][2]
            self.columns = {n: (x0, x1, shared) for n, (x0, x1, _b) in self.columns.items()}

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
        rows = int(np.ceil(h)) + 1
        target = ay - h / 2
        best: tuple[float, str, float] | None = None
        for rank, name in enumerate(sides):
            c0, c1, blocked = self.columns[name]
            if w > c1 - c0 + 0.5 or len(blocked) < rows:
                continue
            counts = np.concatenate([[0], np.cumsum(blocked)])
            starts = np.nonzero(counts[rows:] == counts[:-rows])[0]
            if not len(starts):
                continue
            y0 = float(starts[np.argmin(np.abs(starts - target))])
            # the far column costs its extra leader length; a crowded near one its drift
            cost = abs(y0 - target) + rank * FAR_COLUMN_PX
            if best is None or cost < best[0]:
                best = (cost, name, y0)
        if best is None:
            return None
        _cost, name, y0 = best
        c0, c1, blocked = self.columns[name]
        x0 = c1 - w if name == "left" else c0
        box = (x0, y0, x0 + w, y0 + h)
        lo = max(int(y0) - MARGIN_PX, 0)
        blocked[lo : int(np.ceil(y0 + h)) + MARGIN_PX + 1] = True
        self.boxes.append(box)
        end = (box[2], y0 + h / 2) if name == "left" else (box[0], y0 + h / 2)
        return box, end


def _dilate(grid: np.ndarray) -> np.ndarray:
    """Each set cell also sets its 8 neighbours."""
    out = grid.copy()
    out[1:, :] |= grid[:-1, :]
    out[:-1, :] |= grid[1:, :]
    rows = out.copy()
    out[:, 1:] |= rows[:, :-1]
    out[:, :-1] |= rows[:, 1:]
    return out
