"""Nerves and vessels as thin polylines through authored landmarks (needle-safety layer)."""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.builder.model import SourceModel


def build_nerves(src: SourceModel) -> dict[str, dict[str, np.ndarray]]:
    """Not authored yet: an empty set keeps the asset format stable."""
    return {}
