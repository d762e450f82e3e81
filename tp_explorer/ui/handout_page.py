"""A cursor down an A4 page of the handout PDF, with the few text and field helpers it uses.

The page keeps the vertical position and the page count, so the drawing code can ask for
room and move on to a new page without tracking either itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen

from tp_explorer import palette

WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


class HandoutPage:
    """A cursor down an A4 page in device pixels, with the few drawing helpers the handout uses."""

    def __init__(self, painter: QPainter, writer: QPdfWriter) -> None:
        self.writer = writer
        self.pages = 1
        self.p = painter
        self.w = writer.width()
        self.h = writer.height()
        self.dpi = writer.resolution()
        self.y = 0.0

    def new_page(self) -> None:
        self.writer.newPage()
        self.pages += 1
        self.y = 0.0

    def room_for(self, height: float) -> None:
        """Start a new page when ``height`` no longer fits below the cursor."""
        if self.y > 0 and self.y + height > self.h:
            self.new_page()

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def font(self, pt: float, bold: bool = False) -> None:
        f = QFont("DejaVu Sans")
        f.setPointSizeF(pt)
        f.setBold(bold)
        self.p.setFont(f)

    def measure(
        self, text: str, pt: float = 11, bold: bool = False, width: float | None = None
    ) -> float:
        """Height the wrapped text would take, without drawing it."""
        self.font(pt, bold)
        rect = QRectF(0, 0, width if width is not None else self.w, self.h)
        return self.p.boundingRect(rect, WRAP_FLAGS, text).height()

    def text(
        self,
        text: str,
        pt: float = 11,
        bold: bool = False,
        gap_mm: float = 2.5,
        left: float = 0.0,
        width: float | None = None,
    ) -> None:
        self.room_for(self.measure(text, pt, bold, width if width is not None else self.w - left))
        self.font(pt, bold)
        self.p.setPen(QColor(palette.LABEL_TEXT))
        rect = QRectF(left, self.y, width if width is not None else self.w - left, self.h - self.y)
        used = self.p.boundingRect(rect, WRAP_FLAGS, text)
        self.p.drawText(rect, WRAP_FLAGS, text)
        self.y += used.height() + self.mm(gap_mm)

    def line_field(self, label: str, height_mm: float = 9, lines: int = 1) -> None:
        """A label and ``lines`` blank ruled lines for the therapist to write on."""
        self.room_for(self.mm(6 + height_mm * lines + 4))
        self.font(11, True)
        self.p.setPen(QColor(palette.LABEL_TEXT))
        self.p.drawText(
            QRectF(0, self.y, self.w, self.mm(6)), int(Qt.AlignmentFlag.AlignLeft), label
        )
        self.y += self.mm(6)
        self.p.setPen(QPen(QColor("#777777"), self.mm(0.25)))
        for _ in range(lines):
            self.y += self.mm(height_mm)
            self.p.drawLine(0, int(self.y), int(self.w), int(self.y))
        self.y += self.mm(4)
