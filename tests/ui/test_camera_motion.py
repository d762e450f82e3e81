"""The short camera move: animated on a fast renderer, a jump on a slow one."""

from __future__ import annotations

import numpy as np

from tp_explorer.scene.framing import CameraPose
from tp_explorer.ui.camera_motion import TRANSITION_MS, CameraMotion

START = CameraPose((0.0, -3.0, 1.0), (0.0, 0.0, 1.0))
END = CameraPose((0.0, 2.0, 0.5), (0.0, 0.0, 0.5))


class FakeScene:
    """Records the poses it is given; renders as fast or slow as told."""

    def __init__(self, render_ms: float) -> None:
        self.last_render_ms = render_ms
        self.camera_pose = START
        self.shown: list[CameraPose] = []

    def set_camera(self, pose, render=True, fade=True) -> None:
        self.camera_pose = pose
        if render:
            self.shown.append(pose)


def test_fast_renderer_turns_within_the_transition(qtbot, monkeypatch) -> None:
    monkeypatch.delenv("TP_EXPLORER_NO_CAMERA_MOTION", raising=False)
    scene = FakeScene(render_ms=5.0)
    motion = CameraMotion(scene)
    motion.move_to(END)
    assert motion.moving
    qtbot.waitUntil(lambda: not motion.moving, timeout=TRANSITION_MS * 4)
    assert scene.camera_pose == END
    assert len(scene.shown) > 3  # frames in between
    middle = scene.shown[len(scene.shown) // 2]
    assert not np.allclose(middle.position, START.position)
    assert not np.allclose(middle.position, END.position)


def test_slow_renderer_jumps(qtbot) -> None:
    scene = FakeScene(render_ms=60.0)
    motion = CameraMotion(scene)
    motion.move_to(END)
    assert not motion.moving
    assert scene.shown == [END]
