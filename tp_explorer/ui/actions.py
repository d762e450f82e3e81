"""Menus, toolbar and shortcuts of the main window, built from one table so Help lists them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from tp_explorer.scene import VIEWS
from tp_explorer.state import LAYERS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QToolBar

    from tp_explorer.state import AppState
    from tp_explorer.ui.controller import Controller

LAYER_KEYS = {layer: f"Ctrl+Shift+{i}" for i, layer in enumerate(LAYERS, start=1)}
VIEW_KEYS = {
    "anterior": "Ctrl+1",
    "posterior": "Ctrl+2",
    "left": "Ctrl+3",
    "right": "Ctrl+4",
    "medial": "Ctrl+5",
}
SIDE_KEYS = {"left": "Ctrl+Shift+L", "right": "Ctrl+Shift+R", "both": "Ctrl+Shift+B"}
PEEL_KEYS = {"deeper": "Ctrl+]", "shallower": "Ctrl+["}
STRUCTURE_KEYS = {"hide": "Ctrl+H", "isolate": "Ctrl+I", "show_all": "Ctrl+Shift+A"}


class ActionHost(Protocol):
    """What the actions need of the window (so this module never imports the window).

    A QMainWindow that offers these; ``MainWindow`` does."""

    controller: Controller
    state: AppState
    toolbar: QToolBar

    def menu(self, title: str) -> QMenu: ...
    def addAction(self, action: QAction) -> None: ...
    def close(self) -> bool: ...
    def orbit(self, azimuth: float, elevation: float) -> None: ...
    def zoom(self, factor: float) -> None: ...
    def change_font(self, step: int) -> None: ...
    def focus_search(self) -> None: ...
    def cycle_panel(self, step: int) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...


@dataclass
class Actions:
    """Named actions; ``all`` keeps every one for the shortcut list and keyboard tests."""

    all: list[QAction]
    views: dict[str, QAction]
    sides: dict[str, QAction]
    layers: dict[str, QAction]
    structure: dict[str, QAction] = field(default_factory=dict)  # peel, hide, isolate, show all


Keys = str | QKeySequence.StandardKey | None


def _owner(window: ActionHost) -> QObject:
    """The window as the actions' Qt parent (an ActionHost is a QMainWindow)."""
    if not isinstance(window, QObject):
        raise TypeError(f"actions need a QObject window, not {type(window).__name__}")
    return window


def _action(
    window: ActionHost, text: str, slot: Callable[[], object], keys: Keys = None, tip: str = ""
) -> QAction:
    action = QAction(text, _owner(window))
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: ActionHost) -> Actions:
    c = window.controller
    every: list[QAction] = []
    file_menu = window.menu("&File")
    quit_ = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    file_menu.addAction(quit_)
    every += [quit_]

    view_menu = window.menu("&View")
    views: dict[str, QAction] = {}
    for name, preset in VIEWS.items():
        views[name] = _action(
            window, f"{preset.label} view", partial(c.set_view, name), VIEW_KEYS[name]
        )
        view_menu.addAction(views[name])
    reset = _action(
        window,
        "&Reset view",
        c.reset_view,
        "Ctrl+R",
        "Anterior view of the whole body, every structure shown",
    )
    view_menu.addAction(reset)
    turn = [
        _action(window, "Turn left", lambda: window.orbit(-15, 0), "Ctrl+Shift+Left"),
        _action(window, "Turn right", lambda: window.orbit(15, 0), "Ctrl+Shift+Right"),
        _action(window, "Tilt up", lambda: window.orbit(0, 10), "Ctrl+Shift+Up"),
        _action(window, "Tilt down", lambda: window.orbit(0, -10), "Ctrl+Shift+Down"),
        _action(window, "Zoom in", lambda: window.zoom(1.2), "Ctrl+Shift+PgUp"),
        _action(window, "Zoom out", lambda: window.zoom(1 / 1.2), "Ctrl+Shift+PgDown"),
    ]
    camera_menu = view_menu.addMenu("&Camera")
    for action in turn:
        camera_menu.addAction(action)
    view_menu.addSeparator()
    side_menu = view_menu.addMenu("&Side")
    side_group = QActionGroup(_owner(window))
    sides: dict[str, QAction] = {}
    for side in ("left", "right", "both"):
        action = _action(
            window,
            f"{side.capitalize()} side" if side != "both" else "Both sides",
            partial(c.set_side, side),
            SIDE_KEYS[side],
        )
        action.setCheckable(True)
        side_group.addAction(action)
        side_menu.addAction(action)
        sides[side] = action
    layer_menu = view_menu.addMenu("&Layers")
    layers: dict[str, QAction] = {}
    for layer in LAYERS:
        action = QAction(layer.capitalize(), _owner(window))
        action.setCheckable(True)
        action.setShortcut(QKeySequence(LAYER_KEYS[layer]))
        action.toggled.connect(lambda on, name=layer: window.state.set_layer(name, on))
        window.addAction(action)
        layer_menu.addAction(action)
        layers[layer] = action
    view_menu.addSeparator()
    structure = {
        "deeper": _action(
            window,
            "&Peel a layer",
            lambda: c.peel_step(+1),
            PEEL_KEYS["deeper"],
            "Remove the outermost layer of muscle",
        ),
        "shallower": _action(
            window,
            "Put &back a layer",
            lambda: c.peel_step(-1),
            PEEL_KEYS["shallower"],
            "Bring back the last layer of muscle peeled",
        ),
        "hide": _action(
            window,
            "&Hide muscle",
            lambda: c.hide(c.current_structures()),
            STRUCTURE_KEYS["hide"],
            "Hide the muscle chosen in the chain list (or the focused one)",
        ),
        "isolate": _action(
            window,
            "&Isolate muscle",
            lambda: c.isolate(c.current_structures()),
            STRUCTURE_KEYS["isolate"],
            "Show only the muscle chosen in the chain list (or the focused one)",
        ),
        "show_all": _action(window, "Show &all structures", c.show_all, STRUCTURE_KEYS["show_all"]),
    }
    structure_menu = view_menu.addMenu("&Structures")
    for action in structure.values():
        structure_menu.addAction(action)
    view_menu.addSeparator()
    font = [
        _action(
            window, "&Larger text", lambda: window.change_font(+1), QKeySequence.StandardKey.ZoomIn
        ),
        _action(
            window,
            "S&maller text",
            lambda: window.change_font(-1),
            QKeySequence.StandardKey.ZoomOut,
        ),
        _action(window, "&Normal text size", lambda: window.change_font(0), "Ctrl+0"),
    ]
    for action in font:
        view_menu.addAction(action)
    view_menu.addSeparator()
    go = [
        _action(
            window,
            "&Find…",
            window.focus_search,
            QKeySequence.StandardKey.Find,
            "Search sites, conditions and muscles",
        ),
        _action(window, "Next &panel", lambda: window.cycle_panel(+1), "F6"),
        _action(window, "Previous panel", lambda: window.cycle_panel(-1), "Shift+F6"),
        _action(window, "Show whole &chain", c.clear_focus, "Esc", "Leave the focused muscle"),
    ]
    for action in go:
        view_menu.addAction(action)
    every += [
        *list(views.values()),
        reset,
        *turn,
        *list(sides.values()),
        *list(layers.values()),
        *structure.values(),
        *font,
        *go,
    ]

    window.menu("&Tools")
    help_menu = window.menu("&Help")
    shortcuts = _action(
        window, "&Keyboard shortcuts", window.show_shortcuts, QKeySequence.StandardKey.HelpContents
    )
    about = _action(window, "&About tp_explorer", window.show_about)
    help_menu.addAction(shortcuts)
    help_menu.addAction(about)
    every += [shortcuts, about]

    toolbar = window.toolbar
    for name in ("anterior", "posterior", "left", "right", "medial"):
        toolbar.addAction(views[name])
    toolbar.addAction(reset)
    toolbar.addSeparator()
    for side in ("left", "right", "both"):
        toolbar.addAction(sides[side])
    toolbar.addSeparator()
    for layer in LAYERS:
        toolbar.addAction(layers[layer])
    return Actions(every, views, sides, layers, structure)
