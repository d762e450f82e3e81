"""Needle safety: which nerves and vessels lie within a few centimetres of a muscle's trigger points.

Pure numpy over the anatomy's positions (trigger points and the ``nerves`` polylines), so the
scene only has to colour what this module names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the anatomy's meshes are VTK's; this module only reads its positions
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Muscle

DEFAULT_RADIUS_M = 0.04  # "a few centimetres"

# Structure id -> (label, kind). Kind picks the colour: nerves yellow, arteries/veins red.
STRUCTURES: dict[str, tuple[str, str]] = {
    "sciatic_nerve": ("Sciatic nerve", "nerve"),
    "tibial_nerve": ("Tibial nerve", "nerve"),
    "common_fibular_nerve": ("Common fibular nerve", "nerve"),
    "femoral_nerve": ("Femoral nerve", "nerve"),
    "pudendal_nerve": ("Pudendal nerve", "nerve"),
    "femoral_vessels": ("Femoral artery and vein", "vessel"),
    "posterior_tibial_vessels": ("Posterior tibial artery and veins", "vessel"),
}


def structure_label(structure: str) -> str:
    return STRUCTURES.get(structure, (structure.replace("_", " ").capitalize(), ""))[0]


def structure_kind(structure: str) -> str:
    vessel = "vessel" in structure or "artery" in structure
    return STRUCTURES.get(structure, ("", "vessel" if vessel else "nerve"))[1]


@dataclass(frozen=True)
class NearStructure:
    """A structure close to a trigger point: how close, and where on the path it is closest."""

    structure: str
    side: str
    distance_m: float
    trigger_point: str
    closest: tuple[float, float, float]

    @property
    def label(self) -> str:
        return structure_label(self.structure)


def distance_to_polyline(point: np.ndarray, path: np.ndarray) -> tuple[float, np.ndarray]:
    """Shortest distance from a point to a polyline, and the nearest point on it."""
    p = np.asarray(point, dtype=float)
    pts = np.asarray(path, dtype=float)
    if len(pts) == 1:
        return float(np.linalg.norm(pts[0] - p)), pts[0]
    a, b = pts[:-1], pts[1:]
    ab = b - a
    denom = np.einsum("ij,ij->i", ab, ab)
    t = np.einsum("ij,ij->i", p - a, ab) / np.where(denom > 0, denom, 1.0)
    t = np.clip(t, 0.0, 1.0)
    nearest = a + ab * t[:, None]
    d = np.linalg.norm(nearest - p, axis=1)
    i = int(np.argmin(d))
    return float(d[i]), nearest[i]


def trigger_point_positions(
    anatomy: Anatomy, muscle: Muscle, side: str
) -> list[tuple[str, np.ndarray]]:
    """(trigger-point id, position) for each of a muscle's trigger points on one side."""
    out = []
    for tp in muscle.trigger_points:
        pos = anatomy.trigger_point(tp.mesh, side, tp.along, getattr(tp, "aspect", None))
        out.append((tp.id, np.asarray(pos, dtype=float)))
    return out


def structures_near(
    anatomy: Anatomy,
    muscle: Muscle,
    sides: Iterable[str] = ("left", "right"),
    radius_m: float = DEFAULT_RADIUS_M,
) -> tuple[NearStructure, ...]:
    """Structures within ``radius_m`` of any of the muscle's trigger points, nearest first.

    One entry per (structure, side), with its closest trigger point.
    """
    best: dict[tuple[str, str], NearStructure] = {}
    nerves = getattr(anatomy, "nerves", {}) or {}
    for side in sides:
        tps = trigger_point_positions(anatomy, muscle, side)
        for structure, by_side in nerves.items():
            path = by_side.get(side)
            if path is None or len(path) == 0:
                continue
            for tp_id, pos in tps:
                d, nearest = distance_to_polyline(pos, path)
                if d > radius_m:
                    continue
                key = (structure, side)
                if key not in best or d < best[key].distance_m:
                    closest = (float(nearest[0]), float(nearest[1]), float(nearest[2]))
                    best[key] = NearStructure(structure, side, d, tp_id, closest)
    return tuple(sorted(best.values(), key=lambda n: (n.distance_m, n.structure, n.side)))
