"""Muscle labels: placed beside their muscles without overlapping, drawn as one textured actor."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.scene import BodyScene
from tp_explorer.scene.labels import LabelPool
from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight


@pytest.fixture(scope="module")
def scene(anatomy):
    plotter = pv.Plotter(off_screen=True, window_size=[640, 760])
    body = BodyScene(plotter, anatomy)
    yield body
    plotter.close()


def boxes(pool: LabelPool) -> list[tuple[float, float, float, float]]:
    """Screen rectangles of the labels shown, read back from the quads VTK draws."""
    return pool.drawn_boxes()


def draw(plotter) -> None:
    """One real frame (pyvista's render() does nothing before an off-screen plotter is shown)."""
    plotter.ren_win.Render()


def overlapping(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("site", ["hip", "ankle_foot", "lower_back", "pelvis"])
@pytest.mark.parametrize("view", ["anterior", "posterior", "lateral"])
def test_labels_never_overlap_and_name_chain_muscles(scene, knowledge, site, view) -> None:
    highlight = make_highlight(Selection(site=site), knowledge)
    scene.apply(highlight, DEFAULT_LAYERS, render=False)
    scene.set_view(view, "both", render=False)
    draw(scene.plotter)
    shown = scene.labels.shown()
    assert shown, "a selected site shows at least one label"
    assert set(shown) <= {label.text for label in highlight.labels}
    rects = boxes(scene.labels)
    width, height = scene.plotter.window_size
    for i, a in enumerate(rects):
        assert a[0] >= -1 and a[1] >= -1 and a[2] <= width + 1 and a[3] <= height + 1, a
        for b in rects[i + 1 :]:
            assert not overlapping(a, b), (a, b)


def test_focus_label_is_placed_first(scene, knowledge) -> None:
    highlight = make_highlight(Selection(site="hip", focus="piriformis"), knowledge)
    scene.apply(highlight, DEFAULT_LAYERS, render=False)
    scene.set_view("posterior", "both", render=False)
    draw(scene.plotter)
    name = knowledge.muscles["piriformis"].name
    assert scene.labels.shown()[0] == name


def test_labels_layer_off_hides_every_label(scene, knowledge) -> None:
    scene.apply(make_highlight(Selection(site="hip"), knowledge), DEFAULT_LAYERS - {"labels"})
    assert scene.labels.shown() == []
    scene.apply(make_highlight(Selection(), knowledge), DEFAULT_LAYERS)
    assert scene.labels.shown() == []


def test_anchor_behind_the_camera_or_off_screen_hides_its_label() -> None:
    plotter = pv.Plotter(off_screen=True, window_size=[400, 300])
    try:
        plotter.camera_position = [(0, 0, 5), (0, 0, 0), (0, 1, 0)]
        pool = LabelPool(plotter.renderer, 3)
        anchors = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 10.0], [50.0, 0.0, 0.0]])
        pool.show(anchors, ["in view", "behind", "far right"], [1.0, 1.0, 1.0])
        draw(plotter)
        assert pool.shown() == ["in view"]
    finally:
        plotter.close()


def test_more_labels_than_the_pool_keeps_the_highest_priorities(caplog) -> None:
    plotter = pv.Plotter(off_screen=True, window_size=[800, 600])
    try:
        plotter.camera_position = [(0, 0, 5), (0, 0, 0), (0, 1, 0)]
        pool = LabelPool(plotter.renderer, 2)
        anchors = np.array([[-1.5, 1.0, 0.0], [0.0, 0.0, 0.0], [-1.5, -1.0, 0.0]])
        pool.show(anchors, ["low", "high", "middle"], [1.0, 3.0, 2.0])
        draw(plotter)
        assert pool.shown() == ["high", "middle"]
        assert "room for 2" in caplog.text
        assert plotter.renderer.GetViewProps().GetNumberOfItems() >= 2
    finally:
        plotter.close()


def test_each_label_is_drawn_from_its_own_picture(scene, knowledge) -> None:
    """The texture holds each shown text's picture; each quad is the size of its picture and
    samples that picture (so no label shows another's text)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    scene.apply(make_highlight(Selection(site="hip"), knowledge), DEFAULT_LAYERS)
    scene.set_view("posterior", "both", render=False)
    draw(scene.plotter)
    pool = scene.labels
    placed = pool.placements()
    quads = pool.drawn_boxes()
    assert len(quads) == len(placed) > 3
    sheet = pool.text_actor.GetTexture().GetInput()
    width, height, _ = sheet.GetDimensions()
    pixels = vtk_to_numpy(sheet.GetPointData().GetScalars()).reshape(height, width, 4)
    uv = vtk_to_numpy(pool.actors.quads.GetPointData().GetTCoords()).reshape(-1, 4, 2)
    for placement, quad, corners in zip(placed, quads, uv, strict=True):
        picture = pool.pictures.picture(placement.drawn, placement.style)
        assert (quad[2] - quad[0], quad[3] - quad[1]) == (picture.shape[1], picture.shape[0])
        x0, y0 = round(corners[0][0] * width), round(corners[0][1] * height)
        cut = pixels[y0 : y0 + picture.shape[0], x0 : x0 + picture.shape[1]]
        assert np.array_equal(cut, picture), placement.text
        assert placement.drawn.split() == placement.text.split()  # wrapped at most
        # the quad lies inside the label's box, FRAME_PX in from its corner
        assert placement.box[0] <= quad[0] and quad[2] <= placement.box[2] + 1


def test_bigger_font_makes_bigger_labels(scene, knowledge) -> None:
    scene.apply(make_highlight(Selection(site="ankle_foot"), knowledge), DEFAULT_LAYERS)
    draw(scene.plotter)
    small = boxes(scene.labels)[0]
    scene.labels.set_font_size(28)
    draw(scene.plotter)
    big = boxes(scene.labels)[0]
    scene.labels.set_font_size(14)
    assert (big[3] - big[1]) > 1.5 * (small[3] - small[1])


def test_narrow_canvas_wraps_long_names_to_stand_beside_the_body(anatomy, knowledge) -> None:
    """Presentation mode's canvas (half the window, 28 pt): a name too long for the room beside
    the body is wrapped at spaces, and every label stands clear of the highlighted muscles'
    left-right extent instead of above or below them."""
    plotter = pv.Plotter(off_screen=True, window_size=[700, 760])
    try:
        body = BodyScene(plotter, anatomy)
        body.labels.set_font_size(28)
        body.apply(make_highlight(Selection(site="ankle_foot"), knowledge), DEFAULT_LAYERS)
        body.set_view("posterior", "both", render=False)
        draw(plotter)
        placed = body.labels.placements()
        assert len(placed) >= 6
        assert any("\n" in p.drawn for p in placed)
        for p in placed:
            assert p.drawn.split() == p.text.split()
        pool = body.labels
        xy, _depth, front = pool.projection().project(pool.avoid)
        left, right = xy[front, 0].min(), xy[front, 0].max()
        for p in placed:
            assert p.box[2] <= left or p.box[0] >= right, (p.text, p.box, left, right)
    finally:
        plotter.close()


def test_label_texture_keeps_known_names_but_stays_bounded() -> None:
    """Names shown before stay in the texture (a selection of known names uploads nothing),
    but it never grows past MAX_SHEET_PX however many names a session shows."""
    from tp_explorer.scene.labels import MAX_SHEET_PX

    plotter = pv.Plotter(off_screen=True, window_size=[800, 600])
    try:
        plotter.camera_position = [(0, 0, 5), (0, 0, 0), (0, 1, 0)]
        pool = LabelPool(plotter.renderer, 4, font_size=28)
        anchors = np.array([[-1.5, 1.0, 0.0], [-1.5, 0.0, 0.0], [1.5, 0.0, 0.0], [1.5, 1.0, 0.0]])
        first = [f"Muscle number {i}" for i in range(4)]
        pool.show(anchors, first, [1.0] * 4)
        draw(plotter)
        sheet = pool.text_actor.GetTexture().GetInput()
        packed = sheet.GetMTime()
        pool.show(anchors[::-1], first[::-1], [1.0] * 4)  # the same names again
        draw(plotter)
        assert sheet.GetMTime() == packed
        for round_ in range(60):
            pool.show(anchors, [f"Name {round_} {i}" for i in range(4)], [1.0] * 4)
            draw(plotter)
            assert sheet.GetDimensions()[1] <= MAX_SHEET_PX
        assert sorted(pool.shown()) == sorted(f"Name 59 {i}" for i in range(4))
    finally:
        plotter.close()
