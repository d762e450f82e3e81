"""The 3D canvas widget, and its clicks and hovers turned into display coordinates VTK wants.

An event filter watches the interactor widget: a press and release within a few pixels is a
click (a drag rotates the camera and is left to VTK); hover is reported after the mouse rests.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget
from pyvistaqt import QtInteractor

CLICK_SLOP_PX = 4
HOVER_DELAY_MS = 150


class CanvasEvents(QObject):
    """clicked/hovered carry VTK display coordinates: device pixels, origin bottom left."""

    clicked = Signal(float, float)
    hovered = Signal(float, float)
    contextRequested = Signal(float, float)  # a right click without a drag

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self._press: QPointF | None = None
        self._right_press: QPointF | None = None
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
        right = isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.RightButton
        if kind == QEvent.Type.MouseButtonPress and right and isinstance(event, QMouseEvent):
            self._right_press = event.position()
        elif kind == QEvent.Type.MouseButtonRelease and right and isinstance(event, QMouseEvent):
            press, self._right_press = self._right_press, None
            pos = event.position()
            if press is not None and (pos - press).manhattanLength() <= CLICK_SLOP_PX:
                self.contextRequested.emit(*self.to_display(pos))
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
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


SOFTWARE_RENDERERS = (
    "llvmpipe",
    "softpipe",
    "swrast",
    "swiftshader",
    "gdi generic",
    "basic render",
)


def is_software_renderer(renderer: str) -> bool:
    """True for CPU rasterisers (Mesa llvmpipe and kin), where every sample costs CPU time."""
    text = renderer.lower()
    return any(name in text for name in SOFTWARE_RENDERERS)


@functools.cache
def opengl_renderer() -> str:
    """GL vendor | renderer | version of this display (one probe context per process)."""
    from tp_explorer.ui.preflight import check_opengl

    return check_opengl()


def multi_samples_for(renderer: str) -> int:
    """MSAA samples: 4 on a GPU; none in software, where 4 samples cost about 4x per frame."""
    return 0 if is_software_renderer(renderer) else 4


class BodyCanvas(QtInteractor):
    """The 3D canvas: a QtInteractor that draws each frame once.

    pyvistaqt's paintGL always renders again, so each ``render()`` (a selection, a drag step)
    cost two full renders: one into VTK's buffers, one more in the paint that blits it. Here a
    paint scheduled by a render that has just finished outside a paint only blits, as VTK's own
    C++ widget does; a paint for any other reason (expose, resize) still renders.
    """

    def __init__(self, parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        # Every pixel is drawn by the GL frame: Qt need not paint the parents' background under
        # the canvas first (3 widgets of the canvas's size, on each selection's repaint).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._blit_only = False
        self._on_screen = False
        ren_win = self.ren_win
        if ren_win is None:  # pyvistaqt makes it in its constructor
            raise RuntimeError("the canvas has no render window")
        self._frame_tag = ren_win.AddObserver("WindowFrameEvent", self._on_frame)

    def _on_frame(self, _obj: object, _event: str) -> None:
        if not getattr(self, "_in_paint", False):
            self._blit_only = True

    def resizeGL(self, w: int, h: int) -> None:
        self._blit_only = False
        super().resizeGL(w, h)  # type: ignore[no-untyped-call]  # pyvistaqt's is untyped

    def paintGL(self) -> None:
        if not self._on_screen:
            handle = self.window().windowHandle()
            if handle is not None and not handle.isExposed():
                # Start-up lays the window out (and paints it) before it is first on screen: a
                # frame then is never seen, and the first expose paints every widget again.
                # ~45 ms of cold start. (Only before the first expose: later, Qt may show the
                # last frame again without a paint, so every paint must draw.)
                return
            self._on_screen = True
        if not self._blit_only:
            super().paintGL()  # type: ignore[no-untyped-call]  # pyvistaqt's is untyped
            return
        self._blit_only = False
        self._in_paint = True  # pyvistaqt's paintGL then skips its render and only blits
        try:
            super().paintGL()  # type: ignore[no-untyped-call]
        finally:
            self._in_paint = False
