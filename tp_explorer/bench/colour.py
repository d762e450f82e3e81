"""CIELAB for rendered pixels (numpy): how far apart two pictures' colours look.

The array form of ``palette.lab`` (one '#RRGGBB' at a time), for the zone-contrast benchmark
and the render tests, which compare thousands of pixels at once.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
D65_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(rgb: NDArray[np.generic]) -> NDArray[np.float64]:
    """sRGB values (..., 3) in 0..255 -> linear light (..., 3) in 0..1."""
    c = np.asarray(rgb, dtype=float) / 255.0
    return np.asarray(np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4))


def srgb(linear: NDArray[np.generic]) -> NDArray[np.float64]:
    """Linear light (..., 3), clipped to 0..1 -> sRGB values (..., 3) in 0..255."""
    c = np.clip(np.asarray(linear, dtype=float), 0.0, 1.0)
    return np.asarray(255 * np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055))


def lab(rgb: NDArray[np.generic]) -> NDArray[np.float64]:
    """sRGB values (..., 3) in 0..255 -> CIELAB (..., 3), D65."""
    xyz = linear_rgb(rgb) @ SRGB_TO_XYZ.T / D65_WHITE
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def delta_e(first: NDArray[np.generic], second: NDArray[np.generic]) -> NDArray[np.float64]:
    """CIE76 difference of two arrays of sRGB pixels (..., 3)."""
    return np.asarray(np.linalg.norm(lab(first) - lab(second), axis=-1), dtype=float)
