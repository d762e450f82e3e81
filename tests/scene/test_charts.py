"""Referral charts a person reads at a glance, on both anatomies, rendered off screen through the
window's own scene: zones that stand out from the skin around them (CIELAB difference >= 30
for an essential zone, a visible stripe pattern for spillover), framings that show every zone
of a focused muscle or point, midline zones, the chart view (other muscles hidden, points
marked over the skin) and a camera that no layer moves."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer import palette
from tp_explorer.bench.colour import delta_e, lab, linear_rgb, srgb
from tp_explorer.scene import BodyScene
from tp_explorer.scene.body_geometry import nearest_points
from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight

SIZE = (600, 800)
PLAIN = frozenset({"skin", "muscles", "bones", "zones"})  # no labels or marks over the pixels


@pytest.fixture(scope="module", params=["anatomy", "atlas"])
def body(request):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = BodyScene(plotter, request.getfixturevalue(request.param))
    yield scene
    plotter.close()


def picture(scene) -> np.ndarray:
    scene.render()
    return np.asarray(scene.plotter.screenshot(return_img=True))[..., :3].astype(int)


def inner_pixels(scene, areas, side: str, margin: float = 0.02) -> np.ndarray:
    """Pixels (row, column) of the areas' skin points at least ``margin`` from any other area
    and facing the camera: where their zone is painted whatever its edge's smoothing."""
    anatomy = scene.anatomy
    ids = np.concatenate([np.asarray(anatomy.fine_areas[area][side]) for area in areas])
    skin = np.asarray(anatomy.skin.points, dtype=float)
    others = np.ones(len(skin), dtype=bool)
    others[ids] = False
    far = np.linalg.norm(skin[ids] - nearest_points(skin[others], skin[ids]), axis=1) > margin
    view = scene.camera.projection()
    towards = np.asarray(view.eye) - skin[ids]
    towards /= np.linalg.norm(towards, axis=1, keepdims=True)
    facing = np.einsum("ij,ij->i", scene.geometry.skin_normals[ids], towards) > 0.5
    xy, _depth, front = view.project(skin[ids[far & facing]])
    width, height = view.size
    xy = xy[front & (xy[:, 0] >= 1) & (xy[:, 0] < width - 1) & (xy[:, 1] >= 1)]
    xy = xy[xy[:, 1] < height - 1]
    return np.column_stack([height - 1 - xy[:, 1], xy[:, 0]]).astype(int)


def sample(image: np.ndarray, pixels: np.ndarray) -> np.ndarray:
    return image[pixels[:, 0], pixels[:, 1]]


def test_the_palette_sets_zones_apart_from_the_skin() -> None:
    atlas_skin = palette.blend(palette.SKIN, palette.SKIN_OPACITY, palette.BACKGROUND)
    essential = palette.blend(palette.ESSENTIAL, palette.ZONE_OPACITY, atlas_skin)
    light = palette.blend(palette.SPILLOVER_LIGHT, palette.SPILLOVER_LIGHT_OPACITY, atlas_skin)
    assert palette.delta_e(essential, atlas_skin) >= 30
    assert palette.delta_e(palette.ESSENTIAL, palette.CHART_SKIN) >= 30
    # spillover: the same hue, lighter, its stripes plainly apart from its ground
    assert palette.lab(palette.SPILLOVER_LIGHT)[0] > palette.lab(palette.ESSENTIAL)[0] + 25
    assert palette.delta_e(palette.SPILLOVER, palette.SPILLOVER_LIGHT) >= 30
    assert palette.delta_e(light, atlas_skin) >= 5
    chart_hue = palette.lab(palette.CHART_SKIN)
    assert abs(chart_hue[1]) < 5 and abs(chart_hue[2]) < 8  # a neutral, not pink


# Machado, Oliveira & Fernandes (2009), severity 1.0, in linear sRGB: how the three full
# dichromacies see a colour.
DICHROMACIES = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def seen_as(hex_colour: str, kind: str) -> str:
    """``hex_colour`` as a person with ``kind`` dichromacy sees it (simulated)."""
    linear = linear_rgb(np.array(palette.rgb(hex_colour)))
    r, g, b = (round(float(v)) for v in srgb(np.array(DICHROMACIES[kind]) @ linear))
    return f"#{r:02X}{g:02X}{b:02X}"


@pytest.mark.parametrize("kind", sorted(DICHROMACIES))
def test_the_zone_colour_stays_apart_from_the_muscle_colours_for_colour_blind_eyes(kind) -> None:
    """A zone over a chain muscle must not vanish into it for a colour-blind viewer: the zone
    colour keeps a CIELAB difference of 15 or more from the local, regional and focus muscle
    colours under each simulated dichromacy (the outline and stripes are further cues)."""
    zone = seen_as(palette.ESSENTIAL, kind)
    for muscle in (palette.LOCAL, palette.REGIONAL, palette.FOCUS):
        assert palette.delta_e(zone, seen_as(muscle, kind)) >= 15, (kind, muscle)
    assert palette.delta_e(zone, seen_as(palette.CHART_SKIN, kind)) >= 30


@pytest.mark.parametrize("chart", [False, True])
def test_painted_zones_differ_strongly_from_the_skin(body, knowledge, chart) -> None:
    """Gluteus minimus's posterior point: essential down the back of the thigh and calf."""
    layers = PLAIN | ({"chart"} if chart else set())
    sel = Selection(site="hip", focus="gluteus_minimus", point="posterior", side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), layers, render=False)
    body.set_view("posterior", render=False)
    painted = picture(body)
    body.apply(body.highlight, layers - {"zones"}, render=False)
    plain = picture(body)
    points = knowledge.muscles["gluteus_minimus"].trigger_points
    chart = next(p for p in points if p.id == sel.point)
    pixels = inner_pixels(body, chart.referral.essential, "right")
    assert len(pixels) > 20
    difference = delta_e(sample(painted, pixels), sample(plain, pixels))
    assert np.median(difference) >= 30, np.median(difference)


SITES = ("ankle_foot", "lower_leg", "knee", "hip", "pelvis", "lower_back")


@pytest.mark.parametrize("site", SITES)
def test_every_sites_default_view_shows_its_essential_zones(body, knowledge, site) -> None:
    """Each site's own view, atlas and chart: the painted essential pixels differ from the
    same pixels unpainted by a median CIELAB difference of 30 or more."""
    h = make_highlight(Selection(site=site), knowledge, body.depth_layers)
    for layers in (PLAIN, PLAIN | {"chart"}):
        body.apply(h, layers, render=False)
        body.frame(render=False)
        painted = picture(body)
        body.apply(h, layers - {"zones"}, render=False)
        plain = picture(body)
        # The foot's areas are a few centimetres across and small in the whole chain's view:
        # 1 cm in from their edges leaves a few dozen skin points (the built-in body's coarse
        # skin: ~25 on the feet), enough for a median.
        pixels = [
            inner_pixels(
                body,
                [a for (a, s), k in h.zones.items() if k == "essential" and s == side],
                side,
                margin=0.01,
            )
            for side in ("left", "right")
        ]
        found = np.vstack(pixels)
        assert len(found) >= 20, (site, len(found))
        difference = delta_e(sample(painted, found), sample(plain, found))
        assert np.median(difference) >= 30, (site, sorted(layers), np.median(difference))


def test_spillover_reads_as_stripes_of_the_essential_colour(body, knowledge) -> None:
    """Soleus's proximal point: spillover behind the knee, in stripes, lighter on average."""
    sel = Selection(site="lower_leg", focus="soleus", point="proximal", side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), PLAIN | {"chart"}, False)
    body.set_view("posterior", render=False)
    image = picture(body)
    chart = next(p for p in knowledge.muscles["soleus"].trigger_points if p.id == sel.point)
    spill = lab(sample(image, inner_pixels(body, chart.referral.spillover, "right", 0.015)))
    solid = lab(sample(image, inner_pixels(body, chart.referral.essential, "right")))
    assert len(spill) > 10 and len(solid) > 10
    assert spill[:, 0].std() > 8  # stripes: dark and light
    assert solid[:, 0].std() < spill[:, 0].std() / 2  # solid
    assert np.median(spill[:, 0]) > np.median(solid[:, 0]) + 10  # lighter
    stripe = lab(np.array(palette.rgb(palette.SPILLOVER)))
    nearest = np.linalg.norm(spill - stripe, axis=1).min()
    assert nearest < 15  # the dark stripes are the essential colour


def inside_frame(scene, area: str, side: str) -> np.ndarray:
    points = np.asarray(scene.anatomy.skin.points)[scene.anatomy.fine_areas[area][side]]
    xy, _depth, front = scene.camera.projection().project(points)
    width, height = scene.camera.size()
    return front & (xy[:, 0] >= 0) & (xy[:, 0] <= width) & (xy[:, 1] >= 0) & (xy[:, 1] <= height)


def test_soleus_from_behind_frames_its_heel_zone(body, knowledge) -> None:
    sel = Selection(site="lower_leg", focus="soleus")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS, False)
    body.set_view("posterior", render=False)
    for side in ("left", "right"):
        for area in ("heel_posterior", "achilles", "leg_proximal_posteromedial"):
            assert inside_frame(body, area, side).all(), (area, side)


def test_gluteus_minimus_from_the_side_frames_hip_to_ankle(body, knowledge) -> None:
    sel = Selection(site="hip", focus="gluteus_minimus", side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS, False)
    body.set_view("lateral", render=False)
    for area in ("malleolus_lateral", "leg_distal_lateral", "buttock_lower"):
        assert inside_frame(body, area, "right").all(), area


def test_a_zone_on_the_sole_is_seen_from_below(body, knowledge) -> None:
    """Flexor digitorum brevis refers to the ball of the foot: the view turns under the foot."""
    sel = Selection(site="ankle_foot", focus="flexor_digitorum_brevis", point="arch", side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS, False)
    body.frame(render=False)
    ids = np.asarray(body.anatomy.fine_areas["ball_central"]["right"])
    points = np.asarray(body.anatomy.skin.points)[ids]
    towards = np.asarray(body.camera_pose.position) - points
    facing = np.einsum("ij,ij->i", body.geometry.skin_normals[ids], towards) > 0
    assert facing.mean() > 0.8
    assert inside_frame(body, "ball_central", "right").all()


def test_one_trigger_point_paints_only_its_own_chart(body, knowledge) -> None:
    distal = Selection(site="lower_leg", focus="soleus", point="distal", side="right")
    body.apply(make_highlight(distal, knowledge), DEFAULT_LAYERS, render=False)
    chart = next(tp for tp in knowledge.muscles["soleus"].trigger_points if tp.id == "distal")
    expected = {(area, "right"): "essential" for area in chart.referral.essential}
    expected |= {(area, "right"): "spillover" for area in chart.referral.spillover}
    assert body.painted_zones() == expected
    whole = Selection(site="lower_leg", focus="soleus", side="right")
    body.apply(make_highlight(whole, knowledge), DEFAULT_LAYERS, render=False)
    assert set(body.painted_zones()) > set(expected)  # the muscle's other points add theirs


@pytest.mark.parametrize("side", ["left", "right", "both"])
def test_midline_zones_paint_on_whichever_side_is_shown(body, knowledge, side) -> None:
    h = make_highlight(Selection(site="pelvis", side=side), knowledge)
    midline = {k: kind for k, kind in h.zones.items() if k[1] == "mid"}
    assert midline
    body.apply(h, DEFAULT_LAYERS, render=False)
    painted = body.painted_zones()
    assert {k: painted.get(k) for k in midline} == midline
    level = body.zone_paint.levels
    for area, _mid in midline:
        for half, ids in body.zone_paint.points[(area, "mid")].items():
            if half in h.sides:  # drawn on each half shown, up to the midline
                assert np.median(level[half][ids, 1]) >= 0.5, (area, half)


def test_the_chart_view_hides_other_muscles_and_marks_points_on_the_skin(body, knowledge) -> None:
    sel = Selection(site="lower_leg", focus="soleus", side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS | {"chart"})
    body.set_view("posterior", render=False)
    marked = picture(body)
    assert not any(actor.GetVisibility() for actor in body.muscle_actors.values())
    assert not any(actor.GetVisibility() for actor in body.bone_actors.values())
    assert body.focus_overlay.shown == (("soleus", "right"),)
    assert all(
        a.GetVisibility() for a in body.skin_actors.values() if a is body.skin_actors["right"]
    )
    centres = body.marks.shown_px
    assert len(centres) >= 2  # soleus's points seen from behind
    body.apply(body.highlight, DEFAULT_LAYERS | {"chart"} - {"markers"}, render=False)
    unmarked = picture(body)
    background = np.array(palette.rgb(palette.BACKGROUND))
    for x, y in centres:
        row, column = SIZE[1] - 1 - round(float(y)), round(float(x))
        assert delta_e(marked[row, column], np.array(palette.rgb(palette.MARKER))) < 25
        # under the mark: the body (skin, a zone or the outlined muscle), not the background
        assert delta_e(unmarked[row, column], background) > 8
    body.apply(body.highlight, DEFAULT_LAYERS, render=False)  # the atlas view again
    assert body.muscle_actors[("soleus", "right")].GetVisibility()
    assert not body.marks.actor.GetVisibility()
    body.apply(body.highlight, DEFAULT_LAYERS - {"muscles"}, render=False)
    assert body.focus_overlay.shown == ()


def outline_segments(body) -> set[frozenset[tuple[float, ...]]]:
    """The focus overlay's drawn outline, each segment as the pair of its end points."""
    segments = set()
    for actor in body.focus_overlay.outlines:
        if not actor.GetVisibility():
            continue
        mapper = actor.GetMapper()
        mapper.Update()
        lines = pv.wrap(mapper.GetInput())
        cells = lines.lines.reshape(-1, 3)[:, 1:] if lines.n_lines else np.zeros((0, 2), int)
        for a, b in cells:
            segments.add(frozenset((tuple(lines.points[a]), tuple(lines.points[b]))))
    return segments


def mesh_edges(mesh) -> set[frozenset[tuple[float, ...]]]:
    triangles = mesh.faces.reshape(-1, 4)[:, 1:]
    points = mesh.points
    return {
        frozenset((tuple(points[t[i]]), tuple(points[t[(i + 1) % 3]])))
        for t in triangles
        for i in range(3)
    }


def test_the_focus_outline_follows_each_newly_focused_muscle(body, knowledge) -> None:
    """Focusing one muscle after another in the chart view outlines each with its own edges:
    every outline segment is an edge of the focused muscle's mesh (a filter that kept the
    first muscle's edges drew lines across the body between the second's points)."""
    knee = knowledge.chain_for("knee")[0].muscle.id
    for site, muscle in (("lower_leg", "soleus"), ("hip", "gluteus_minimus"), ("knee", knee)):
        sel = Selection(site=site, focus=muscle, side="right")
        body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS | {"chart"})
        body.set_view("posterior", render=False)
        body.render()
        shown = body.focus_overlay.shown
        assert shown
        meshes = body.focus_overlay.muscles
        edges = set().union(*(mesh_edges(meshes[mesh_id][side]) for mesh_id, side in shown))
        drawn = outline_segments(body)
        assert drawn and drawn <= edges, (muscle, len(drawn - edges))
    body.apply(body.highlight, DEFAULT_LAYERS, render=False)


@pytest.mark.parametrize(
    ("site", "point"),
    [
        ("lower_leg", "soleus:proximal"),
        ("lower_leg", "gastrocnemius:medial_head"),
        ("hip", "gluteus_minimus:anterior"),
        ("lower_back", "quadratus_lumborum:superficial_caudal"),
    ],
)
def test_a_focused_point_is_framed_with_its_mark_in_view(body, knowledge, site, point) -> None:
    muscle, tp = point.split(":")
    sel = Selection(site=site, focus=muscle, point=tp, side="right")
    body.apply(make_highlight(sel, knowledge, body.depth_layers), DEFAULT_LAYERS | {"chart"})
    body.frame(render=False)
    picture(body)
    assert len(body.marks.shown_px) == 1, point


@pytest.mark.parametrize(
    "selection",
    [
        Selection(site="lower_back"),
        Selection(site="lower_leg", focus="soleus"),
        Selection(site="hip", focus="gluteus_minimus", point="anterior", side="right"),
    ],
)
def test_no_layer_moves_the_camera(body, knowledge, selection) -> None:
    h = make_highlight(selection, knowledge, body.depth_layers)
    poses = {}
    for name in ("", "zones", "skin", "muscles", "bones", "labels", "markers", "chart"):
        layers = DEFAULT_LAYERS - {name} if name != "chart" else DEFAULT_LAYERS | {"chart"}
        body.apply(h, layers, render=False)
        view = body.frame(render=False)
        poses[name] = (view, body.camera_pose)
    assert all(pose == poses[""] for pose in poses.values()), poses


def test_a_half_without_zones_draws_with_the_plain_shader(body, knowledge) -> None:
    """The zones' lines are in a half's shader only while it shows a zone (llvmpipe runs a
    branch skipped by a uniform anyway, so a skipped branch still cost every skin pixel)."""
    from tp_explorer.scene.visuals.zone_shader import is_painted

    body.apply(make_highlight(Selection(), knowledge), PLAIN, render=False)
    assert not any(is_painted(actor) for actor in body.skin_actors.values())
    h = make_highlight(Selection(site="hip", side="right"), knowledge)
    body.apply(h, PLAIN, render=False)
    assert is_painted(body.skin_actors["right"])
    body.apply(h, PLAIN - {"zones"}, render=False)
    assert not any(is_painted(actor) for actor in body.skin_actors.values())


@pytest.mark.parametrize("chart", [False, True])
def test_unpainted_skin_looks_the_same_with_zones_shown_or_hidden(body, knowledge, chart) -> None:
    """Hiding the zones changes only the zones: the skin away from them keeps its opacity (a
    half drawn without the zone shader once kept VTK's 0.5 where the shader drew 0.12)."""
    layers = PLAIN | ({"chart"} if chart else set())
    h = make_highlight(Selection(site="hip"), knowledge, body.depth_layers)
    body.apply(h, layers, render=False)
    body.frame(render=False)
    painted = picture(body)
    body.apply(h, layers - {"zones"}, render=False)
    plain = picture(body)
    zoned = {area for area, _side in h.zones}
    areas = body.anatomy.fine_areas
    pixels = np.vstack(
        [
            inner_pixels(
                body, [a for a in areas if a not in zoned and side in areas[a]], side, 0.04
            )
            for side in ("left", "right")
        ]
    )
    assert len(pixels) > 50
    assert np.median(delta_e(sample(painted, pixels), sample(plain, pixels))) < 1.0
