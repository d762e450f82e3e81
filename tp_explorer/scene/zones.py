"""Referral zones painted into the skin's own cell colours; index arrays computed once.

Each skin half carries one RGBA colour per triangle. A selection rewrites those colours in place
(a few numpy fancy-index writes and one Modified()): essential-zone cells solid, spillover cells
in alternating diagonal bands (hatching, so colour is never the only cue), every other cell faint
skin. No extra geometry, no extra actors. The offset shells below serve the compare layer.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyvista as pv

from tp_explorer import palette

OFFSET_M = 0.0015  # how far a compare shell floats outside the skin, against z-fighting
STRIPE_PERIOD_M = 0.02  # compare-layer texture stripes
BAND_PERIOD_M = 0.045  # skin stripes: one dark and one light band; skin triangles are ~1 cm
COLOUR_ARRAY = "zone_rgba"

Key = tuple[str, str]  # (body area, side)


def cell_codes(
    skin: pv.PolyData, areas: Mapping[str, Mapping[str, np.ndarray]]
) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Per-cell index into the returned list of (area, side); -1 where no area claims a cell.

    Areas are sets of skin points; a triangle belongs to the area most of its corners are in.
    """
    keys = [(area, side) for area, by_side in areas.items() for side in by_side]
    point_code = np.full(skin.n_points, -1, dtype=np.int32)
    for k, (area, side) in enumerate(keys):
        point_code[np.asarray(areas[area][side], dtype=np.int64)] = k
    faces = skin.regular_faces
    c = point_code[faces]
    code = np.where(c[:, 1] == c[:, 2], c[:, 1], c[:, 0])
    code = np.where(code < 0, c.max(axis=1), code)
    return code, keys


def outward_offset(skin: pv.PolyData, distance: float = OFFSET_M) -> pv.PolyData:
    """A copy of the skin moved ``distance`` along its outward point normals."""
    shell: pv.PolyData = skin.compute_normals(
        point_normals=True, cell_normals=False, auto_orient_normals=True, split_vertices=False
    )
    shell.points = shell.points + shell.point_data["Normals"] * distance
    return shell


def stripe_coordinates(points: np.ndarray, period: float = STRIPE_PERIOD_M) -> np.ndarray:
    """Texture coordinates that run diagonally across the body from every standard view."""
    u = points.sum(axis=1) / period
    coordinates: np.ndarray = np.column_stack([u, np.full(len(points), 0.5)])
    return coordinates


def stripe_bands(centres: np.ndarray, period: float = BAND_PERIOD_M) -> np.ndarray:
    """True for cells in the dark band: diagonal across the body from every standard view."""
    dark: np.ndarray = np.floor(centres.sum(axis=1) / (period / 2)).astype(np.int64) % 2 == 0
    return dark


def rgba(hex_colour: str, alpha: float) -> np.ndarray:
    """'#RRGGBB' and an opacity -> one uint8 RGBA row."""
    return np.array([*palette.rgb(hex_colour), round(alpha * 255)], dtype=np.uint8)


SKIN_RGBA = rgba(palette.SKIN, palette.SKIN_OPACITY)
CLEAR_RGBA = rgba(palette.SKIN, 0.0)
ESSENTIAL_RGBA = rgba(palette.ESSENTIAL, palette.ZONE_OPACITY)
SPILLOVER_RGBA = rgba(palette.SPILLOVER, palette.ZONE_OPACITY)
SPILLOVER_LIGHT_RGBA = rgba(palette.SPILLOVER_LIGHT, palette.SPILLOVER_LIGHT_OPACITY)


def _words(colours: np.ndarray) -> np.ndarray:
    """An (n, 4) uint8 RGBA array seen as n 32-bit words: a fancy-indexed write of one word
    per cell is several times faster than one of a 4-byte row."""
    if colours.dtype == np.uint8 and colours.ndim == 2 and colours.flags.c_contiguous:
        return colours.view(np.uint32).reshape(-1)
    raise ValueError("skin colours must be a contiguous (n, 4) uint8 array")


def _word(rgba_row: np.ndarray) -> np.uint32:
    word: np.uint32 = np.ascontiguousarray(rgba_row, dtype=np.uint8).view(np.uint32)[0]
    return word


class SkinPaint:
    """The colour arrays of the skin halves and which of their cells each (area, side) owns.

    ``halves`` maps a half's name to the skin cell ids it holds, in its own cell order.
    """

    def __init__(
        self,
        skin: pv.PolyData,
        areas: Mapping[str, Mapping[str, np.ndarray]],
        halves: Mapping[str, np.ndarray],
    ) -> None:
        codes, keys = cell_codes(skin, areas)
        centres = skin.cell_centers().points
        self.keys: list[Key] = keys
        self.colours: dict[str, np.ndarray] = {}
        self.bands: dict[str, np.ndarray] = {}
        self.cells: dict[Key, dict[str, np.ndarray]] = {key: {} for key in keys}
        # the same cells split into the dark and the light stripes of spillover
        self._stripes: dict[Key, dict[str, tuple[np.ndarray, np.ndarray]]] = {k: {} for k in keys}
        for half, skin_cells in halves.items():
            self.colours[half] = np.tile(SKIN_RGBA, (len(skin_cells), 1))
            self.bands[half] = stripe_bands(centres[skin_cells])
            half_codes = codes[skin_cells]
            order = np.argsort(half_codes, kind="stable")
            edges = np.searchsorted(half_codes[order], np.arange(len(keys) + 1))
            for k, key in enumerate(keys):
                local = order[edges[k] : edges[k + 1]]
                if len(local):
                    self.cells[key][half] = local
                    dark = self.bands[half][local]
                    self._stripes[key][half] = (local[dark], local[~dark])
        self.painted: dict[Key, str] = {}
        self._painted_cells: dict[str, np.ndarray] = {}  # per half, every cell painted now
        self._base: np.ndarray | None = None  # the plain colour every unpainted cell has

    def bind(self, half: str, colours: np.ndarray) -> None:
        """Write into ``colours`` from now on: the numpy view of the array the mapper draws."""
        colours[:] = self.colours[half]
        self.colours[half] = colours
        self._base = None

    def _gather(self, zones: Mapping[Key, str]) -> dict[str, list[np.ndarray]]:
        """Per half, the cells of these zones in three lists: essential, then the dark and
        light stripes of spillover; one fancy-indexed write per list instead of one per zone
        (a selection paints ~50 zone halves)."""
        parts: dict[str, list[list[np.ndarray]]] = {}
        for key, kind in zones.items():
            if kind == "essential":
                for half, local in self.cells[key].items():
                    parts.setdefault(half, [[], [], []])[0].append(local)
            else:
                for half, (dark, light) in self._stripes[key].items():
                    lists = parts.setdefault(half, [[], [], []])
                    lists[1].append(dark)
                    lists[2].append(light)
        empty = np.zeros(0, dtype=np.int64)
        return {
            half: [np.concatenate(cells) if cells else empty for cells in lists]
            for half, lists in parts.items()
        }

    def paint(self, zones: Mapping[Key, str], sides: tuple[str, ...], skin: bool) -> set[str]:
        """Rewrite the colours in place; return the halves that show any zone cell.

        ``zones`` is (area, side) -> "essential" | "spillover"; zones of sides not in ``sides``
        stay unpainted. Without ``skin`` every unpainted cell is fully transparent.
        """
        base = SKIN_RGBA if skin else CLEAR_RGBA
        if self._base is base:  # only the last zones' cells need the plain colour back
            for half, cells in self._painted_cells.items():
                _words(self.colours[half])[cells] = _word(base)
        else:
            for colours in self.colours.values():
                colours[:] = base
            self._base = base
        self.painted = {k: kind for k, kind in zones.items() if k[1] in sides and k in self.cells}
        paints = (ESSENTIAL_RGBA, SPILLOVER_RGBA, SPILLOVER_LIGHT_RGBA)
        gathered = self._gather(self.painted)
        for half, lists in gathered.items():
            words = _words(self.colours[half])
            for which, paint in enumerate(paints):
                if len(lists[which]):
                    words[lists[which]] = _word(paint)
        self._painted_cells = {half: np.concatenate(lists) for half, lists in gathered.items()}
        shown = set(gathered)
        return shown
