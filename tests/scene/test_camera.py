"""The camera rig against VTK: the layout's projection matrix is the one VTK's camera gives,
and the rig's projection puts points where VTK's own world-to-display puts them."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from vtkmodules.vtkRenderingCore import vtkCamera

from tp_explorer.scene import BodyScene
from tp_explorer.scene.camera import projection_matrix
from tp_explorer.scene.framing import CameraPose
from tp_explorer.scene.layout.projection import perspective_matrix

coordinate = st.floats(-3, 3)


@settings(max_examples=100, deadline=None)
@given(
    st.tuples(coordinate, coordinate, coordinate),
    st.tuples(coordinate, coordinate, coordinate),
    st.floats(15, 60),
    st.floats(0.4, 2.5),
)
def test_the_layout_matrix_is_the_one_vtk_computes(position, focal, angle, aspect) -> None:
    gap = np.subtract(position, focal)
    up = (0.0, 0.0, 1.0)
    distance = float(np.linalg.norm(gap))
    # not a camera on its focal point, nor one looking straight up or down
    assume(distance > 0.1 and np.linalg.norm(np.cross(gap / max(distance, 1e-9), up)) > 0.1)
    camera = vtkCamera()
    camera.SetPosition(*position)
    camera.SetFocalPoint(*focal)
    camera.SetViewUp(*up)
    camera.SetViewAngle(angle)
    camera.SetClippingRange(distance * 0.1, distance * 3)
    expected = projection_matrix(camera, aspect)
    ours = perspective_matrix(position, focal, up, angle, aspect, (distance * 0.1, distance * 3))
    assert np.allclose(ours, expected, rtol=1e-9, atol=1e-9)


@pytest.fixture(scope="module")
def scene(anatomy):
    plotter = pv.Plotter(off_screen=True, window_size=[500, 400])
    body = BodyScene(plotter, anatomy)
    yield body
    plotter.close()


def test_the_rig_projects_as_vtk_displays(scene) -> None:
    pose = CameraPose((0.4, -2.5, 1.2), (0.0, 0.0, 0.9))
    scene.set_camera(pose, render=False)
    assert np.allclose(scene.camera_pose.position, pose.position)
    assert np.allclose(scene.camera_pose.focal, pose.focal)
    view = scene.camera.projection()
    assert view.size == (500, 400) and np.allclose(view.eye, pose.position)
    points = scene.geometry.skin_points[::997]
    xy, _depth, front = view.project(points)
    assert front.all()
    for point, pixel in zip(points, xy, strict=True):
        assert np.allclose(scene.project(point), pixel, atol=1e-6)
    assert np.allclose(scene.labels.projection().matrix, view.matrix)
