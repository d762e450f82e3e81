"""Off-screen pictures through the same BodyScene code (and framing) as the window."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from tp_explorer.scene.body import BodyScene
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy


def render_image(
    anatomy: Anatomy,
    highlight: Highlight,
    layers: Iterable[str],
    view: str | None = "anterior",
    size: tuple[int, int] = (1200, 900),
    anti_aliasing: bool = True,
) -> np.ndarray:
    """Render one selection off screen; return the RGB image (height, width, 3).

    The selection is framed as in the window: ``view`` names the side it is seen from, or
    None (or "auto") for the view that shows most of it."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        if anti_aliasing:
            plotter.enable_anti_aliasing("ssaa")
        scene = BodyScene(plotter, anatomy)
        scene.apply(highlight, layers, render=False)
        if view in (None, "auto"):
            scene.frame(render=False)
        else:
            scene.set_view(view, render=False)
        return np.asarray(plotter.screenshot(return_img=True))
    finally:
        plotter.close()
