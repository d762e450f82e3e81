"""The 3D lower body: every actor made once; a selection only recolours, fades and hides them.

Actors: bones in three merged groups (left, right, midline); one actor per muscle mesh and side
(so a selection is a handful of property changes, and a pick names the muscle directly); the skin
in a left and a right half (for the side filter) whose per-cell RGBA colours carry the referral
zones (see ``zones.SkinPaint``); one point actor for trigger-point markers and one label actor,
whose small inputs are refilled on each selection.

Layers: skin off but zones on shows only the zone cells (every other cell fully transparent), and
the skin is then not picked; zones off shows plain skin.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

from tp_explorer import palette
from tp_explorer.scene import zones as zone_paint
from tp_explorer.scene.camera import camera_position, view_direction
from tp_explorer.scene.labels import LabelPool
from tp_explorer.scene.picking import PickResult, RayPicker, VtkRayPicker
from tp_explorer.state import Highlight

log = logging.getLogger(__name__)

SIDE_OF_X = {True: "left", False: "right"}  # the subject's left is +x
MIDLINE_M = 0.03
ZONE_KINDS = ("essential", "spillover")


def _side_of(x: float) -> str:
    return SIDE_OF_X[x > 0]


class BodyScene:
    """Owns the actors of one plotter (a QtInteractor or an off-screen pyvista.Plotter)."""

    def __init__(
        self,
        plotter: Any,
        anatomy: Any,
        *,
        picker: RayPicker | None = None,
        label_font_size: int = 14,
    ) -> None:
        self.plotter = plotter
        self.anatomy = anatomy
        self.picker: RayPicker = picker or VtkRayPicker()
        self.muscle_actors: dict[tuple[str, str], Any] = {}
        self.bone_actors: dict[str, Any] = {}
        self.skin_actors: dict[str, Any] = {}
        self.highlight = Highlight()
        self.layers: frozenset[str] = frozenset()
        self._skin_point_ids: dict[str, np.ndarray] = {}
        self._skin_colour_arrays: dict[str, Any] = {}  # side -> the vtk array the mapper draws
        self._painted_key: tuple[Any, ...] | None = None
        self._zone_halves: set[str] = set()
        self._owner: dict[int, tuple[str, Any]] = {}  # id(actor) -> (kind, key)
        self._props: dict[int, tuple[Any, ...]] = {}  # last (colour, opacity, visible) set
        self.side_bounds: dict[str, tuple[float, ...]] = {}
        self._trigger_points: dict[tuple[Any, ...], np.ndarray] = {}
        plotter.set_background(palette.BACKGROUND)
        # Translucent layers (skin, ghosted muscles) are blended in draw order instead of VTK's
        # order-independent pass: at these low opacities the two pictures differ by < 0.2/255
        # on average, and the order-independent pass cost ~7 ms a frame in software rendering
        # and two float colour buffers the size of the window.
        plotter.renderer.SetUseOIT(False)
        self._add_bones()
        self._add_muscles()
        self._add_skin()
        self._add_markers()
        self._add_labels(label_font_size)
        self.apply(Highlight(), frozenset({"skin", "muscles", "bones", "zones"}), render=False)
        self.set_view("anterior", "both", render=False)

    # ----------------------------------------------------------------- start-up (once)
    def _add(
        self,
        mesh: pv.PolyData,
        kind: str,
        key: Any,
        *,
        name: str,
        color: str,
        opacity: float = 1.0,
        smooth_shading: bool = False,
        specular: float = 0.0,
        ambient: float = 0.0,
        culling: str | None = None,
        texture: pv.Texture | None = None,
        pickable: bool = True,
        mapper: Any = None,
    ) -> pv.Actor:
        """One actor, made directly: what add_mesh(color=..., smooth_shading=...) makes, without
        its per-call overhead and without keeping a normals filter (a second copy) per mesh.

        The mapper is VTK's own: pyvista's wrapper builds a lookup table per mapper that a
        scene drawn in plain colours never uses (~55 ms of start-up for 100 mappers)."""
        if mapper is None:
            if smooth_shading and mesh.point_data.active_normals is None:
                mesh = mesh.compute_normals(cell_normals=False, split_vertices=False)
            mapper = vtkPolyDataMapper()
            mapper.SetInputData(mesh)
            mapper.ScalarVisibilityOff()
        actor = pv.Actor(mapper=mapper)
        prop = actor.prop
        prop.color = color
        prop.opacity = opacity
        prop.specular = specular
        prop.ambient = ambient
        prop.interpolation = "phong" if smooth_shading else "flat"
        if culling == "back":
            prop.backface_culling = True
        if texture is not None:
            actor.texture = texture
        self.plotter.renderer.add_actor(
            actor,
            name=name,
            pickable=pickable,
            reset_camera=False,
            render=False,
            remove_existing_actor=False,  # names are unique here; the check is O(actors)
        )
        self._owner[id(actor)] = (kind, key)
        return actor

    def _add_bones(self) -> None:
        groups: dict[str, list[pv.PolyData]] = {"left": [], "right": [], "midline": []}
        for mesh in self.anatomy.bones.values():
            x = float(mesh.center[0])
            groups["midline" if abs(x) < MIDLINE_M else _side_of(x)].append(mesh)
        for group, meshes in groups.items():
            if meshes:
                merged = pv.merge(meshes) if len(meshes) > 1 else meshes[0]
                self.bone_actors[group] = self._add(
                    merged,
                    "bone",
                    group,
                    color=palette.BONE,
                    smooth_shading=True,
                    specular=0.2,
                    name=f"bones-{group}",
                )

    def _add_muscles(self) -> None:
        for mesh_id, by_side in self.anatomy.muscles.items():
            for side, mesh in by_side.items():
                self.muscle_actors[(mesh_id, side)] = self._add(
                    mesh,
                    "muscle",
                    (mesh_id, side),
                    color=palette.CONTEXT,
                    smooth_shading=True,
                    specular=0.3,
                    # Bellies are closed and wound outward (tests/anatomy): their back faces are
                    # never seen when opaque, and a ghosted belly drawn once instead of twice
                    # reads the same. ~7 ms less per frame in software rendering.
                    culling="back",
                    name=f"muscle-{mesh_id}-{side}",
                )

    def _add_skin(self) -> None:
        skin = self.anatomy.skin
        if not skin.is_all_triangles:
            skin = skin.triangulate()
        self._skin = skin
        faces = skin.regular_faces
        centres = skin.cell_centers().points
        pts = skin.points
        halves = {
            side: np.nonzero((centres[:, 0] > 0) == (side == "left"))[0]
            for side in ("left", "right")
        }
        self.zone_paint = zone_paint.SkinPaint(skin, self.anatomy.areas, halves)
        for side, cells in halves.items():
            # Cells keep the skin's order within a half, so the paint's index arrays apply.
            ids, local = np.unique(faces[cells], return_inverse=True)
            self._skin_point_ids[side] = ids
            half = pv.PolyData.from_regular_faces(pts[ids], local.reshape(-1, 3))
            half = half.compute_normals(cell_normals=False, split_vertices=False)
            half.cell_data[zone_paint.COLOUR_ARRAY] = self.zone_paint.colours[side]
            array = half.GetCellData().GetArray(zone_paint.COLOUR_ARRAY)
            self.zone_paint.bind(side, vtk_to_numpy(array))
            self._skin_colour_arrays[side] = array
            mapper = vtkPolyDataMapper()
            mapper.SetInputData(half)
            mapper.SetScalarModeToUseCellFieldData()
            mapper.SelectColorArray(zone_paint.COLOUR_ARRAY)
            mapper.SetColorModeToDirectScalars()
            mapper.ScalarVisibilityOn()
            self.skin_actors[side] = self._add(
                half,
                "skin",
                side,
                mapper=mapper,
                color=palette.SKIN,
                smooth_shading=True,
                culling="back",
                specular=0.1,
                ambient=0.15,
                name=f"skin-{side}",
            )
            on_side = pts[(pts[:, 0] > 0) == (side == "left")]
            lo, hi = on_side.min(axis=0), on_side.max(axis=0)
            self.side_bounds[side] = (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        self.side_bounds["both"] = (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])

    def _add_markers(self) -> None:
        self._marker_mesh = pv.PolyData(np.zeros((1, 3)))
        self.marker_actor = self.plotter.add_mesh(
            self._marker_mesh,
            color=palette.MARKER,
            point_size=11,
            render_points_as_spheres=True,
            pickable=False,
            reset_camera=False,
            render=False,
            name="trigger-points",
        )

    def _add_labels(self, font_size: int) -> None:
        # One label per muscle, on one side: as many as there are muscle meshes is room enough.
        self.labels = LabelPool(self.plotter.renderer, len(self.anatomy.muscles), font_size)

    # ----------------------------------------------------------------- selection (cheap)
    @property
    def actor_count(self) -> int:
        """Every prop in the renderer (3D actors and 2D labels); constant after start-up."""
        return self.plotter.renderer.GetViewProps().GetNumberOfItems()

    def _set(self, actor: Any, colour: str | None, opacity: float | None, visible: bool) -> None:
        state = (colour, opacity, visible)
        if self._props.get(id(actor)) == state:
            return
        self._props[id(actor)] = state
        actor.SetVisibility(visible)
        prop = actor.GetProperty()
        if colour is not None:
            prop.SetColor(*palette.rgb_float(colour))
        if opacity is not None:
            prop.SetOpacity(opacity)

    def apply(
        self, highlight: Highlight, layers: Iterable[str] | None = None, render: bool = True
    ) -> None:
        """Paint a selection: colours, opacities, visibility and the two small overlay inputs.

        Without ``layers`` the layers of the previous call stay.
        """
        layers = self.layers if layers is None else frozenset(layers)
        self.highlight, self.layers = highlight, layers
        sides = set(highlight.sides)
        show = "muscles" in layers
        for (mesh_id, side), actor in self.muscle_actors.items():
            role = highlight.muscles.get((mesh_id, side))
            if role is not None:
                colour, opacity = palette.ROLE_COLOURS[role], 1.0
            elif highlight.ghost_others:
                colour, opacity = palette.CONTEXT, palette.GHOST_OPACITY
            else:
                colour, opacity = palette.CONTEXT, 1.0
            self._set(actor, colour, opacity, show and side in sides)
        for group, actor in self.bone_actors.items():
            self._set(
                actor, None, None, "bones" in layers and (group == "midline" or group in sides)
            )
        shown = self._paint_zones(highlight, layers)
        for side, actor in self.skin_actors.items():
            self._set(actor, None, None, side in sides and ("skin" in layers or side in shown))
        self._fill_markers(highlight, "markers" in layers)
        self._fill_labels(highlight, "labels" in layers)
        if render:
            self.render()

    def _paint_zones(self, highlight: Highlight, layers: frozenset[str]) -> set[str]:
        """Rewrite the skin halves' cell colours (only when the painted zones change)."""
        zones = highlight.zones if "zones" in layers else {}
        key = (frozenset(zones.items()), highlight.sides, "skin" in layers)
        if key != self._painted_key:
            self._painted_key = key
            self._zone_halves = self.zone_paint.paint(zones, highlight.sides, "skin" in layers)
            for array in self._skin_colour_arrays.values():
                array.Modified()
        return self._zone_halves

    def painted_zones(self) -> dict[tuple[str, str], str]:
        """(area, side) -> "essential" | "spillover", read back from the skin's colour arrays.

        A cell set all in the essential colour is essential; one in both spillover band colours
        is spillover; anything else is unpainted. For tests and the legend's checks.
        """
        result: dict[tuple[str, str], str] = {}
        for key, by_half in self.zone_paint.cells.items():
            rows = np.vstack([self.zone_paint.colours[h][c] for h, c in by_half.items()])
            if not len(rows):
                continue
            light = (rows == zone_paint.SPILLOVER_LIGHT_RGBA).all(axis=1)
            dark = (rows == zone_paint.SPILLOVER_RGBA).all(axis=1)
            if light.any() and (light | dark).all():
                result[key] = "spillover"
            elif (rows == zone_paint.ESSENTIAL_RGBA).all(axis=1).all():
                result[key] = "essential"
        return result

    def _fill_markers(self, highlight: Highlight, show: bool) -> None:
        points = [
            self._trigger_point(m.mesh, m.side, m.along, m.aspect)
            for m in highlight.markers
            if (m.mesh, m.side) in self.muscle_actors and m.side in highlight.sides
        ]
        if points:
            self._marker_mesh.copy_from(pv.PolyData(np.asarray(points, dtype=float)))
        self._set(self.marker_actor, None, None, show and bool(points))

    def _trigger_point(self, mesh: str, side: str, along: float, aspect: str | None) -> Any:
        """The anatomy's trigger point, computed once per (mesh, side, along, aspect)."""
        key = (mesh, side, along, aspect)
        point = self._trigger_points.get(key)
        if point is None:
            point = self._trigger_points[key] = self.anatomy.trigger_point(*key)
        return point

    def _fill_labels(self, highlight: Highlight, show: bool) -> None:
        anchors, texts, priority = [], [], []
        for label in highlight.labels:
            if (label.mesh, label.side) not in self.muscle_actors:
                continue
            anchors.append(self.label_anchor(label.mesh, label.side))
            texts.append(label.text)
            priority.append(2.0 if label.muscle == highlight.focus else 1.0)
        self.labels.show(np.asarray(anchors, dtype=float), texts, priority, visible=show)

    def label_anchor(self, mesh_id: str, side: str) -> np.ndarray:
        """Where a muscle's label points: half-way along its path, or its centre."""
        path = self.anatomy.muscle_paths.get(mesh_id, {}).get(side)
        if path is not None and len(path):
            return np.asarray(path[len(path) // 2], dtype=float)
        return np.asarray(self.anatomy.muscles[mesh_id][side].center, dtype=float)

    def render(self) -> None:
        self.plotter.render()

    # ----------------------------------------------------------------- camera
    def _side_name(self) -> str:
        sides = self.highlight.sides
        return "both" if len(sides) != 1 else sides[0]

    def _aspect(self) -> float:
        width, height = self.plotter.window_size
        if width < 2 or height < 2:  # not shown yet
            return 0.75
        return width / height

    def set_view(self, view: str, side: str | None = None, render: bool = True) -> None:
        """Aim the camera along a preset at the visible part of the body."""
        side = side or self._side_name()
        direction = view_direction(view, side)
        bounds = self.side_bounds.get(side, self.side_bounds["both"])
        camera = self.plotter.camera
        position, focal, up = camera_position(bounds, direction, camera.view_angle, self._aspect())
        self.plotter.camera_position = [position, focal, up]
        self.plotter.renderer.ResetCameraClippingRange()
        if render:
            self.render()

    def focus_camera(self, keys: Iterable[tuple[str, str]], render: bool = True) -> None:
        """Turn the camera to face the given muscle meshes from outside the limb."""
        meshes = [self.anatomy.muscles[m][s] for m, s in keys if (m, s) in self.muscle_actors]
        if not meshes:
            return
        pts = np.vstack([m.points for m in meshes])
        centre = pts.mean(axis=0)
        side = _side_of(float(centre[0]))
        skin_pts = self._skin.points
        near = skin_pts[
            (np.abs(skin_pts[:, 2] - centre[2]) < 0.05) & ((skin_pts[:, 0] > 0) == (side == "left"))
        ]
        axis = near.mean(axis=0) if len(near) else np.array([0.0, 0.0, centre[2]])
        outward = centre - axis
        outward[2] = 0.0
        if np.linalg.norm(outward) < 0.01:
            outward = np.array([0.0, -1.0, 0.0])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        half = np.maximum((hi - lo) / 2 * 1.8, 0.08)
        bounds = tuple(np.column_stack([centre - half, centre + half]).ravel())
        position, focal, up = camera_position(
            bounds, tuple(outward), self.plotter.camera.view_angle, self._aspect()
        )
        self.plotter.camera_position = [position, focal, up]
        self.plotter.renderer.ResetCameraClippingRange()
        if render:
            self.render()

    def project(self, point: Iterable[float]) -> tuple[float, float]:
        """World point -> display pixel (origin bottom left), as VTK pickers want it."""
        renderer = self.plotter.renderer
        x, y, z = (float(v) for v in point)
        renderer.SetWorldPoint(x, y, z, 1.0)
        renderer.WorldToDisplay()
        dx, dy, _ = renderer.GetDisplayPoint()
        return dx, dy

    # ----------------------------------------------------------------- picking
    def pick(self, x: float, y: float) -> PickResult | None:
        """What is under display pixel (x, y), origin bottom left.

        Highlighted muscles win (they are what the user looks at, even through the skin); then
        the skin (a body area, for the reverse lookup); then any visible muscle; then bone.
        """
        renderer = self.plotter.renderer
        skin = [a for a in self.skin_actors.values() if a.GetVisibility() and "skin" in self.layers]
        skin_hit = self.picker.pick(x, y, renderer, skin)
        area: tuple[str, str] | None = None
        if skin_hit is not None:
            side = self._owner[id(skin_hit.actor)][1]
            ids = self._skin_point_ids[side]
            if 0 <= skin_hit.point_id < len(ids):
                area = self.anatomy.area_of_point(int(ids[skin_hit.point_id]))
        area_kw = {"area": area[0], "area_side": area[1]} if area else {}
        visible = [(k, a) for k, a in self.muscle_actors.items() if a.GetVisibility()]
        lit = [a for k, a in visible if k in self.highlight.muscles]
        hit = self.picker.pick(x, y, renderer, lit)
        if hit is not None:
            mesh_id, side = self._owner[id(hit.actor)][1]
            return PickResult("muscle", mesh_id, side, **area_kw)
        if skin_hit is not None:
            return PickResult("skin", **area_kw)
        hit = self.picker.pick(
            x, y, renderer, [a for k, a in visible if k not in self.highlight.muscles]
        )
        if hit is not None:
            mesh_id, side = self._owner[id(hit.actor)][1]
            return PickResult("muscle", mesh_id, side)
        bones = [a for a in self.bone_actors.values() if a.GetVisibility()]
        hit = self.picker.pick(x, y, renderer, bones)
        if hit is not None:
            return PickResult("bone", side=self._owner[id(hit.actor)][1])
        return None

    def owner_of(self, actor: Any) -> tuple[str, Any] | None:
        """(kind, key) of one of this scene's actors; for tests and fake pickers."""
        return self._owner.get(id(actor))
