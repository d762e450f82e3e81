"""Framing's import path for the rest of the program (the window's camera motion reads
``CameraPose`` and ``interpolate`` here): the arithmetic lives in ``layout.framing`` and the
projection in ``layout.projection``."""

from __future__ import annotations

from tp_explorer.scene.layout.framing import (
    FILL,
    START_FILL,
    CameraPose,
    FramedParts,
    best_view,
    box_corners,
    candidate_views,
    fit_points,
    interpolate,
)
from tp_explorer.scene.layout.projection import project

__all__ = [
    "FILL",
    "START_FILL",
    "CameraPose",
    "FramedParts",
    "best_view",
    "box_corners",
    "candidate_views",
    "fit_points",
    "interpolate",
    "project",
]
