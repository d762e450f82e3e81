"""The needle view: one trigger point's needle path from the skin, the structures near it in
their own colours, and a cut through the body along the path so the layers it crosses show.

Made once per scene; ``show(...)`` only moves a few small inputs, sets clipping planes on the
body's mappers and aims the camera. ``hide()`` undoes all of it. Numbers are "in this model".
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkPlane
from vtkmodules.vtkRenderingCore import vtkProperty

from tp_explorer import palette
from tp_explorer.scene.safety import path_actor

if TYPE_CHECKING:
    from tp_explorer.anatomy.depth import NearStructure, NeedlePath
    from tp_explorer.scene.body import BodyScene
    from tp_explorer.state.approach import NeedleReading

KIND_COLOURS = {
    "nerve": palette.NERVE,
    "artery": palette.ARTERY,
    "vein": palette.VEIN,
    "organ": palette.VESSEL,
}
NEEDLE_COLOUR = "#4D4D4D"
ENTRY_COLOUR = "#111111"
TARGET_COLOUR = palette.FOCUS
NOTE_WIDTH = 64  # characters per line of the note
NOTE_ROOM = 0.3  # the path sits this fraction of the half height below the canvas's middle
LIST_FIRST_M = 0.1  # the nearest of each kind is listed when this close
LIST_WITHIN_M = 0.03  # the note lists what is this close, and always the nearest nerve and artery


def cut_normal(direction: np.ndarray) -> np.ndarray:
    """The normal of a plane that holds the needle and is as near vertical as it can be, so
    the cut shows the path from the side with the body upright."""
    d = np.asarray(direction, dtype=float)
    d = d / max(np.linalg.norm(d), 1e-12)
    n = np.cross(d, np.array([0.0, 0.0, 1.0]))
    if np.linalg.norm(n) < 0.2:  # a near-vertical needle: cut front to back instead
        n = np.cross(d, np.array([0.0, 1.0, 0.0]))
    unit: np.ndarray = n / np.linalg.norm(n)
    return unit


class NeedleLayer:
    """Needle, markers, highlighted structures and the cut, over one BodyScene."""

    def __init__(self, body: BodyScene) -> None:
        self.body = body
        self.plotter = body.plotter
        self.anatomy = body.anatomy
        self.visible = False
        self.highlighted: dict[str, pv.Actor | None] = {}  # structure key -> actor
        self._plane = vtkPlane()
        self._clipped: list[pv.Actor] = []
        self._culling: dict[vtkProperty, bool] = {}  # shared properties: each once
        self._needle_mesh = pv.PolyData(np.zeros((2, 3)), lines=[2, 0, 1])
        self.needle_actor = self._line_actor(self._needle_mesh, NEEDLE_COLOUR, 6.0)
        self._ends = pv.PolyData(np.zeros((2, 3)))
        self.ends_actor = self.plotter.add_mesh(
            self._ends,
            scalars=np.array([0, 1]),
            cmap=[ENTRY_COLOUR, TARGET_COLOUR],
            point_size=16,
            render_points_as_spheres=True,
            show_scalar_bar=False,
            pickable=False,
            reset_camera=False,
            render=False,
            name="needle-ends",
        )
        self.ends_actor.SetVisibility(False)
        self.note = self.plotter.add_text(
            "", position="upper_left", font_size=11, color=palette.LABEL_TEXT, name="needle:note"
        )
        prop = self.note.GetTextProperty()
        prop.SetBackgroundColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
        prop.SetBackgroundOpacity(0.9)
        self.note.SetVisibility(False)

    def _line_actor(self, mesh: pv.PolyData, colour: str, width: float) -> pv.Actor:
        actor = path_actor(mesh, colour, width)
        self.plotter.renderer.add_actor(
            actor, reset_camera=False, render=False, pickable=False, name=f"needle-{id(mesh)}"
        )
        return actor

    def _structure_actor(self, structure: str, side: str, kind: str) -> pv.Actor | None:
        """A highlight for one near structure: a thick path for a nerve, a bright copy of a
        vessel or organ's surface. Made on first use and kept."""
        key = f"{structure}:{side}"
        if key in self.highlighted:
            return self.highlighted[key]
        colour = KIND_COLOURS.get(kind, palette.VESSEL)
        nerves = getattr(self.anatomy, "nerves", {}) or {}
        context = getattr(self.anatomy, "context", {}) or {}
        actor: pv.Actor | None = None
        if structure in nerves and side in nerves[structure]:
            pts = np.asarray(nerves[structure][side], dtype=float)
            if len(pts) >= 2:
                actor = self._line_actor(pv.lines_from_points(pts), colour, 7.0)
        elif structure in context:
            mapper = pv.DataSetMapper(context[structure])
            mapper.ScalarVisibilityOff()
            actor = pv.Actor(mapper=mapper)
            actor.GetProperty().SetColor(*palette.rgb_float(colour))
            actor.SetPickable(False)
            self.plotter.renderer.add_actor(
                actor, reset_camera=False, render=False, pickable=False, name=f"needle-{key}"
            )
        self.highlighted[key] = actor
        return actor

    def _body_actors(self) -> list[pv.Actor]:
        b = self.body
        return [
            *b.muscle_actors.values(),
            *b.bone_actors.values(),
            *b.skin_actors.values(),
            *b.context.actors.values(),
        ]

    def show(
        self, path: NeedlePath, near: tuple[NearStructure, ...], note: str, render: bool = True
    ) -> None:
        """Draw one needle path (an anatomy.depth.NeedlePath) and its near structures."""
        self.hide(render=False)
        entry, target = np.asarray(path.entry), np.asarray(path.target)
        self._needle_mesh.points = np.array([entry, target])
        self._ends.points = np.array([entry, target])
        self.needle_actor.SetVisibility(True)
        self.ends_actor.SetVisibility(True)
        for n in near:
            actor = self._structure_actor(n.structure, path.side, n.kind)
            if actor is not None:
                actor.SetVisibility(True)
        direction = target - entry
        normal = cut_normal(direction)
        camera_side = normal if float(normal @ (target - self._body_centre())) > 0 else -normal
        # keep the half away from the camera; the cut face is what the camera looks at
        self._plane.SetOrigin(*target)
        self._plane.SetNormal(*(-camera_side))
        for part in self._body_actors():
            part.GetMapper().AddClippingPlane(self._plane)
            prop = part.GetProperty()  # often shared by many actors: remember it once
            if prop not in self._culling:
                self._culling[prop] = bool(prop.GetBackfaceCulling())
            prop.SetBackfaceCulling(False)  # the cut walls show from inside
            self._clipped.append(part)
        self.body.labels.show([], [], [], visible=False)  # the note says what matters here
        # the focused muscle's outline over the skin is drawn whole, uncut: over the cut face
        # it hid the layers the path crosses
        self.body.overlay.SetDraw(False)
        self.note.SetText(2, wrap_note(canvas_note(note)))  # corner 2: upper left
        self.note.SetVisibility(True)
        self._aim(entry, target, camera_side)
        self.plotter.renderer.ResetCameraClippingRange()
        self.visible = True
        if render:
            self.plotter.render()

    def _aim(self, entry: np.ndarray, target: np.ndarray, camera_side: np.ndarray) -> None:
        """Look at the cut face square on, the path in the middle of the canvas across and a
        little below the middle down, so the note in the upper left leaves it clear."""
        depth = max(float(np.linalg.norm(target - entry)), 0.02)
        camera = self.plotter.camera
        distance = max(depth * 6.0, 0.45)
        half_height = distance * np.tan(np.radians(camera.GetViewAngle() / 2.0))
        centre = 0.5 * (entry + target) + np.array([0.0, 0.0, NOTE_ROOM * half_height])
        camera.SetFocalPoint(*centre)
        camera.SetPosition(*(centre + camera_side * distance))
        camera.SetViewUp(0.0, 0.0, 1.0)

    def _body_centre(self) -> np.ndarray:
        """Where the body's mid-line is at the needle's height: the camera stays outside."""
        return np.asarray(self.anatomy.skin.center, dtype=float)

    def hide(self, render: bool = True) -> None:
        for part in self._clipped:
            part.GetMapper().RemoveClippingPlane(self._plane)
        for prop, culling in self._culling.items():
            prop.SetBackfaceCulling(culling)
        self._clipped.clear()
        self._culling.clear()
        for actor in self.highlighted.values():
            if actor is not None:
                actor.SetVisibility(False)
        self.needle_actor.SetVisibility(False)
        self.ends_actor.SetVisibility(False)
        self.note.SetVisibility(False)
        if self.visible:
            body = self.body
            body.overlay.SetDraw(bool(body.focus_overlay.shown) or body.marks.showing)
        self.visible = False
        if render:
            self.plotter.render()

    def clipped_actors(self) -> list[pv.Actor]:
        """Body actors cut by the needle plane (for tests)."""
        return list(self._clipped)


def canvas_note(note: str, published: int = 1, near: int = 4) -> str:
    """The note as the canvas shows it: the first ``published`` depths and the ``near`` nearest
    structures (the details panel keeps the whole note); the full note covered half the canvas
    and the body beside the path."""
    out: list[str] = []
    counts = {"Published:": 0, "• ": 0}
    limits = {"Published:": published, "• ": near}
    for line in note.splitlines():
        kind = next((k for k in counts if line.startswith(k)), None)
        if kind is not None:
            counts[kind] += 1
            if counts[kind] > limits[kind]:
                continue
        out.append(line)
    extra = max(counts["Published:"] - published, 0) + max(counts["• "] - near, 0)
    if extra:
        out.insert(-2, f"({extra} more in the details panel)")
    return "\n".join(out)


def wrap_note(note: str, width: int = NOTE_WIDTH) -> str:
    """The note with its long lines wrapped for the overlay (the panel wraps by itself)."""
    out: list[str] = []
    for line in note.splitlines():
        out += textwrap.wrap(line, width, subsequent_indent="   ") or [""]
    return "\n".join(out)


def needle_note(muscle_label: str, reading: NeedleReading, within_m: dict[str, float]) -> str:
    """The words beside the needle view: which way in, how deep, the layers crossed, the
    published depth beside the model's, what is near, and what this model cannot measure."""
    from tp_explorer.state.approach import mesh_label

    path = reading.path
    lines = [
        f"Needle view: {muscle_label}, {path.trigger_point.replace('_', ' ')} ({path.side})",
        f"In this model the point lies {path.depth_m * 1000:.0f} mm below the skin.",
    ]
    lines.append(f"Measured {reading.how()}.")
    if path.crosses_bone:
        lines.append("No straight path within the approach's cone misses bone here.")
    if reading.layers:
        lines.append("Crosses (depth along the path):")
        lines.append(f" · skin and fat 0–{reading.layers[0].start_m * 1000:.0f} mm")
        for layer in reading.layers[:6]:
            lines.append(
                f" · {mesh_label(layer.mesh)} {layer.start_m * 1000:.0f}–"
                f"{layer.end_m * 1000:.0f} mm"
            )
    for pub in reading.published:
        lines.append(f"Published: {pub.beside(path.depth_m * 1000)}")
    if reading.approach is not None:
        lines.append(f"Shortest bone-free path: {reading.shortest.depth_m * 1000:.0f} mm.")
    firsts = {
        k: next((n for n in path.near if n.kind == k and n.path_distance_m <= LIST_FIRST_M), None)
        for k in KIND_COLOURS
    }
    listed = [n for n in path.near if n.path_distance_m <= LIST_WITHIN_M or n in firsts.values()]
    for n in listed[:7]:
        near = n.path_distance_m <= within_m.get(n.kind, 0.0)
        flag = "  (inside the clinic margin)" if near else ""
        lines.append(f"• {n.label}: {n.path_distance_m * 1000:.0f} mm from the path{flag}")
    lines.append("Margins are clinic margins, not published thresholds.")
    lines.append(
        "Not in this model: lung and pleura, body size, posture. One adult male body; real "
        "depths vary. Not a safe depth."
    )
    return "\n".join(lines)
