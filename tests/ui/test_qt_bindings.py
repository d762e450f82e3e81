"""The installed Qt bindings keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped a reference to None in almost every void QPainter call;
a long session of repaints then aborted with "Fatal Python error: none_dealloc". pyproject
excludes that release; this test fails if a build with the same fault is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
app = QGuiApplication([])
image = QImage(64, 64, QImage.Format.Format_RGB32)
before = sys.getrefcount(None)
for _ in range(500):
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, 8, 8), QColor("red"))
    painter.setPen(QColor("blue"))
    painter.drawLine(0, 0, 8, 8)
    painter.drawRect(QRect(1, 1, 5, 5))
    painter.end()
print(sys.getrefcount(None) - before)
"""


def test_painting_does_not_lose_references_to_none() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lost = -int(result.stdout.strip().splitlines()[-1])
    assert lost < 50, f"the Qt bindings dropped {lost} references to None in 500 paints"
