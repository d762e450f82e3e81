"""Nerves and vessels as thin polylines through authored landmarks (needle-safety layer)."""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.builder.authored import load_authored
from tp_explorer.anatomy.builder.bellies import resample, smooth_polyline
from tp_explorer.anatomy.builder.landmarks import resolve_path
from tp_explorer.anatomy.builder.model import SourceModel
from tp_explorer.knowledge.vocabulary import NERVE_IDS, SIDES

SPACING = 0.008  # one point every 8 mm: smooth enough to draw as a tube


def build_nerves(src: SourceModel) -> dict[str, dict[str, np.ndarray]]:
    """structure id -> side -> (n, 3) polyline, proximal first."""
    data = load_authored()["nerves"]
    out: dict[str, dict[str, np.ndarray]] = {}
    for sid in NERVE_IDS:
        out[sid] = {}
        for side in SIDES:
            raw = smooth_polyline(resolve_path(data[sid], side, src.bones))
            length = float(np.linalg.norm(np.diff(raw, axis=0), axis=1).sum())
            out[sid][side] = resample(raw, max(int(length / SPACING), 8))
    return out
