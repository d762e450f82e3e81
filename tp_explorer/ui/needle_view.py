"""The "Needle view" toggle: with a muscle focused, draw the needle path to one of its trigger
points, the nerves, vessels and organs near it, and a cut through the body along the path.

Measuring builds VTK locators over the whole anatomy once (a second or so); after that each
trigger point is a few milliseconds. The depth words also go to the status bar and, where the
details panel offers it, into the panel. Every number is "in this model".
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from tp_explorer.scene.needle import NeedleLayer, needle_note

if TYPE_CHECKING:
    from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
    from tp_explorer.state.approach import NeedleReading
    from tp_explorer.ui.window_base import ExplorerWindow

log = logging.getLogger(__name__)


class NeedleController(QObject):
    """Keeps the needle view in step with the focused muscle and side."""

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.layer = NeedleLayer(window.scene)
        self._meter: DepthMeter | None = None
        self.index = 0
        self.readings: list[NeedleReading] = []
        self.paths: list[NeedlePath] = []  # the measured path of each reading
        self.action = QAction("Needle view", window)
        self.action.setObjectName("action_needle")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("N"))
        self.action.setToolTip(
            "The needle path along the taught approach to the focused muscle's trigger point, the "
            "layers it crosses, what lies near it, and a cut through the body (in this model)"
        )
        self.action.toggled.connect(self._on_action_toggled)
        self.next_action = QAction("Needle view: next trigger point", window)
        self.next_action.setObjectName("action_needle_next")
        self.next_action.setShortcut(QKeySequence("Shift+N"))
        self.next_action.triggered.connect(self.next_point)
        self.export_action: QAction | None = None  # File's handout with depths, once installed
        window.state.changed.connect(self._on_state_changed)
        self._sync_enabled()

    @property
    def meter(self) -> DepthMeter:
        if self._meter is None:
            from tp_explorer.anatomy.depth import DepthMeter

            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._meter = DepthMeter(self.window.anatomy)
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._meter

    def _sync_enabled(self) -> None:
        focused = self.window.state.focus is not None
        self.action.setEnabled(focused)
        self.next_action.setEnabled(focused and self.action.isChecked())
        if not focused and self.action.isChecked():
            self.action.setChecked(False)

    def _on_action_toggled(self, on: bool) -> None:
        self.next_action.setEnabled(on)
        if on:
            self.index = 0
            self.refresh()
        else:
            self.layer.hide()
            self.window.controller.refresh()  # the selection's own framing comes back

    def _on_state_changed(self, names: frozenset[str]) -> None:
        self._sync_enabled()
        if self.action.isChecked() and names & {"focus", "side", "site"}:
            self.index = 0
            self.refresh()

    def next_point(self) -> None:
        if self.readings:
            self.index = (self.index + 1) % len(self.readings)
            self.refresh(measure=False)

    def refresh(self, measure: bool = True) -> None:
        """Measure the focused muscle's trigger points on the shown side and draw one."""
        from tp_explorer.state.approach import readings
        from tp_explorer.state.needle import thresholds_m

        state, knowledge = self.window.state, self.window.knowledge
        muscle = knowledge.muscles.get(state.focus) if state.focus else None
        if muscle is None:
            self.layer.hide()
            return
        side = state.side if state.side in ("left", "right") else "left"
        if measure or not self.readings:
            self.readings = readings(self.meter, muscle, (side,))
            self.paths = [r.path for r in self.readings]
        if not self.readings:
            self.layer.hide()
            self.window.statusBar().showMessage(f"{muscle.name}: no trigger points to show.")
            return
        reading = self.readings[self.index % len(self.readings)]
        note = needle_note(muscle.name, reading, thresholds_m(knowledge))
        features = getattr(self.window, "features", None)
        if features is not None:  # the needle note replaces the safety layer's while shown
            from tp_explorer.scene.safety import SafetyView

            features.safety.layer.show(SafetyView())
        path = reading.path
        shown = tuple(n for n in path.near if n.label in note)
        self.layer.show(path, shown, note)
        self.window.statusBar().showMessage(note.splitlines()[1], 10000)
        show = getattr(self.window.details_panel, "show_needle", None)
        if callable(show):
            show(note)

    @property
    def visible(self) -> bool:
        return self.layer.visible


def install(window: ExplorerWindow) -> NeedleController:
    """Add the Needle view to the View menu and the toolbar."""
    controller = NeedleController(window)
    menu = window.menu("&View")
    menu.addAction(controller.action)
    menu.addAction(controller.next_action)
    window.toolbar.addAction(controller.action)
    export = QAction("Export handout with needle depths (for the therapist)…", window)
    export.setObjectName("action_handout_depths")
    export.triggered.connect(lambda: _export_with_depths(window))
    window.menu("&File").addAction(export)
    controller.export_action = export
    return controller


def _export_with_depths(window: ExplorerWindow) -> None:
    from tp_explorer.ui.handout import export_handout_interactive

    export_handout_interactive(window, depth_table=True)
