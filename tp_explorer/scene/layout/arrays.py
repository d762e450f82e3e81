"""The array types the layout core passes around (numpy's typed aliases, named once)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display px, origin bottom left
Vec3 = tuple[float, float, float]


def vec3(values: npt.ArrayLike) -> Vec3:
    """Three floats from any 3-vector (a numpy row, a list, a tuple)."""
    x, y, z = np.asarray(values, dtype=float).reshape(3).tolist()
    return float(x), float(y), float(z)
