"""Framing arithmetic, peel layers from depth, and fading in front of a focused muscle."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.scene import BodyScene
from tp_explorer.scene.camera import projection_matrix
from tp_explorer.scene.framing import best_view, fit_points, interpolate, project
from tp_explorer.scene.layout.body_geometry import depth_layers
from tp_explorer.scene.visuals.muscles import GHOST_LAYERS
from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight


def camera_matrix(plotter) -> np.ndarray:
    renderer = plotter.renderer
    return projection_matrix(renderer.GetActiveCamera(), renderer.GetTiledAspectRatio())


@pytest.mark.parametrize("direction", [(0, -1, 0), (0, 1, 0), (1, 0, 0), (0.6, -0.8, 0)])
@pytest.mark.parametrize("aspect", [0.6, 1.0, 1.8])
def test_fit_points_puts_every_point_inside_the_fill(direction, aspect) -> None:
    rng = np.random.default_rng(1)
    points = rng.normal(size=(300, 3)) * (0.2, 0.1, 0.6) + (0.3, -0.1, 0.9)
    width, height = round(400 * aspect), 400
    plotter = pv.Plotter(off_screen=True, window_size=[width, height])
    try:
        pose = fit_points(points, direction, plotter.camera.view_angle, aspect, fill=0.8)
        plotter.camera_position = pose.as_list()
        xy, _depth, front = project(points, camera_matrix(plotter), (width, height))
        assert front.all()
        u, v = xy[:, 0] / width * 2 - 1, xy[:, 1] / height * 2 - 1
        assert np.abs(u).max() <= 0.8 + 1e-6 and np.abs(v).max() <= 0.8 + 1e-6
        # tight: one of the two directions reaches the fill, and the picture is centred
        assert max(np.abs(u).max(), np.abs(v).max()) > 0.79
        assert abs(u.max() + u.min()) < 0.02 and abs(v.max() + v.min()) < 0.02
    finally:
        plotter.close()


def test_best_view_follows_what_faces_the_camera() -> None:
    back = [(np.array([0.0, 1.0, 0.0]), 2.0), (np.array([0.3, 0.9, 0.0]), 1.0)]
    front = [(np.array([0.0, -1.0, 0.0]), 1.0)]
    assert best_view(back + front, "both") == "posterior"
    assert best_view(front, "both", prefer="posterior") == "anterior"
    lateral = [(np.array([-1.0, 0.0, 0.0]), 1.0)]  # the right leg's outer side
    assert best_view(lateral, "right") == "lateral"
    assert best_view([], "both", prefer="posterior") == "posterior"


def test_interpolation_turns_from_one_pose_to_the_other() -> None:
    a = fit_points(np.eye(3), (0, -1, 0), 30, 1.0)
    b = fit_points(np.eye(3) * 2, (0, 1, 0), 30, 1.0)
    assert np.allclose(interpolate(a, b, 0).position, a.position)
    assert np.allclose(interpolate(a, b, 1).position, b.position)
    middle = interpolate(a, b, 0.5)
    towards = np.asarray(middle.position) - np.asarray(middle.focal)
    assert abs(towards[1]) < 0.05 * np.linalg.norm(towards)  # seen from the side half-way


def test_depth_layers_skip_empty_bands() -> None:
    layers = depth_layers({"a": 0.01, "b": 0.011, "c": 0.03, "d": 0.08})
    assert layers["a"] == layers["b"] == 0
    assert layers["c"] == 1 and layers["d"] == 2


@pytest.fixture(scope="module")
def scene(anatomy):
    plotter = pv.Plotter(off_screen=True, window_size=[600, 700])
    body = BodyScene(plotter, anatomy)
    yield body
    plotter.close()


def test_layers_go_from_the_skin_inward(scene) -> None:
    layers = scene.depth_layers
    assert set(layers) == set(scene.muscle_actors)
    assert scene.layer_count >= 3
    for side in ("left", "right"):
        # the gluteals and the deep rotators as an anatomy atlas peels them
        assert layers[("gluteus_maximus", side)] < layers[("gluteus_medius", side)]
        assert layers[("gluteus_medius", side)] < layers[("piriformis", side)]
        assert layers[("gluteus_maximus", side)] == 0
        assert layers[("gluteus_maximus", "left")] == layers[("gluteus_maximus", "right")]


def test_peel_hides_the_outer_layers_in_the_actors(scene, knowledge) -> None:
    """The chain's muscles show from the peel inward; the others are a veil only in the two
    outermost layers the peel leaves (GHOST_LAYERS), deeper ones are not drawn."""
    ghost_depths: set[int] = set()
    for peel in range(scene.layer_count):
        h = make_highlight(Selection(site="pelvis", peel=peel), knowledge, scene.depth_layers)
        scene.apply(h, DEFAULT_LAYERS, render=False)
        for key, actor in scene.muscle_actors.items():
            layer = scene.depth_layers[key]
            if key in h.muscles:
                expected = layer >= peel
            else:
                expected = peel <= layer < peel + GHOST_LAYERS
                ghost_depths.add(layer - peel)
            assert bool(actor.GetVisibility()) == expected, (peel, key)
    # the rule was exercised: ghosts inside the veil and ghosts below it
    assert {0, GHOST_LAYERS} <= ghost_depths


def test_without_a_selection_every_layer_is_drawn(scene, knowledge) -> None:
    scene.apply(make_highlight(Selection(), knowledge, scene.depth_layers), DEFAULT_LAYERS)
    assert all(actor.GetVisibility() for actor in scene.muscle_actors.values())


def test_hide_and_isolate_reach_the_actors(scene, knowledge) -> None:
    hidden = frozenset({("muscle", "soleus", "right"), ("bone", "right", "")})
    scene.apply(make_highlight(Selection(site="ankle_foot", hidden=hidden), knowledge))
    assert not scene.muscle_actors[("soleus", "right")].GetVisibility()
    assert scene.muscle_actors[("soleus", "left")].GetVisibility()
    assert not scene.bone_actors["right"].GetVisibility()
    only = frozenset({("muscle", "soleus", "right")})
    scene.apply(make_highlight(Selection(site="ankle_foot", isolated=only), knowledge))
    drawn = {k for k, a in scene.muscle_actors.items() if a.GetVisibility()}
    assert drawn == {("soleus", "right")}
    assert not any(a.GetVisibility() for a in scene.bone_actors.values())
    assert not any(a.GetVisibility() for a in scene.skin_actors.values())
    scene.apply(make_highlight(Selection(), knowledge))
    assert all(a.GetVisibility() for a in scene.muscle_actors.values())


def focus_pixels(scene) -> int:
    """Pixels drawn in the focus colour's hue (lit or shaded, under a faded layer or not)."""
    scene.plotter.ren_win.Render()
    img = np.asarray(scene.plotter.screenshot(return_img=True)).astype(int)[..., :3]
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    return int(((g - r > 50) & (g - b > 20)).sum())  # the focus's bluish green, shaded or not


def test_what_stands_in_front_of_a_focused_muscle_fades(scene, knowledge) -> None:
    layers = {"muscles", "bones"}  # no translucent skin over the colours
    sel = Selection(site="lower_leg", focus="tibialis_posterior", side="right")
    h = make_highlight(sel, knowledge, scene.depth_layers)
    scene.apply(h, layers, render=False)
    scene.frame(render=False)
    focus = scene.muscle_actors[("tibialis_posterior", "right")]
    assert focus.GetProperty().GetOpacity() == 1.0
    assert scene.faded, "something stands in front of tibialis posterior"
    for kind, key in scene.faded:
        actor = scene.muscle_actors[key] if kind == "muscle" else scene.bone_actors[key]
        assert actor.GetProperty().GetOpacity() < 0.3
    # only what covers it: nothing away from the calf, and most of the leg stays as it was
    far = {"gluteus_maximus", "gluteus_medius", "quadratus_lumborum", "rectus_femoris"}
    assert not {key[0] for kind, key in scene.faded if kind == "muscle"} & far
    drawn = [k for k, a in scene.muscle_actors.items() if a.GetVisibility()]
    assert len(scene.faded) < len(drawn) / 3
    seen = focus_pixels(scene)
    alone = make_highlight(
        Selection(
            **{**sel.__dict__, "isolated": frozenset({("muscle", "tibialis_posterior", "right")})}
        ),
        knowledge,
        scene.depth_layers,
    )
    scene.apply(alone, layers, render=False)
    assert seen > 0.6 * focus_pixels(scene)
    scene.apply(make_highlight(Selection(), knowledge), DEFAULT_LAYERS, render=False)
    assert not scene.faded
