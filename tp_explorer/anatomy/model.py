"""The loaded lower-body scene and the questions the other layers ask of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.derive.trigger_points import (
    Centreline,
    Placements,
    PointKey,
    on_rings,
    on_surface,
)
from tp_explorer.knowledge.skin_areas import FINE_AREAS, MIDLINE
from tp_explorer.knowledge.vocabulary import ASPECTS, SIDES


@dataclass(frozen=True)
class Anatomy:
    """Bones, muscles, skin, areas and nerves in the world frame (metres, +z up, -y anterior).

    Two sources fill it (``source``): the built-in schematic body, whose bellies are stacks of
    rings (``stations`` rings of ``ring`` points, then two cap centres), and the BodyParts3D
    atlas, whose muscles are real surfaces with each point's fraction along the muscle in
    ``muscle_t`` (``ring`` is 0). ``drawn`` names the structures drawn rather than segmented.
    """

    bones: dict[str, pv.PolyData]
    muscles: dict[str, dict[str, pv.PolyData]]
    muscle_paths: dict[str, dict[str, np.ndarray]]
    skin: pv.PolyData
    areas: dict[str, dict[str, np.ndarray]]
    nerves: dict[str, dict[str, np.ndarray]]
    stations: int
    ring: int
    superficial: dict[str, dict[str, np.ndarray]] = field(repr=False)
    skin_area: np.ndarray = field(repr=False)  # area index per skin point, -1 for none
    skin_side: np.ndarray = field(repr=False)
    area_names: tuple[str, ...] = field(repr=False, default=())
    # The fine skin map (knowledge.skin_areas): fine area -> side -> skin point indices, the
    # side "left"/"right" for a sided area and MIDLINE ("mid") for a midline one; and the
    # fine area code (index into FINE_AREAS, -1 for none) of each skin point.
    fine_areas: dict[str, dict[str, np.ndarray]] = field(repr=False, default_factory=dict)
    skin_fine: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0, dtype=np.int16))
    muscle_t: dict[str, dict[str, np.ndarray]] | None = field(repr=False, default=None)
    # Atlas only: other muscles, arteries, veins and organs, by id; their kind and FMA name.
    context: dict[str, pv.PolyData] = field(repr=False, default_factory=dict)
    context_kind: dict[str, str] = field(repr=False, default_factory=dict)
    context_label: dict[str, str] = field(repr=False, default_factory=dict)
    source: str = "builtin"
    drawn: tuple[str, ...] = ()
    _placements: Placements = field(repr=False, default_factory=Placements, compare=False)

    @property
    def triangles(self) -> int:
        """Triangles drawn in all (bones, muscles, skin and context)."""
        meshes = [*self.bones.values(), *self.context.values(), self.skin]
        meshes += [m for by_side in self.muscles.values() for m in by_side.values()]
        return int(sum(m.n_cells for m in meshes))

    def trigger_point(
        self, mesh_id: str, side: str, along: float, aspect: str | None = None
    ) -> np.ndarray:
        """A point just under the belly's surface, `along` from its proximal end, on `aspect`
        (placed by tp_explorer.anatomy.derive.trigger_points)."""
        if mesh_id not in self.muscles:
            raise KeyError(f"unknown mesh id {mesh_id!r}")
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, not {side!r}")
        if aspect is not None and aspect not in ASPECTS:
            raise ValueError(f"aspect must be one of {ASPECTS} or None, not {aspect!r}")
        along = float(np.clip(along, 0.0, 1.0))
        mesh = self.muscles[mesh_id][side]
        line = Centreline(self.muscle_paths[mesh_id][side], self.superficial[mesh_id][side])
        if self.muscle_t is None:
            points = np.asarray(mesh.points)
            return on_rings(points, line, self.stations, self.ring, side, along, aspect)
        key = (mesh_id, side, along, aspect)
        placed = self._placements.points
        if key not in placed:
            probe = self._placements.probe(mesh_id, side, mesh)
            fractions = self.muscle_t[mesh_id][side]
            placed[key] = on_surface(mesh, fractions, line, probe, side, along, aspect)
        return placed[key].copy()

    def remember_trigger_points(self, table: Iterable[tuple[PointKey, np.ndarray]]) -> None:
        """Trigger points placed ahead of time (the atlas install stores those of the shipped
        knowledge): the values ``trigger_point`` computes, without its ray casts at run time."""
        for key, point in table:
            self._placements.points[key] = np.asarray(point, dtype=np.float64)

    def area_of_point(self, skin_point_index: int) -> tuple[str, str] | None:
        """The (area, side) a picked skin point belongs to, or None between areas."""
        i = int(skin_point_index)
        if not 0 <= i < len(self.skin_area):
            return None
        code = int(self.skin_area[i])
        if code < 0:
            return None
        return self.area_names[code], SIDES[int(self.skin_side[i])]

    def fine_area_of_point(self, skin_point_index: int) -> tuple[str, str] | None:
        """The (fine area, side) a picked skin point belongs to, the side MIDLINE ("mid") for a
        midline area; None off the map."""
        i = int(skin_point_index)
        if not 0 <= i < len(self.skin_fine):
            return None
        code = int(self.skin_fine[i])
        if code < 0:
            return None
        area = FINE_AREAS[code]
        return area.id, SIDES[int(self.skin_side[i])] if area.sided else MIDLINE
