"""Start the Qt application and the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from tp_explorer.errors import InputError
from tp_explorer.ui.preflight import check_display, check_opengl

log = logging.getLogger(__name__)


def run_window(
    regions: str | None = None,
    site: str | None = None,
    side: str | None = None,
    on_ready: Callable[[Any], None] | None = None,
) -> int:
    """Load the data, check the display, open the window; returns the exit code of the event loop.

    Knowledge and anatomy load first, so their errors reach the command line before any window.
    """
    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge

    knowledge = load_knowledge(regions)
    if site is not None and site not in knowledge.sites:
        raise InputError(f"unknown pain site {site!r}; choose one of: {', '.join(knowledge.sites)}")
    anatomy = load_anatomy()
    check_display()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("tp_explorer")
    app.setApplicationName("tp_explorer")
    check_opengl()
    from tp_explorer.ui.crash import CrashReporter
    from tp_explorer.ui.main_window import MainWindow

    window = MainWindow(knowledge, anatomy)
    reporter = CrashReporter(window).install()
    if site is not None or side is not None:
        values: dict[str, object] = {}
        if site is not None:
            values.update(site=site, focus=None, area=None)
        if side is not None:
            values["side"] = side
        window.state.update(**values)
    window.show()
    window.plotter.render()
    if on_ready is not None:
        on_ready(window)
    try:
        return app.exec()
    finally:
        reporter.uninstall()
