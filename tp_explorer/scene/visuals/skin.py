"""The skin: a left and a right half (for the side filter) whose per-point levels carry the
referral zones (``zones.SkinPaint``), drawn by the zone shader (``zone_shader``).

Two ways of drawing it: the atlas view's translucent skin over the chain's muscles, and the
chart view's ("chart" in the layers) opaque, matte, light neutral skin, as the manual's
charts draw it. Skin off but zones on shows only
the zones, and the skin is then not picked; zones off shows plain skin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkDataArray
from vtkmodules.vtkCommonDataModel import vtkPlane
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper, vtkProp

from tp_explorer import palette
from tp_explorer.scene import zones as zone_paint
from tp_explorer.scene.layout.arrays import FloatArray, IntArray
from tp_explorer.scene.layout.body_geometry import sample_ids
from tp_explorer.scene.visuals import zone_shader
from tp_explorer.scene.visuals.actors import make_actor
from tp_explorer.scene.vtk_arrays import vtk_to_numpy
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

SIDES = ("left", "right")
Zones = dict[tuple[str, str], str]  # (fine area, side) -> "essential" | "spillover"

# (skin colour, ambient, diffuse, specular) of each way of drawing
ATLAS_LOOK = (palette.SKIN, 0.15, 1.0, 0.1)
CHART_LOOK = (palette.CHART_SKIN, 0.35, 0.7, 0.0)  # matte


class SkinVisuals:
    """The two halves' actors, the skin point each of their points is, and the paint."""

    def __init__(self, renderer: pv.Renderer, anatomy: Anatomy) -> None:
        self.anatomy = anatomy
        skin = anatomy.skin
        if not skin.is_all_triangles:
            skin = skin.triangulate()
        faces = skin.regular_faces
        points = np.asarray(skin.points)
        # each half holds every triangle that reaches its side (those across the midline are
        # in both) and is cut along the midline plane: the halves meet on a straight line
        corner_x = points[faces][:, :, 0]
        halves = {
            "left": np.nonzero((corner_x > 0).any(axis=1))[0],
            "right": np.nonzero((corner_x < 0).any(axis=1))[0],
        }
        self.actors: dict[str, pv.Actor] = {}
        self.point_ids: dict[str, IntArray] = {}  # a half's point -> the skin's point
        meshes, shapes = {}, {}
        for side, cells in halves.items():
            ids, local = np.unique(faces[cells], return_inverse=True)
            self.point_ids[side] = ids
            triangles = local.reshape(-1, 3).astype(int)
            meshes[side] = pv.PolyData.from_regular_faces(points[ids], triangles)
            shapes[side] = (np.asarray(points[ids], dtype=float), triangles)
        fine = getattr(anatomy, "fine_areas", {}) or {}
        self.paint = zone_paint.SkinPaint(fine, self.point_ids, len(points), shapes)
        self.skin_points = points
        self._level_arrays: dict[str, vtkDataArray] = {}  # side -> the array the mapper draws
        for side, mesh in meshes.items():
            half = mesh.compute_normals(cell_normals=False, split_vertices=False)
            half.point_data[zone_paint.LEVELS] = self.paint.levels[side]
            array = half.GetPointData().GetArray(zone_paint.LEVELS)
            self.paint.bind(side, vtk_to_numpy(array))
            self._level_arrays[side] = array
            mapper = _plain_mapper(half)
            actor = make_actor(
                renderer,
                half,
                mapper=mapper,
                color=palette.SKIN,
                smooth_shading=True,
                culling=True,
                specular=0.1,
                ambient=0.15,
                name=f"skin-{side}",
            )
            zone_shader.install(mapper, actor)
            plane = vtkPlane()
            plane.SetNormal(1.0 if side == "left" else -1.0, 0.0, 0.0)  # the left is +x
            mapper.AddClippingPlane(plane)
            self.actors[side] = actor
        self._painted: tuple[object, ...] | None = None
        self._look: tuple[object, ...] | None = None
        self._zone_halves: set[str] = set()
        self._shown: dict[str, bool] = {}

    def apply(self, highlight: Highlight, layers: frozenset[str]) -> None:
        """Paint the selection's zones; draw a half where the skin layer or a zone shows."""
        chart = "chart" in layers
        shown = self._paint_zones(highlight, layers)
        self._set_look(chart, "skin" in layers)
        whole_skin = not highlight.isolated
        for side, actor in self.actors.items():
            visible = whole_skin and side in highlight.sides and ("skin" in layers or side in shown)
            if self._shown.get(side) != visible:
                self._shown[side] = visible
                actor.SetVisibility(visible)

    def _paint_zones(self, highlight: Highlight, layers: frozenset[str]) -> set[str]:
        """Rewrite the halves' zone levels (only when the painted zones change)."""
        zones = highlight.zones if "zones" in layers else {}
        key = (frozenset(zones.items()), highlight.sides)
        if key != self._painted:
            self._painted = key
            self._zone_halves = self.paint.paint(zones, highlight.sides)
            for side, actor in self.actors.items():
                zone_shader.set_painted(actor, side in self._zone_halves)
            self._modified()
        return self._zone_halves

    def _modified(self) -> None:
        for array in self._level_arrays.values():
            array.Modified()

    def _set_look(self, chart: bool, skin: bool) -> None:
        """Colour, lighting and the shader's settings of the atlas or the chart view."""
        look_key = (chart, skin)
        if look_key == self._look:
            return
        self._look = look_key
        colour, ambient, diffuse, specular = CHART_LOOK if chart else ATLAS_LOOK
        skin_alpha = (1.0 if chart else palette.SKIN_OPACITY) if skin else 0.0
        zone_alpha, light_alpha = (
            (1.0, 1.0) if chart else (palette.ZONE_OPACITY, palette.SPILLOVER_LIGHT_OPACITY)
        )
        look = zone_shader.ZoneLook(skin_alpha, zone_alpha, light_alpha)
        opaque = skin_alpha >= 1.0
        for actor in self.actors.values():
            prop = actor.GetProperty()
            prop.SetColor(*palette.rgb_float(colour))
            prop.SetAmbient(ambient)
            prop.SetDiffuse(diffuse)
            prop.SetSpecular(specular)
            # VTK draws an actor in its translucent pass when its opacity is below one; a
            # painted half's shader sets each fragment's own, a half without zones draws
            # plain skin at the property's (skin off: only a painted half is drawn)
            prop.SetOpacity(1.0 if opaque else (skin_alpha or 0.5))
            zone_shader.set_look(actor, look)
        self.paint.skin_rgba = zone_paint.rgba(colour, skin_alpha)

    def zone_sample(self, limit: int = 3000) -> FloatArray:
        """At most ``limit`` skin points of the painted zones, spread over them (labels keep
        clear of the zones in the chart view)."""
        found = np.concatenate(
            [self.point_ids[half][codes > 0] for half, codes in self.paint.codes.items()]
        )
        sample: FloatArray = self.skin_points[found[sample_ids(len(found), limit)]]
        return sample

    def painted_zones(self) -> Zones:
        """(fine area, side) -> "essential" | "spillover", read back from the halves' levels."""
        return self.paint.painted_zones()

    def pickable(self, layers: frozenset[str]) -> list[pv.Actor]:
        """The halves a click may land on: drawn, and only while the skin layer is on."""
        if "skin" not in layers:
            return []
        return [actor for actor in self.actors.values() if actor.GetVisibility()]

    def area_at(self, actor: vtkProp, point_id: int) -> tuple[str, str] | None:
        """The body area (and side) of a half's point, for a pick on the skin."""
        side = next((s for s, mine in self.actors.items() if mine is actor), None)
        if side is None:
            return None
        ids = self.point_ids[side]
        if not 0 <= point_id < len(ids):
            return None
        area: tuple[str, str] | None = self.anatomy.area_of_point(int(ids[point_id]))
        return area


def _plain_mapper(half: pv.PolyData) -> vtkPolyDataMapper:
    """A mapper without scalar colours: the zone shader paints from the level array."""
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(half)
    mapper.ScalarVisibilityOff()
    return mapper
