"""The loaded lower-body scene and the questions the other layers ask of it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyvista as pv

from tp_explorer.knowledge.vocabulary import ASPECTS, SIDES


@dataclass(frozen=True)
class Anatomy:
    """Bones, bellies, skin, areas and nerves in the world frame (metres, +z up, -y anterior).

    Bellies are stacks of rings (``stations`` rings of ``ring`` points, then two cap centres),
    which is what lets trigger_point() find a face of a belly without searching the mesh.
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

    def trigger_point(
        self, mesh_id: str, side: str, along: float, aspect: str | None = None
    ) -> np.ndarray:
        """A point just under the belly's surface, `along` from its proximal end, on `aspect`."""
        if mesh_id not in self.muscles:
            raise KeyError(f"unknown mesh id {mesh_id!r}")
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, not {side!r}")
        if aspect is not None and aspect not in ASPECTS:
            raise ValueError(f"aspect must be one of {ASPECTS} or None, not {aspect!r}")
        along = float(np.clip(along, 0.0, 1.0))
        s = along * (self.stations - 1)
        i = min(int(s), self.stations - 2)
        w = s - i
        pts = np.asarray(self.muscles[mesh_id][side].points)
        rings = pts[: self.stations * self.ring].reshape(self.stations, self.ring, 3)
        ring = (1 - w) * rings[i] + w * rings[i + 1]
        path = self.muscle_paths[mesh_id][side]
        centre = (1 - w) * path[i] + w * path[i + 1]
        sup = self.superficial[mesh_id][side]
        sup = (1 - w) * sup[i] + w * sup[i + 1]
        direction = self._direction(aspect or "superficial", side, sup)
        rel = ring - centre
        k = int(np.argmax(rel @ direction))
        # 80 % of the way from the belly's axis to its surface: just under the surface.
        return (centre + 0.8 * rel[k]).astype(np.float64)

    @staticmethod
    def _direction(aspect: str, side: str, superficial: np.ndarray) -> np.ndarray:
        lateral = 1.0 if side == "left" else -1.0
        table = {
            "anterior": np.array([0.0, -1.0, 0.0]),
            "posterior": np.array([0.0, 1.0, 0.0]),
            "lateral": np.array([lateral, 0.0, 0.0]),
            "medial": np.array([-lateral, 0.0, 0.0]),
            "superficial": superficial,
            "deep": -superficial,
        }
        return table[aspect]

    def area_of_point(self, skin_point_index: int) -> tuple[str, str] | None:
        """The (area, side) a picked skin point belongs to, or None between areas."""
        i = int(skin_point_index)
        if not 0 <= i < len(self.skin_area):
            return None
        code = int(self.skin_area[i])
        if code < 0:
            return None
        return self.area_names[code], SIDES[int(self.skin_side[i])]
