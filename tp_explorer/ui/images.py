"""Pixels between numpy and Qt: one conversion for every picture the window writes."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def qimage_from_array(rgb: np.ndarray) -> QImage:
    """An (h, w, 3|4) uint8 array -> a QImage that owns its pixels."""
    arr = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
