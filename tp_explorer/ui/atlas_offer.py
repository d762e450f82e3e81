"""Offer the detailed anatomy while the built-in one serves: a quiet banner above the body, a
File menu entry, an install in the background with progress and cancel, then the window
switches to the atlas without a restart (a new window takes the old one's place and state).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QToolButton,
)

from tp_explorer import palette

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.ui.window_base import ExplorerWindow

log = logging.getLogger(__name__)


def _size_mb() -> int:
    from tp_explorer.anatomy.atlas.install import download_size

    return max(1, round(download_size() / 1e6))


class InstallWorker(QThread):
    """Runs the atlas install off the GUI thread; reports progress, can be cancelled."""

    progressed = Signal(str, float, str)  # stage, fraction 0..1, what
    finished_ok = Signal(object)  # the new Anatomy
    failed = Signal(str)

    def __init__(
        self, source: Path | None, parent: QObject | None = None, detail: str = "default"
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.detail = detail
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from tp_explorer.anatomy.atlas.install import install
        from tp_explorer.anatomy.atlas.load import load_atlas
        from tp_explorer.errors import TpExplorerError

        def progress(stage: str, done: float, total: float, what: str) -> None:
            self.progressed.emit(stage, done / total if total else 0.0, what)

        try:
            install(self.source, detail=self.detail, progress=progress, cancel=self._cancel.is_set)
            self.finished_ok.emit(load_atlas())
        except TpExplorerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker thread must report, never die silently
            log.exception("atlas install failed")
            self.failed.emit(f"the detailed anatomy could not be installed ({exc})")


class AtlasBanner(QFrame):
    """One calm line above the body, with the action and a close button."""

    def __init__(self, size_mb: int) -> None:
        super().__init__()
        self.setObjectName("atlasBanner")
        self.setStyleSheet(
            f"#atlasBanner {{ background: {palette.NOTICE_BACKGROUND}; "
            f"border: 1px solid {palette.NOTICE_BORDER}; border-radius: 4px; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.text = QLabel("Showing the simplified built-in anatomy.")
        self.text.setObjectName("atlasBannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(f"Get the detailed anatomy (about {size_mb} MB)")
        self.button.setObjectName("atlasGet")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Hide this note")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)


class AtlasOffer(QObject):
    """The banner, the menu entries and the background install for one window."""

    switched = Signal(object)  # the new window

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worker: InstallWorker | None = None
        self.dialog: QProgressDialog | None = None
        self.new_window: ExplorerWindow | None = None
        size = _size_mb()
        self.banner = AtlasBanner(size)
        self.banner.button.clicked.connect(lambda: self.start(None))
        centre = window.plotter.parentWidget()  # the canvas and its legend, one above the other
        layout = centre.layout() if centre is not None else None
        if not isinstance(layout, QBoxLayout):
            raise RuntimeError("the canvas is not in a box layout: no room for the banner")
        layout.insertWidget(0, self.banner)
        self.banner.setVisible(getattr(window.anatomy, "source", "builtin") != "atlas")
        self.action_get = QAction(f"Get the detailed anatomy (about {size} MB)", window)
        self.action_get.setObjectName("action_atlas_get")
        self.action_get.triggered.connect(lambda: self.start(None))
        self.action_folder = QAction("Install the detailed anatomy from a folder…", window)
        self.action_folder.setObjectName("action_atlas_folder")
        self.action_folder.triggered.connect(self._choose_folder)
        self.action_high = QAction("High-detail anatomy (for a graphics card)", window)
        self.action_high.setObjectName("action_atlas_high")
        self.action_high.setCheckable(True)
        self.action_high.setChecked(self.installed_detail() == "high")
        self.action_high.setEnabled(getattr(window.anatomy, "source", "builtin") == "atlas")
        self.action_high.setToolTip(
            "About 2.5 times the triangles: smoother muscles and skin, slower without a GPU"
        )
        self.action_high.triggered.connect(self._set_detail)
        menu = window.menu("&File")
        menu.addSeparator()
        menu.addAction(self.action_get)
        menu.addAction(self.action_folder)
        menu.addAction(self.action_high)

    @staticmethod
    def installed_detail() -> str:
        from tp_explorer.anatomy.atlas.cache import atlas_dir, read_status

        status = read_status(atlas_dir()) or {}
        return str(status.get("detail", "default"))

    def _set_detail(self, high: bool) -> None:
        """Rebuild the installed atlas at the other level of detail (from its kept files)."""
        from tp_explorer.anatomy.atlas.install import SOURCE_DIR

        kept = self._kept_source(SOURCE_DIR)
        self.start(kept, "high" if high else "default")

    @staticmethod
    def _kept_source(name: str) -> Path | None:
        from tp_explorer.anatomy.atlas.cache import atlas_dir, data_dir, read_status

        status = read_status(atlas_dir()) or {}
        origin = str(status.get("source", ""))
        if origin.startswith("folder "):
            return Path(origin.removeprefix("folder "))
        return data_dir() / name if (data_dir() / name).is_dir() else None

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Folder with the BodyParts3D files (laid out like the atlas manifest)"
        )
        if folder:
            self.start(Path(folder))

    def start(self, source: Path | None, detail: str | None = None) -> None:
        """Install in the background; the window stays usable meanwhile. ``detail`` defaults
        to what is installed now ("default" when nothing is)."""
        if self.worker is not None and self.worker.isRunning():
            return
        self.worker = InstallWorker(source, self, detail or self.installed_detail())
        self.dialog = QProgressDialog(
            "Getting the detailed anatomy…", "Cancel", 0, 1000, self.window
        )
        self.dialog.setObjectName("atlasProgress")
        self.dialog.setWindowTitle("Detailed anatomy")
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.worker.cancel)
        self.worker.progressed.connect(self._on_worker_progressed)
        self.worker.finished_ok.connect(self._on_worker_finished)
        self.worker.failed.connect(self._on_worker_failed)
        self.banner.button.setEnabled(False)
        self.banner.text.setText("Getting the detailed anatomy in the background…")
        self.worker.start()
        self.dialog.show()

    def _on_worker_progressed(self, stage: str, fraction: float, what: str) -> None:
        if self.dialog is None:
            return
        words = {"download": "Downloading", "verify": "Checking", "build": "Building"}
        self.dialog.setLabelText(f"{words.get(stage, stage)}: {Path(what).name}")
        # download and checks take the first half of the bar, the build the second
        value = 0.5 * fraction if stage != "build" else 0.5 + 0.5 * fraction
        self.dialog.setValue(int(value * 1000))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog = None

    def _on_worker_failed(self, message: str) -> None:
        self._close_dialog()
        self.banner.button.setEnabled(True)
        self.banner.text.setText(f"The built-in anatomy stays. {message}")
        self.banner.text.setWordWrap(True)
        self.banner.show()
        self.window.statusBar().showMessage("The detailed anatomy was not installed.", 8000)

    def _on_worker_finished(self, anatomy: Anatomy) -> None:
        self._close_dialog()
        self.new_window = switch_anatomy(self.window, anatomy)
        self.switched.emit(self.new_window)


_open_windows: list[ExplorerWindow] = []  # the windows made here, kept alive with the application


def switch_anatomy(old: ExplorerWindow, anatomy: Anatomy) -> ExplorerWindow:
    """A window like ``old`` on another anatomy, in its place, with the same selection."""
    sel = old.state
    window_class: Callable[..., ExplorerWindow] = type(old)  # MainWindow: data, then options
    new = window_class(
        old.knowledge,
        anatomy,
        settings=old.settings,
        multi_samples=old.multi_samples,
        restore=False,
    )
    new.restoreGeometry(old.saveGeometry())
    new.splitter.restoreState(old.splitter.saveState())
    new.state.update(site=sel.site, focus=sel.focus, side=sel.side, layers=sel.layers)
    _open_windows.append(new)
    new.show()
    old.close()  # its canvas is released on close; the object goes with its last reference
    if old in _open_windows:
        _open_windows.remove(old)
    new.statusBar().showMessage("Now showing the detailed anatomy (BodyParts3D).", 8000)
    QApplication.processEvents()
    return new


def install(window: ExplorerWindow) -> AtlasOffer:
    """Add the offer to a window (the banner shows only on the built-in anatomy), and tell the
    details panel which muscles this anatomy drew."""
    anatomy = window.anatomy
    details = window.details_panel
    details.drawn = frozenset(getattr(anatomy, "drawn", ()))
    details.anatomy_name = (
        "BodyParts3D" if getattr(anatomy, "source", "builtin") == "atlas" else "the built-in model"
    )
    return AtlasOffer(window)
