"""Menus, toolbar and shortcuts of the main window, built from one table so Help lists them all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from tp_explorer.scene import VIEWS
from tp_explorer.state import LAYERS
from tp_explorer.ui.chart_view import CHART, CHART_KEYS, CHART_TEXT, CHART_TIP

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
SIDES = ("left", "right", "both")
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
    layers: dict[str, QAction]  # the state's layers, and CHART: the chart view
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


@dataclass(frozen=True)
class ActionSpec:
    """One row of a menu's table: its text, what it does, its shortcut and status tip."""

    text: str
    slot: Callable[[], object]
    keys: Keys = None
    tip: str = ""


def _add_specs(window: ActionHost, menu: QMenu, specs: Sequence[ActionSpec]) -> list[QAction]:
    """Make each row's action, in order, and add it to ``menu``."""
    actions = [_action(window, spec.text, spec.slot, spec.keys, spec.tip) for spec in specs]
    for action in actions:
        menu.addAction(action)
    return actions


def build_actions(window: ActionHost) -> Actions:
    """Every menu and toolbar action, in the order Help's shortcut list shows them."""
    file_actions = _file_actions(window)
    view_menu = window.menu("&View")
    views = _view_actions(window, view_menu)
    reset = _reset_action(window, view_menu)
    turn = _add_specs(window, view_menu.addMenu("&Camera"), _camera_specs(window))
    view_menu.addSeparator()
    sides = _side_actions(window, view_menu.addMenu("&Side"))
    layers = _layer_actions(window, view_menu.addMenu("&Layers"))
    layers[CHART] = _chart_action(window, view_menu)
    view_menu.addSeparator()
    structure = _structure_actions(window)
    structure_menu = view_menu.addMenu("&Structures")
    for action in structure.values():
        structure_menu.addAction(action)
    view_menu.addSeparator()
    font = _add_specs(window, view_menu, _font_specs(window))
    view_menu.addSeparator()
    go = _add_specs(window, view_menu, _go_specs(window))
    window.menu("&Tools")
    help_actions = _help_actions(window)
    every = [
        *file_actions,
        *views.values(),
        reset,
        *turn,
        *sides.values(),
        *layers.values(),
        *structure.values(),
        *font,
        *go,
        *help_actions,
    ]
    _fill_toolbar(window.toolbar, views, reset, sides, layers)
    return Actions(every, views, sides, layers, structure)


def _file_actions(window: ActionHost) -> list[QAction]:
    return _add_specs(
        window,
        window.menu("&File"),
        [ActionSpec("&Quit", window.close, QKeySequence.StandardKey.Quit)],
    )


def _view_actions(window: ActionHost, menu: QMenu) -> dict[str, QAction]:
    """One action per preset view, by view name."""
    c = window.controller
    specs = [
        ActionSpec(f"{preset.label} view", partial(c.set_view, name), VIEW_KEYS[name])
        for name, preset in VIEWS.items()
    ]
    return dict(zip(VIEWS, _add_specs(window, menu, specs), strict=True))


def _reset_action(window: ActionHost, menu: QMenu) -> QAction:
    reset = _action(
        window,
        "&Reset view",
        window.controller.reset_view,
        "Ctrl+R",
        "Anterior view of the whole body, every structure shown",
    )
    menu.addAction(reset)
    return reset


def _camera_specs(window: ActionHost) -> list[ActionSpec]:
    return [
        ActionSpec("Turn left", lambda: window.orbit(-15, 0), "Ctrl+Shift+Left"),
        ActionSpec("Turn right", lambda: window.orbit(15, 0), "Ctrl+Shift+Right"),
        ActionSpec("Tilt up", lambda: window.orbit(0, 10), "Ctrl+Shift+Up"),
        ActionSpec("Tilt down", lambda: window.orbit(0, -10), "Ctrl+Shift+Down"),
        ActionSpec("Zoom in", lambda: window.zoom(1.2), "Ctrl+Shift+PgUp"),
        ActionSpec("Zoom out", lambda: window.zoom(1 / 1.2), "Ctrl+Shift+PgDown"),
    ]


def _side_actions(window: ActionHost, menu: QMenu) -> dict[str, QAction]:
    """Left, right and both: checkable, one checked at a time."""
    c = window.controller
    group = QActionGroup(_owner(window))
    sides: dict[str, QAction] = {}
    for side in SIDES:
        action = _action(
            window,
            f"{side.capitalize()} side" if side != "both" else "Both sides",
            partial(c.set_side, side),
            SIDE_KEYS[side],
        )
        action.setCheckable(True)
        group.addAction(action)
        menu.addAction(action)
        sides[side] = action
    return sides


def _layer_actions(window: ActionHost, menu: QMenu) -> dict[str, QAction]:
    """One checkable action per layer, switching it in the state."""
    layers: dict[str, QAction] = {}
    for layer in LAYERS:
        action = QAction(layer.capitalize(), _owner(window))
        action.setCheckable(True)
        action.setShortcut(QKeySequence(LAYER_KEYS[layer]))
        action.toggled.connect(lambda on, name=layer: window.state.set_layer(name, on))
        window.addAction(action)
        menu.addAction(action)
        layers[layer] = action
    return layers


def _chart_action(window: ActionHost, menu: QMenu) -> QAction:
    """The chart view on or off: a layer like the others, kept in the settings with them."""
    action = QAction(CHART_TEXT, _owner(window))
    action.setObjectName("action_chart_view")
    action.setCheckable(True)
    action.setShortcut(QKeySequence(CHART_KEYS))
    action.setStatusTip(CHART_TIP)
    action.setToolTip(f"{CHART_TEXT} ({CHART_KEYS}): {CHART_TIP.lower()}")
    action.toggled.connect(lambda on: window.state.set_layer(CHART, on))
    window.addAction(action)
    menu.addAction(action)
    return action


def _structure_actions(window: ActionHost) -> dict[str, QAction]:
    """Peel, put back, hide, isolate and show all, by name (the structure toolbar's too)."""
    c = window.controller
    specs = {
        "deeper": ActionSpec(
            "&Peel a layer",
            lambda: c.peel_step(+1),
            PEEL_KEYS["deeper"],
            "Remove the outermost layer of muscle",
        ),
        "shallower": ActionSpec(
            "Put &back a layer",
            lambda: c.peel_step(-1),
            PEEL_KEYS["shallower"],
            "Bring back the last layer of muscle peeled",
        ),
        "hide": ActionSpec(
            "&Hide muscle",
            lambda: c.hide(c.current_structures()),
            STRUCTURE_KEYS["hide"],
            "Hide the muscle chosen in the chain list (or the focused one)",
        ),
        "isolate": ActionSpec(
            "&Isolate muscle",
            lambda: c.isolate(c.current_structures()),
            STRUCTURE_KEYS["isolate"],
            "Show only the muscle chosen in the chain list (or the focused one)",
        ),
        "show_all": ActionSpec("Show &all structures", c.show_all, STRUCTURE_KEYS["show_all"]),
    }
    return {
        name: _action(window, spec.text, spec.slot, spec.keys, spec.tip)
        for name, spec in specs.items()
    }


def _font_specs(window: ActionHost) -> list[ActionSpec]:
    return [
        ActionSpec("&Larger text", lambda: window.change_font(+1), QKeySequence.StandardKey.ZoomIn),
        ActionSpec(
            "S&maller text", lambda: window.change_font(-1), QKeySequence.StandardKey.ZoomOut
        ),
        ActionSpec("&Normal text size", lambda: window.change_font(0), "Ctrl+0"),
    ]


def _go_specs(window: ActionHost) -> list[ActionSpec]:
    return [
        ActionSpec(
            "&Find…",
            window.focus_search,
            QKeySequence.StandardKey.Find,
            "Search sites, conditions and muscles",
        ),
        ActionSpec("Next &panel", lambda: window.cycle_panel(+1), "F6"),
        ActionSpec("Previous panel", lambda: window.cycle_panel(-1), "Shift+F6"),
        ActionSpec(
            "Show whole &chain", window.controller.clear_focus, "Esc", "Leave the focused muscle"
        ),
    ]


def _help_actions(window: ActionHost) -> list[QAction]:
    return _add_specs(
        window,
        window.menu("&Help"),
        [
            ActionSpec(
                "&Keyboard shortcuts",
                window.show_shortcuts,
                QKeySequence.StandardKey.HelpContents,
            ),
            ActionSpec("&About tp_explorer", window.show_about),
        ],
    )


def _fill_toolbar(
    toolbar: QToolBar,
    views: dict[str, QAction],
    reset: QAction,
    sides: dict[str, QAction],
    layers: dict[str, QAction],
) -> None:
    """The main row: the five views and reset, the sides, the layers and the chart view."""
    for name in ("anterior", "posterior", "left", "right", "medial"):
        toolbar.addAction(views[name])
    toolbar.addAction(reset)
    toolbar.addSeparator()
    for side in SIDES:
        toolbar.addAction(sides[side])
    toolbar.addSeparator()
    for layer in (CHART, *LAYERS):  # the view first: it stays in sight on a narrow window
        toolbar.addAction(layers[layer])
