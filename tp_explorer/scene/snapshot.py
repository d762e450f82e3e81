"""Off-screen pictures through the same BodyScene code (and framing) as the window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from tp_explorer.scene.body import BodyScene
from tp_explorer.scene.layout.framing import CameraPose
from tp_explorer.state import Highlight

if TYPE_CHECKING:
    from tp_explorer.anatomy.model import Anatomy


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One off-screen picture: the RGB image (height, width, 3), the camera that took it and
    the view it was taken from."""

    image: np.ndarray
    pose: CameraPose
    view: str


def render_snapshot(
    anatomy: Anatomy,
    highlight: Highlight,
    layers: Iterable[str],
    view: str | None = "anterior",
    size: tuple[int, int] = (1200, 900),
    anti_aliasing: bool = True,
) -> Snapshot:
    """Render one selection off screen, framed as in the window: ``view`` names the side it is
    seen from, or None (or "auto") for the view that shows most of it. The frame follows the
    selection, never the layers drawn."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        if anti_aliasing:
            plotter.enable_anti_aliasing("ssaa")
        scene = BodyScene(plotter, anatomy)
        scene.apply(highlight, layers, render=False)
        if view in (None, "auto"):
            chosen = scene.frame(render=False)
        else:
            scene.set_view(view, render=False)
            chosen = view
        image = np.asarray(plotter.screenshot(return_img=True))
        return Snapshot(image, scene.camera_pose, chosen)
    finally:
        plotter.close()


def render_image(
    anatomy: Anatomy,
    highlight: Highlight,
    layers: Iterable[str],
    view: str | None = "anterior",
    size: tuple[int, int] = (1200, 900),
    anti_aliasing: bool = True,
) -> np.ndarray:
    """The RGB image (height, width, 3) of ``render_snapshot``."""
    return render_snapshot(anatomy, highlight, layers, view, size, anti_aliasing).image
