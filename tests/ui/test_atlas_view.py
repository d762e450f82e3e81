"""The atlas-page view through the real window: framing, ghosts, peeling, hide / isolate /
show all, and labels with leader lines. Every check reads the scene's own actors or pixels."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tp_explorer import palette
from tp_explorer.scene.framing import project
from tp_explorer.scene.visuals.muscles import GHOST_LAYERS
from tp_explorer.state import DEFAULT_LAYERS

VIEWS = ("anterior", "posterior", "lateral")
MARGIN = 0.02  # of the canvas, kept free around a framed chain


@pytest.fixture(scope="module")
def window(qapp, knowledge, anatomy, isolated_settings):
    from tp_explorer.ui.main_window import MainWindow

    win = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    win.resize(1200, 760)
    win.show()
    win.activateWindow()
    qapp.processEvents()
    yield win
    win.close()
    qapp.processEvents()


@pytest.fixture(autouse=True)
def fresh(window):
    window.state.update(
        site=None, focus=None, area=None, side="both", layers=DEFAULT_LAYERS, mode="explore"
    )
    window.controller.reset_view()
    yield


def matrix_and_size(window):
    renderer = window.plotter.renderer
    m = renderer.GetActiveCamera().GetCompositeProjectionTransformMatrix(
        renderer.GetTiledAspectRatio(), -1, 1
    )
    matrix = np.array([[m.GetElement(r, c) for c in range(4)] for r in range(4)])
    width, height = renderer.GetSize()
    return matrix, (width, height)


def screen_fraction(window, points):
    """Projected points as fractions of the canvas (0..1, origin bottom left)."""
    matrix, (width, height) = matrix_and_size(window)
    xy, _depth, front = project(np.asarray(points, float), matrix, (width, height))
    assert front.all()
    return xy / (width, height)


def chain_box(window, knowledge, site, side):
    keys = [
        (mesh, s)
        for link in knowledge.chain_for(site, side)
        for s in link.sides
        if side == "both" or s == side
        for mesh in link.muscle.meshes
    ]
    pts = np.vstack([window.anatomy.muscles[m][s].points for m, s in keys])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return np.array(
        [[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    )


def test_start_shows_the_whole_model_large(window) -> None:
    parts = [window.anatomy.skin.points, *[b.points for b in window.anatomy.bones.values()]]
    f = screen_fraction(window, np.vstack(parts))
    assert f.min() >= 0.0 and f.max() <= 1.0, "nothing is cut off"
    assert f[:, 1].max() - f[:, 1].min() >= 0.8, "the body fills >= 80 % of the height"


@pytest.mark.parametrize("side", ["both", "left", "right"])
def test_each_site_is_framed_with_a_margin(window, knowledge, side) -> None:
    window.controller.set_side(side)
    tree = window.sites_panel.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        site = item.data(0, Qt.ItemDataRole.UserRole)
        tree.setCurrentItem(item)
        assert window.state.site == site
        f = screen_fraction(window, chain_box(window, knowledge, site, side))
        assert f.min() >= MARGIN and f.max() <= 1 - MARGIN, (site, side, f.min(), f.max())
        # zoomed to it: the chain spans a good part of the canvas
        span = (f.max(axis=0) - f.min(axis=0)).max()
        assert span > 0.5, (site, side, span)


def test_gluteal_chain_turns_to_the_back_and_shin_to_the_front(window) -> None:
    window.controller.select_site("lower_back")
    assert window.controller.view == "posterior"
    window.controller.focus_muscle("tibialis_anterior")
    assert window.controller.view == "anterior"


def test_ghosts_outside_the_chain(window, knowledge) -> None:
    window.controller.select_site("hip")
    chain = window.controller.highlight.muscles
    for key, actor in window.scene.muscle_actors.items():
        opacity = actor.GetProperty().GetOpacity()
        if key in chain:
            assert opacity == 1.0, key
        else:
            assert opacity == pytest.approx(palette.GHOST_OPACITY), key
            # a ghost in the outer layers is still there for orientation; deeper ones, behind
            # two veils, are not drawn
            outer = window.scene.depth_layers[key] < GHOST_LAYERS
            assert bool(actor.GetVisibility()) == outer, key


def focus_pixels(window) -> int:
    img = np.asarray(window.plotter.screenshot(return_img=True)).astype(int)[..., :3]
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    return int(((g - r > 50) & (g - b > 20)).sum())  # the focus's bluish green, shaded or not


def test_focused_deep_muscle_is_seen_through_what_covers_it(window) -> None:
    window.state.update(layers=frozenset({"muscles", "bones"}), side="right")
    window.controller.select_site("lower_leg")
    window.controller.focus_muscle("tibialis_posterior")
    scene = window.scene
    assert scene.faded
    for kind, key in scene.faded:
        actor = scene.muscle_actors[key] if kind == "muscle" else scene.bone_actors[key]
        assert actor.GetProperty().GetOpacity() < 0.3, key
    seen = focus_pixels(window)
    window.controller.isolate([("muscle", "tibialis_posterior", "right")])
    assert seen > 0.6 * focus_pixels(window)


def key(qtbot, window, sequence: str) -> None:
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())


def veiled_or_chain(window, key: tuple[str, str]) -> bool:
    """Whether the selection (without hide / isolate) draws this muscle: a chain muscle from
    the peel inward, any other only in the GHOST_LAYERS outer layers the peel leaves."""
    layer, peel = window.scene.depth_layers[key], window.state.peel
    if key in window.controller.highlight.muscles:
        return layer >= peel
    return peel <= layer < peel + GHOST_LAYERS


def test_peel_with_the_keyboard_and_the_slider(window, qtbot) -> None:
    window.controller.select_site("pelvis")
    window.controller.set_view("posterior")
    scene = window.scene
    window.plotter.setFocus()
    for depth in (1, 2, 3):
        key(qtbot, window, "Ctrl+]")
        assert window.state.peel == depth
        assert window.peel_control.slider.value() == depth
        for k, actor in scene.muscle_actors.items():
            assert bool(actor.GetVisibility()) == veiled_or_chain(window, k), (depth, k)
    assert not scene.muscle_actors[("gluteus_maximus", "right")].GetVisibility()
    assert scene.muscle_actors[("piriformis", "right")].GetVisibility()
    key(qtbot, window, "Ctrl+[")
    assert window.state.peel == 2
    window.peel_control.slider.setValue(0)
    assert window.state.peel == 0
    for k, actor in scene.muscle_actors.items():
        assert bool(actor.GetVisibility()) == veiled_or_chain(window, k), k
    window.peel_control.deeper.click()
    assert window.state.peel == 1
    key(qtbot, window, "Ctrl+R")  # reset view: nothing peeled
    assert window.state.peel == 0


def test_hide_isolate_show_all_round_trip(window, qtbot) -> None:
    scene, controller = window.scene, window.controller
    controller.select_site("lower_leg")
    controller.set_view("anterior")
    target = scene.label_anchor("tibialis_anterior", "right")
    x, y = scene.project(target)
    ratio = window.plotter.devicePixelRatioF()
    pos = QPoint(round(x / ratio), round(window.plotter.height() - y / ratio))
    qtbot.mouseClick(window.plotter, Qt.MouseButton.RightButton, pos=pos)
    menu = controller.context_menu
    assert menu is not None and menu.isVisible()
    hide = next(a for a in menu.actions() if a.text().startswith("Hide "))
    assert "Tibialis anterior" in hide.text()
    hide.trigger()
    menu.close()
    assert not scene.muscle_actors[("tibialis_anterior", "right")].GetVisibility()
    assert window.hidden_panel.texts() == ["Tibialis anterior (right)"]
    # bring it back from the hidden list with the keyboard
    window.hidden_panel.list.setFocus()
    window.hidden_panel.list.setCurrentRow(0)
    qtbot.keyClick(window.hidden_panel.list, Qt.Key.Key_Return)
    assert scene.muscle_actors[("tibialis_anterior", "right")].GetVisibility()
    assert window.hidden_panel.texts() == []

    # isolate from the chain list with the keyboard (Ctrl+I on the current muscle)
    chain = window.chain_panel.list
    row = next(i for i in range(chain.count()) if chain.item(i).text() == "Soleus")
    chain.setFocus()
    chain.setCurrentRow(row)
    key(qtbot, window, "Ctrl+I")
    drawn = {k for k, a in scene.muscle_actors.items() if a.GetVisibility()}
    assert drawn == {("soleus", "left"), ("soleus", "right")}
    assert not any(a.GetVisibility() for a in scene.bone_actors.values())
    # the chain list's context menu (Menu key) offers Show all
    qtbot.keyClick(chain, Qt.Key.Key_Menu)
    menu = controller.context_menu
    assert menu is not None and menu.isVisible()
    show_all = next(a for a in menu.actions() if a.text() == "Show all")
    show_all.trigger()
    menu.close()
    for k, actor in scene.muscle_actors.items():
        assert bool(actor.GetVisibility()) == veiled_or_chain(window, k), k
    # Hide by shortcut, then Reset view shows everything again
    key(qtbot, window, "Ctrl+H")
    assert not scene.muscle_actors[("soleus", "right")].GetVisibility()
    window.actions.views["anterior"].trigger()
    key(qtbot, window, "Ctrl+R")
    for k, actor in scene.muscle_actors.items():
        assert bool(actor.GetVisibility()) == veiled_or_chain(window, k), k
    assert window.state.selection.hidden == frozenset()


def overlapping(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("view", VIEWS)
def test_labels_beside_the_body_with_leaders_to_their_muscles(window, knowledge, view) -> None:
    scene = window.scene
    for site in knowledge.sites:
        window.controller.select_site(site)
        window.controller.set_view(view)
        highlight = window.controller.highlight
        placed = scene.labels.placements()
        assert placed, (site, view)
        width, height = window.plotter.renderer.GetSize()
        by_text = {lb.text: (lb.mesh, lb.side) for lb in highlight.labels}
        matrix, size = matrix_and_size(window)
        lit = [
            window.anatomy.muscles[m][s].points
            for (m, s) in highlight.muscles
            if scene.muscle_actors[(m, s)].GetVisibility()
        ]
        lit_xy, _d, front = project(np.vstack(lit), matrix, size)
        lit_xy = lit_xy[front]
        for i, p in enumerate(placed):
            x0, y0, x1, y1 = p.box
            assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, (site, view, p.text)
            for q in placed[i + 1 :]:
                assert not overlapping(p.box, q.box), (site, view, p.text, q.text)
            # the leader ends on the muscle's surface: a point of its own mesh
            mesh = window.anatomy.muscles[by_text[p.text][0]][by_text[p.text][1]]
            gap = np.linalg.norm(np.asarray(mesh.points) - p.anchor, axis=1).min()
            assert gap < 1e-6, (site, view, p.text)
            assert np.allclose(scene.project(p.anchor), p.anchor_px, atol=1.0)
            # ... and starts on the label's box
            ex, ey = p.line_end_px
            assert ex in (x0, x1) and y0 <= ey <= y1
            # no label covers a highlighted muscle
            inside = (
                (lit_xy[:, 0] > x0)
                & (lit_xy[:, 0] < x1)
                & (lit_xy[:, 1] > y0)
                & (lit_xy[:, 1] < y1)
            )
            assert not inside.any(), (site, view, p.text)


def test_labels_follow_the_camera(window) -> None:
    window.controller.select_site("hip")
    before = {p.text: p.anchor_px for p in window.scene.labels.placements()}
    window.orbit(30, 0)
    after = {p.text: p.anchor_px for p in window.scene.labels.placements()}
    moved = [t for t in before if t in after and before[t] != after[t]]
    assert moved
