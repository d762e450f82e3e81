"""Child: a plain pyvistaqt window's first frame on screen, the floor of the explorer's start.

Run as ``python -m tp_explorer.bench.child_bare_start WIDTH HEIGHT`` (the explorer's canvas
size: the same pixels to fill); prints ``FIRST_FRAME <epoch s>``.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tp_explorer.bench.plain_window import build_plain_window

GIVE_UP_MS = 60000


def main(argv: list[str]) -> int:
    """Show the plain window and quit after its first frame; the event loop's exit code."""
    width, height = (int(v) for v in argv[:2])
    app = QApplication(sys.argv[:1])
    window, plotter = build_plain_window(width, height)

    def swapped() -> None:
        print("FIRST_FRAME", time.time(), flush=True)  # noqa: T201 - the parent reads it
        QTimer.singleShot(0, app.quit)

    plotter.frameSwapped.connect(swapped)
    QTimer.singleShot(GIVE_UP_MS, app.quit)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
