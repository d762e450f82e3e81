"""Where a trigger point sits in its muscle, on both kinds of muscle mesh: a built-in belly (a
stack of rings round its centreline) and an atlas surface (points that each know their fraction
along the muscle).

``along`` runs from the proximal end (0) to the distal end (1) of the muscle's centreline;
``aspect`` names the face the point lies under (None: the face nearest the skin).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyvista as pv
from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance

# (mesh id, side, along, aspect): one placed trigger point
PointKey = tuple[str, str, float, str | None]
SURFACE_CANDIDATES = 8  # best-facing surface points tried, until one goes in cleanly


def aspect_direction(aspect: str, side: str, superficial: np.ndarray) -> np.ndarray:
    """Unit direction of one aspect on one side; ``superficial`` is towards the nearest skin."""
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


@dataclass(frozen=True)
class Centreline:
    """A muscle's centreline stations (proximal first) and, per station, the unit direction
    towards the nearest skin."""

    path: np.ndarray
    superficial: np.ndarray

    def at(self, along: float, stations: int) -> tuple[int, float]:
        """The station pair (i, i + 1) ``along`` falls between, and the weight of i + 1."""
        s = along * (stations - 1)
        i = min(int(s), stations - 2)
        return i, s - i

    def direction(self, i: int, w: float, aspect: str | None, side: str) -> np.ndarray:
        sup = (1 - w) * self.superficial[i] + w * self.superficial[i + 1]
        return aspect_direction(aspect or "superficial", side, sup)


def on_rings(
    points: np.ndarray,
    line: Centreline,
    stations: int,
    ring: int,
    side: str,
    along: float,
    aspect: str | None,
) -> np.ndarray:
    """On a built-in belly (``stations`` rings of ``ring`` points, then two cap centres): the
    ring point facing ``aspect`` at ``along``, 80 % of the way out from the axis."""
    i, w = line.at(along, stations)
    rings = points[: stations * ring].reshape(stations, ring, 3)
    section = (1 - w) * rings[i] + w * rings[i + 1]
    centre = (1 - w) * line.path[i] + w * line.path[i + 1]
    direction = line.direction(i, w, aspect, side)
    rel = section - centre
    k = int(np.argmax(rel @ direction))
    # 80 % of the way from the belly's axis to its surface: just under the surface.
    return np.array(centre + 0.8 * rel[k], dtype=np.float64)


def on_surface(
    mesh: pv.PolyData,
    fractions: np.ndarray,
    line: Centreline,
    probe: SurfaceProbe,
    side: str,
    along: float,
    aspect: str | None,
) -> np.ndarray:
    """On a real muscle surface: the surface point facing ``aspect`` at ``along``, then a
    little way in along the inward normal (a third of the local thickness, at most 15 mm),
    so the point lies inside the muscle however the muscle curves."""
    pts = np.asarray(mesh.points)
    i, w = line.at(along, len(line.path))
    centre = (1 - w) * line.path[i] + w * line.path[i + 1]
    direction = line.direction(i, w, aspect, side)
    window = 0.04
    near = np.nonzero(np.abs(fractions - along) <= window)[0]
    while len(near) < 6:
        window *= 2
        near = np.nonzero(np.abs(fractions - along) <= window)[0]
    order = near[np.argsort(-((pts[near] - centre) @ direction))]
    for k in order[:SURFACE_CANDIDATES]:
        surface, inward = pts[k], -probe.normals[k]
        hits, _ = mesh.ray_trace(surface + 0.0005 * inward, surface + 0.2 * inward)
        depth = 0.004
        if len(hits):
            depth = min(float(np.linalg.norm(hits[0] - surface)) / 3.0, 0.015)
        point = surface + depth * inward
        if probe.inside.EvaluateFunction(*point) < 0:
            return np.array(point, dtype=np.float64)
    return np.array(pts[order[0]], dtype=np.float64)  # on the surface itself


@dataclass(frozen=True)
class SurfaceProbe:
    """One muscle surface's point normals and VTK signed distance (negative inside)."""

    normals: np.ndarray
    inside: vtkImplicitPolyDataDistance

    @classmethod
    def of(cls, mesh: pv.PolyData) -> SurfaceProbe:
        n = mesh
        if mesh.point_data.active_normals is None:
            n = mesh.compute_normals(
                cell_normals=False,
                split_vertices=False,
                consistent_normals=False,
                auto_orient_normals=False,
            )
        fn = vtkImplicitPolyDataDistance()
        fn.SetInput(mesh)
        return cls(np.asarray(n.point_data["Normals"], dtype=float), fn)


@dataclass
class Placements:
    """Trigger points placed so far (or stored by the atlas install) and, per atlas muscle, the
    probe made for it once."""

    points: dict[PointKey, np.ndarray] = field(default_factory=dict)
    probes: dict[tuple[str, str], SurfaceProbe] = field(default_factory=dict)

    def probe(self, mesh_id: str, side: str, mesh: pv.PolyData) -> SurfaceProbe:
        key = (mesh_id, side)
        if key not in self.probes:
            self.probes[key] = SurfaceProbe.of(mesh)
        return self.probes[key]
