"""Always-visible legend: what each colour and pattern on the canvas means.

The swatches are painted by ui.swatches from the palette the scene paints with, and follow the
view: the atlas view's muscle roles and trigger point dots, or the chart view's outlined muscle
in focus and trigger points marked X on the skin.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from tp_explorer.ui.swatches import paint_swatch

ENTRIES: tuple[tuple[str, str], ...] = (
    ("local", "Local muscle"),
    ("regional", "Regional muscle"),
    ("focus", "Muscle in focus"),
    ("essential", "Referral zone: essential (solid)"),
    ("spillover", "Referral zone: spillover (striped)"),
    ("marker", "Trigger point"),
)
# The chart view draws no muscle but the focused one, outlined over the skin.
CHART_ENTRIES: tuple[tuple[str, str], ...] = (
    ("outlined", "Muscle in focus (outlined)"),
    ("essential", "Referral zone: essential (solid)"),
    ("spillover", "Referral zone: spillover (striped)"),
    ("marker", "Trigger point (X on the skin)"),
)


class LegendBar(QWidget):
    """Paints swatches with the same colours and patterns as the scene; text says the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(label for _, label in ENTRIES))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.chart = False

    def set_chart(self, chart: bool) -> None:
        """Follow the view: the chart view marks trigger points with an X on the skin."""
        if chart != self.chart:
            self.chart = chart
            self.setAccessibleDescription("; ".join(self.labels()))
            self.setFixedHeight(self.sizeHint().height())
            self.update()

    def entries(self) -> list[tuple[str, str]]:
        """(swatch, words) of what the view shown draws."""
        return list(CHART_ENTRIES if self.chart else ENTRIES)

    def labels(self) -> list[str]:
        return [label for _, label in self.entries()]

    def _layout(self) -> list[tuple[QRect, QRect, str, str]]:
        fm = self.fontMetrics()
        box = fm.height()
        x, y, row_h = 6, 4, box + 8
        items = []
        for key, label in self.entries():
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
            paint_swatch(painter, QRectF(swatch), key, self.chart)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.end()
