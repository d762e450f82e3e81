"""A cursor down an A4 page of the handout PDF, with the few text and field helpers it uses.

The page keeps the vertical position and the page count, so the drawing code can ask for
room and move on to a new page without tracking either itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from tp_explorer import palette

WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
COLUMN_GAP_MM = 6
Entry = tuple[str, str]  # a list entry: its lead (drawn bold) and the words after it


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

    def column_split(self, heights: Sequence[float]) -> int:
        """Where a list of entries of these heights is best cut into two columns: the index
        of the first entry of the second column, so the taller column is as short as can be."""
        best, best_height = len(heights), sum(heights)
        for cut in range(len(heights) + 1):
            height = max(sum(heights[:cut]), sum(heights[cut:]))
            if height < best_height:
                best, best_height = cut, height
        return best

    def columns_height(self, entries: Sequence[Entry], pt: float, gap_mm: float = 1.0) -> float:
        """How tall ``entries`` stand in two balanced columns (on one page)."""
        heights = [self._document(e, pt).size().height() + self.mm(gap_mm) for e in entries]
        cut = self.column_split(heights)
        return max(sum(heights[:cut]), sum(heights[cut:]), 0.0)

    @property
    def column_w(self) -> float:
        return (self.w - self.mm(COLUMN_GAP_MM)) / 2

    def columns(self, entries: Sequence[Entry], pt: float, gap_mm: float = 1.0) -> None:
        """Draw ``entries`` in two columns: balanced where the rest fits on this page, else
        filling both columns down the page and going on on the next."""
        heights = [self._document(e, pt).size().height() + self.mm(gap_mm) for e in entries]
        queue = list(range(len(entries)))
        while queue:
            rest = [heights[i] for i in queue]
            room = self.h - self.y
            cut = self.column_split(rest)
            if max(sum(rest[:cut]), sum(rest[cut:])) <= room:
                parts, queue = (queue[:cut], queue[cut:]), []
            else:
                first = _fill(rest, room)
                if first == 0 and self.y > 0:  # not one entry fits below: a new page
                    self.new_page()
                    continue
                first = max(first, 1)
                second = first + _fill(rest[first:], room)
                parts, queue = (queue[:first], queue[first:second]), queue[second:]
            top = bottom = self.y
            for column, part in enumerate(parts):
                self.y = top
                for i in part:
                    self._entry(entries[i], pt, column)
                    self.y += self.mm(gap_mm)
                bottom = max(bottom, self.y)
            self.y = bottom
            if queue:
                self.new_page()

    def _document(self, entry: Entry, pt: float) -> QTextDocument:
        """An entry laid out at the column's width: its lead in bold, the rest plain (both
        inserted as plain text, never markup)."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.p.device())
        doc.setDocumentMargin(0)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(pt)
        doc.setDefaultFont(font)
        doc.setTextWidth(self.column_w)
        plain = QTextCharFormat()
        plain.setForeground(QColor(palette.LABEL_TEXT))
        bold = QTextCharFormat(plain)
        bold.setFontWeight(QFont.Weight.Bold)
        cursor = QTextCursor(doc)
        cursor.insertText(entry[0], bold)
        cursor.insertText(entry[1], plain)
        return doc

    def _entry(self, entry: Entry, pt: float, column: int) -> None:
        doc = self._document(entry, pt)
        self.p.save()
        self.p.translate(column * (self.column_w + self.mm(COLUMN_GAP_MM)), self.y)
        doc.drawContents(self.p)
        self.p.restore()
        self.y += doc.size().height()

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


def _fill(heights: Sequence[float], room: float) -> int:
    """How many of the entries, in order, fit one above the other in ``room``."""
    total = 0.0
    for count, height in enumerate(heights):
        total += height
        if total > room:
            return count
    return len(heights)
