"""Start the Qt application and the main window.

An error found before the window exists (a broken knowledge file, missing assets, an unknown
site, no OpenGL) goes to the command line as always and, when a display can be reached, also to
a plain-text message box, since a program started from a desktop icon has no terminal to read.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tp_explorer.errors import DisplayError, InputError, TpExplorerError
from tp_explorer.ui.heap import limit_heap_fragmentation
from tp_explorer.ui.preflight import check_display, check_opengl

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def run_window(
    regions: str | None = None,
    site: str | None = None,
    side: str | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
) -> int:
    """Load the data, check the display, open the window; returns the exit code of the event loop.

    Knowledge and anatomy load first, so nothing half-loaded is ever shown. A TpExplorerError
    before the window exists is shown in a dialog (when a display answers) and raised again, so
    ``cli.main`` prints it to stderr and returns its exit code.
    """
    limit_heap_fragmentation()
    try:
        knowledge, anatomy = _load_data(regions, site)
        check_display()
        app = _application()
        check_opengl()
    except TpExplorerError as exc:
        _show_startup_error(exc)
        raise
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
    window.show()  # the canvas's first paint renders the scene; no extra render here
    if on_ready is not None:
        on_ready(window)
    try:
        return app.exec()
    finally:
        reporter.uninstall()


def run_quiz_window(regions: str | None = None, seed: int | None = None, rounds: int = 10) -> int:
    """`tp-explorer quiz`: open the window with the quiz started."""

    def start(window: MainWindow) -> None:
        window.features.quiz.start(rounds=rounds, seed=seed)

    return run_window(regions=regions, on_ready=start)


STARTUP_TITLE = "tp_explorer cannot start"


def _load_data(regions: str | None, site: str | None) -> tuple[Knowledge, Anatomy]:
    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge

    knowledge = load_knowledge(regions)
    if site is not None and site not in knowledge.sites:
        raise InputError(f"unknown pain site {site!r}; choose one of: {', '.join(knowledge.sites)}")
    return knowledge, load_anatomy()


def _application() -> QCoreApplication:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("tp_explorer")
    app.setApplicationName("tp_explorer")
    return app


def _show_startup_error(exc: TpExplorerError) -> None:
    """Show the error in a dialog too, unless no display can be reached (the message says so)."""
    try:
        check_display()
    except DisplayError:
        return
    try:
        _application()
        show_error(STARTUP_TITLE, str(exc))
    except Exception:  # the message already goes to stderr; a failing dialog must not hide it
        log.exception("could not show the start-up error in a dialog")


def show_error(title: str, message: str) -> None:
    """A modal, plain-text message box (text from a user's file is never read as HTML)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    box.setObjectName("startupError")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()
