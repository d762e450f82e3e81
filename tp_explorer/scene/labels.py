"""Muscle name labels: a fixed pool of 2D text actors, placed beside 3D anchors on each render.

Why not pyvista's ``add_point_labels``: its label placement mapper rasterises every label's text
and background again on every frame; in software rendering that was ~8 ms of a ~50 ms frame.
A ``vtkTextActor`` keeps its rasterised text as a texture until the text changes, so a frame
only draws a few textured quads. The placement is done here, in numpy, before each render: each
label goes to the first free spot beside its anchor (right, left, then a line up or down), in
order of priority, and a label with no free spot is hidden, so labels never overlap.

The pool's size is fixed when the scene is built: the number of actors never changes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from tp_explorer import palette

log = logging.getLogger(__name__)

GAP_PX = 6  # between an anchor and its label
MARGIN_PX = 2  # kept free around each label
FRAME_PX = 2  # a frame in the background colour: padding around the text


class LabelPool:
    """``size`` text actors on ``renderer``; ``show`` fills them, each render places them."""

    def __init__(self, renderer: Any, size: int, font_size: int = 14) -> None:
        from vtkmodules.vtkRenderingCore import vtkCoordinate, vtkTextActor

        self.renderer = renderer
        self.actors: list[Any] = []
        self._anchors = np.zeros((0, 3))
        self._texts: list[str] = []
        self._sizes: dict[str, tuple[int, int]] = {}
        self._font_size = font_size
        self._visible = False
        for _ in range(size):
            actor = vtkTextActor()
            actor.SetTextScaleModeToNone()
            # Position = the anchor's pixel (a world reference) + the chosen offset: while the
            # camera turns only the reference moves, and the text's texture is kept.
            anchor = vtkCoordinate()
            anchor.SetCoordinateSystemToWorld()
            position = actor.GetPositionCoordinate()
            position.SetCoordinateSystemToDisplay()
            position.SetReferenceCoordinate(anchor)
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
        self._sizes.clear()
        for actor in self.actors:
            actor.GetTextProperty().SetFontSize(points)

    def show(
        self,
        anchors: np.ndarray,
        texts: Sequence[str],
        priorities: Sequence[float],
        visible: bool = True,
    ) -> None:
        """Labels for these world anchors; the highest priority is placed first.

        More labels than the pool holds: the lowest priorities are left out (and logged).
        """
        if len(texts) > self.size:
            log.warning(
                "%d labels, room for %d: the lowest priorities are left out", len(texts), self.size
            )
        order = np.argsort(-np.asarray(priorities, dtype=float), kind="stable")[: self.size]
        self._anchors = np.asarray(anchors, dtype=float).reshape(-1, 3)[order]
        self._texts = [texts[i] for i in order]
        self._visible = visible and bool(self._texts)
        for index, actor in enumerate(self.actors):
            if index < len(self._texts):
                if actor.GetInput() != self._texts[index]:
                    actor.SetInput(self._texts[index])
                anchor = actor.GetPositionCoordinate().GetReferenceCoordinate()
                anchor.SetValue(*self._anchors[index])
            else:
                actor.SetVisibility(False)
        if not self._visible:
            for actor in self.actors:
                actor.SetVisibility(False)

    def shown(self) -> list[str]:
        """The texts placed by the last render, highest priority first."""
        return [a.GetInput() for a in self.actors if a.GetVisibility()]

    # ------------------------------------------------------------------ placement
    def _size_of(self, index: int) -> tuple[int, int]:
        text = self._texts[index]
        size = self._sizes.get(text)
        if size is None:
            box = [0.0, 0.0, 0.0, 0.0]
            self.actors[index].GetBoundingBox(self.renderer, box)
            size = (int(box[1] - box[0]) + 2 * FRAME_PX, int(box[3] - box[2]) + 2 * FRAME_PX)
            self._sizes[text] = size
        return size

    def _project(self) -> tuple[np.ndarray, np.ndarray]:
        """Display pixels of the anchors (origin bottom left) and which are in front."""
        camera = self.renderer.GetActiveCamera()
        aspect = self.renderer.GetTiledAspectRatio()
        matrix = camera.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
        m = np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])
        homogeneous = np.c_[self._anchors, np.ones(len(self._anchors))] @ m.T
        w = homogeneous[:, 3]
        in_front = w > 1e-9
        ndc = homogeneous[:, :2] / np.where(in_front, w, 1.0)[:, None]
        width, height = self.renderer.GetSize()
        x0, y0 = self.renderer.GetOrigin()
        display = np.c_[(ndc[:, 0] + 1) * 0.5 * width + x0, (ndc[:, 1] + 1) * 0.5 * height + y0]
        return display, in_front

    def _on_render(self, _obj: Any = None, _event: str = "") -> None:
        if not self._visible or not self._texts:
            return
        display, in_front = self._project()
        width, height = self.renderer.GetSize()
        x0, y0 = self.renderer.GetOrigin()
        placed: list[tuple[float, float, float, float]] = []
        for index, actor in enumerate(self.actors[: len(self._texts)]):
            spot = None
            if in_front[index]:
                w, h = self._size_of(index)
                ax, ay = display[index]
                for dx, dy in _spots(w, h):
                    box = (ax + dx, ay + dy, ax + dx + w, ay + dy + h)
                    inside = (
                        box[0] >= x0
                        and box[1] >= y0
                        and box[2] <= x0 + width
                        and box[3] <= y0 + height
                    )
                    if inside and not any(_overlap(box, other) for other in placed):
                        spot = box
                        break
            if spot is None:
                actor.SetVisibility(False)
                continue
            placed.append(spot)
            offset = (
                round(spot[0] - display[index][0]) + FRAME_PX,
                round(spot[1] - display[index][1]) + FRAME_PX,
            )
            if tuple(actor.GetPosition()) != offset:
                actor.SetPosition(*offset)
            actor.SetVisibility(True)

    def remove(self) -> None:
        self.renderer.RemoveObserver(self._observer)
        for actor in self.actors:
            self.renderer.RemoveViewProp(actor)


def _spots(w: float, h: float) -> tuple[tuple[float, float], ...]:
    """Offsets of a label's lower left corner from its anchor, in order of preference: beside
    the anchor on the right, then on the left, then one label height up or down."""
    right, left = GAP_PX, -GAP_PX - w
    return (
        (right, -h / 2),
        (left, -h / 2),
        (right, h / 2),
        (right, -1.5 * h),
        (left, h / 2),
        (left, -1.5 * h),
    )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (
        a[2] + MARGIN_PX <= b[0]
        or b[2] + MARGIN_PX <= a[0]
        or a[3] + MARGIN_PX <= b[1]
        or b[3] + MARGIN_PX <= a[1]
    )
