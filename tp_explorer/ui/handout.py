"""The patient handout: gather its text, render its pictures and write the PDF atomically.

The entry points for the window (File > Export handout) and the command line; what the handout
says is in handout_content, how it is drawn in handout_pdf. The names other code has used from
here (the content builders, the PDF writer) are re-exported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tp_explorer.files import atomic_target
from tp_explorer.ui.chart_view import with_chart
from tp_explorer.ui.handout_content import (
    HandoutContent,
    anatomy_credit,
    handout_content,
    patient_explanation,
    study_citation,
    with_depths,
)
from tp_explorer.ui.handout_pdf import write_handout_pdf
from tp_explorer.ui.images import qimage_from_array
from tp_explorer.ui.patient_text import DEBATE_TEXT, TRIGGER_POINT_TEXT, evidence_words

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.state import Highlight
    from tp_explorer.ui.window_base import ExplorerWindow

__all__ = [
    "DEBATE_TEXT",
    "TRIGGER_POINT_TEXT",
    "HandoutContent",
    "evidence_words",
    "handout_content",
    "patient_explanation",
    "study_citation",
]


def export_handout(
    target: str | Path,
    content: HandoutContent,
    images: Sequence[tuple[str, np.ndarray | QImage]],
    overwrite: bool = False,
) -> Path:
    """Write the handout atomically; an existing file is replaced only with ``overwrite``."""
    qimages = [
        (cap, img if isinstance(img, QImage) else qimage_from_array(img)) for cap, img in images
    ]
    with atomic_target(target, overwrite) as tmp:
        write_handout_pdf(tmp, content, qimages)
    return Path(target)


HANDOUT_VIEWS = (("Anterior (front)", "anterior"), ("Posterior (back)", "posterior"))
PICTURE_LAYERS = frozenset({"zones", "skin", "muscles", "bones"})
# Names on a picture a few centimetres tall cannot be read; the list under it names the muscles.
LEFT_OUT = frozenset({"labels"})


def picture_layers(shown: frozenset[str]) -> frozenset[str]:
    """A handout picture's layers: those the window shows, the body's and the zones always,
    in the chart view, without the names."""
    return with_chart(shown | PICTURE_LAYERS) - LEFT_OUT


IMAGE_SIZE = (800, 1000)


def handout_images(
    anatomy: Anatomy,
    highlight: Highlight,
    layers: frozenset[str],
    size: tuple[int, int] = IMAGE_SIZE,
) -> list[tuple[str, np.ndarray]]:
    """Front and back pictures of one selection, off screen through the window's scene code
    (in the chart view: the layers given, with the chart)."""
    from tp_explorer.scene.snapshot import render_image

    return [
        (caption, render_image(anatomy, highlight, with_chart(layers), view=view, size=size))
        for caption, view in HANDOUT_VIEWS
    ]


def export_handout_interactive(window: ExplorerWindow, depth_table: bool = False) -> Path | None:
    """File > Export handout: the selected site and side as shown, asking before overwriting;
    ``depth_table`` adds the therapist's page of needle depths."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tp_explorer.ui.file_dialogs import ask_save_path, confirm_overwrite

    state = window.state
    if state.site is None:
        QMessageBox.information(
            window, "Export handout", "Choose a pain site first; the handout is about one site."
        )
        return None
    path = ask_save_path(
        window, "Export handout", f"handout-{state.site}-{state.side}.pdf", "PDF (*.pdf)"
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    overwrite = path.exists()
    if overwrite and not confirm_overwrite(window, path):
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write_window_handout(window, path, overwrite, depth_table=depth_table)
    finally:
        QApplication.restoreOverrideCursor()


def write_window_handout(
    window: ExplorerWindow, path: str | Path, overwrite: bool = False, depth_table: bool = False
) -> Path:
    """The handout of what the window shows now: its site, side, highlight and layers."""
    state, scene = window.state, window.scene
    content = handout_content(window.knowledge, state.site, state.side)
    content = replace(content, anatomy_credit=anatomy_credit(window.anatomy))
    if depth_table:
        content = with_depths(content, window.knowledge, window.anatomy)
    images = handout_images(window.anatomy, scene.highlight, picture_layers(scene.layers))
    return export_handout(path, content, images, overwrite)


def write_site_handout(
    site_id: str,
    target: str | Path,
    side: str = "both",
    regions: str | None = None,
    overwrite: bool = False,
    depth_table: bool = False,
) -> Path:
    """The command-line handout: a selection made from SITE and --side, rendered off screen."""
    from PySide6.QtGui import QGuiApplication

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.state import Selection, make_highlight
    from tp_explorer.state.model import DEFAULT_LAYERS

    kb = load_knowledge(regions)
    content = handout_content(kb, site_id, side)  # an unknown site is an InputError
    anatomy = load_anatomy()
    content = replace(content, anatomy_credit=anatomy_credit(anatomy))
    if depth_table:
        content = with_depths(content, kb, anatomy)
    highlight = make_highlight(Selection(site=site_id, side=side), kb)
    _app = QGuiApplication.instance() or QGuiApplication(["tp-explorer"])
    images = handout_images(anatomy, highlight, picture_layers(DEFAULT_LAYERS))
    return export_handout(target, content, images, overwrite)
