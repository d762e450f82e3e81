"""Presentation mode through the real window: F11 hides the technical panels, Esc restores them."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_f11_hides_panels_shows_patient_text_and_esc_restores(window, qtbot, knowledge):
    window.controller.select_site("hip")
    assert window.sites_panel.isVisible() and window.details_panel.isVisible()
    label_pt = window.scene.labels.font_size
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.plotter, Qt.Key.Key_F11)
    pm = window.features.presentation
    qtbot.waitUntil(lambda: pm.active)
    assert not window.sites_panel.isVisible()
    assert not window.details_panel.isVisible()
    assert not window.toolbar.isVisible() and not window.menuBar().isVisible()
    assert pm.panel.isVisible()
    assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
    text = pm.text.text()
    assert knowledge.sites["hip"].explanation.split(".")[0] in text
    assert "Quadratus lumborum" in text  # the distal chain, in plain words
    assert "debated" in text
    assert pm.text.font().pointSize() >= 18
    assert window.scene.labels.font_size >= 20 > label_pt  # the model's labels, from a chair
    assert window.scene.labels.shown()
    assert window.state.mode == "presentation"

    qtbot.keyClick(window.plotter, Qt.Key.Key_Escape)
    assert not pm.active
    assert window.sites_panel.isVisible() and window.details_panel.isVisible()
    assert window.toolbar.isVisible() and window.menuBar().isVisible()
    assert not pm.panel.isVisible()
    assert window.state.mode == "explore"
    assert window.scene.labels.font_size == label_pt
    assert window.state.site == "hip"  # Esc left presentation; it did not clear the selection


def test_turntable_turns_and_stops_on_any_input(window, qtbot):
    pm = window.features.presentation
    pm.enter()
    try:
        assert pm.turning
        before = window.plotter.camera.position
        qtbot.waitUntil(lambda: window.plotter.camera.position != before, timeout=2000)
        qtbot.mouseClick(pm.text, Qt.MouseButton.LeftButton)
        assert not pm.turning
        stopped = window.plotter.camera.position
        qtbot.wait(200)
        assert window.plotter.camera.position == stopped
    finally:
        pm.leave()
    assert not pm.active and not pm.turning


def test_toolbar_button_enters_presentation(window, qtbot):
    action = window.features.presentation.action
    assert action in window.toolbar.actions()
    action.trigger()
    assert window.features.presentation.active
    action.trigger()
    assert not window.features.presentation.active
