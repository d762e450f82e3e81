"""Muscle name labels as in an atlas: beside the body, a leader line to each muscle's surface.

The pool keeps what to label (set on each selection), lays the labels out in numpy before each
render that moved the camera (``layout.labels``: so they follow the camera) and draws them as
one textured actor and one line actor (``label_actors``). Each text is rasterised once per
font size and the texts of a selection share one texture (``label_pictures``), so a render
only moves quads. The pool's size (how many labels at most) is fixed when the scene is built.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
from vtkmodules.vtkCommonCore import vtkCommand
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkRenderer, vtkTexturedActor2D

from tp_explorer.scene.camera import renderer_projection
from tp_explorer.scene.layout.arrays import Box, FloatArray
from tp_explorer.scene.layout.body_geometry import MuscleGeometry
from tp_explorer.scene.layout.labels import (
    Label,
    LabelTargets,
    Placement,
    joined,
    muscle_targets,
    place_labels,
    point_targets,
)
from tp_explorer.scene.layout.projection import Projection
from tp_explorer.scene.visuals.label_actors import LabelActors
from tp_explorer.scene.visuals.label_pictures import LabelPictures
from tp_explorer.state import Highlight
from tp_explorer.state.highlight import Label as HighlightLabel

log = logging.getLogger(__name__)

ReservedBox = Callable[[int, int], Box | None]  # canvas (width, height) -> a box, or None


class LabelPool:
    """At most ``size`` labels and their leader lines on ``renderer``; ``show`` fills them."""

    def __init__(self, renderer: vtkRenderer, size: int, font_size: int = 14) -> None:
        self.renderer = renderer
        self._capacity = size
        self._muscles = LabelTargets()
        # labels another layer adds (the needle-safety layer's nerves): placed first, in the
        # same columns, and shown whether or not the structure faces the camera
        self._extra = LabelTargets()
        self._avoid: FloatArray = np.zeros((0, 3))
        self._keep_clear: FloatArray | None = None  # see show()
        self._focused: str | None = None
        self._reserved: list[ReservedBox] = []  # see reserve()
        self._visible = False
        self._placements: list[Placement] = []
        self.last_layout_ms = 0.0
        self._inputs = 0  # counts show() calls: new inputs need a new layout
        self._laid_out: tuple[object, ...] | None = None
        self.pictures = LabelPictures(renderer, font_size)
        self.actors = LabelActors(renderer, self.pictures)
        self.set_font_size(font_size)
        self._observer = renderer.AddObserver(vtkCommand.StartEvent, self._on_render)

    @property
    def font_size(self) -> int:
        return self.pictures.font_size

    @property
    def size(self) -> int:
        return self._capacity

    @property
    def text_actor(self) -> vtkTexturedActor2D:
        return self.actors.text_actor

    @property
    def line_actor(self) -> vtkActor2D:
        return self.actors.line_actor

    @property
    def avoid(self) -> FloatArray:
        """The world points no label may cover (the highlighted muscles drawn)."""
        return self._avoid

    def set_font_size(self, points: int) -> None:
        """Text size in points (presentation mode enlarges it); takes effect on the next render."""
        self._laid_out = None
        self.pictures.set_font_size(points)

    def show(
        self,
        surfaces: Sequence[npt.ArrayLike] | FloatArray,
        texts: Sequence[str],
        priorities: Sequence[float],
        visible: bool = True,
        avoid: FloatArray | None = None,
        normals: Sequence[FloatArray] | None = None,
        through: Sequence[bool] | None = None,
        keep_clear: FloatArray | None = None,
        focused: str | None = None,
    ) -> None:
        """Labels for these muscles; the highest priority is placed first.

        ``surfaces``: per label, points on its muscle's surface (an (n, 3) array of single
        anchors also works), with their outward ``normals`` where known (a point whose normal
        faces away from the camera is on the muscle's far side). ``avoid``: world points that
        no label may cover (the highlighted muscles). More labels than the pool holds: the
        lowest priorities are left out. ``through``: per label, whether its points count as
        seen wherever they are in view (the chart view's trigger points). ``keep_clear``:
        the focused muscle's points, which no leader runs over (``focused``: its label).
        """
        if len(texts) > self.size:
            log.warning(
                "%d labels, room for %d: the lowest priorities are left out", len(texts), self.size
            )
        self._muscles = muscle_targets(
            [np.asarray(s, dtype=float) for s in surfaces],
            texts,
            priorities,
            normals,
            self.size,
            through,
        )
        self._avoid = np.zeros((0, 3)) if avoid is None else np.asarray(avoid, float).reshape(-1, 3)
        self._keep_clear = keep_clear
        self._focused = focused
        self._visible = visible and bool(self._muscles.labels)
        self._inputs += 1
        if not self._visible:
            self._hide_all()

    def show_extra(self, points: npt.ArrayLike, texts: Sequence[str]) -> None:
        """Labels of the needle-safety layer: one world point each (on a nerve or vessel),
        placed before the muscles' labels, in the same columns and with leader lines, so no
        two labels ever overlap. Empty lists remove them."""
        self._extra = point_targets(points, texts, "safety")
        self._inputs += 1
        if not self._extra.labels and not self._visible:
            self._hide_all()

    def reserve(self, box: ReservedBox) -> None:
        """Keep labels clear of something another layer draws on the canvas (the
        needle-safety note): ``box(width, height)`` gives its rectangle on a canvas of that
        size (display px), or None while it is not shown. The rows it covers are not free in
        a column it meets."""
        self._reserved.append(box)
        self._laid_out = None

    def _targets(self) -> LabelTargets:
        """Every label to lay out: the safety layer's first, then the muscles' when shown."""
        return joined(self._extra, self._muscles) if self._visible else self._extra

    def widest(self, texts: Sequence[str] | None = None) -> int:
        """Width in pixels of the widest label to show (0 without labels); with ``texts``, of
        these muscle labels instead of those shown (a framing leaves the same room for a
        selection's labels whether the labels layer shows them or not)."""
        labels: tuple[Label, ...] = self._extra.labels
        if texts is not None:
            labels += tuple((text, "muscle") for text in texts)
        elif self._visible:
            labels += self._muscles.labels
        return max((self.pictures.size_of(*key)[0] for key in labels), default=0)

    def shown(self) -> list[str]:
        """The texts placed by the last render, highest priority first."""
        return [p.text for p in self._placements]

    def placements(self) -> list[Placement]:
        """What the last render drew: boxes, anchors and leader lines (for tests)."""
        return list(self._placements)

    def drawn_boxes(self) -> list[Box]:
        """The pictures' rectangles as VTK will draw them (display px; for tests)."""
        return self.actors.drawn_boxes()

    def projection(self) -> Projection:
        """The renderer's camera as the layout sees it."""
        return renderer_projection(self.renderer)

    def _matrix(self) -> FloatArray:
        """(kept for tests/ui/test_safety_ui.py, which reads it) ``projection().matrix``."""
        return self.projection().matrix

    def _hide_all(self) -> None:
        self.actors.hide()
        self._placements = []

    def _on_render(self, _obj: object = None, _event: str = "") -> None:
        if not (self._visible and self._muscles.labels) and not self._extra.labels:
            self.last_layout_ms = 0.0
            return
        camera = self.renderer.GetActiveCamera()
        key = (camera.GetMTime(), tuple(self.renderer.GetSize()), self._inputs, self.font_size)
        if key == self._laid_out:  # a render for another reason: the layout stands
            self.last_layout_ms = 0.0
            return
        started = time.perf_counter()
        self._layout()
        self._laid_out = key
        self.last_layout_ms = (time.perf_counter() - started) * 1000

    def _layout(self) -> None:
        view = self.projection()
        width, height = view.size
        if width < 2 or height < 2:
            return
        boxes = [of(width, height) for of in self._reserved]
        self._placements = place_labels(
            self._targets(),
            view,
            self.pictures.size_of,
            self._avoid,
            [box for box in boxes if box is not None],
            self._keep_clear if self._visible else None,
            self._focused,
        )
        self.actors.draw(self._placements)

    def remove(self) -> None:
        self.renderer.RemoveObserver(self._observer)
        self.actors.remove()


FOCUS_CHAIN_LABELS = 6  # in focus, the chain muscles nearest the focused one also named


def chosen_labels(
    highlight: Highlight, muscles: Mapping[tuple[str, str], MuscleGeometry]
) -> list[tuple[HighlightLabel, MuscleGeometry]]:
    """The labels of a selection, each with its muscle's geometry. In focus: the focused
    muscle's and the few chain muscles' nearest it (the rest would crowd the close view)."""
    found = [
        (label, geo)
        for label in highlight.labels
        if (geo := muscles.get((label.mesh, label.side))) is not None
    ]
    if highlight.focus is None:
        return found
    focused = [(lb, geo) for lb, geo in found if lb.muscle == highlight.focus]
    if not focused:
        return found[:FOCUS_CHAIN_LABELS]
    centre = focused[0][1].sample.mean(axis=0)
    others = sorted(
        ((lb, geo) for lb, geo in found if lb.muscle != highlight.focus),
        key=lambda item: float(np.linalg.norm(item[1].sample.mean(axis=0) - centre)),
    )
    return focused + others[:FOCUS_CHAIN_LABELS]


def show_muscle_labels(
    pool: LabelPool,
    highlight: Highlight,
    muscles: Mapping[tuple[str, str], MuscleGeometry],
    drawn: Callable[[tuple[str, str]], bool],
    show: bool,
    marks: Mapping[str, tuple[FloatArray, FloatArray]] | None = None,
    also_avoid: FloatArray | None = None,
) -> None:
    """The selection's labels on the pool: each on its muscle's sample points (the focused
    muscle's first), kept clear of every highlighted muscle drawn. In the chart view
    (``marks``: each muscle's trigger points marked over the skin, with the normals of the
    skin nearest them) a label points at its muscle's marks where they are drawn, the focused
    muscle's at the muscle drawn over the skin.
    ``also_avoid``: more world points no label may cover (the chart view's zones)."""
    surfaces, normals, texts, priority, through = [], [], [], [], []
    focus = [muscles[k].sample for k in highlight.muscles_with_role("focus") if k in muscles]
    keep_clear = np.vstack(focus) if focus else None
    focused_text = None
    for label, geo in chosen_labels(highlight, muscles):
        focused = label.muscle == highlight.focus
        if focused:
            focused_text = label.text
        if marks is not None and not focused:
            if label.muscle not in marks:
                continue
            points, point_normals = marks[label.muscle]
            surfaces.append(points)
            normals.append(point_normals)
        else:
            surfaces.append(geo.sample)
            normals.append(geo.normals)
        through.append(marks is not None and focused)
        texts.append(label.text)
        priority.append(2.0 if focused else 1.0)
    avoid = [muscles[k].sample for k in highlight.muscles if k in muscles and drawn(k)]
    if also_avoid is not None and len(also_avoid):
        avoid.append(also_avoid)
    pool.show(
        surfaces,
        texts,
        priority,
        visible=show,
        avoid=np.vstack(avoid) if avoid else None,
        normals=normals,
        through=through,
        keep_clear=keep_clear,
        focused=focused_text,
    )
