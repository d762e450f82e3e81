"""How the visuals make their actors, and the look each one last gave an actor."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper


@dataclass(frozen=True)
class Look:
    """How a selection draws an actor: its colour and opacity, and whether it is drawn."""

    colour: str
    opacity: float
    visible: bool


@cache
def look(colour: str, opacity: float, visible: bool) -> Look:
    """The one Look of these values: a selection gives ~170 atlas actors their looks, and a
    few distinct ones made once are cheaper to hand out and to compare than new ones."""
    return Look(colour, opacity, visible)


def make_actor(
    renderer: pv.Renderer,
    mesh: pv.PolyData,
    *,
    name: str,
    color: str,
    smooth_shading: bool = False,
    specular: float = 0.0,
    ambient: float = 0.0,
    culling: bool = False,
    mapper: vtkPolyDataMapper | None = None,
) -> pv.Actor:
    """One actor, made directly: what add_mesh(color=..., smooth_shading=...) makes, without
    its per-call overhead and without keeping a normals filter (a second copy) per mesh.

    The mapper is VTK's own: pyvista's wrapper builds a lookup table per mapper that a
    scene drawn in plain colours never uses (~55 ms of start-up for 100 mappers)."""
    if mapper is None:
        if smooth_shading and mesh.point_data.active_normals is None:
            mesh = mesh.compute_normals(cell_normals=False, split_vertices=False)
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
    actor = pv.Actor(mapper=mapper)
    prop = actor.prop
    prop.color = color
    prop.opacity = 1.0
    prop.specular = specular
    prop.ambient = ambient
    prop.interpolation = "phong" if smooth_shading else "flat"
    if culling:
        prop.backface_culling = True
    renderer.add_actor(
        actor,
        name=name,
        pickable=True,
        reset_camera=False,
        render=False,
        remove_existing_actor=False,  # names are unique here; the check is O(actors)
    )
    return actor
