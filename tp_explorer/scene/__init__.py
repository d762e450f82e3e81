"""tp_explorer.scene: the 3D body in pyvista/VTK, no Qt widgets.

Actors are made once; ``BodyScene.apply(highlight, layers)`` changes colours, opacities and
visibility only. Camera presets are data; picks come back as ids. ``body.py`` is the facade;
``visuals/`` holds one class per layer, ``camera.py`` the camera rig, and ``layout/`` the pure
numpy geometry (projection, framing, label placement, fading, measurements).
"""

from tp_explorer.scene import _lazy_pyplot  # noqa: F401  (first: before pyvista.plotting)
from tp_explorer.scene.body import BodyScene
from tp_explorer.scene.camera import (
    VIEW_CHOICES,
    VIEWS,
    ViewPreset,
    camera_position,
    view_direction,
)
from tp_explorer.scene.picking import PickResult, RayHit, RayPicker, VtkRayPicker
from tp_explorer.scene.snapshot import Snapshot, render_image, render_snapshot

__all__ = [
    "VIEWS",
    "VIEW_CHOICES",
    "BodyScene",
    "PickResult",
    "RayHit",
    "RayPicker",
    "Snapshot",
    "ViewPreset",
    "VtkRayPicker",
    "camera_position",
    "render_image",
    "render_snapshot",
    "view_direction",
]
