"""Child: the resident memory of a plain pyvistaqt window after a turntable, in its own process.

Run as ``python -m tp_explorer.bench.child_bare_memory WIDTH HEIGHT FRAMES``; prints
``BARE_RSS_KB <kB>``. The heap is tuned and trimmed as the explorer's own is, so the two
figures differ by what the explorer holds, not by the allocator's settings.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tp_explorer.bench.plain_window import build_plain_window
from tp_explorer.ui.heap import limit_heap_fragmentation, trim_heap

WARM_UP_EVENTS = 5


def main(argv: list[str]) -> None:
    """Show the plain window, turn it once, trim the heap and print the RSS."""
    limit_heap_fragmentation()
    width, height, frames = (int(v) for v in argv[:3])
    app = QApplication(sys.argv[:1])
    window, plotter = build_plain_window(width, height)
    window.show()
    for _ in range(WARM_UP_EVENTS):
        app.processEvents()
    for _ in range(frames):
        plotter.camera.Azimuth(360.0 / frames)
        plotter.render()
        app.processEvents()
    trim_heap()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            print("BARE_RSS_KB", line.split()[1], flush=True)  # noqa: T201 - the parent reads it


if __name__ == "__main__":
    main(sys.argv[1:])
