"""An exception in a Qt slot is logged and shown in a dialog; the window survives."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from tp_explorer.ui.crash import CrashReporter


class Emitter(QObject):
    fired = Signal()


def broken_slot() -> None:
    raise ValueError("unknown muscle 'solues'")


@pytest.mark.qt_no_exception_capture
def test_slot_exception_is_logged_and_shown(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    reporter = CrashReporter(window).install()
    try:
        emitter = Emitter()
        emitter.fired.connect(broken_slot)
        with caplog.at_level(logging.ERROR, logger="tp_explorer.ui.crash"):
            emitter.fired.emit()
        qtbot.waitUntil(lambda: len(reporter.dialogs) == 1)
        box = reporter.dialogs[0]
        assert box.isVisible()
        assert "ValueError" in box.text() and "solues" in box.text()
        assert box.icon() == QMessageBox.Icon.Critical
        assert "unknown muscle" in caplog.text
        assert window.isVisible()
        box.accept()
        qtbot.waitUntil(lambda: not reporter.dialogs)
    finally:
        reporter.uninstall()
