"""The one projection: the camera's own axis lands mid-canvas, what is behind is not in front."""

from __future__ import annotations

import numpy as np

from tests.scene.layout.synthetic import camera_at
from tp_explorer.scene.layout.projection import on_canvas


def test_the_focal_point_lands_in_the_middle_and_right_is_right() -> None:
    view = camera_at((0.0, -3.0, 0.0), size=(640, 480))  # anterior: the subject's left is +x
    points = np.array([[0.0, 0.0, 0.0], [0.2, 0.0, 0.0], [0.0, 0.0, 0.2], [0.0, -4.0, 0.0]])
    xy, depth, front = view.project(points)
    assert np.allclose(xy[0], (320, 240))
    assert xy[1, 0] > 320 and np.isclose(xy[1, 1], 240)  # +x to the right on screen
    assert xy[2, 1] > 240 and np.isclose(xy[2, 0], 320)  # +z up
    assert np.allclose(depth[:3], 3.0)
    assert list(front) == [True, True, True, False]  # the last one is behind the camera
    assert list(on_canvas(xy, front, view.size)) == [True, True, True, False]


def test_points_off_the_canvas_are_not_on_it() -> None:
    view = camera_at((0.0, -3.0, 0.0), size=(640, 480))
    xy, _depth, front = view.project(np.array([[5.0, 0.0, 0.0], [0.0, 0.0, -5.0]]))
    assert front.all() and not on_canvas(xy, front, view.size).any()
