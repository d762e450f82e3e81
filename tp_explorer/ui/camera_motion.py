"""A short camera move to a new framing, so the user keeps their bearings.

At most TRANSITION_MS, in as many frames as the renderer draws in that time; on a renderer too
slow for a few frames (software rendering) the camera jumps: one frame is better than a jerky
three.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from tp_explorer.scene.framing import CameraPose, interpolate

if TYPE_CHECKING:
    from tp_explorer.scene import BodyScene

TRANSITION_MS = 280
SLOW_FRAME_MS = 28  # fewer than ~10 frames in a transition: jump instead
NO_MOTION_ENV = "TP_EXPLORER_NO_CAMERA_MOTION"


class CameraMotion(QObject):
    """Moves ``scene``'s camera to a pose, animated when the renderer is fast enough."""

    def __init__(self, scene: BodyScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._start: CameraPose | None = None
        self._target: CameraPose | None = None
        self._started = 0.0
        self.animated_moves = 0  # for tests and the bench: how many moves were animated

    @property
    def moving(self) -> bool:
        return self._timer.isActive()

    def can_animate(self) -> bool:
        if os.environ.get(NO_MOTION_ENV):
            return False
        return 0 < self.scene.last_render_ms < SLOW_FRAME_MS

    def move_to(self, pose: CameraPose, render: bool = True) -> None:
        """Go to ``pose``: at once (rendering when asked), or over TRANSITION_MS."""
        self._timer.stop()
        if not render or not self.can_animate():
            self.scene.set_camera(pose, render=render)
            return
        self.animated_moves += 1
        self._start, self._target = self.scene.camera_pose, pose
        self._started = time.perf_counter()
        # The faded occluders are those of the end pose from the first frame on.
        self.scene.set_camera(pose, render=False)
        self.scene.set_camera(self._start, render=True, fade=False)
        self._timer.start()

    def finish(self) -> None:
        """Jump to the end of a move in progress."""
        if self._timer.isActive() and self._target is not None:
            self._timer.stop()
            self.scene.set_camera(self._target, render=True)

    def _step(self) -> None:
        if self._start is None or self._target is None:
            self._timer.stop()
            return
        t = (time.perf_counter() - self._started) * 1000 / TRANSITION_MS
        if t >= 1.0:
            self._timer.stop()
            self.scene.set_camera(self._target, render=True)
            return
        self.scene.set_camera(interpolate(self._start, self._target, t), render=True, fade=False)
