"""Uncaught exceptions in Qt slots: logged and shown in a dialog, the window stays up.

PySide6 hands an exception raised inside a slot to ``sys.excepthook``; the default hook only
prints it, which a therapist never sees. This hook logs the traceback and shows a non-modal
message box naming the error, so one bad click never silently kills the session.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class CrashReporter:
    """Replaces ``sys.excepthook`` while installed; ``uninstall`` puts the previous one back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.previous: ExceptHook | None = None
        self.dialogs: list[QMessageBox] = []
        self.count = 0
        self._showing = False

    def install(self) -> CrashReporter:
        self.previous = sys.excepthook
        sys.excepthook = self.hook
        return self

    def uninstall(self) -> None:
        if self.previous is not None and sys.excepthook == self.hook:
            sys.excepthook = self.previous
        self.previous = None

    def hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
            (self.previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        self.count += 1
        log.error("uncaught exception in the window", exc_info=(exc_type, exc, tb))
        if self._showing:  # an error while showing the dialog: the log has it
            return
        self._showing = True
        try:
            self._show(exc_type, exc, tb)
        finally:
            self._showing = False

    def _show(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("tp_explorer: unexpected error")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"Something went wrong: {exc_type.__name__}: {exc}\n\n"
            "The window stays open and your files are untouched. If it happens again, "
            "start tp-explorer with --verbose and send the log to the developers."
        )
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result, b=box: self._forget(b))
        self.dialogs.append(box)
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        if box in self.dialogs:
            self.dialogs.remove(box)
        box.deleteLater()
