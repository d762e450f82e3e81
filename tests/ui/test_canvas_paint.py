"""The canvas draws each frame once, and never for a window that is not on screen."""

from __future__ import annotations

import pyvista as pv


def _canvas(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from tp_explorer.ui.canvas import BodyCanvas

    window = QMainWindow()
    canvas = BodyCanvas(window, auto_update=False, multi_samples=0)
    window.setCentralWidget(canvas)
    canvas.add_mesh(pv.Sphere())
    qtbot.addWidget(window)
    renders: list[int] = []
    canvas.ren_win.AddObserver("StartEvent", lambda *_: renders.append(1))
    return window, canvas, renders


def test_no_render_before_the_window_is_first_on_screen(qtbot) -> None:
    """Start-up lays out (and paints) the window before it is exposed; those frames are never
    seen, so they are not rendered; the first expose renders."""
    window, canvas, renders = _canvas(qtbot)
    window.resize(400, 300)
    window.show()
    assert not window.windowHandle().isExposed()  # the X server has not answered yet
    canvas.repaint()  # what a layout pass before the first expose asks for
    assert renders == []
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: len(renders) >= 1, timeout=5000)
    window.close()


def test_a_finished_render_is_only_blitted_by_the_next_paint(qtbot) -> None:
    window, canvas, renders = _canvas(qtbot)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    renders.clear()
    canvas.render()  # a selection: one render ...
    canvas.repaint()  # ... and the paint that shows it
    assert len(renders) == 1
    window.close()
