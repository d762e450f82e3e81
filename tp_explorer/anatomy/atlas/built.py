"""What one atlas build makes, as one typed value: cache.py flattens it into the cache's arrays
and install.py reads its totals for the status file."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.derive.areas import SkinLabels


@dataclass(frozen=True)
class BuiltAtlas:
    """Meshes in the common frame (metres), centrelines and skin areas of one atlas build."""

    bones: dict[str, pv.PolyData]
    muscles: dict[str, dict[str, pv.PolyData]]  # mesh id -> side -> closed surface
    fractions: dict[tuple[str, str], np.ndarray]  # (mesh id, side) -> each point's fraction along
    paths: np.ndarray  # (mesh, side, station, 3) centrelines, proximal first
    superficial: np.ndarray  # like paths: unit vectors towards the nearest skin
    skin: pv.PolyData
    skin_labels: SkinLabels
    context: dict[str, pv.PolyData]  # other muscles, vessels and organs by id
    context_kind: dict[str, str]  # id -> "muscle", "artery", "vein" or "organ"
    context_name: dict[str, str]  # id -> the FMA name
    nerves: dict[str, dict[str, np.ndarray]]  # nerve and vessel courses: id -> side -> polyline
    drawn: tuple[str, ...]  # structures drawn rather than segmented
    detail: str

    @property
    def triangles(self) -> int:
        """Triangles in all: bones, context, skin and muscles."""
        meshes = [*self.bones.values(), *self.context.values(), self.skin]
        meshes += [m for by_side in self.muscles.values() for m in by_side.values()]
        return int(sum(m.n_cells for m in meshes))
