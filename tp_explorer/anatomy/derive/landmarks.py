"""The skeletal landmarks both sources give the area rules, in one value, and the side convention.

Each source finds them its own way (the built-in body from the model's joint centres and bones,
the atlas from its bone meshes' shapes); the rules in areas.py see only this value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SideLandmarks:
    """Joint centres and bony heights of one side (world frame, metres)."""

    hip: np.ndarray
    knee: np.ndarray
    ankle: np.ndarray
    mtp: np.ndarray
    heel_y: float
    toes_medial_x: float
    crest_z: float
    ischial_z: float
    pubis_z: float
    sole_z: float


def lateral_sign(side: str) -> float:
    """+1 when lateral is +x (the subject's left), -1 when lateral is -x (the subject's right)."""
    return 1.0 if side == "left" else -1.0
