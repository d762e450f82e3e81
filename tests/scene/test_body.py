"""BodyScene off screen: actors made once, selections recolour, pictures change with the site."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer import palette
from tp_explorer.scene import BodyScene, PickResult, RayHit, render_image, zones
from tp_explorer.state import DEFAULT_LAYERS, Highlight, Selection, make_highlight


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
    assert h.zones and scene.painted_zones() == h.zones
    assert_paint_matches(scene, h.zones)
    # a focused muscle paints both kinds (a site's overview only the essential zones)
    focused = make_highlight(Selection(site="lower_leg", focus="soleus"), knowledge)
    scene.apply(focused, DEFAULT_LAYERS, render=False)
    assert {"essential", "spillover"} <= set(focused.zones.values())
    assert scene.painted_zones() == focused.zones
    assert_paint_matches(scene, focused.zones)


def drawn_levels(scene, side) -> np.ndarray:
    """The zone levels the skin half's mapper draws, read from the VTK array itself."""
    mesh = scene.skin_actors[side].mapper.GetInput()
    return np.asarray(pv.wrap(mesh).point_data[zones.LEVELS])


def assert_paint_matches(scene, expected) -> None:
    """The expected zones drawn (most of each area's points past the shader's edge at 0.5),
    essential ones solid, and no other area: what the mapper draws is what was painted."""
    for key, by_half in scene.zone_paint.points.items():
        rows = np.vstack([drawn_levels(scene, half)[ids] for half, ids in by_half.items()])
        if not len(rows):
            continue
        zone, essential = np.median(rows[:, zones.ZONE]), np.median(rows[:, zones.ESSENTIAL])
        kind = expected.get(key)
        if kind is None:
            assert zone < 0.5, key
        else:
            assert zone >= 0.5, key
            assert (essential >= 0.5) == (kind == "essential"), key
    for side in scene.skin_actors:  # the mapper draws the paint's own arrays
        assert np.shares_memory(drawn_levels(scene, side), scene.zone_paint.levels[side])


def test_side_filter_and_layers_repaint_the_skin(scene, knowledge) -> None:
    h = make_highlight(Selection(site="hip", side="left"), knowledge)
    scene.apply(h, DEFAULT_LAYERS, render=False)
    assert h.zones and {s for _a, s in h.zones} <= {"left", "mid"}
    assert scene.painted_zones() == h.zones
    assert_paint_matches(scene, h.zones)
    assert scene.skin_actors["left"].GetVisibility()
    assert not scene.skin_actors["right"].GetVisibility()

    # zones off: plain skin everywhere
    scene.apply(h, DEFAULT_LAYERS - {"zones"}, render=False)
    assert scene.painted_zones() == {}
    assert_paint_matches(scene, {})
    assert all((c[:, 3] == zones.SKIN_RGBA[3]).all() for c in scene.zone_paint.colours.values())

    # skin off, zones on: only the zones drawn, the plain skin fully transparent
    both = make_highlight(Selection(site="hip"), knowledge)
    scene.apply(both, (DEFAULT_LAYERS | {"zones"}) - {"skin"}, render=False)
    assert scene.painted_zones() == both.zones
    assert_paint_matches(scene, both.zones)
    assert all(a.GetVisibility() for a in scene.skin_actors.values())
    alpha = np.concatenate([c[:, 3] for c in scene.zone_paint.colours.values()])
    assert (alpha > 0).any() and (alpha == 0).any()

    # skin and zones off: the skin is hidden
    scene.apply(both, DEFAULT_LAYERS - {"skin", "zones"}, render=False)
    assert not any(a.GetVisibility() for a in scene.skin_actors.values())
    scene.apply(Highlight(), DEFAULT_LAYERS, render=False)
    assert scene.painted_zones() == {}


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
    local_id = int(np.nonzero(scene.skin.point_ids["right"] == heel_point)[0][0])
    real = scene.picker
    try:
        scene.picker = FakePicker({skin: local_id, soleus: 0})
        assert scene.pick(1, 1) == PickResult("muscle", "soleus", "right", "heel", "right")
        scene.picker = FakePicker({skin: local_id})
        assert scene.pick(1, 1) == PickResult("skin", area="heel", area_side="right")
    finally:
        scene.picker = real
