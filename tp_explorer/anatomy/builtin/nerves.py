"""Nerves and vessels as thin polylines through authored landmarks (needle-safety layer)."""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.builtin.authored import Authored
from tp_explorer.anatomy.builtin.landmarks import resolve_path
from tp_explorer.anatomy.builtin.source import SourceModel
from tp_explorer.anatomy.derive.lofts import course
from tp_explorer.knowledge.vocabulary import NERVE_IDS, SIDES


def build_nerves(src: SourceModel, authored: Authored) -> dict[str, dict[str, np.ndarray]]:
    """structure id -> side -> (n, 3) polyline, proximal first, one point every 8 mm."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for sid in NERVE_IDS:
        out[sid] = {}
        for side in SIDES:
            out[sid][side] = course(resolve_path(authored.nerves[sid], side, src.bones))
    return out
