"""The camera rig: where the plotter's camera stands (pose and clipping), how it projects, and
the poses that frame a selection or the whole body. The presets themselves are plain data in
``layout.views`` (re-exported here, where the rest of the program has always found them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkCamera, vtkRenderer

from tp_explorer.knowledge.skin_areas import MIDLINE
from tp_explorer.scene.layout.arrays import FloatArray, vec3
from tp_explorer.scene.layout.body_geometry import BodyGeometry, even_sample
from tp_explorer.scene.layout.framing import (
    START_FILL,
    CameraPose,
    FramedParts,
    fit_points,
    label_fill_width,
    role_weight,
    tilted,
)
from tp_explorer.scene.layout.projection import Projection
from tp_explorer.scene.layout.views import (
    UP,
    VIEW_CHOICES,
    VIEWS,
    ViewPreset,
    camera_position,
    view_direction,
)
from tp_explorer.state import Highlight
from tp_explorer.state.zones import ESSENTIAL

__all__ = [
    "UP",
    "VIEWS",
    "VIEW_CHOICES",
    "CameraRig",
    "ViewPreset",
    "camera_position",
    "framed_keys",
    "projection_matrix",
    "renderer_projection",
    "view_direction",
]

MuscleKey = tuple[str, str]
Drawn = Callable[[MuscleKey], bool]  # whether the scene draws a muscle now


def projection_matrix(camera: vtkCamera, aspect: float) -> FloatArray:
    """A VTK camera's composite projection (4 x 4) for a viewport of this aspect ratio."""
    matrix = camera.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
    return np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])


def renderer_projection(renderer: vtkRenderer) -> Projection:
    """A renderer's camera as the layout core sees it, on the renderer's own viewport."""
    camera = renderer.GetActiveCamera()
    matrix = projection_matrix(camera, renderer.GetTiledAspectRatio())
    width, height = (int(v) for v in renderer.GetSize())
    return Projection(matrix, (width, height), vec3(camera.GetPosition()))


def framed_keys(highlight: Highlight, drawn: Drawn) -> list[MuscleKey]:
    """The muscles a framing shows: the focused one, else every highlighted one drawn."""
    keys = highlight.muscles_with_role("focus") or set(highlight.muscles)
    return sorted(k for k in keys if drawn(k))


class CameraRig:
    """The plotter's one camera. ``geometry`` and ``bones`` (each bone group's point sample)
    are what it frames; the clipping planes hug the bounding sphere of the skin and bones."""

    def __init__(
        self, plotter: pv.BasePlotter, geometry: BodyGeometry, bones: Mapping[str, FloatArray]
    ) -> None:
        self.plotter = plotter
        self.geometry = geometry
        self.bones = bones
        every = np.vstack([geometry.skin_points, *bones.values()])
        self._centre = (every.min(axis=0) + every.max(axis=0)) / 2
        self._radius = float(np.linalg.norm(every - self._centre, axis=1).max()) * 1.05

    # ------------------------------------------------------------------ the camera itself
    def aspect(self) -> float:
        width, height = self.plotter.window_size
        if width < 2 or height < 2:  # not shown yet
            return 0.75
        return float(width / height)

    def size(self) -> tuple[int, int]:
        width, height = self.plotter.window_size
        return max(int(width), 2), max(int(height), 2)

    @property
    def pose(self) -> CameraPose:
        now = self.plotter.camera_position
        return CameraPose(vec3(now.position), vec3(now.focal_point), vec3(now.viewup))

    def set_pose(self, pose: CameraPose) -> None:
        camera = self.plotter.renderer.GetActiveCamera()
        camera.SetPosition(*pose.position)
        camera.SetFocalPoint(*pose.focal)
        camera.SetViewUp(*pose.up)
        self._clip(camera)

    def _clip(self, camera: vtkCamera) -> None:
        """Near and far planes around the body's bounding sphere (VTK's own reset walks every
        actor's bounds: ~2 ms a call)."""
        distance = float(np.linalg.norm(self._centre - np.asarray(camera.GetPosition())))
        near = max(distance - self._radius, distance * 0.01)
        camera.SetClippingRange(near, distance + self._radius)

    def projection(self) -> Projection:
        """The camera as the layout core sees it, on the plotter's whole window."""
        camera = self.plotter.renderer.GetActiveCamera()
        matrix = projection_matrix(camera, self.aspect())
        return Projection(matrix, self.size(), vec3(camera.GetPosition()))

    def project(self, point: Iterable[float]) -> tuple[float, float]:
        """World point -> display pixel (origin bottom left), as VTK pickers want it."""
        renderer = self.plotter.renderer
        x, y, z = (float(v) for v in point)
        renderer.SetWorldPoint(x, y, z, 1.0)
        renderer.WorldToDisplay()
        dx, dy, _ = renderer.GetDisplayPoint()
        return float(dx), float(dy)

    # ------------------------------------------------------------------ framing
    def framed_parts(
        self, highlight: Highlight, selected: Drawn, points: tuple[FloatArray, ...] = ()
    ) -> FramedParts:
        """The framed muscles (with their roles' weights) and the skin patch of each of the
        selection's zones on a visible side (a midline zone with either side): with a muscle
        or a trigger point in focus, its own zones; ``points``: the skin normals over a
        focused trigger point. The layers drawn do not count."""
        muscles = self.geometry.muscles
        framed = tuple(
            (muscles[k], role_weight(highlight.muscles.get(k)))
            for k in framed_keys(highlight, selected)
        )
        sides = highlight.sides
        shown = [
            (self.geometry.zone(area, side), kind)
            for (area, side), kind in highlight.zones.items()
            if side in sides or side == MIDLINE
        ]
        zones = tuple(shape for shape, _kind in shown if shape is not None)
        essential = tuple(s for s, kind in shown if s is not None and kind == ESSENTIAL)
        return FramedParts(framed, zones, points, essential)

    def whole_body_pose(self, view: str, side: str) -> CameraPose:
        """The whole visible body from a view, filling the canvas's height with a margin."""
        sides = ("left", "right") if side == "both" else (side,)
        skin = self.geometry.skin_points
        on_side = skin if side == "both" else skin[(skin[:, 0] > 0) == (side == "left")]
        parts = [even_sample(on_side, 4000)]
        parts += [p for g, p in self.bones.items() if g == "midline" or g in sides]
        parts += [g.sample for (_m, s), g in self.geometry.muscles.items() if s in sides]
        return fit_points(
            np.vstack(parts),
            view_direction(view, side),
            self.plotter.camera.view_angle,
            self.aspect(),
            fill=START_FILL,
        )

    def selection_pose(
        self, parts: FramedParts, view: str, side: str, reserve_px: float
    ) -> CameraPose:
        """The pose that frames these parts from ``view`` (turned under the body where the
        zones face the floor, as the sole's do), leaving ``reserve_px`` at each side for a
        column of labels."""
        width, _height = self.size()
        return fit_points(
            parts.corners(),
            tilted(view_direction(view, side), parts.zone_facings()),
            self.plotter.camera.view_angle,
            self.aspect(),
            fill_width=label_fill_width(width, reserve_px),
        )
