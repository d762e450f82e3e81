"""The occluder search without VTK: from any direction, what stands between the camera and the
target is found, what stands behind it or beside it is not."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scene.layout.synthetic import ball, camera_at
from tp_explorer.scene.layout.occluders import Occluders


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 2 * np.pi), st.floats(-0.6, 0.6), st.floats(1.5, 4.0))
def test_in_front_is_found_behind_and_beside_are_not(azimuth, elevation, distance) -> None:
    towards = np.array(
        [
            np.cos(elevation) * np.cos(azimuth),
            np.cos(elevation) * np.sin(azimuth),
            np.sin(elevation),
        ]
    )
    side = np.cross(towards, (0.0, 0.0, 1.0))
    side /= np.linalg.norm(side)
    view = camera_at(tuple(towards * distance), size=(640, 480))
    target, _normals = ball((0.0, 0.0, 0.0))
    structures = {
        "in front": ball(towards * 0.3, seed=1)[0],
        "behind": ball(-towards * 0.3, seed=2)[0],
        "beside": ball(side * 0.6, seed=3)[0],
        "in front, not asked": ball(towards * 0.5 + side * 0.02, seed=4)[0],
    }
    occluders = Occluders(structures)
    asked = ["in front", "behind", "beside", "unknown"]
    assert occluders.find(target, asked, view.matrix, view.size) == {"in front"}
    everything = occluders.find(target, structures, view.matrix, view.size)
    assert everything == {"in front", "in front, not asked"}


def test_nothing_fades_when_the_target_is_out_of_view() -> None:
    view = camera_at((0.0, -3.0, 0.0))
    target = ball((0.0, -5.0, 0.0))[0]  # behind the camera
    occluders = Occluders({"anything": ball((0.0, -1.0, 0.0))[0]})
    assert occluders.find(target, ["anything"], view.matrix, view.size) == set()
