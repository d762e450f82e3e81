"""The 3D lower body: every actor made once; a selection only recolours, fades and hides them.

Actors: bones in three merged groups (left, right, midline); one actor per muscle mesh and side
(so a selection is a handful of property changes, and a pick names the muscle directly); the skin
in a left and a right half (for the side filter) whose per-cell RGBA colours carry the referral
zones (see ``zones.SkinPaint``); one point actor for trigger-point markers and one label actor,
whose small inputs are refilled on each selection.

Layers: skin off but zones on shows only the zone cells (every other cell fully transparent), and
the skin is then not picked; zones off shows plain skin.

Framing, peeling and fading are measured from the meshes once (``body_geometry``): the camera
turns to the view that shows most of a selection and fits it (``framing``); the Highlight's
peel, hidden and isolated structures only switch visibility; with a muscle focused, whatever
stands between the camera and it fades (``fading``), after every camera change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

from tp_explorer import palette
from tp_explorer.scene import zones as zone_paint
from tp_explorer.scene.body_geometry import BodyGeometry, ZoneGeometry, even_sample
from tp_explorer.scene.camera import view_direction
from tp_explorer.scene.context import ContextLayer
from tp_explorer.scene.fading import Occluders
from tp_explorer.scene.framing import (
    START_FILL,
    CameraPose,
    best_view,
    box_corners,
    fit_points,
)
from tp_explorer.scene.labels import COLUMN_GAP_PX, EDGE_PX, LabelPool
from tp_explorer.scene.picking import PickResult, RayPicker, VtkRayPicker
from tp_explorer.state import Highlight

log = logging.getLogger(__name__)

SIDE_OF_X = {True: "left", False: "right"}  # the subject's left is +x
MIDLINE_M = 0.03
ZONE_KINDS = ("essential", "spillover")
FADED_OPACITY = 0.15  # a chain muscle in front of the focused one
FADED_BONE_OPACITY = 0.25
ROLE_WEIGHT = {"focus": 1.0, "local": 1.0, "regional": 0.6, "compare_a": 1.0, "compare_b": 1.0}
MUSCLE_SPECULAR = 0.3
ZONE_WEIGHT = 0.5  # a zone counts for half a muscle of the same area when choosing a view


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
        self._marker_points: dict[tuple[Any, ...], pv.PolyData | None] = {}
        self._markers_shown: tuple[Any, ...] | None = None
        self._base: dict[int, tuple[Any, ...]] = {}  # id(actor) -> props before fading
        self.faded: set[Any] = set()  # keys of muscle / bone actors faded for the focus
        self.view = "anterior"
        self.last_render_ms = 0.0
        self.geometry = BodyGeometry(anatomy)
        plotter.set_background(palette.BACKGROUND)
        # Translucent layers (skin, ghosted muscles) are blended in draw order instead of VTK's
        # order-independent pass: at these low opacities the two pictures differ by < 0.2/255
        # on average, and the order-independent pass cost ~7 ms a frame in software rendering
        # and two float colour buffers the size of the window.
        plotter.renderer.SetUseOIT(False)
        self._add_bones()
        self._add_muscles()
        first = next(iter(self.muscle_actors.values()), None)
        self._muscle_template = first.GetProperty() if first is not None else None
        self._muscle_props: dict[tuple[str, float], Any] = {}
        self.context = ContextLayer(self.plotter.renderer, anatomy)
        self._add_skin()
        self._add_markers()
        self._add_labels(label_font_size)
        self._bone_samples = {
            group: even_sample(np.asarray(pv.wrap(actor.mapper.GetInput()).points), 3000)
            for group, actor in self.bone_actors.items()
        }
        self._occluders = Occluders(
            {("muscle", k): geo.sample for k, geo in self.geometry.muscles.items()}
            | {("bone", g): sample for g, sample in self._bone_samples.items()}
        )
        every = np.vstack([self.geometry.skin_points, *self._bone_samples.values()])
        self._centre = (every.min(axis=0) + every.max(axis=0)) / 2
        self._radius = float(np.linalg.norm(every - self._centre, axis=1).max()) * 1.05
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
                    specular=MUSCLE_SPECULAR,
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

    def _set(
        self,
        actor: Any,
        colour: str | None,
        opacity: float | None,
        visible: bool,
        muscle: bool = False,
    ) -> None:
        state = (colour, opacity, visible)
        if self._props.get(id(actor)) == state:
            return
        self._props[id(actor)] = state
        actor.SetVisibility(visible)
        if muscle and colour is not None and opacity is not None:
            actor.SetProperty(self._muscle_property(colour, opacity))
            return
        prop = actor.GetProperty()
        if colour is not None:
            prop.SetColor(*palette.rgb_float(colour))
        if opacity is not None:
            prop.SetOpacity(opacity)

    def _muscle_property(self, colour: str, opacity: float) -> Any:
        """One shared property per muscle look (colour, opacity), made once.

        Changing an actor's own property makes VTK regenerate that actor's shader source at
        the next render (~0.1 ms an actor: ~8 ms when a selection recolours 80 muscles);
        pointing the actor at a property that has not changed since does not."""
        key = (colour, opacity)
        prop = self._muscle_props.get(key)
        if prop is None:
            prop = pv.Property()
            prop.DeepCopy(self._muscle_template)
            prop.SetColor(*palette.rgb_float(colour))
            prop.SetOpacity(opacity)
            self._muscle_props[key] = prop
        return prop

    @property
    def depth_layers(self) -> dict[tuple[str, str], int]:
        """Each muscle's layer below the skin (0 touches it), for the state's peel."""
        return self.geometry.layers

    @property
    def layer_count(self) -> int:
        return self.geometry.layer_count

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
            drawn = show and side in sides and highlight.shows(("muscle", mesh_id, side))
            self._base[id(actor)] = (colour, opacity, drawn)
        for group, actor in self.bone_actors.items():
            drawn = (
                "bones" in layers
                and (group == "midline" or group in sides)
                and highlight.shows(("bone", group, ""))
            )
            self._base[id(actor)] = (None, 1.0, drawn)
        shown = self._paint_zones(highlight, layers)
        whole_skin = not highlight.isolated
        for side, actor in self.skin_actors.items():
            self._set(
                actor,
                None,
                None,
                whole_skin and side in sides and ("skin" in layers or side in shown),
            )
        self.context.apply(highlight, layers)
        self._fill_markers(highlight, "markers" in layers)
        self._fill_labels(highlight, "labels" in layers)
        self.update_fading()
        if render:
            self.render()

    def update_fading(self) -> None:
        """Fade what stands between the camera and the focused muscle (from this camera)."""
        faded: set[Any] = set()
        focus = self.highlight.muscles_with_role("focus")
        targets = [
            self.geometry.muscles[k].sample
            for k in focus
            if k in self.muscle_actors and self._base[id(self.muscle_actors[k])][2]
        ]
        if targets:
            others = [
                ("muscle", k)
                for k, a in self.muscle_actors.items()
                if k not in focus and self._base[id(a)][2]
            ]
            others += [("bone", g) for g, a in self.bone_actors.items() if self._base[id(a)][2]]
            faded = self._occluders.find(
                np.vstack(targets), others, self._projection(), self._size()
            )
        self.faded = faded
        for key, actor in self.muscle_actors.items():
            colour, opacity, drawn = self._base[id(actor)]
            if ("muscle", key) in faded:
                opacity = min(opacity, FADED_OPACITY)
            self._set(actor, colour, opacity, drawn, muscle=True)
        for group, actor in self.bone_actors.items():
            _colour, opacity, drawn = self._base[id(actor)]
            if ("bone", group) in faded:
                opacity = FADED_BONE_OPACITY
            self._set(actor, None, opacity, drawn)

    def _projection(self) -> np.ndarray:
        renderer = self.plotter.renderer
        aspect = self._aspect()
        matrix = renderer.GetActiveCamera().GetCompositeProjectionTransformMatrix(aspect, -1, 1)
        return np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])

    def _size(self) -> tuple[int, int]:
        width, height = self.plotter.window_size
        return max(int(width), 2), max(int(height), 2)

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
        key = (highlight.markers, highlight.sides)
        points = self._marker_points.get(key)
        if points is None:
            found = [
                self._trigger_point(m.mesh, m.side, m.along, m.aspect)
                for m in highlight.markers
                if (m.mesh, m.side) in self.muscle_actors and m.side in highlight.sides
            ]
            points = pv.PolyData(np.asarray(found, dtype=float)) if found else None
            if len(self._marker_points) > 64:  # a session visits a few dozen selections
                self._marker_points.clear()
            self._marker_points[key] = points
        if points is not None and key != self._markers_shown:
            self._marker_mesh.ShallowCopy(points)
            self._markers_shown = key
        self._set(self.marker_actor, None, None, show and points is not None)

    def _trigger_point(self, mesh: str, side: str, along: float, aspect: str | None) -> Any:
        """The anatomy's trigger point, computed once per (mesh, side, along, aspect)."""
        key = (mesh, side, along, aspect)
        point = self._trigger_points.get(key)
        if point is None:
            point = self._trigger_points[key] = self.anatomy.trigger_point(*key)
        return point

    def _fill_labels(self, highlight: Highlight, show: bool) -> None:
        surfaces, normals, texts, priority = [], [], [], []
        for label in highlight.labels:
            if (label.mesh, label.side) not in self.muscle_actors:
                continue
            geo = self.geometry.muscles[(label.mesh, label.side)]
            surfaces.append(geo.sample)
            normals.append(geo.normals)
            texts.append(label.text)
            priority.append(2.0 if label.muscle == highlight.focus else 1.0)
        avoid = [
            self.geometry.muscles[k].sample
            for k in highlight.muscles
            if k in self.muscle_actors and self._base[id(self.muscle_actors[k])][2]
        ]
        self.labels.show(
            surfaces,
            texts,
            priority,
            visible=show,
            avoid=np.vstack(avoid) if avoid else None,
            normals=normals,
        )

    def label_anchor(self, mesh_id: str, side: str) -> np.ndarray:
        """A point in the middle of a muscle: half-way along its path, or its nearest point
        to its centre (a point of the mesh itself, so it lies on the muscle)."""
        path = self.anatomy.muscle_paths.get(mesh_id, {}).get(side)
        if path is not None and len(path):
            return np.asarray(path[len(path) // 2], dtype=float)
        points = np.asarray(self.anatomy.muscles[mesh_id][side].points, dtype=float)
        return points[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))]

    def render(self) -> None:
        started = time.perf_counter()
        self.plotter.render()
        self.last_render_ms = (time.perf_counter() - started) * 1000

    # ----------------------------------------------------------------- camera
    def _side_name(self) -> str:
        sides = self.highlight.sides
        return "both" if len(sides) != 1 else sides[0]

    def _aspect(self) -> float:
        width, height = self.plotter.window_size
        if width < 2 or height < 2:  # not shown yet
            return 0.75
        return width / height

    @property
    def camera_pose(self) -> CameraPose:
        position, focal, up = self.plotter.camera_position
        return CameraPose(tuple(position), tuple(focal), tuple(up))

    def set_camera(self, pose: CameraPose, render: bool = True, fade: bool = True) -> None:
        """Put the camera at a pose; the focused muscle's occluders fade for it."""
        camera = self.plotter.renderer.GetActiveCamera()
        camera.SetPosition(*pose.position)
        camera.SetFocalPoint(*pose.focal)
        camera.SetViewUp(*pose.up)
        self._clip(camera)
        if fade and (self.faded or self.highlight.focus is not None):
            self.update_fading()
        if render:
            self.render()

    def _clip(self, camera: Any) -> None:
        """Near and far planes around the body's bounding sphere (VTK's own reset walks every
        actor's bounds: ~2 ms a call)."""
        distance = float(np.linalg.norm(self._centre - np.asarray(camera.GetPosition())))
        near = max(distance - self._radius, distance * 0.01)
        camera.SetClippingRange(near, distance + self._radius)

    def whole_body_pose(self, view: str = "anterior", side: str | None = None) -> CameraPose:
        """The whole visible body from a view, filling the canvas's height with a margin."""
        side = side or self._side_name()
        sides = ("left", "right") if side == "both" else (side,)
        skin = self.geometry.skin_points
        on_side = skin if side == "both" else skin[(skin[:, 0] > 0) == (side == "left")]
        parts = [even_sample(on_side, 4000)]
        parts += [p for g, p in self._bone_samples.items() if g == "midline" or g in sides]
        parts += [g.sample for (_m, s), g in self.geometry.muscles.items() if s in sides]
        return fit_points(
            np.vstack(parts),
            view_direction(view, side),
            self.plotter.camera.view_angle,
            self._aspect(),
            fill=START_FILL,
        )

    def framed_keys(self) -> list[tuple[str, str]]:
        """The muscles a framing shows: the focused one, else every highlighted one drawn."""
        h = self.highlight
        focus = h.muscles_with_role("focus")
        keys = focus or set(h.muscles)
        return sorted(
            k for k in keys if k in self.muscle_actors and self._base[id(self.muscle_actors[k])][2]
        )

    def _zone_shapes(self) -> list[ZoneGeometry]:
        """The skin patch of each painted zone on a visible side."""
        if "zones" not in self.layers:
            return []
        sides = self.highlight.sides
        shapes = (
            self.geometry.zone(area, side) for area, side in self.highlight.zones if side in sides
        )
        return [shape for shape in shapes if shape is not None]

    def best_view(self, side: str | None = None) -> str:
        """The view that shows most of the highlighted muscles and zones."""
        side = side or self._side_name()
        facings: list[tuple[np.ndarray, float]] = []
        for key in self.framed_keys():
            geo = self.geometry.muscles[key]
            weight = ROLE_WEIGHT.get(self.highlight.muscles.get(key, ""), 0.5)
            facings.append((geo.facing, geo.area * weight))
        if not self.highlight.focus:
            for zone in self._zone_shapes():
                facings.append((zone.direction, zone.weight * ZONE_WEIGHT))
        return best_view(facings, side, prefer=self.view)

    def framing(self, view: str | None = None, side: str | None = None) -> CameraPose:
        """The pose that frames the selection (its muscles and zones) from ``view`` or the best
        view, leaving room at the sides for the labels; the whole body without a selection."""
        side = side or self._side_name()
        keys = self.framed_keys()
        if not keys:
            return self.whole_body_pose(view or "anterior", side)
        view = view or self.best_view(side)
        boxes = [self.geometry.muscles[k] for k in keys]
        if not self.highlight.focus:
            boxes += self._zone_shapes()
        lo = np.min([box.lo for box in boxes], axis=0)
        hi = np.max([box.hi for box in boxes], axis=0)
        width, _height = self._size()
        reserve = self.labels.widest() + COLUMN_GAP_PX + EDGE_PX if "labels" in self.layers else 0
        fill_width = min(0.9, max(0.3, 1 - 2 * (reserve + 8) / width))
        return fit_points(
            box_corners(lo, hi),
            view_direction(view, side),
            self.plotter.camera.view_angle,
            self._aspect(),
            fill_width=fill_width,
        )

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
