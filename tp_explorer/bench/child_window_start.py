"""Child: start the explorer as a user does and print the time of its first frame on screen.

Run as ``python -m tp_explorer.bench.child_window_start``; prints ``FIRST_FRAME <epoch s>``.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tp_explorer.ui.app import run_window

if TYPE_CHECKING:  # run_window imports the window itself, after the data has loaded
    from tp_explorer.ui.main_window import MainWindow

GIVE_UP_MS = 60000


def _quit() -> None:
    app = QApplication.instance()
    if app is not None:
        app.quit()


def ready(window: MainWindow) -> None:
    """The first frame is the first time the canvas's picture reaches the screen."""

    def swapped() -> None:
        print("FIRST_FRAME", time.time(), flush=True)  # noqa: T201 - the parent reads it
        QTimer.singleShot(0, _quit)

    window.plotter.frameSwapped.connect(swapped)
    QTimer.singleShot(GIVE_UP_MS, _quit)


if __name__ == "__main__":
    sys.exit(run_window(on_ready=ready))
