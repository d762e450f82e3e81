"""Turning a click on the canvas into ids: which muscle, skin area or bone is under it.

The ray cast is behind the small ``RayPicker`` protocol so tests can hand the scene a fake
picker and check the decision rules without mouse events.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from vtkmodules.vtkRenderingCore import vtkProp, vtkRenderer

from tp_explorer.scene.layout.arrays import vec3
from tp_explorer.scene.visuals.bones import BoneVisuals
from tp_explorer.scene.visuals.muscles import MuscleKey, MuscleVisuals
from tp_explorer.scene.visuals.skin import SkinVisuals


@dataclass(frozen=True)
class PickResult:
    """What is under the cursor. ``area`` is filled whenever the ray met the skin."""

    kind: str  # "muscle" | "skin" | "bone"
    mesh_id: str | None = None
    side: str | None = None
    area: str | None = None
    area_side: str | None = None


@dataclass(frozen=True)
class RayHit:
    """The nearest hit of a ray among some actors."""

    actor: vtkProp
    point_id: int  # id of the mesh point nearest the hit, in that actor's own mesh
    position: tuple[float, float, float]


@dataclass(frozen=True)
class BodyParts:
    """What a pick looks among: the body's visuals, the highlighted muscles, the layers."""

    muscles: MuscleVisuals
    skin: SkinVisuals
    bones: BoneVisuals
    lit: Collection[MuscleKey]
    layers: frozenset[str]


class RayPicker(Protocol):
    def pick(
        self, x: float, y: float, renderer: vtkRenderer, actors: Sequence[vtkProp]
    ) -> RayHit | None:
        """Nearest hit among ``actors`` at display pixel (x, y), origin bottom left."""
        ...


class VtkRayPicker:
    """A vtkCellPicker restricted to a pick list; geometric, so it needs no extra render."""

    def __init__(self, tolerance: float = 0.0005) -> None:
        from vtkmodules.vtkRenderingCore import vtkCellPicker

        self._picker = vtkCellPicker()
        self._picker.SetTolerance(tolerance)
        self._picker.PickFromListOn()

    def pick(
        self, x: float, y: float, renderer: vtkRenderer, actors: Sequence[vtkProp]
    ) -> RayHit | None:
        if not actors:
            return None
        picker = self._picker
        picker.InitializePickList()
        for actor in actors:
            picker.AddPickList(actor)
        if not picker.Pick(float(x), float(y), 0.0, renderer):
            return None
        actor = picker.GetActor()
        if actor is None:
            return None
        return RayHit(actor, int(picker.GetPointId()), vec3(picker.GetPickPosition()))


def nearest_point(points: np.ndarray, position: tuple[float, float, float]) -> int:
    """Index of the point nearest a position (used when a picker gives no point id)."""
    return int(np.argmin(((points - np.asarray(position)) ** 2).sum(axis=1)))


def pick_body(
    picker: RayPicker,
    renderer: vtkRenderer,
    x: float,
    y: float,
    parts: BodyParts,
) -> PickResult | None:
    """What of the body is under display pixel (x, y), origin bottom left.

    Highlighted muscles win (they are what the user looks at, even through the skin); then
    the skin (a body area, for the reverse lookup); then any visible muscle; then bone.
    """
    skin_hit = picker.pick(x, y, renderer, parts.skin.pickable(parts.layers))
    area = None if skin_hit is None else parts.skin.area_at(skin_hit.actor, skin_hit.point_id)
    area_kw = {"area": area[0], "area_side": area[1]} if area else {}
    visible = parts.muscles.visible()
    lit = [a for k, a in visible if k in parts.lit]
    muscle = _muscle_at(picker, renderer, x, y, parts, lit)
    if muscle is not None:
        return PickResult("muscle", muscle[0], muscle[1], **area_kw)
    if skin_hit is not None:
        return PickResult("skin", **area_kw)
    muscle = _muscle_at(
        picker, renderer, x, y, parts, [a for k, a in visible if k not in parts.lit]
    )
    if muscle is not None:
        return PickResult("muscle", muscle[0], muscle[1])
    hit = picker.pick(x, y, renderer, parts.bones.visible())
    group = None if hit is None else parts.bones.key_of(hit.actor)
    return None if group is None else PickResult("bone", side=group)


def _muscle_at(
    picker: RayPicker,
    renderer: vtkRenderer,
    x: float,
    y: float,
    parts: BodyParts,
    actors: Sequence[vtkProp],
) -> tuple[str, str] | None:
    hit = picker.pick(x, y, renderer, actors)
    return None if hit is None else parts.muscles.key_of(hit.actor)
