"""The fading test: which structures stand between the camera and a focused muscle."""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkRenderingCore import vtkCamera

from tp_explorer.scene.camera import projection_matrix
from tp_explorer.scene.layout.occluders import Occluders


def _ball(centre, radius=0.05, n=400, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3))
    return np.asarray(centre) + radius * v / np.linalg.norm(v, axis=1)[:, None]


def test_only_asked_structures_in_front_of_the_target_are_found() -> None:
    camera = vtkCamera()
    camera.SetPosition(0.0, -2.0, 0.0)  # looking along +y at the origin
    camera.SetFocalPoint(0.0, 0.0, 0.0)
    camera.SetViewUp(0.0, 0.0, 1.0)
    camera.SetClippingRange(0.1, 10.0)
    size = (640, 480)
    target = _ball((0.0, 0.0, 0.0))
    structures = {
        "in front": _ball((0.0, -0.3, 0.0), seed=1),
        "behind": _ball((0.0, 0.3, 0.0), seed=2),
        "beside": _ball((0.6, -0.3, 0.0), seed=3),
        "in front, not asked": _ball((0.02, -0.5, 0.02), seed=4),
    }
    occluders = Occluders(structures)
    matrix = projection_matrix(camera, size[0] / size[1])
    asked = ["in front", "behind", "beside", "unknown"]
    assert occluders.find(target, asked, matrix, size) == {"in front"}
    everything = occluders.find(target, structures, matrix, size)
    assert everything == {"in front", "in front, not asked"}
    # from the other side the one behind is in front
    camera.SetPosition(0.0, 2.0, 0.0)
    assert occluders.find(target, asked, projection_matrix(camera, size[0] / size[1]), size) == {
        "behind"
    }
