"""The referral charts in the real window: the chart view toggle, one trigger point focused from
the details panel, and a click on the skin that lists the ranked trigger points."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tp_explorer.knowledge.skin_areas import fine_area
from tp_explorer.state.zones import ZonePaint, charts_of
from tp_explorer.ui.chart_text import referring_line, zone_lines
from tp_explorer.ui.chart_view import CHART, CHART_KEYS
from tp_explorer.ui.panels.point_cards import PointCard, WrapButton


@pytest.fixture(autouse=True)
def fresh(window):
    window.state.update(
        site=None,
        focus=None,
        area=None,
        side="both",
        layers=frozenset({"skin", "muscles", "bones", "zones", "labels", "markers"}),
    )
    yield


def _cards(window) -> dict[str, PointCard]:
    return {card.point_id: card for card in window.details_panel.point_cards}


def _zones(muscle, point, sides=("left", "right")) -> dict[tuple[str, str], str]:
    paint = ZonePaint()
    paint.add(charts_of(muscle, point), sides)
    return paint.fine


def test_the_window_starts_in_the_atlas_view(qapp, knowledge, anatomy, isolated_settings):
    from tp_explorer.ui.main_window import MainWindow

    fresh_window = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    try:
        assert CHART not in fresh_window.state.layers and CHART not in fresh_window.scene.layers
        assert not fresh_window.actions.layers[CHART].isChecked()
    finally:
        fresh_window.close()


def test_chart_toggle_reaches_the_scene_and_is_remembered(window, qtbot):
    from tp_explorer.ui.settings import Settings

    action = window.actions.layers[CHART]
    assert action in window.toolbar.actions()
    assert action.shortcut().toString() == CHART_KEYS
    window.controller.select_site("lower_leg")
    action.trigger()
    assert CHART in window.state.layers and CHART in window.scene.layers
    assert {"skin", "zones", "markers"} <= window.scene.layers  # the other layers stay
    window.save_settings()
    assert CHART in Settings().layers()
    action.trigger()
    assert CHART not in window.scene.layers
    window.save_settings()
    assert CHART not in Settings().layers()


def test_a_trigger_point_in_the_details_is_focused_alone(window, qtbot, knowledge):
    soleus = knowledge.muscles["soleus"]
    window.controller.focus_muscle("soleus")
    cards = _cards(window)
    assert list(cards) == [tp.id for tp in soleus.trigger_points]
    text = window.details_panel.text()
    distal = soleus.trigger_point("distal")
    for line in zone_lines(distal.referral):
        assert line in text  # "Essential: back of the heel; ..." in words from the skin map
    assert "back of the heel" in text and "Sources (5)" in text and "Confirmed" in text
    everything = window.controller.highlight.zones
    assert everything == _zones(soleus, None)

    qtbot.mouseClick(cards["distal"].button, Qt.MouseButton.LeftButton)
    assert window.state.focused_point == "distal"
    assert window.controller.highlight.zones == _zones(soleus, "distal")
    assert window.controller.highlight.point == ("soleus", "distal")
    assert (
        cards["distal"].button.isChecked() and "shown alone" in cards["distal"].button.label_text()
    )
    assert _cards(window) == cards  # marked in place: the panel was not rebuilt

    qtbot.mouseClick(cards["distal"].button, Qt.MouseButton.LeftButton)  # again: all points
    assert window.state.focused_point is None
    assert window.controller.highlight.zones == everything

    cards["proximal"].button.setFocus()  # the keyboard reaches each point (Tab, then Space)
    qtbot.keyClick(cards["proximal"].button, Qt.Key.Key_Space)
    assert window.state.focused_point == "proximal"
    window.controller.focus_muscle("gastrocnemius")  # another muscle clears the point
    assert window.state.focused_point is None and window.controller.highlight.point is None


def test_escape_steps_back_from_a_point_to_its_muscle(window, qtbot):
    window.controller.focus_point("soleus", "distal")
    window.controller.clear_focus()
    assert window.state.focus == "soleus" and window.state.focused_point is None
    window.controller.clear_focus()
    assert window.state.focus is None


def _click(qtbot, window, xy) -> None:
    plotter = window.plotter
    ratio = plotter.devicePixelRatioF()
    pos = QPoint(round(xy[0] / ratio), round(plotter.height() - xy[1] / ratio))
    qtbot.mouseClick(plotter, Qt.MouseButton.LeftButton, pos=pos)


def test_a_skin_click_lists_the_ranked_trigger_points_of_its_fine_area(
    window, qtbot, anatomy, knowledge
):
    window.resize(1200, 760)
    window.controller.set_view("posterior")
    ids = np.asarray(anatomy.areas["heel"]["right"])
    heel = anatomy.skin.points[ids]
    target = int(np.argmax(heel[:, 1]))
    _click(qtbot, window, window.scene.project(heel[target]))
    qtbot.waitUntil(lambda: window.details_panel.kind == "area", timeout=3000)
    area, side = window.state.selection.area
    assert fine_area(area).group == "heel" and side == "right"
    hits = knowledge.points_referring_to(area, exact=True)
    zones = [h.zone for h in hits]
    assert hits and zones == sorted(zones, key=lambda zone: zone != "essential")
    buttons = [
        b
        for b in window.details_panel.buttons()
        if isinstance(b, WrapButton) and b.objectName().startswith("referring_")
    ]
    assert [b.label_text() for b in buttons] == [referring_line(h) for h in hits]
    assert fine_area(area).label in window.details_panel.text().lower()

    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)  # the first: focus it
    assert window.state.focus == hits[0].muscle.id
    assert window.state.focused_point == hits[0].point.id
    assert window.controller.highlight.zones == _zones(hits[0].muscle, hits[0].point.id)


def _colours(image) -> set[str]:
    return {
        image.pixelColor(x, y).name().upper()
        for x in range(image.width())
        for y in range(image.height())
    }


def test_legend_paints_the_scenes_colours_and_follows_the_view(window, qtbot):
    """Essential solid, spillover striped on its light ground, the trigger point's mark: the
    palette's colours, and what the view shown draws (the chart view: the focused muscle
    outlined, trigger points marked X on its light skin)."""
    from tp_explorer import palette

    legend = window.legend
    window.state.set_layer(CHART, False)
    assert not legend.chart and "Trigger point" in legend.labels()
    seen = _colours(legend.grab().toImage())
    for colour in (palette.ESSENTIAL, palette.SPILLOVER_LIGHT, palette.LOCAL, palette.FOCUS):
        assert colour.upper() in seen, colour
    window.state.set_layer(CHART, True)
    labels = legend.labels()
    assert legend.chart and "Trigger point (X on the skin)" in labels
    assert "Muscle in focus (outlined)" in labels and "Local muscle" not in labels
    assert "Trigger point (X on the skin)" in legend.accessibleDescription()
    seen = _colours(legend.grab().toImage())
    for colour in (palette.MARKER, palette.CHART_SKIN, palette.ESSENTIAL):
        assert colour.upper() in seen, colour
