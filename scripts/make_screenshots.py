"""Regenerate the README pictures from the program itself.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/make_screenshots.py

docs/screenshot.png: the real window with a pain site selected (the 3D canvas is read from the
render window and laid into the window grab, because a widget grab cannot read OpenGL pixels).
docs/posterior.png: the off-screen snapshot of the same scene, posterior view.
docs/lower-leg.png: the lower leg's chain from the side, one leg.

The pictures show the detailed anatomy (BodyParts3D), which must be installed first
(`tp-explorer atlas install`); they are never made from the built-in body.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from tp_explorer.cli import main as cli_main
from tp_explorer.ui import app as app_module

DOCS = Path(__file__).resolve().parents[1] / "docs"
SITE = "pelvis"


def grab_window(window: object, out: Path) -> None:
    """The window as a user sees it, 3D canvas included."""
    picture = window.grab().toImage()
    pixels = np.ascontiguousarray(window.plotter.screenshot(return_img=True)[:, :, :3])
    height, width = pixels.shape[:2]
    canvas = QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    painter = QPainter(picture)
    target = window.plotter.mapTo(window, QPoint(0, 0))
    painter.drawImage(target, canvas.scaled(window.plotter.width(), window.plotter.height()))
    painter.end()
    picture.save(str(out))


def window_shot(out: Path) -> int:
    settings_dir = tempfile.mkdtemp(prefix="tp-shots-")  # never the user's settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)

    def ready(window: object) -> None:
        window.resize(1400, 860)

        def shoot() -> None:
            window.controller.select_site(SITE)
            for _ in range(5):
                QApplication.processEvents()
            window.plotter.render()
            grab_window(window, out)
            QApplication.instance().quit()

        QTimer.singleShot(1000, shoot)

    return app_module.run_window(site=SITE, on_ready=ready)


if __name__ == "__main__":
    from tp_explorer.anatomy.loader import atlas_installed, set_default_source

    if not atlas_installed():
        sys.exit("install the detailed anatomy first: tp-explorer atlas install")
    set_default_source("atlas")
    DOCS.mkdir(exist_ok=True)
    code = window_shot(DOCS / "screenshot.png")
    code = code or cli_main(
        [
            "snapshot",
            SITE,
            "--view",
            "posterior",
            "--size",
            "560x800",
            "--force",
            "--anatomy",
            "atlas",
            "--out",
            str(DOCS / "posterior.png"),
        ]
    )
    code = code or cli_main(
        [
            "snapshot",
            "lower_leg",
            "--side",
            "left",
            "--view",
            "lateral",
            "--size",
            "1000x800",
            "--force",
            "--anatomy",
            "atlas",
            "--out",
            str(DOCS / "lower-leg.png"),
        ]
    )
    sys.exit(code)
