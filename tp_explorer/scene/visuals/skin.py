"""The skin: a left and a right half (for the side filter) whose per-cell RGBA colours carry
the referral zones (``zones.SkinPaint``).

Skin off but zones on shows only the zone cells (every other cell fully transparent), and
the skin is then not picked; zones off shows plain skin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkDataArray
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper, vtkProp

from tp_explorer import palette
from tp_explorer.scene import zones as zone_paint
from tp_explorer.scene.layout.arrays import IntArray
from tp_explorer.scene.visuals.actors import make_actor
from tp_explorer.scene.vtk_arrays import vtk_to_numpy
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

SIDES = ("left", "right")
Zones = dict[tuple[str, str], str]  # (area, side) -> "essential" | "spillover"


class SkinVisuals:
    """The two halves' actors, the skin point each of their points is, and the paint."""

    def __init__(self, renderer: pv.Renderer, anatomy: Anatomy) -> None:
        self.anatomy = anatomy
        skin = anatomy.skin
        if not skin.is_all_triangles:
            skin = skin.triangulate()
        faces = skin.regular_faces
        centres = skin.cell_centers().points
        points = skin.points
        halves = {side: np.nonzero((centres[:, 0] > 0) == (side == "left"))[0] for side in SIDES}
        self.paint = zone_paint.SkinPaint(skin, anatomy.areas, halves)
        self.actors: dict[str, pv.Actor] = {}
        self.point_ids: dict[str, IntArray] = {}  # a half's point -> the skin's point
        self._colour_arrays: dict[str, vtkDataArray] = {}  # side -> the vtk array the mapper draws
        for side, cells in halves.items():
            # Cells keep the skin's order within a half, so the paint's index arrays apply.
            ids, local = np.unique(faces[cells], return_inverse=True)
            self.point_ids[side] = ids
            half = pv.PolyData.from_regular_faces(points[ids], local.reshape(-1, 3))
            half = half.compute_normals(cell_normals=False, split_vertices=False)
            half.cell_data[zone_paint.COLOUR_ARRAY] = self.paint.colours[side]
            array = half.GetCellData().GetArray(zone_paint.COLOUR_ARRAY)
            self.paint.bind(side, vtk_to_numpy(array))
            self._colour_arrays[side] = array
            self.actors[side] = make_actor(
                renderer,
                half,
                mapper=_colour_mapper(half),
                color=palette.SKIN,
                smooth_shading=True,
                culling=True,
                specular=0.1,
                ambient=0.15,
                name=f"skin-{side}",
            )
        self._painted: tuple[object, ...] | None = None
        self._zone_halves: set[str] = set()
        self._shown: dict[str, bool] = {}

    def apply(self, highlight: Highlight, layers: frozenset[str]) -> None:
        """Paint the selection's zones; draw a half where the skin layer or a zone shows."""
        shown = self._paint_zones(highlight, layers)
        whole_skin = not highlight.isolated
        for side, actor in self.actors.items():
            visible = whole_skin and side in highlight.sides and ("skin" in layers or side in shown)
            if self._shown.get(side) != visible:
                self._shown[side] = visible
                actor.SetVisibility(visible)

    def _paint_zones(self, highlight: Highlight, layers: frozenset[str]) -> set[str]:
        """Rewrite the halves' cell colours (only when the painted zones change)."""
        zones = highlight.zones if "zones" in layers else {}
        key = (frozenset(zones.items()), highlight.sides, "skin" in layers)
        if key != self._painted:
            self._painted = key
            self._zone_halves = self.paint.paint(zones, highlight.sides, "skin" in layers)
            for array in self._colour_arrays.values():
                array.Modified()
        return self._zone_halves

    def painted_zones(self) -> Zones:
        """(area, side) -> "essential" | "spillover", read back from the halves' colours.

        A cell set all in the essential colour is essential; one in both spillover band colours
        is spillover; anything else is unpainted. For tests and the legend's checks.
        """
        result: Zones = {}
        for key, by_half in self.paint.cells.items():
            rows = np.vstack([self.paint.colours[h][c] for h, c in by_half.items()])
            if not len(rows):
                continue
            light = (rows == zone_paint.SPILLOVER_LIGHT_RGBA).all(axis=1)
            dark = (rows == zone_paint.SPILLOVER_RGBA).all(axis=1)
            if light.any() and (light | dark).all():
                result[key] = "spillover"
            elif (rows == zone_paint.ESSENTIAL_RGBA).all(axis=1).all():
                result[key] = "essential"
        return result

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


def _colour_mapper(half: pv.PolyData) -> vtkPolyDataMapper:
    """A mapper that draws the half's cell colours as they are (no lookup table)."""
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(half)
    mapper.SetScalarModeToUseCellFieldData()
    mapper.SelectColorArray(zone_paint.COLOUR_ARRAY)
    mapper.SetColorModeToDirectScalars()
    mapper.ScalarVisibilityOn()
    return mapper
