"""Wires the chair-and-classroom features into the main window: presentation mode, handout,
quiz, compare, the needle-safety layer and Save image.

``install(window)`` is called once at the end of ``MainWindow.__init__``. It only adds menu
entries, toolbar buttons, docks and its own scene layers; it never replaces the window's own
controller, and it follows state changes through ``state.changed``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from tp_explorer.scene.safety import SafetyLayer, SafetyView, safety_note
from tp_explorer.state.safety import NearStructure, structures_near
from tp_explorer.ui import atlas_offer, needle_view
from tp_explorer.ui.compare import ComparePanel
from tp_explorer.ui.export_image import save_image_interactive
from tp_explorer.ui.handout import export_handout_interactive
from tp_explorer.ui.presentation import PresentationMode
from tp_explorer.ui.quiz import QuizPanel, QuizPickRouter

if TYPE_CHECKING:
    from tp_explorer.ui.atlas_offer import AtlasOffer
    from tp_explorer.ui.needle_view import NeedleController
    from tp_explorer.ui.window_base import ExplorerWindow

log = logging.getLogger(__name__)

SAFETY_LAYER = "safety"


class SafetyController(QObject):
    """Keeps the needle-safety layer in step with the state.

    The layer toggle follows the focus (on when one muscle is focused, off when none) until the
    user sets it by hand; after that the user's choice stands.
    """

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.layer = SafetyLayer(window.plotter, window.anatomy, labels=window.scene.labels)
        self.user_choice: bool | None = None
        self.action = QAction("Needle-safety layer", window)
        self.action.setObjectName("action_safety")
        self.action.setCheckable(True)
        self.action.setToolTip("Nerves and vessels near the focused muscle's trigger points")
        self.action.triggered.connect(self._on_action_triggered)
        window.state.changed.connect(self._on_state_changed)
        self.update()

    @property
    def enabled(self) -> bool:
        if self.user_choice is not None:
            return self.user_choice
        return self.window.state.focus is not None

    def _on_action_triggered(self, checked: bool) -> None:
        self.user_choice = checked
        self.update()
        self.window.plotter.render()

    def _on_state_changed(self, names: frozenset[str]) -> None:
        if names & {"focus", "side", "site", "mode"}:
            self.update()

    def update(self) -> None:
        state, kb = self.window.state, self.window.knowledge
        on = self.enabled and state.mode in ("explore", "presentation")
        self.action.blockSignals(True)
        self.action.setChecked(self.enabled)
        self.action.blockSignals(False)
        sides = ("left", "right") if state.side == "both" else (state.side,)
        near: tuple[NearStructure, ...] = ()
        note = ""
        focus = state.focus
        if on and focus is not None and focus in kb.muscles:
            muscle = kb.muscles[focus]
            near = structures_near(self.window.anatomy, muscle, sides)
            note = safety_note(muscle.name, near, muscle.precautions)
        self.layer.show(SafetyView(on, sides, near, note))


def install(window: ExplorerWindow) -> tuple[FeatureSet, AtlasOffer, NeedleController]:
    """Add every feature of issue 6 to the window; the handles it keeps (``window.features``,
    ``window.atlas_offer``, ``window.needle_view``)."""
    file_menu = window.menu("&File")
    view_menu = window.menu("&View")
    tools_menu = window.menu("&Tools")

    save_image = QAction("Save image…", window)
    save_image.setObjectName("action_save_image")
    save_image.setShortcut(QKeySequence.StandardKey.Save)
    save_image.triggered.connect(lambda: save_image_interactive(window))
    file_menu.addAction(save_image)

    handout = QAction("Export handout…", window)
    handout.setObjectName("action_export_handout")
    handout.triggered.connect(lambda: export_handout_interactive(window))
    file_menu.addAction(handout)

    presentation = PresentationMode(window)
    view_menu.addAction(presentation.action)
    window.toolbar.addAction(presentation.action)
    window.state.changed.connect(
        lambda names: (
            presentation.refresh() if presentation.active and names & {"site", "side"} else None
        )
    )

    safety = SafetyController(window)
    view_menu.addAction(safety.action)

    quiz = QuizPanel(window)
    _add_dock(window, tools_menu, quiz, "Referral quiz…", "action_quiz", "Ctrl+Shift+Q")
    router = QuizPickRouter(quiz)

    compare = ComparePanel(window)
    _add_dock(window, tools_menu, compare, "Compare muscles…", "action_compare", "Ctrl+Shift+C")

    handles = FeatureSet(presentation, safety, quiz, router, compare)
    offer = atlas_offer.install(window)
    needle = needle_view.install(window)
    _connect_picks(window, router)
    return handles, offer, needle


class FeatureSet:
    """Handles to the installed features, for tests and the quiz command."""

    def __init__(
        self,
        presentation: PresentationMode,
        safety: SafetyController,
        quiz: QuizPanel,
        router: QuizPickRouter,
        compare: ComparePanel,
    ) -> None:
        self.presentation = presentation
        self.safety = safety
        self.quiz = quiz
        self.quiz_router = router
        self.compare = compare


def _connect_picks(window: ExplorerWindow, router: QuizPickRouter) -> None:
    """Route clicks on the model to the quiz while it waits for an answer."""
    controller = window.controller
    add = getattr(controller, "add_pick_interceptor", None)
    if callable(add):
        add(router)
        return
    log.warning("the window's controller offers no pick hook; quiz answers by click are off")


def _add_dock(
    window: ExplorerWindow, menu: QMenu, dock: QDockWidget, text: str, name: str, shortcut: str
) -> QAction:
    """A hidden right-hand dock and the Tools action that shows and raises it."""
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(shortcut))

    def show_dock() -> None:
        dock.show()
        dock.raise_()

    action.triggered.connect(show_dock)
    menu.addAction(action)
    return action
