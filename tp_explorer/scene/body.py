"""The 3D lower body: every actor made once; a selection only recolours, fades and hides them.

``BodyScene`` is a thin facade over the layers in ``visuals`` (muscles, bones, skin and zones,
markers, context structures, labels), the camera rig (``camera``) and the pure geometry in
``layout``: framing, peeling and fading are measured from the meshes once; the camera turns
to the view that shows most of a selection and fits it; the Highlight's peel, hidden and
isolated structures only switch visibility; with a muscle focused, whatever stands between
the camera and it fades, after every camera change, and an overlay draws it in place over the
skin. The chart view ("chart" among the layers) draws the skin opaque with its zones, an X
over each trigger point and only the focused muscle's outline; the frame follows the
selection, never the layers drawn.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from tp_explorer import palette
from tp_explorer.scene.body_geometry import measure_body
from tp_explorer.scene.camera import CameraRig, framed_keys
from tp_explorer.scene.layout.arrays import FloatArray
from tp_explorer.scene.layout.body_geometry import label_anchor
from tp_explorer.scene.layout.columns import COLUMN_GAP_PX, EDGE_PX
from tp_explorer.scene.layout.framing import CameraPose, FramedParts, best_view
from tp_explorer.scene.layout.occluders import Occluders
from tp_explorer.scene.picking import BodyParts, PickResult, RayPicker, VtkRayPicker, pick_body
from tp_explorer.scene.visuals.bones import BoneVisuals
from tp_explorer.scene.visuals.context import ContextVisuals
from tp_explorer.scene.visuals.focus_overlay import FocusOverlay, overlay_renderer
from tp_explorer.scene.visuals.labels import LabelPool, chosen_labels, show_muscle_labels
from tp_explorer.scene.visuals.markers import MarkerVisuals
from tp_explorer.scene.visuals.muscles import MuscleKey, MuscleVisuals
from tp_explorer.scene.visuals.skin import SkinVisuals
from tp_explorer.scene.visuals.skin_marks import SkinMarks
from tp_explorer.scene.zones import SkinPaint
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

START_LAYERS = frozenset({"skin", "muscles", "bones", "zones"})


class BodyScene:
    """Owns the actors of one plotter (a QtInteractor or an off-screen pyvista.Plotter)."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        anatomy: Anatomy,
        *,
        picker: RayPicker | None = None,
        label_font_size: int = 14,
    ) -> None:
        self.plotter = plotter
        self.anatomy = anatomy
        self.picker: RayPicker = picker or VtkRayPicker()
        self.highlight = Highlight()
        self.layers: frozenset[str] = frozenset()
        self.faded: set[Hashable] = set()  # ("muscle", key) / ("bone", group) faded for a focus
        self.view = "anterior"
        self.last_render_ms = 0.0
        self.geometry = measure_body(anatomy)
        # (pyvista's decorator types this bound method as an unbound one)
        plotter.set_background(palette.BACKGROUND)  # type: ignore[arg-type]
        # Translucent layers (skin, ghosted muscles) are blended in draw order instead of VTK's
        # order-independent pass: at these low opacities the two pictures differ by < 0.2/255
        # on average, and the order-independent pass cost ~7 ms a frame in software rendering
        # and two float colour buffers the size of the window. (Draw order: the order below.)
        renderer = plotter.renderer
        renderer.SetUseOIT(False)
        self.bones = BoneVisuals(renderer, anatomy.bones.values())
        self.muscles = MuscleVisuals(renderer, anatomy.muscles, self.geometry.layers)
        self.context = ContextVisuals(renderer, anatomy)
        self.skin = SkinVisuals(renderer, anatomy)
        self.markers = MarkerVisuals(plotter, anatomy, self.muscles.actors)
        # the chart view draws the focused muscle and the trigger points' marks over the skin
        self.overlay = overlay_renderer(plotter)
        self.focus_overlay = FocusOverlay(self.overlay, anatomy.muscles)
        geometry = self.geometry
        self.marks = SkinMarks(
            renderer,
            self.overlay,
            geometry.skin_points,
            geometry.skin_normals,
            self.markers.position,
        )
        # One label per muscle, on one side: as many as there are muscle meshes is room enough.
        self.labels = LabelPool(renderer, len(anatomy.muscles), label_font_size)
        self._occluders = Occluders(
            {("muscle", k): geo.sample for k, geo in self.geometry.muscles.items()}
            | {("bone", g): sample for g, sample in self.bones.samples.items()}
        )
        self.camera = CameraRig(plotter, self.geometry, self.bones.samples)
        self.apply(Highlight(), START_LAYERS, render=False)
        self.set_view("anterior", "both", render=False)

    # ------------------------------------------------------------------ what the program reads
    @property
    def muscle_actors(self) -> dict[MuscleKey, pv.Actor]:
        return self.muscles.actors

    @property
    def bone_actors(self) -> dict[str, pv.Actor]:
        return self.bones.actors

    @property
    def skin_actors(self) -> dict[str, pv.Actor]:
        return self.skin.actors

    @property
    def zone_paint(self) -> SkinPaint:
        return self.skin.paint

    @property
    def actor_count(self) -> int:
        """Every prop in the renderer (3D actors and 2D labels); constant after start-up."""
        return int(self.plotter.renderer.GetViewProps().GetNumberOfItems())

    @property
    def depth_layers(self) -> dict[MuscleKey, int]:
        """Each muscle's layer below the skin (0 touches it), for the state's peel."""
        return self.geometry.layers

    @property
    def layer_count(self) -> int:
        return self.geometry.layer_count

    # ------------------------------------------------------------------ selection (cheap)
    def apply(
        self, highlight: Highlight, layers: Iterable[str] | None = None, render: bool = True
    ) -> None:
        """Paint a selection: colours, opacities, visibility, the skin's zone levels and the
        small inputs of the markers, the chart marks, the focus overlay and the labels.

        Without ``layers`` the layers of the previous call stay; "chart" among them is the
        chart view.
        """
        layers = self.layers if layers is None else frozenset(layers)
        self.highlight, self.layers = highlight, layers
        chart = "chart" in layers
        self.muscles.apply(highlight, layers)
        self.bones.apply(highlight, layers)
        self.skin.apply(highlight, layers)
        self.context.apply(highlight, layers)
        drawn = self.muscles.drawn if chart else None
        self.markers.apply(highlight, "markers" in layers, drawn)
        self.marks.apply(highlight, chart and "markers" in layers)
        # the focused muscle in place over the skin and its zones, in either view
        focus = highlight.muscles_with_role("focus")
        shown = sorted(k for k in focus if self.muscles.selected(k))
        self.focus_overlay.show(shown if "muscles" in layers else [])
        # an empty overlay layer is not drawn at all (a renderer pass costs even when empty)
        self.overlay.SetDraw(bool(self.focus_overlay.shown) or self.marks.showing)
        show_muscle_labels(
            self.labels,
            highlight,
            self.geometry.muscles,
            self.muscles.selected if chart else self.muscles.drawn,
            "labels" in layers,
            self.marks.anchors() if chart else None,
            self.skin.zone_sample() if chart else None,
        )
        self.update_fading()
        if render:
            self.render()

    def update_fading(self) -> None:
        """Fade what stands between the camera and the focused muscle (from this camera)."""
        faded: set[Hashable] = set()
        focus = self.highlight.muscles_with_role("focus")
        targets = [self.geometry.muscles[k].sample for k in focus if self.muscles.drawn(k)]
        if targets:
            others: list[Hashable] = [
                ("muscle", k)
                for k in self.muscles.actors
                if k not in focus and self.muscles.drawn(k)
            ]
            others += [("bone", g) for g in self.bones.actors if self.bones.drawn(g)]
            view = self.camera.projection()
            faded = self._occluders.find(np.vstack(targets), others, view.matrix, view.size)
        self.faded = faded
        self.muscles.show(faded)
        self.bones.show(faded)

    def painted_zones(self) -> dict[tuple[str, str], str]:
        """(fine area, side) -> "essential" | "spillover", read back from the skin's zone
        levels (side "mid" for a midline area)."""
        return self.skin.painted_zones()

    def label_anchor(self, mesh_id: str, side: str) -> FloatArray:
        """A point in the middle of a muscle (on its path, or a point of its mesh)."""
        path = self.anatomy.muscle_paths.get(mesh_id, {}).get(side)
        points = np.asarray(self.anatomy.muscles[mesh_id][side].points, dtype=float)
        return label_anchor(None if path is None else np.asarray(path, dtype=float), points)

    def render(self) -> None:
        started = time.perf_counter()
        self.plotter.render()
        self.last_render_ms = (time.perf_counter() - started) * 1000

    # ------------------------------------------------------------------ camera
    @property
    def camera_pose(self) -> CameraPose:
        return self.camera.pose

    def set_camera(self, pose: CameraPose, render: bool = True, fade: bool = True) -> None:
        """Put the camera at a pose; the focused muscle's occluders fade for it."""
        self.camera.set_pose(pose)
        if fade and (self.faded or self.highlight.focus is not None):
            self.update_fading()
        if render:
            self.render()

    def _side_name(self) -> str:
        sides = self.highlight.sides
        return "both" if len(sides) != 1 else sides[0]

    def whole_body_pose(self, view: str = "anterior", side: str | None = None) -> CameraPose:
        """The whole visible body from a view, filling the canvas's height with a margin."""
        return self.camera.whole_body_pose(view, side or self._side_name())

    def framed_keys(self) -> list[MuscleKey]:
        """The muscles a framing shows: the focused one, else every highlighted one the
        selection shows (whichever layers are drawn)."""
        return framed_keys(self.highlight, self.muscles.selected)

    def _framed(self) -> FramedParts:
        # a focused trigger point: the view also faces the skin its mark stands on
        points = tuple(self.marks.point_normals()) if self.highlight.point is not None else ()
        return self.camera.framed_parts(self.highlight, self.muscles.selected, points)

    def best_view(self, side: str | None = None) -> str:
        """The view that shows most of the highlighted muscles and zones."""
        return best_view(self._framed().facings(), side or self._side_name(), prefer=self.view)

    def framing(self, view: str | None = None, side: str | None = None) -> CameraPose:
        """The pose that frames the selection (its muscles, trigger points and zones) from
        ``view`` or the best view, leaving room at the sides for its labels; the whole body
        without a selection. The layers drawn never move it: the frame follows the selection."""
        side = side or self._side_name()
        parts = self._framed()
        if not parts:
            return self.camera.whole_body_pose(view or "anterior", side)
        view = view or self.best_view(side)
        texts = [label.text for label, _geo in chosen_labels(self.highlight, self.geometry.muscles)]
        reserve = self.labels.widest(texts) + COLUMN_GAP_PX + EDGE_PX
        return self.camera.selection_pose(parts, view, side, reserve)

    def set_view(self, view: str, side: str | None = None, render: bool = True) -> None:
        """Aim the camera along a preset at the selection (or the whole visible body)."""
        self.view = view
        self.set_camera(self.framing(view, side), render=render)

    def frame(self, render: bool = True) -> str:
        """Turn to the best view of the selection and fit it; returns the view chosen."""
        view = self.best_view() if self.framed_keys() else "anterior"
        self.set_view(view, render=render)
        return view

    def project(self, point: Iterable[float]) -> tuple[float, float]:
        """World point -> display pixel (origin bottom left), as VTK pickers want it."""
        return self.camera.project(point)

    # ------------------------------------------------------------------ picking
    def pick(self, x: float, y: float) -> PickResult | None:
        """What is under display pixel (x, y), origin bottom left: a highlighted muscle, else
        the skin (with its body area), else any visible muscle, else bone."""
        parts = BodyParts(self.muscles, self.skin, self.bones, self.highlight.muscles, self.layers)
        return pick_body(self.picker, self.plotter.renderer, x, y, parts)
