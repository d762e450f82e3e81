"""A needle path along a taught approach, and the layers a straight path crosses.

An approach names the side of the body the needle enters from (posterior, posteromedial ...);
here that side becomes a direction, and the meter looks for the skin entry nearest that
direction, within a cone, whose straight path to the trigger point misses every bone. The
layers are the muscles the path passes through, in order, each with where it starts and how
thick it is along the path. Numbers are in metres, in this model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkFiltersGeneral import vtkOBBTree

from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
from tp_explorer.anatomy.derive.landmarks import lateral_sign
from tp_explorer.anatomy.vtk_arrays import vtk_to_numpy

CONE_STEP_DEG = 2.5  # rings of directions tried, this far apart, out to the approach's cone
AZIMUTHS = 16  # directions per ring
_BASE = {
    "posterior": (0.0, 1.0, 0.0),
    "anterior": (0.0, -1.0, 0.0),
    "superior": (0.0, 0.0, 1.0),
    "inferior": (0.0, 0.0, -1.0),
}


def outward(entry: str, side: str) -> np.ndarray:
    """The unit direction from the body towards the skin an approach enters through:
    "posteromedial" is half posterior, half medial; lateral is towards the point's side."""
    parts = [entry]
    for prefix, base in (("postero", "posterior"), ("antero", "anterior")):
        if entry.startswith(prefix):
            parts = [base, entry.removeprefix(prefix)]
    sg = lateral_sign(side)
    v = np.zeros(3)
    for part in parts:
        if part in ("medial", "lateral"):
            v += np.array([sg if part == "lateral" else -sg, 0.0, 0.0])
        else:
            v += np.array(_BASE[part])
    unit: np.ndarray = v / np.linalg.norm(v)
    return unit


def cone(direction: np.ndarray, cone_deg: float) -> list[tuple[float, np.ndarray]]:
    """(angle from ``direction`` in degrees, unit direction): the direction itself first, then
    rings every CONE_STEP_DEG out to ``cone_deg``."""
    u = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
    helper = np.array([0.0, 0.0, 1.0]) if abs(u[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    e1 = np.cross(u, helper)
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(u, e1)
    out = [(0.0, u)]
    for ring in np.arange(CONE_STEP_DEG, cone_deg + 1e-9, CONE_STEP_DEG):
        a = np.radians(ring)
        for phi in np.linspace(0.0, 2 * np.pi, AZIMUTHS, endpoint=False):
            d = np.cos(a) * u + np.sin(a) * (np.cos(phi) * e1 + np.sin(phi) * e2)
            out.append((float(ring), d))
    return out


@dataclass(frozen=True)
class ApproachPath:
    """The path along one approach: the NeedlePath and how far its direction turned from the
    approach's entry side to miss bone (degrees)."""

    path: NeedlePath
    off_axis_deg: float


def along(
    meter: DepthMeter,
    trigger_point: str,
    side: str,
    target: np.ndarray,
    direction: np.ndarray,
    cone_deg: float,
) -> ApproachPath | None:
    """The bone-free path whose direction is nearest ``direction`` (the shortest of that ring
    of the cone); the straight-on path, marked as meeting bone, where none within ``cone_deg``
    is free; None where no ray in the cone leaves the body."""
    target = np.asarray(target, dtype=float)
    first: tuple[float, np.ndarray] | None = None
    best: tuple[float, float, np.ndarray] | None = None  # (angle, depth, entry)
    for angle, d in cone(direction, cone_deg):
        if best is not None and angle > best[0]:
            break  # the nearest ring with a free path is done
        entry = meter.entry_from(target, d)
        if entry is None:
            continue
        if first is None:
            first = (angle, entry)
        depth = float(np.linalg.norm(entry - target))
        if (best is None or depth < best[1]) and not meter.meets_bone(entry, target):
            best = (angle, depth, entry)
    if best is not None:
        return ApproachPath(meter.path(trigger_point, side, target, best[2], False), best[0])
    if first is None:
        return None
    return ApproachPath(meter.path(trigger_point, side, target, first[1], True), first[0])


@dataclass(frozen=True)
class Layer:
    """A muscle a needle path passes through: where it starts and ends along the path (m)."""

    mesh: str
    side: str
    start_m: float
    end_m: float

    @property
    def thickness_m(self) -> float:
        return self.end_m - self.start_m


class Layers:
    """The muscles a straight path crosses, in order (an OBB tree per muscle, built lazily)."""

    def __init__(self, muscles: dict[str, dict[str, pv.PolyData]]) -> None:
        self._muscles = muscles
        self._trees: dict[tuple[str, str], vtkOBBTree] = {}

    def _tree(self, mesh: str, side: str) -> vtkOBBTree:
        key = (mesh, side)
        if key not in self._trees:
            tree = vtkOBBTree()
            tree.SetDataSet(self._muscles[mesh][side])
            tree.BuildLocator()
            self._trees[key] = tree
        return self._trees[key]

    def along(
        self, entry: Sequence[float], target: Sequence[float], reach: float = 0.6
    ) -> list[Layer]:
        """The layers from ``entry`` (on the skin) to ``target``, shallowest first."""
        a, b = np.asarray(entry, float), np.asarray(target, float)
        depth = float(np.linalg.norm(b - a))
        if depth <= 0:
            return []
        u = (b - a) / depth
        lo, hi = a - reach * u, b  # from far outside: parity says inside or not
        out: list[Layer] = []
        for mesh, by_side in self._muscles.items():
            for side, poly in by_side.items():
                if poly.n_cells == 0:
                    continue
                for start, end in _spans(self._tree(mesh, side), lo, hi, reach):
                    if end > 1e-4:
                        out.append(Layer(mesh, side, max(start, 0.0), min(end, depth)))
        out.sort(key=lambda layer: (layer.start_m, layer.end_m))
        return out


def _spans(
    tree: vtkOBBTree, lo: np.ndarray, hi: np.ndarray, reach: float
) -> list[tuple[float, float]]:
    """Inside intervals of a closed surface along lo->hi, as distances from the skin entry
    (``reach`` along from ``lo``); an interval still open at ``hi`` ends there."""
    hits = vtkPoints()
    tree.IntersectWithLine(list(lo), list(hi), hits, None)
    if hits.GetNumberOfPoints() == 0:
        return []
    pts = vtk_to_numpy(hits.GetData()).astype(float)
    t = np.sort(np.linalg.norm(pts - lo, axis=1))
    t = t[np.concatenate([[True], np.diff(t) > 1e-5])] - reach
    end = float(np.linalg.norm(hi - lo)) - reach
    bounds = [*t.tolist(), end] if len(t) % 2 else t.tolist()
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
