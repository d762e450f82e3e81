"""Off-screen pictures through the same BodyScene code as the window."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pyvista as pv

from tp_explorer.scene.body import BodyScene
from tp_explorer.state import Highlight


def render_image(
    anatomy: Any,
    highlight: Highlight,
    layers: Iterable[str],
    view: str = "anterior",
    size: tuple[int, int] = (1200, 900),
    anti_aliasing: bool = True,
) -> np.ndarray:
    """Render one selection off screen; return the RGB image (height, width, 3)."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        if anti_aliasing:
            plotter.enable_anti_aliasing("ssaa")
        scene = BodyScene(plotter, anatomy)
        scene.apply(highlight, layers, render=False)
        side = "both" if len(highlight.sides) != 1 else highlight.sides[0]
        scene.set_view(view, side, render=False)
        return np.asarray(plotter.screenshot(return_img=True))
    finally:
        plotter.close()
