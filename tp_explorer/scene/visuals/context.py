"""The atlas's other structures: muscles outside the knowledge base (gemelli, quadratus
femoris, pectineus, popliteus...), arteries and veins, drawn for orientation only.

They are made once, in the muted context colour (arteries and veins in their own), never take
a chain role, fade with the other muscles when a site is selected, and go with the first peel
(they would otherwise cover the layers the user peels down to). Organs are not drawn: they
serve the depth measurements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper, vtkProperty

from tp_explorer import palette
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

COLOURS = {"muscle": palette.CONTEXT, "artery": palette.ARTERY, "vein": palette.VEIN}
DRAWN_KINDS = tuple(COLOURS)


@dataclass(frozen=True)
class ContextLook:
    """How a context structure is drawn: ghosted with the other muscles or not, and drawn."""

    ghost: bool
    visible: bool


def side_of(structure_id: str) -> str:
    for side in ("left", "right"):
        if structure_id.endswith("_" + side):
            return side
    return "mid"


class ContextVisuals:
    """One actor per context structure of the anatomy (none for the built-in body)."""

    def __init__(self, renderer: pv.Renderer, anatomy: Anatomy) -> None:
        self.actors: dict[str, pv.Actor] = {}
        self.kinds: dict[str, str] = {}
        self.sides: dict[str, str] = {}  # "left", "right" or "mid", from the structure's id
        # One shared property per look: pointing an actor at another property is cheap, while
        # changing an actor's own property makes VTK rebuild its shader at the next render.
        self._looks: dict[tuple[str, bool], vtkProperty] = {}
        kinds = getattr(anatomy, "context_kind", {}) or {}
        for cid, mesh in (getattr(anatomy, "context", {}) or {}).items():
            kind = kinds.get(cid, "muscle")
            if kind not in DRAWN_KINDS:
                continue
            smooth = mesh
            if mesh.point_data.active_normals is None:
                smooth = mesh.compute_normals(cell_normals=False, split_vertices=False)
            mapper = vtkPolyDataMapper()
            mapper.SetInputData(smooth)
            mapper.ScalarVisibilityOff()
            actor = pv.Actor(mapper=mapper)
            actor.SetProperty(self._look(kind, ghost=False))
            actor.SetPickable(False)
            renderer.add_actor(
                actor,
                name=f"context-{cid}",
                pickable=False,
                reset_camera=False,
                render=False,
                remove_existing_actor=False,
            )
            self.actors[cid] = actor
            self.kinds[cid] = kind
            self.sides[cid] = side_of(cid)
        self._shown: dict[str, ContextLook] = {}

    def _look(self, kind: str, ghost: bool) -> vtkProperty:
        key = (kind, ghost)
        if key not in self._looks:
            prop = vtkProperty()
            prop.SetColor(*palette.rgb_float(COLOURS[kind]))
            prop.SetInterpolationToPhong()
            prop.SetSpecular(0.25)
            prop.BackfaceCullingOn()
            prop.SetOpacity(palette.GHOST_OPACITY if ghost else 1.0)
            self._looks[key] = prop
        return self._looks[key]

    def apply(self, highlight: Highlight, layers: frozenset[str]) -> None:
        """Visibility and opacity from the layers, the side filter, ghosting and the peel;
        none in the chart view."""
        sides = set(highlight.sides)
        ghost = bool(highlight.ghost_others)
        peel = int(highlight.peel or 0)
        isolated = bool(highlight.isolated)
        # the two looks of this selection, made once (not once per structure)
        looks = {visible: ContextLook(ghost, visible) for visible in (False, True)}
        for cid, actor in self.actors.items():
            kind = self.kinds[cid]
            side = self.sides[cid]
            visible = "muscles" in layers and (side == "mid" or side in sides) and not isolated
            visible = visible and "chart" not in layers
            if kind == "muscle" and peel > 0:
                visible = False
            look = looks[visible]
            if self._shown.get(cid) == look:
                continue
            self._shown[cid] = look
            actor.SetVisibility(visible)
            actor.SetProperty(self._look(kind, ghost))
