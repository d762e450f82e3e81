"""Clicks and hovers on the 3D canvas, turned into display coordinates VTK understands.

An event filter watches the interactor widget: a press and release within a few pixels is a
click (a drag rotates the camera and is left to VTK); hover is reported after the mouse rests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

CLICK_SLOP_PX = 4
HOVER_DELAY_MS = 150


class CanvasEvents(QObject):
    """clicked/hovered carry VTK display coordinates: device pixels, origin bottom left."""

    clicked = Signal(float, float)
    hovered = Signal(float, float)

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self._press: QPointF | None = None
        self._hover_at: QPointF | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOVER_DELAY_MS)
        self._timer.timeout.connect(self._emit_hover)
        widget.installEventFilter(self)
        widget.setMouseTracking(True)

    def to_display(self, pos: QPointF) -> tuple[float, float]:
        ratio = self.widget.devicePixelRatioF()
        return pos.x() * ratio, (self.widget.height() - pos.y()) * ratio

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press = event.position()
            self._timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            press, self._press = self._press, None
            if press is not None and (event.position() - press).manhattanLength() <= CLICK_SLOP_PX:
                self.clicked.emit(*self.to_display(event.position()))
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if self._press is None:
                self._hover_at = event.position()
                self._timer.start()
        elif kind == QEvent.Type.Leave:
            self._timer.stop()
        return False

    def _emit_hover(self) -> None:
        if self._hover_at is not None:
            self.hovered.emit(*self.to_display(self._hover_at))
