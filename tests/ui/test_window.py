"""The real window under Xvfb with the real regions.yaml and assets, driven as a user would."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tp_explorer import palette
from tp_explorer.knowledge.skin_areas import fine_area


@pytest.fixture(scope="module")
def window(qapp, knowledge, anatomy, isolated_settings):
    from tp_explorer.ui.main_window import MainWindow

    win = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    win.resize(1200, 760)
    win.show()
    qapp.processEvents()
    yield win
    win.close()
    qapp.processEvents()


@pytest.fixture(autouse=True)
def fresh(window):
    window.sites_panel.search.clear()
    window.state.update(
        site=None,
        focus=None,
        area=None,
        side="both",
        layers=frozenset({"skin", "muscles", "bones", "zones", "labels", "markers"}),
    )
    window.controller.set_view("anterior")
    yield


def click_canvas(qtbot, window, display_xy) -> None:
    plotter = window.plotter
    ratio = plotter.devicePixelRatioF()
    x, y = display_xy
    pos = QPoint(round(x / ratio), round(plotter.height() - y / ratio))
    qtbot.mouseClick(plotter, Qt.MouseButton.LeftButton, pos=pos)


def site_item(window, site_id):
    tree = window.sites_panel.tree
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == site_id:
            return tree.topLevelItem(i)
    raise AssertionError(site_id)


def test_each_site_highlights_its_chain_and_shows_its_study(window, knowledge) -> None:
    actors_before = window.scene.actor_count
    for site_id, site in knowledge.sites.items():
        window.sites_panel.tree.setCurrentItem(site_item(window, site_id))
        assert window.state.site == site_id
        expected = {
            (mesh, side)
            for link in knowledge.chain_for(site_id)
            for side in link.sides
            for mesh in link.muscle.meshes
        }
        lit = {k for k, a in window.scene.muscle_actors.items() if a.prop.opacity == 1.0}
        assert lit == expected, site_id
        painted = window.scene.painted_zones()  # read back from the skin's colour arrays
        assert painted == window.controller.highlight.zones, site_id
        assert painted, site_id
        text = window.details_panel.text()
        assert site.name in text
        assert site.study.citation.title in text
        assert site.study.evidence_level in text
        names = window.chain_panel.muscle_names()
        assert names == [
            link.muscle.name
            for g in ("local", "regional")
            for link in knowledge.chain_for(site_id)
            if link.role == g
        ]
    assert window.scene.actor_count == actors_before


@pytest.mark.parametrize(
    ("text", "expected"), [("peroneus", "Fibularis"), ("shin splints", "Shin splints")]
)
def test_search_finds_synonyms_and_conditions(window, qtbot, text, expected) -> None:
    qtbot.keyClicks(window.sites_panel.search, text)
    results = window.sites_panel.result_texts()
    assert any(expected.lower() in r.lower() for r in results), results
    qtbot.keyClick(window.sites_panel.search, Qt.Key.Key_Return)
    assert window.state.site is not None or window.state.focus is not None


def test_clicking_a_projected_muscle_focuses_it(window, qtbot, knowledge) -> None:
    window.controller.select_site("lower_leg")
    window.controller.set_view("anterior")
    anchor = window.scene.label_anchor("tibialis_anterior", "right")
    click_canvas(qtbot, window, window.scene.project(anchor))
    qtbot.waitUntil(lambda: window.state.focus is not None, timeout=3000)
    assert window.state.focus == "tibialis_anterior"
    assert window.details_panel.kind == "muscle"
    assert "Tibialis anterior" in window.details_panel.text()
    focused = window.scene.muscle_actors[("tibialis_anterior", "right")]
    assert focused.prop.color.hex_rgb.lower() == palette.FOCUS.lower()


def test_clicking_the_heel_lists_soleus(window, qtbot, anatomy) -> None:
    """A click on the skin asks about the fine area under the cursor (here the back of the
    heel), which lies in the heel's body area."""
    window.controller.set_view("posterior")
    ids = np.asarray(anatomy.areas["heel"]["right"])
    heel = anatomy.skin.points[ids]
    target = int(np.argmax(heel[:, 1]))  # the most posterior heel point faces the camera
    click_canvas(qtbot, window, window.scene.project(heel[target]))
    qtbot.waitUntil(lambda: window.details_panel.kind == "area", timeout=3000)
    area, side = window.state.selection.area
    assert side == "right" and fine_area(area).group == "heel"
    assert (area, side) == anatomy.fine_area_of_point(int(ids[target]))
    assert "Soleus" in window.details_panel.text()


def test_keyboard_reaches_every_panel(window, qtbot) -> None:
    window.activateWindow()
    window.focus_search()
    reached = []
    for _ in range(12):
        current = window.focusWidget()
        assert current is not None
        reached.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    panels = [
        window.sites_panel.tree,
        window.chain_panel.list,
        window.plotter,
        window.details_panel,
    ]
    for panel in panels:
        assert any(w is panel or panel.isAncestorOf(w) for w in reached if w), panel.objectName()
    window.details_panel.setFocus()
    window.cycle_panel(+1)  # F6
    assert window.focusWidget() is window.sites_panel.search


def test_shortcuts_drive_side_layers_and_help(window, qtbot) -> None:
    window.actions.sides["left"].trigger()
    assert window.state.side == "left"
    assert not window.scene.skin_actors["right"].GetVisibility()
    window.actions.layers["skin"].trigger()
    assert "skin" not in window.state.layers
    assert not window.scene.skin_actors["left"].GetVisibility()  # nothing painted to show
    window.controller.select_site("ankle_foot")
    left = window.scene.skin_actors["left"]
    assert left.GetVisibility() and not window.scene.skin_actors["right"].GetVisibility()
    painted = window.scene.painted_zones()
    assert painted and {s for _a, s in painted} == {"left"}
    alpha = window.scene.zone_paint.colours["left"][:, 3]
    assert (alpha > 0).any() and (alpha == 0).any()  # only the zone cells are drawn
    lines = window.shortcut_lines()
    assert any("Anterior view" in line for line in lines)
    window.show_about()
    assert "not a diagnosis" in window.about_box.text()
    window.about_box.close()


def test_only_https_links_are_opened(window, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window.controller.select_site("ankle_foot")
    button = next(b for b in window.details_panel.buttons() if b.objectName() == "doiButton")
    button.click()
    window.details_panel.linkRequested.emit("javascript:alert(1)")
    assert opened == [button.toolTip()] and opened[0].startswith("https://doi.org/")


def test_settings_remember_side_and_site(window, isolated_settings) -> None:
    from tp_explorer.ui.settings import Settings

    window.state.update(site="hip", side="right")
    window.save_settings()
    settings = Settings()
    assert settings.side() == "right" and settings.last_site() == "hip"
    assert str(isolated_settings) in settings.q.fileName()


def test_a_clicked_site_is_drawn_before_the_list_repaints_its_rows(qtbot, window) -> None:
    """A click on a site puts the 3D frame on screen first: the list's rows (whose highlight
    moved) are held from the press until the event loop is idle, then painted."""
    tree = window.sites_panel.tree
    item = site_item(window, "knee")
    tree.scrollToItem(item)
    qtbot.wait(50)
    held: list[bool] = []

    def swapped() -> None:
        held.append(not tree.viewport().updatesEnabled())

    window.plotter.frameSwapped.connect(swapped)
    try:
        pos = tree.visualItemRect(item).center()
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert window.state.site == "knee" and tree.currentItem() is item
        assert held and held[0], "the frame waited for the list"
        qtbot.waitUntil(lambda: tree.viewport().updatesEnabled(), timeout=2000)
    finally:
        window.plotter.frameSwapped.disconnect(swapped)
    # a key press that moves nothing is released as well
    qtbot.keyClick(tree, Qt.Key.Key_Shift)
    qtbot.waitUntil(lambda: tree.viewport().updatesEnabled(), timeout=2000)


def test_left_column_shows_every_site_and_gives_the_chain_list_the_room(
    qapp, qtbot, knowledge, anatomy
) -> None:
    """At the first-run size every site and condition is in view without scrolling; the empty
    hidden-structures list gives its room to the chain list and comes back when something is
    hidden."""
    from tp_explorer.ui.main_window import MainWindow

    win = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)  # 1280 x 800
    win.show()
    qtbot.waitExposed(win)
    try:
        tree = win.sites_panel.tree
        assert tree.verticalScrollBar().maximum() == 0
        last = tree.topLevelItem(tree.topLevelItemCount() - 1)
        last = last.child(last.childCount() - 1) if last.childCount() else last
        assert tree.viewport().rect().contains(tree.visualItemRect(last))
        hidden = win.hidden_panel
        assert not hidden.list.isVisible()
        assert win.chain_panel.list.height() >= 6 * win.chain_panel.list.sizeHintForRow(0)
        win.controller.select_site("lower_leg")
        win.controller.hide([("muscle", "soleus", "right")])
        qtbot.waitUntil(lambda: hidden.list.isVisible() and hidden.list.height() > 20)
        assert hidden.texts() == ["Soleus (right)"]
        win.controller.show_all()
        qtbot.waitUntil(lambda: not hidden.list.isVisible())
    finally:
        win.close()
