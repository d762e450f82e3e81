"""Presentation mode for the chair: full screen, large type, a patient's explanation, a turntable.

F11 (or the toolbar button) enters; Esc or F11 leaves. Technical panels, toolbars, the menu bar
and the status bar are hidden and restored exactly as they were. The turntable turns the camera
slowly and stops on any key, click or wheel, so the therapist can take over at once.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.ui.patient_text import (
    DEBATE_TEXT,
    TRIGGER_POINT_TEXT,
    chain_text,
    precaution_text,
    red_flag_text,
    study_text,
)

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.window_base import ExplorerWindow

TURN_DEGREES = 0.35
TURN_INTERVAL_MS = 40
LARGE_PT = 20
LABEL_PT = 22  # the muscle labels on the model, readable from a chair
STOP_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def presentation_text(knowledge: Knowledge, site_id: str | None, side: str = "both") -> str:
    """The short patient explanation shown beside the model (plain text).

    First when to see a doctor first (the site's red flags), then what to tell the therapist
    before any needling or electrical stimulation (the patient precautions), then the site's own patient
    explanation, why muscles away from the pain may be treated (worded from each link's basis),
    what the study was really on and how strong that kind of evidence is, and that the model is
    debated.
    """
    if site_id is None or site_id not in knowledge.sites:
        return f"{TRIGGER_POINT_TEXT}\n\nChoose a pain site to see which muscles may be involved."
    site = knowledge.sites[site_id]
    links = knowledge.chain_for(site_id, side)
    parts = [red_flag_text(knowledge.red_flags_for(site_id))]
    parts.append(precaution_text(knowledge.precautions_for(site_id)))
    own = str(getattr(site, "explanation", "") or TRIGGER_POINT_TEXT).strip()
    parts.append(own)
    parts.append(chain_text(links))
    parts.append(study_text(site, knowledge.study_for(site_id)))
    parts = [p for p in parts if p]
    if "debate" not in own.lower():
        parts.append(DEBATE_TEXT)
    return "\n\n".join(parts)


class PresentationMode(QObject):
    """Owns the F11 action, the patient panel and the turntable timer of one window."""

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_maximized = False
        self._label_pt: int | None = None

        self.action = QAction("Presentation mode", window)
        self.action.setObjectName("action_presentation")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.setToolTip("Full screen for the patient (F11; Esc leaves)")
        self.action.toggled.connect(self._on_action_toggled)

        self.panel = QDockWidget("About your pain", window)
        self.panel.setObjectName("dock_presentation")
        self.panel.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.panel.setTitleBarWidget(QWidget())
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        f = QFont()
        f.setPointSize(LARGE_PT + 8)
        f.setBold(True)
        self.title.setFont(f)
        self.text = QLabel()
        self.text.setObjectName("presentation_text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        f = QFont()
        f.setPointSize(LARGE_PT)
        self.text.setFont(f)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(24, 24, 24, 24)
        lay.addWidget(self.title)
        lay.addWidget(self.text, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.panel.setWidget(scroll)
        self.panel.setMinimumWidth(520)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()

        self.timer = QTimer(self)
        self.timer.setInterval(TURN_INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)

    # -- entering and leaving -------------------------------------------------------------
    def _on_action_toggled(self, on: bool) -> None:
        if on:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        self.active = True
        self._was_maximized = w.isMaximized()
        candidates: list[QWidget] = [
            *w.findChildren(QDockWidget),
            *self._toolbars(),
            *self._technical_panels(),
        ]
        if w.menuBar() is not None:
            candidates.append(w.menuBar())
        if w.statusBar() is not None:
            candidates.append(w.statusBar())
        self._hidden = [c for c in candidates if c is not self.panel and c.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.refresh()
        self.panel.show()
        labels = self.window.scene.labels
        self._label_pt = labels.font_size
        labels.set_font_size(LABEL_PT)
        self._set_mode("presentation")
        w.showFullScreen()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()
        self.action.setChecked(True)

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.panel.hide()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self._label_pt is not None:
            self.window.scene.labels.set_font_size(self._label_pt)
            self._label_pt = None
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
        self._set_mode("explore")
        self.action.setChecked(False)

    def refresh(self) -> None:
        """Fill the patient panel for the selected site."""
        kb = self.window.knowledge
        site = self.window.state.site
        side = self.window.state.side
        if site is not None and site in kb.sites:
            label = getattr(kb.sites[site], "name", None) or site.replace("_", " ")
            self.title.setText(f"{label} pain")
        else:
            self.title.setText("Trigger points")
        self.text.setText(presentation_text(kb, site, side))

    @property
    def turning(self) -> bool:
        return self.timer.isActive()

    # -- helpers ---------------------------------------------------------------------------
    def _toolbars(self) -> list[QWidget]:
        from PySide6.QtWidgets import QToolBar

        return list(self.window.findChildren(QToolBar))

    def _technical_panels(self) -> list[QWidget]:
        """Panes of the central splitter that do not hold the 3D view (sites, chain, details)."""
        splitter = getattr(self.window, "splitter", None)
        if splitter is None:
            return []
        plotter = self.window.plotter
        panes = [splitter.widget(i) for i in range(splitter.count())]
        return [p for p in panes if p is not plotter and not p.isAncestorOf(plotter)]

    def _set_mode(self, mode: str) -> None:
        with contextlib.suppress(ValueError, TypeError):
            self.window.state.update(mode=mode)

    def _on_timer_timeout(self) -> None:
        plotter = self.window.plotter
        plotter.camera.Azimuth(TURN_DEGREES)
        plotter.render()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        escape = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
        if self.active and event.type() == QEvent.Type.ShortcutOverride and escape:
            # Esc is also the window's "show whole chain" shortcut; here it leaves presentation.
            self.leave()
            event.accept()
            return True
        if self.active and event.type() in STOP_EVENTS:
            self.timer.stop()
            if event.type() == QEvent.Type.KeyPress and escape:
                self.leave()
                return True
        return False
