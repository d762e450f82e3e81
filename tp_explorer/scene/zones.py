"""Referral zones as per-point levels on the skin halves; the skin's zone shader draws them.

Each skin half carries two floats per point (``LEVELS``): the level of the essential zones
(column ``ESSENTIAL``) and of all zones (``ZONE``). The renderer interpolates them across
each triangle and the shader draws a zone where its level passes one half, so a zone's edge
is a smooth iso-line through the triangles, not their staircase.

Where that edge runs is measured once (``Nearest``): every area's 0/1 indicator is smoothed
along the mesh (about 2 cm, with cotangent weights, so as far across stretched triangles as
along them) and each point keeps the few areas that reach it most. An edge
runs where the painted area nearest a point and the unpainted one reach it equally: the
notches of an area's point-by-point edge are rounded off, and a narrow area keeps its width
whether it or its neighbours are painted. A selection is then a few array lookups and one
modified array: no geometry, no actors. Zones are keyed by fine skin area and side ("mid"
for a midline area, painted on both halves whenever either is shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tp_explorer import palette
from tp_explorer.knowledge.skin_areas import MIDLINE
from tp_explorer.scene.layout.arrays import BoolArray, FloatArray, IntArray

LEVELS = "zone_levels"  # the point array the shader reads
ESSENTIAL, ZONE = 0, 1  # its columns
COLUMNS = 2
SMOOTHING_PASSES = 16  # about 2 cm: rounds off the notches of an area's point-by-point edge
LEVEL_FLOOR = 1e-3  # a smoothed indicator's peak is lifted to 1, from at least this
NEAREST = 6  # the areas each point keeps, those that reach it most (a junction of up to six)

Levels = npt.NDArray[np.float32]
Key = tuple[str, str]  # (fine skin area, side): side "left", "right" or MIDLINE

if TYPE_CHECKING:
    from scipy import sparse


def rgba(hex_colour: str, alpha: float) -> np.ndarray:
    """'#RRGGBB' and an opacity -> one uint8 RGBA row."""
    return np.array([*palette.rgb(hex_colour), round(alpha * 255)], dtype=np.uint8)


ESSENTIAL_RGBA = rgba(palette.ESSENTIAL, palette.ZONE_OPACITY)
SPILLOVER_RGBA = rgba(palette.SPILLOVER_LIGHT, palette.SPILLOVER_LIGHT_OPACITY)
SKIN_RGBA = rgba(palette.SKIN, palette.SKIN_OPACITY)


def half_points(
    areas: Mapping[str, Mapping[str, IntArray]], halves: Mapping[str, IntArray], skin_points: int
) -> dict[Key, dict[str, IntArray]]:
    """(area, side) -> half -> the half's own indices of the area's skin points.

    ``halves`` gives each half's points as skin point indices; a point on the cut between the
    halves is in both, so a zone reaching the midline is painted up to it on each side."""
    local: dict[str, IntArray] = {}
    for half, ids in halves.items():
        index = np.full(skin_points, -1, dtype=np.int64)
        index[np.asarray(ids, dtype=np.int64)] = np.arange(len(ids))
        local[half] = index
    points: dict[Key, dict[str, IntArray]] = {}
    for area, by_side in areas.items():
        for side, ids in by_side.items():
            mine = {}
            for half, index in local.items():
                found = index[np.asarray(ids, dtype=np.int64)]
                found = found[found >= 0]
                if len(found):
                    mine[half] = found
            points[(area, side)] = mine
    return points


def cotangent_weights(points: FloatArray, triangles: IntArray) -> tuple[IntArray, FloatArray]:
    """Each triangle edge (i, j) with half the cotangent of the angle across it (0 where that
    angle is obtuse): summed over an edge's two triangles, the weights under which smoothing
    spreads as far across stretched triangles as along them."""
    pairs, weights = [], []
    for a, b, c in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        u = points[triangles[:, a]] - points[triangles[:, c]]
        v = points[triangles[:, b]] - points[triangles[:, c]]
        cross = np.linalg.norm(np.cross(u, v), axis=1)
        cot = np.einsum("ij,ij->i", u, v) / np.maximum(cross, 1e-12)
        pairs.append(triangles[:, [a, b]])
        weights.append(np.maximum(cot, 0.0) * 0.5)
    return np.vstack(pairs), np.concatenate(weights)


def smoothing(points: FloatArray, triangles: IntArray) -> sparse.csr_matrix:
    """One smoothing pass as a matrix: each point keeps half its level and takes the other
    half from its neighbours, weighted by the cotangent weights (a lazy random walk along the
    mesh that spreads evenly in every direction, however the triangles are stretched)."""
    # (scipy is loaded with the anatomy already, which draws its fine skin map with it; the
    # window's modules themselves do not load it)
    from scipy import sparse

    count = len(points)
    pairs, weights = cotangent_weights(points, triangles)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    both = np.concatenate([weights, weights])
    total = np.maximum(np.bincount(rows, both, minlength=count), 1e-12)
    walk = sparse.coo_matrix((0.5 * both / total[rows], (rows, cols)), shape=(count, count))
    matrix: sparse.csr_matrix = (walk + sparse.identity(count) * 0.5).tocsr()
    return matrix


def reach(indicators: FloatArray, step: sparse.csr_matrix) -> FloatArray:
    """How much each area reaches each point (one column per area): its 0/1 indicator smoothed
    ``SMOOTHING_PASSES`` times and lifted so its peak is one (a small patch smoothed that much
    would otherwise fade below its neighbours everywhere)."""
    values = indicators
    for _ in range(SMOOTHING_PASSES):
        values = step @ values
    lifted: FloatArray = values / np.clip(values.max(axis=0), LEVEL_FLOOR, 1.0)
    return lifted


@dataclass(frozen=True, eq=False)
class Nearest:
    """Per point of a half, the ``NEAREST`` areas that reach it most (their indices into
    ``keys``, -1 for none) and how much each reaches it; one row per rank, so a selection's
    lookups run along contiguous rows."""

    keys: tuple[Key, ...]
    index: IntArray  # (NEAREST, n)
    reach: Levels  # (NEAREST, n)

    @classmethod
    def measure(
        cls, keys: list[Key], own: list[IntArray], points: FloatArray, triangles: IntArray
    ) -> Nearest:
        """From each area's own points on the half and the half's mesh."""
        count = len(points)
        indicators = np.zeros((count, len(keys)))
        for column, ids in enumerate(own):
            indicators[ids, column] = 1.0
        values = reach(indicators, smoothing(points, triangles))
        width = min(NEAREST, len(keys))
        index = np.full((NEAREST, count), -1, dtype=np.int64)
        amount = np.zeros((NEAREST, count), dtype=np.float32)
        if width:
            top = np.argpartition(-values, width - 1, axis=1)[:, :width]
            index[:width], amount[:width] = top.T, np.take_along_axis(values, top, axis=1).T
        return cls(tuple(keys), index, amount)

    def level(self, painted: BoolArray) -> Levels:
        """Per point, how far inside the painted areas it is: the reach of the nearest painted
        area over that plus the nearest unpainted one's (0.5 on the edge between them)."""
        chosen = np.concatenate([painted, [False]])[self.index]  # index -1: none, unpainted
        masked = self.reach * chosen
        inside = masked.max(axis=0)
        outside = (self.reach - masked).max(axis=0)
        level: Levels = inside / np.maximum(inside + outside, np.float32(LEVEL_FLOOR))
        return level


class SkinPaint:
    """The level arrays of the skin halves and which of their points each (area, side) owns.

    ``halves`` maps a half's name to its points as skin point indices, in its own order, and
    ``meshes`` to its points and triangles (in its own point indices), along which areas are
    smoothed (``Nearest``, measured for a half the first time a zone is painted on it).
    """

    def __init__(
        self,
        areas: Mapping[str, Mapping[str, IntArray]],
        halves: Mapping[str, IntArray],
        skin_points: int,
        meshes: Mapping[str, tuple[FloatArray, IntArray]],
    ) -> None:
        self.halves = halves
        self.meshes = meshes
        self.points = half_points(areas, halves, skin_points)
        self.levels: dict[str, Levels] = {
            half: np.zeros((len(ids), COLUMNS), dtype=np.float32) for half, ids in halves.items()
        }
        # exactly which points each zone owns, for reading back: 0 none, 1 spillover, 2 essential
        self.codes: dict[str, npt.NDArray[np.int8]] = {
            half: np.zeros(len(ids), dtype=np.int8) for half, ids in halves.items()
        }
        self.painted: dict[Key, str] = {}
        self.skin_rgba = SKIN_RGBA  # the plain skin as drawn now (alpha 0 with the layer off)
        self._nearest: dict[str, Nearest] = {}

    def bind(self, half: str, levels: Levels) -> None:
        """Write into ``levels`` from now on: the numpy view of the array the mapper draws."""
        levels[:] = self.levels[half]
        self.levels[half] = levels

    def nearest(self, half: str) -> Nearest:
        """The areas nearest each point of a half (measured once)."""
        found = self._nearest.get(half)
        if found is None:
            keys = [key for key, by_half in self.points.items() if half in by_half]
            own = [self.points[key][half] for key in keys]
            points, triangles = self.meshes[half]
            found = self._nearest[half] = Nearest.measure(keys, own, points, triangles)
        return found

    def paint(self, zones: Mapping[Key, str], sides: tuple[str, ...]) -> set[str]:
        """Set the zone levels in place; return the halves that show any zone.

        ``zones`` is (area, side) -> "essential" | "spillover"; sided zones of sides not in
        ``sides`` stay unpainted, midline zones are painted whenever a side is shown."""
        self.painted = {
            key: kind
            for key, kind in zones.items()
            if (key[1] in sides or (key[1] == MIDLINE and sides)) and key in self.points
        }
        shown = set()
        for half, levels in self.levels.items():
            codes = self.codes[half]
            codes[:] = 0
            if not any(half in self.points[key] for key in self.painted):
                levels[:] = 0.0
                continue
            shown.add(half)
            nearest = self.nearest(half)
            kinds = [self.painted.get(key) for key in nearest.keys]
            levels[:, ZONE] = nearest.level(np.array([k is not None for k in kinds]))
            levels[:, ESSENTIAL] = nearest.level(np.array([k == "essential" for k in kinds]))
            for key, kind in zip(nearest.keys, kinds, strict=True):
                if kind is not None:
                    codes[self.points[key][half]] = 2 if kind == "essential" else 1
        return shown

    def painted_zones(self) -> dict[Key, str]:
        """(area, side) -> "essential" | "spillover", read back from the points' codes: an
        area whose points are all in a zone is painted, essential where they all are."""
        result: dict[Key, str] = {}
        for key, by_half in self.points.items():
            if not by_half:
                continue
            codes = np.concatenate([self.codes[half][ids] for half, ids in by_half.items()])
            if (codes > 0).all():
                result[key] = "essential" if (codes == 2).all() else "spillover"
        return result

    @property
    def colours(self) -> dict[str, np.ndarray]:
        """Per half, the RGBA each point is painted with: essential, spillover's light ground
        or the plain skin (alpha 0 where the skin layer is off). For checks."""
        result = {}
        for half, codes in self.codes.items():
            colours = np.tile(self.skin_rgba, (len(codes), 1))
            colours[codes == 1] = SPILLOVER_RGBA
            colours[codes == 2] = ESSENTIAL_RGBA
            result[half] = colours
        return result
