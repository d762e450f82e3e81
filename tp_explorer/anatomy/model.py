"""The loaded lower-body scene and the questions the other layers ask of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyvista as pv

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
    muscle_t: dict[str, dict[str, np.ndarray]] | None = field(repr=False, default=None)
    # Atlas only: other muscles, arteries, veins and organs, by id; their kind and FMA name.
    context: dict[str, pv.PolyData] = field(repr=False, default_factory=dict)
    context_kind: dict[str, str] = field(repr=False, default_factory=dict)
    context_label: dict[str, str] = field(repr=False, default_factory=dict)
    source: str = "builtin"
    drawn: tuple[str, ...] = ()
    _memo: dict[tuple[object, ...], Any] = field(repr=False, default_factory=dict, compare=False)

    @property
    def triangles(self) -> int:
        """Triangles drawn in all (bones, muscles, skin and context)."""
        meshes = [*self.bones.values(), *self.context.values(), self.skin]
        meshes += [m for by_side in self.muscles.values() for m in by_side.values()]
        return int(sum(m.n_cells for m in meshes))

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
        if self.muscle_t is not None:
            key = (mesh_id, side, along, aspect)
            if key not in self._memo:
                self._memo[key] = self._surface_trigger_point(mesh_id, side, along, aspect)
            return self._memo[key].copy()
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

    def remember_trigger_points(
        self, table: Iterable[tuple[tuple[str, str, float, str | None], np.ndarray]]
    ) -> None:
        """Trigger points placed ahead of time (the atlas install stores those of the shipped
        knowledge): the values ``trigger_point`` computes, without its ray casts at run time."""
        for key, point in table:
            self._memo[key] = np.asarray(point, dtype=np.float64)

    def _surface_trigger_point(
        self, mesh_id: str, side: str, along: float, aspect: str | None
    ) -> np.ndarray:
        """On a real muscle surface: the surface point facing ``aspect`` at ``along``, then a
        little way in along the inward normal (a third of the local thickness, at most 15 mm),
        so the point lies inside the muscle however the muscle curves."""
        assert self.muscle_t is not None
        mesh = self.muscles[mesh_id][side]
        pts = np.asarray(mesh.points)
        t = self.muscle_t[mesh_id][side]
        path = self.muscle_paths[mesh_id][side]
        s = along * (len(path) - 1)
        i = min(int(s), len(path) - 2)
        w = s - i
        centre = (1 - w) * path[i] + w * path[i + 1]
        sup = self.superficial[mesh_id][side]
        direction = self._direction(
            aspect or "superficial", side, (1 - w) * sup[i] + w * sup[i + 1]
        )
        window = 0.04
        near = np.nonzero(np.abs(t - along) <= window)[0]
        while len(near) < 6:
            window *= 2
            near = np.nonzero(np.abs(t - along) <= window)[0]
        order = near[np.argsort(-((pts[near] - centre) @ direction))]
        normals = self._normals(mesh_id, side)
        inside = self._signed_distance(mesh_id, side)
        for k in order[:8]:  # the best-facing surface points, until one goes in cleanly
            surface, inward = pts[k], -normals[k]
            hits, _ = mesh.ray_trace(surface + 0.0005 * inward, surface + 0.2 * inward)
            depth = 0.004
            if len(hits):
                depth = min(float(np.linalg.norm(hits[0] - surface)) / 3.0, 0.015)
            point = surface + depth * inward
            if inside.EvaluateFunction(*point) < 0:
                return point.astype(np.float64)
        return pts[order[0]].astype(np.float64)  # on the surface itself

    def _signed_distance(self, mesh_id: str, side: str) -> Any:
        """VTK's signed distance to the muscle surface (negative inside), made once."""
        key = ("distance", mesh_id, side)
        if key not in self._memo:
            from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance

            fn = vtkImplicitPolyDataDistance()
            fn.SetInput(self.muscles[mesh_id][side])
            self._memo[key] = fn
        return self._memo[key]

    def _normals(self, mesh_id: str, side: str) -> np.ndarray:
        key = ("normals", mesh_id, side)
        if key not in self._memo:
            mesh = self.muscles[mesh_id][side]
            n = mesh
            if mesh.point_data.active_normals is None:
                n = mesh.compute_normals(
                    cell_normals=False,
                    split_vertices=False,
                    consistent_normals=False,
                    auto_orient_normals=False,
                )
            self._memo[key] = np.asarray(n.point_data["Normals"], dtype=float)
        return self._memo[key]

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
