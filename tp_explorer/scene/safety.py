"""The needle-safety layer: nerves and vessels as thin paths, created once, then only recoloured.

``SafetyLayer.show(...)`` shows or hides the paths, emphasises the structures near the focused
muscle (thicker, opaque, named) and dims the rest; a corner note carries that muscle's
precautions. No geometry is made after construction.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from tp_explorer import palette
from tp_explorer.scene.visuals.label_pictures import style_as_label
from tp_explorer.scene.visuals.labels import LabelPool
from tp_explorer.state.safety import NearStructure, structure_kind, structure_label

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

THIN_WIDTH = 2.0
EMPHASIS_WIDTH = 7.0
DIM_OPACITY = 0.35
NOTE_WRAP = 60
NOTE_FONT_SIZE = 13
NOTE_MARGIN_PX = 6  # from the canvas's lower right corner
NOTE_FRAME_PX = 4


def path_actor(lines: pv.PolyData, colour: str, width: float) -> pv.Actor:
    """A nerve or vessel path drawn as a tube-like line, not pickable, hidden until shown."""
    actor = pv.Actor(mapper=pv.DataSetMapper(lines))
    prop = actor.GetProperty()
    prop.SetColor(*palette.rgb_float(colour))
    prop.SetLineWidth(width)
    prop.SetRenderLinesAsTubes(True)
    actor.SetPickable(False)
    actor.SetVisibility(False)
    return actor


@dataclass(frozen=True)
class SafetyView:
    """What the layer shows: which sides, which structures emphasised, the note text."""

    visible: bool = False
    sides: tuple[str, ...] = ("left", "right")
    near: tuple[NearStructure, ...] = ()
    note: str = ""

    @property
    def emphasised(self) -> frozenset[tuple[str, str]]:
        return frozenset((n.structure, n.side) for n in self.near)


class SafetyLayer:
    """Line actors for every (structure, side) in ``anatomy.nerves``, their names in the label
    layout, and a note."""

    def __init__(
        self, plotter: pv.BasePlotter, anatomy: Anatomy, labels: LabelPool | None = None
    ) -> None:
        """``labels``: the body's label pool, so the structures' names are laid out with the
        muscles' (beside the body, leader lines, never overlapping); without one, a pool of
        the layer's own."""
        self.plotter = plotter
        self.actors: dict[tuple[str, str], pv.Actor] = {}
        self.labelled: set[tuple[str, str]] = set()  # the structures named by the last show
        self.view = SafetyView()
        self.overlay = self._make_overlay()
        nerves = getattr(anatomy, "nerves", {}) or {}
        for structure, by_side in nerves.items():
            colour = palette.NERVE if structure_kind(structure) == "nerve" else palette.VESSEL
            for side, path in by_side.items():
                pts = np.asarray(path, dtype=float)
                if len(pts) < 2:
                    continue
                actor = path_actor(pv.lines_from_points(pts), colour, THIN_WIDTH)
                self.overlay.AddActor(actor)
                self.actors[(structure, side)] = actor
        self.label_pool = labels if labels is not None else LabelPool(self.overlay, 0)
        self.note = self._make_note()
        self.label_pool.reserve(self.note_box)  # the labels keep clear of the note

    def _make_note(self) -> vtkTextActor:
        """The note: lower right, NOTE_MARGIN_PX in from the corner, on a light background.

        A text actor of a fixed size (not a corner annotation, which scales its font with the
        window): the label layout needs the box it covers.
        """
        from vtkmodules.vtkRenderingCore import vtkCoordinate

        note = vtkTextActor()
        prop = note.GetTextProperty()
        prop.SetFontSize(NOTE_FONT_SIZE)
        style_as_label(prop, NOTE_FRAME_PX)
        prop.SetJustificationToRight()
        prop.SetVerticalJustificationToBottom()
        corner = vtkCoordinate()
        corner.SetCoordinateSystemToNormalizedViewport()
        corner.SetValue(1.0, 0.0)
        position = note.GetPositionCoordinate()
        position.SetCoordinateSystemToDisplay()
        position.SetReferenceCoordinate(corner)
        position.SetValue(-NOTE_MARGIN_PX, NOTE_MARGIN_PX)
        note.SetPickable(False)
        note.SetVisibility(False)
        self.plotter.renderer.AddViewProp(note)
        return note

    def note_box(self, width: int, height: int) -> tuple[float, float, float, float] | None:
        """The note's rectangle on a canvas of this size (display px, with its frame), or
        None while it is hidden."""
        if not (self.note.GetVisibility() and self.note.GetInput()):
            return None
        size = [0.0, 0.0]
        self.note.GetSize(self.plotter.renderer, size)
        right, bottom = width - NOTE_MARGIN_PX, NOTE_MARGIN_PX
        return (right - size[0] - NOTE_FRAME_PX, bottom, right, bottom + size[1] + NOTE_FRAME_PX)

    def _make_overlay(self) -> vtkRenderer:
        """A renderer layer above the body, sharing its camera: the paths show through muscle.

        A needle-safety view is an X-ray view on purpose: a nerve under the focused muscle is
        exactly what must be seen.
        """
        base = self.plotter.renderer
        overlay = vtkRenderer()
        overlay.SetLayer(1)
        overlay.SetInteractive(False)
        overlay.SetActiveCamera(base.GetActiveCamera())
        overlay.SetViewport(base.GetViewport())
        ren_win = self.plotter.ren_win
        if ren_win is None:
            raise RuntimeError("the plotter has no render window (it is closed)")
        ren_win.SetNumberOfLayers(max(2, ren_win.GetNumberOfLayers()))
        ren_win.AddRenderer(overlay)
        return overlay

    def show(self, view: SafetyView) -> None:
        """Set visibility, width and opacity of every path; no render (the caller renders)."""
        self.view = view
        emphasised = view.emphasised
        anything = bool(emphasised)
        closest = {(n.structure, n.side): n.closest for n in view.near}
        named: list[tuple[str, str]] = []
        for key, actor in self.actors.items():
            shown = view.visible and key[1] in view.sides
            actor.SetVisibility(shown)
            prop = actor.GetProperty()
            strong = key in emphasised
            prop.SetLineWidth(EMPHASIS_WIDTH if strong else THIN_WIDTH)
            prop.SetOpacity(1.0 if strong or not anything else DIM_OPACITY)
            if shown and strong:
                named.append(key)
        self.labelled = set(named)
        self.label_pool.show_extra(
            [closest[key] for key in named], [structure_label(key[0]) for key in named]
        )
        text = "\n".join(textwrap.fill(p, NOTE_WRAP) for p in view.note.splitlines())
        self.note.SetInput(text)
        self.note.SetVisibility(view.visible and bool(text))

    def visible_structures(self) -> set[tuple[str, str]]:
        return {k for k, a in self.actors.items() if a.GetVisibility()}

    def emphasised_structures(self) -> set[tuple[str, str]]:
        return {
            k
            for k, a in self.actors.items()
            if a.GetVisibility() and a.GetProperty().GetLineWidth() >= EMPHASIS_WIDTH
        }


def safety_note(
    muscle_label: str, near: Iterable[NearStructure], precautions: Iterable[str]
) -> str:
    """The corner note: the muscle, the structures near it (with distance), its precautions."""
    near = list(near)
    lines = [f"Needle safety - {muscle_label}"]
    seen: dict[str, float] = {}
    for n in near:
        seen[n.label] = min(seen.get(n.label, 1e9), n.distance_m)
    if seen:
        lines.append(
            "Near its trigger points: "
            + ", ".join(f"{name} ({d * 100:.0f} cm)" for name, d in seen.items())
        )
    else:
        lines.append("No major nerve or vessel path within a few centimetres in this model.")
    lines += [f"- {p}" for p in precautions]
    return "\n".join(lines)
