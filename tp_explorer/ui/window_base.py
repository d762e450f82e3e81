"""The main window as its features see it: the parts they use, typed, and its menus by title.

``MainWindow`` builds every part named here and then installs the features (quiz, compare,
presentation, needle view, atlas offer...). They type their window with ``ExplorerWindow``, so
none of them imports the module that installs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter, QToolBar

    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.scene import BodyScene
    from tp_explorer.state import AppState
    from tp_explorer.ui.canvas import BodyCanvas
    from tp_explorer.ui.controller import Controller
    from tp_explorer.ui.panels import DetailsPanel
    from tp_explorer.ui.settings import Settings


class ExplorerWindow(QMainWindow):
    """A QMainWindow with the explorer's parts; ``MainWindow`` sets each in its constructor."""

    knowledge: Knowledge
    anatomy: Anatomy
    settings: Settings
    state: AppState
    scene: BodyScene
    plotter: BodyCanvas
    multi_samples: int  # the canvas's MSAA samples (a replacement window keeps them)
    controller: Controller
    toolbar: QToolBar
    splitter: QSplitter
    details_panel: DetailsPanel

    def __init__(self) -> None:
        super().__init__()
        self._menus: dict[str, QMenu] = {}

    def menu(self, title: str) -> QMenu:
        """The menu with this title (File, View, Tools, Help), made on first use."""
        key = title.replace("&", "").lower()
        if key not in self._menus:
            self._menus[key] = self.menuBar().addMenu(title if "&" in title else f"&{title}")
        return self._menus[key]
