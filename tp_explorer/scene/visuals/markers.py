"""The trigger-point markers: one point actor whose small input is refilled per selection."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from tp_explorer import palette
from tp_explorer.scene.layout.arrays import FloatArray
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy

MARKER_PX = 11
CACHED_SELECTIONS = 64  # a session visits a few dozen selections

PointKey = tuple[str, str, float, str | None]  # (mesh, side, along, aspect)


class MarkerVisuals:
    """The markers of a selection's trigger points, on the muscles the scene draws."""

    def __init__(
        self, plotter: pv.BasePlotter, anatomy: Anatomy, muscles: Collection[tuple[str, str]]
    ) -> None:
        self.anatomy = anatomy
        self.muscles = muscles
        self._mesh = pv.PolyData(np.zeros((1, 3)))
        self.actor = plotter.add_mesh(
            self._mesh,
            color=palette.MARKER,
            point_size=MARKER_PX,
            render_points_as_spheres=True,
            pickable=False,
            reset_camera=False,
            render=False,
            name="trigger-points",
        )
        self._points: dict[PointKey, FloatArray] = {}
        self._sets: dict[tuple[object, ...], pv.PolyData | None] = {}
        self._filled: tuple[object, ...] | None = None
        self._visible: bool | None = None

    def apply(
        self,
        highlight: Highlight,
        show: bool,
        drawn: Callable[[tuple[str, str]], bool] | None = None,
    ) -> None:
        """Fill the markers of the selection's trigger points on its visible sides (only on
        the muscles ``drawn`` says are drawn, when given: the chart view's focused one)."""
        markers = tuple(m for m in highlight.markers if drawn is None or drawn((m.mesh, m.side)))
        key = (markers, highlight.sides)
        points = self._sets.get(key)
        if points is None:
            found = [
                self.position((m.mesh, m.side, m.along, m.aspect))
                for m in markers
                if (m.mesh, m.side) in self.muscles and m.side in highlight.sides
            ]
            points = pv.PolyData(np.asarray(found, dtype=float)) if found else None
            if len(self._sets) > CACHED_SELECTIONS:
                self._sets.clear()
            self._sets[key] = points
        if points is not None and key != self._filled:
            self._mesh.ShallowCopy(points)
            self._filled = key
        visible = show and points is not None
        if visible != self._visible:
            self._visible = visible
            self.actor.SetVisibility(visible)

    def position(self, key: PointKey) -> FloatArray:
        """The anatomy's trigger point, computed once per (mesh, side, along, aspect)."""
        point = self._points.get(key)
        if point is None:
            point = self._points[key] = np.asarray(self.anatomy.trigger_point(*key), dtype=float)
        return point
