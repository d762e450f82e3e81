"""Turning a click on the canvas into ids: which muscle, skin area or bone is under it.

The ray cast is behind the small ``RayPicker`` protocol so tests can hand the scene a fake
picker and check the decision rules without mouse events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np


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

    actor: Any
    point_id: int  # id of the mesh point nearest the hit, in that actor's own mesh
    position: tuple[float, float, float]


class RayPicker(Protocol):
    def pick(self, x: float, y: float, renderer: Any, actors: list[Any]) -> RayHit | None:
        """Nearest hit among ``actors`` at display pixel (x, y), origin bottom left."""
        ...


class VtkRayPicker:
    """A vtkCellPicker restricted to a pick list; geometric, so it needs no extra render."""

    def __init__(self, tolerance: float = 0.0005) -> None:
        from vtkmodules.vtkRenderingCore import vtkCellPicker

        self._picker = vtkCellPicker()
        self._picker.SetTolerance(tolerance)
        self._picker.PickFromListOn()

    def pick(self, x: float, y: float, renderer: Any, actors: list[Any]) -> RayHit | None:
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
        position = tuple(float(v) for v in picker.GetPickPosition())
        return RayHit(actor, int(picker.GetPointId()), position)  # type: ignore[arg-type]


def nearest_point(points: np.ndarray, position: tuple[float, float, float]) -> int:
    """Index of the point nearest a position (used when a picker gives no point id)."""
    return int(np.argmin(((points - np.asarray(position)) ** 2).sum(axis=1)))
