"""Always-visible legend: what each colour and pattern on the canvas means."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from tp_explorer import palette

ENTRIES: tuple[tuple[str, str], ...] = (
    ("local", "Local muscle"),
    ("regional", "Regional muscle"),
    ("focus", "Muscle in focus"),
    ("essential", "Referral zone: essential (solid)"),
    ("spillover", "Referral zone: spillover (striped)"),
    ("marker", "Trigger point"),
)


class LegendBar(QWidget):
    """Paints swatches with the same colours and patterns as the scene; text says the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(label for _, label in ENTRIES))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def labels(self) -> list[str]:
        return [label for _, label in ENTRIES]

    def _layout(self) -> list[tuple[QRect, QRect, str, str]]:
        fm = self.fontMetrics()
        box = fm.height()
        x, y, row_h = 6, 4, box + 8
        items = []
        for key, label in ENTRIES:
            width = box + 6 + fm.horizontalAdvance(label) + 18
            if x + width > self.width() and x > 6:
                x, y = 6, y + row_h
            items.append(
                (QRect(x, y + 2, box, box), QRect(x + box + 6, y, width, box + 4), key, label)
            )
            x += width
        return items

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        rows = max((r.bottom() for _, r, _, _ in self._layout()), default=fm.height()) + 8
        return QSize(600, max(rows, fm.height() + 12))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        for swatch, text_rect, key, label in self._layout():
            self._paint_swatch(painter, swatch, key)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.end()

    @staticmethod
    def _paint_swatch(painter: QPainter, rect: QRect, key: str) -> None:
        painter.setPen(QColor("#444444"))
        if key == "marker":
            painter.setBrush(QColor(palette.MARKER))
            r = rect.adjusted(
                rect.width() // 4, rect.height() // 4, -rect.width() // 4, -rect.height() // 4
            )
            painter.drawEllipse(r)
            return
        if key == "spillover":
            painter.fillRect(rect, QColor(palette.SPILLOVER_LIGHT))
            brush = QBrush(QColor(palette.SPILLOVER), Qt.BrushStyle.BDiagPattern)
            painter.fillRect(rect, brush)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            return
        colour = palette.ESSENTIAL if key == "essential" else palette.ROLE_COLOURS[key]
        painter.setBrush(QColor(colour))
        painter.drawRect(rect)
