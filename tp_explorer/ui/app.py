"""Start the Qt application and the main window."""

from __future__ import annotations

import logging
import sys

from tp_explorer.ui.preflight import check_display, check_opengl

log = logging.getLogger(__name__)


def run_window(regions: str | None = None, site: str | None = None, side: str | None = None) -> int:
    check_display()
    from PySide6.QtWidgets import QApplication, QMainWindow
    from pyvistaqt import QtInteractor

    app = QApplication.instance() or QApplication(sys.argv[:1])
    check_opengl()
    window = QMainWindow()
    window.setWindowTitle("tp_explorer")
    plotter = QtInteractor(window, auto_update=False)
    window.setCentralWidget(plotter)
    window.resize(1200, 800)
    window.show()
    plotter.render()
    return app.exec()
