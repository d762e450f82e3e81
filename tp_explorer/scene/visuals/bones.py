"""The bones: three merged actors (left, right, midline), so the side filter and a focus's
fading each switch one group at once."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkProp

from tp_explorer import palette
from tp_explorer.scene.layout.arrays import FloatArray
from tp_explorer.scene.layout.body_geometry import even_sample
from tp_explorer.scene.visuals.actors import Look, look, make_actor
from tp_explorer.state import Highlight

MIDLINE_M = 0.03  # a bone whose centre is this near the midline belongs to neither side
SAMPLE_POINTS = 3000  # per group, for framing and fading
FADED_BONE_OPACITY = 0.25


def group_of(x: float) -> str:
    """The group of a bone centred at ``x`` (the subject's left is +x)."""
    if abs(x) < MIDLINE_M:
        return "midline"
    return "left" if x > 0 else "right"


class BoneVisuals:
    """The bone groups' actors, point samples and looks."""

    def __init__(self, renderer: pv.Renderer, bones: Iterable[pv.PolyData]) -> None:
        groups: dict[str, list[pv.PolyData]] = {"left": [], "right": [], "midline": []}
        for mesh in bones:
            groups[group_of(float(mesh.center[0]))].append(mesh)
        self.actors: dict[str, pv.Actor] = {}
        for group, meshes in groups.items():
            if meshes:
                merged = pv.merge(meshes) if len(meshes) > 1 else meshes[0]
                self.actors[group] = make_actor(
                    renderer,
                    merged,
                    color=palette.BONE,
                    smooth_shading=True,
                    specular=0.2,
                    name=f"bones-{group}",
                )
        self.samples: dict[str, FloatArray] = {
            group: even_sample(np.asarray(pv.wrap(actor.mapper.GetInput()).points), SAMPLE_POINTS)
            for group, actor in self.actors.items()
        }
        self.base: dict[str, Look] = {}
        self._shown: dict[str, Look] = {}

    def apply(self, highlight: Highlight, layers: frozenset[str]) -> None:
        """Each group drawn when the bones layer, the side filter and hide / isolate allow;
        none in the chart view (its opaque skin covers them)."""
        sides = set(highlight.sides)
        for group in self.actors:
            drawn = (
                "bones" in layers
                and "chart" not in layers
                and (group == "midline" or group in sides)
                and highlight.shows(("bone", group, ""))
            )
            self.base[group] = look(palette.BONE, 1.0, drawn)

    def drawn(self, group: str) -> bool:
        look = self.base.get(group)
        return look is not None and look.visible

    def show(self, faded: Collection[Hashable]) -> None:
        """Give each group its look; those in ``faded`` (as ("bone", group)) fade."""
        for group, actor in self.actors.items():
            now = self.base[group]
            if ("bone", group) in faded:
                now = look(now.colour, FADED_BONE_OPACITY, now.visible)
            if self._shown.get(group) == now:
                continue
            self._shown[group] = now
            actor.SetVisibility(now.visible)
            actor.GetProperty().SetOpacity(now.opacity)

    def key_of(self, actor: vtkProp) -> str | None:
        return next((group for group, mine in self.actors.items() if mine is actor), None)

    def visible(self) -> list[pv.Actor]:
        return [actor for actor in self.actors.values() if actor.GetVisibility()]
