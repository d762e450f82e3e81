"""BodyScene off screen: actors made once, selections recolour, pictures change with the site."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer import palette
from tp_explorer.scene import BodyScene, PickResult, RayHit, render_image
from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight


@pytest.fixture(scope="module")
def scene(anatomy):
    plotter = pv.Plotter(off_screen=True, window_size=[480, 640])
    body = BodyScene(plotter, anatomy)
    yield body
    plotter.close()


def test_selection_changes_no_actors(scene, knowledge) -> None:
    before = scene.actor_count
    for site in knowledge.sites:
        scene.apply(make_highlight(Selection(site=site), knowledge), DEFAULT_LAYERS)
    scene.apply(make_highlight(Selection(site="hip", focus="piriformis"), knowledge))
    assert scene.actor_count == before


def test_apply_paints_roles_and_ghosts(scene, knowledge) -> None:
    h = make_highlight(Selection(site="lower_leg"), knowledge)
    scene.apply(h, DEFAULT_LAYERS, render=False)
    for key, actor in scene.muscle_actors.items():
        role = h.muscles.get(key)
        if role is None:
            assert actor.prop.opacity == pytest.approx(palette.GHOST_OPACITY)
        else:
            assert actor.prop.color.hex_rgb.lower() == palette.ROLE_COLOURS[role].lower()
    shown = {(a, s, k) for (a, s, k), actor in scene.zone_actors.items() if actor.GetVisibility()}
    assert shown == {(a, s, k) for (a, s), k in h.zones.items()}


def test_snapshot_not_blank_and_changes_with_site(anatomy, knowledge) -> None:
    def local_pixels(site: str) -> np.ndarray:
        h = make_highlight(Selection(site=site), knowledge)
        layers = {"muscles", "bones"}  # no translucent skin over the colours
        img = render_image(anatomy, h, layers, size=(240, 320), anti_aliasing=False).astype(int)
        assert img.std() > 10  # not a blank picture
        r, g, b = img[..., 0], img[..., 1], img[..., 2]
        return ((r - g > 60) & (r - b > 80)).astype(np.uint8)  # vermillion: local muscles

    ankle, back = local_pixels("ankle_foot"), local_pixels("lower_back")
    assert ankle.sum() > 0 and back.sum() > 0
    assert (ankle != back).sum() > 50


class FakePicker:
    """Hits whatever actor the test names, so the decision rules run without a mouse."""

    def __init__(self, hits):
        self.hits = hits  # actor -> point id

    def pick(self, x, y, renderer, actors):
        for actor in actors:
            if actor in self.hits:
                return RayHit(actor, self.hits[actor], (0.0, 0.0, 0.0))
        return None


def test_pick_prefers_highlighted_muscle_then_skin(scene, knowledge, anatomy) -> None:
    scene.apply(make_highlight(Selection(site="ankle_foot"), knowledge), DEFAULT_LAYERS, False)
    skin = scene.skin_actors["right"]
    soleus = scene.muscle_actors[("soleus", "right")]
    heel_point = int(anatomy.areas["heel"]["right"][0])
    local_id = int(np.nonzero(scene._skin_point_ids["right"] == heel_point)[0][0])
    real = scene.picker
    try:
        scene.picker = FakePicker({skin: local_id, soleus: 0})
        assert scene.pick(1, 1) == PickResult("muscle", "soleus", "right", "heel", "right")
        scene.picker = FakePicker({skin: local_id})
        assert scene.pick(1, 1) == PickResult("skin", area="heel", area_side="right")
    finally:
        scene.picker = real
