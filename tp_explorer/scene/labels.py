"""The labels' import path for the rest of the program: the pool lives in ``visuals.labels``,
its pictures and actors beside it, and the placement itself in ``layout.labels``."""

from __future__ import annotations

from tp_explorer.scene.layout.columns import COLUMN_GAP_PX, EDGE_PX
from tp_explorer.scene.layout.labels import Placement
from tp_explorer.scene.visuals.label_pictures import MAX_SHEET_PX, style_as_label
from tp_explorer.scene.visuals.labels import LabelPool

__all__ = ["COLUMN_GAP_PX", "EDGE_PX", "MAX_SHEET_PX", "LabelPool", "Placement", "style_as_label"]
