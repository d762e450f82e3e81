"""Two muscles' referral zones at once, in two patterns: A solid orange, B sky-blue stripes.

The stripes are half transparent, so where the zones overlap the orange shows between the blue
stripes and the overlap reads as both patterns at once. Two shells float just outside the skin
(B outside A); a comparison only swaps which skin cells they carry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import vtkTexture

from tp_explorer import palette
from tp_explorer.scene.vtk_arrays import numpy_to_vtk

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

OFFSET_A_M = 0.0030
OFFSET_B_M = 0.0040
STRIPE_PERIOD_M = 0.025


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


def outward_offset(skin: pv.PolyData, distance: float) -> pv.PolyData:
    """A copy of the skin moved ``distance`` along its outward point normals."""
    shell: pv.PolyData = skin.compute_normals(
        point_normals=True, cell_normals=False, auto_orient_normals=True, split_vertices=False
    )
    shell.points = shell.points + shell.point_data["Normals"] * distance
    return shell


def stripe_coordinates(points: np.ndarray, period: float) -> np.ndarray:
    """Texture coordinates that run diagonally across the body from every standard view."""
    u = points.sum(axis=1) / period
    coordinates: np.ndarray = np.column_stack([u, np.full(len(points), 0.5)])
    return coordinates


def _stripe_texture() -> vtkTexture:
    """Two texels across: B's colour, then clear; repeated along the stripe coordinate."""
    image = np.zeros((2, 2, 4), dtype=np.uint8)
    image[:, 0, :3] = palette.rgb(palette.COMPARE_B)
    image[:, 0, 3] = 255
    image[:, 1, :3] = palette.rgb(palette.COMPARE_B)
    image[:, 1, 3] = 0
    data = vtkImageData()
    data.SetDimensions(2, 2, 1)
    data.GetPointData().SetScalars(numpy_to_vtk(image.reshape(-1, 4), deep=True))
    texture = vtkTexture()
    texture.SetInputData(data)
    texture.RepeatOn()
    texture.InterpolateOff()
    return texture


class CompareLayer:
    """Shell actors for muscle A and muscle B zones; ``show(a_areas, b_areas)`` fills them."""

    def __init__(self, plotter: pv.BasePlotter, anatomy: Anatomy) -> None:
        self.plotter = plotter
        skin = anatomy.skin
        self._codes, self._keys = cell_codes(skin, anatomy.areas)
        self._index = {key: i for i, key in enumerate(self._keys)}
        self._shell_a = outward_offset(skin, OFFSET_A_M)
        shell_b = outward_offset(skin, OFFSET_B_M)
        shell_b.active_texture_coordinates = stripe_coordinates(shell_b.points, STRIPE_PERIOD_M)
        self._shell_b = shell_b
        self.mesh_a = pv.PolyData()
        self.mesh_b = pv.PolyData()
        self.shown_a: frozenset[tuple[str, str]] = frozenset()
        self.shown_b: frozenset[tuple[str, str]] = frozenset()
        # Start with one cell so the actors are made with valid inputs, then hide them.
        self.mesh_a.copy_from(self._extract(self._shell_a, [0]))
        self.mesh_b.copy_from(self._extract(self._shell_b, [0]))
        self.actor_a = plotter.add_mesh(
            self.mesh_a,
            color=palette.COMPARE_A,
            pickable=False,
            reset_camera=False,
            name="compare:a",
            smooth_shading=True,
        )
        self.actor_b = plotter.add_mesh(
            self.mesh_b,
            pickable=False,
            reset_camera=False,
            name="compare:b",
        )
        self.actor_b.SetTexture(_stripe_texture())
        self.actor_a.SetVisibility(False)
        self.actor_b.SetVisibility(False)

    @staticmethod
    def _extract(shell: pv.PolyData, cells: Iterable[int]) -> pv.PolyData:
        part: pv.PolyData = shell.extract_cells(list(cells)).extract_surface(algorithm=None)
        tcoords = part.point_data.get("Texture Coordinates")
        if tcoords is not None:
            part.active_texture_coordinates = np.asarray(tcoords)
        return part

    def _cells(self, keys: Iterable[tuple[str, str]]) -> np.ndarray:
        wanted = [self._index[k] for k in keys if k in self._index]
        return np.flatnonzero(np.isin(self._codes, wanted))

    def show(self, a_areas: Iterable[tuple[str, str]], b_areas: Iterable[tuple[str, str]]) -> None:
        """Paint (area, side) sets for A and B; empty sets hide the layer. No render."""
        self.shown_a, self.shown_b = frozenset(a_areas), frozenset(b_areas)
        for keys, shell, mesh, actor in (
            (self.shown_a, self._shell_a, self.mesh_a, self.actor_a),
            (self.shown_b, self._shell_b, self.mesh_b, self.actor_b),
        ):
            cells = self._cells(keys)
            if len(cells):
                mesh.copy_from(self._extract(shell, cells))
            actor.SetVisibility(bool(len(cells)))

    def hide(self) -> None:
        self.show((), ())

    @property
    def visible(self) -> bool:
        return bool(self.actor_a.GetVisibility() or self.actor_b.GetVisibility())
