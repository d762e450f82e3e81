"""The focused muscle's trigger points in the details panel: one card per point with its own
chart in words, and a button that shows that point's pattern alone on the body.

A card's button is a toggle the keyboard reaches (Tab, then Space); the card of the point shown
alone is framed in the focus colour and its button says so, so the choice reads from a chair
and not by colour alone. All text is plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tp_explorer import palette
from tp_explorer.ui.chart_text import point_name, sources_words, status_words, zone_lines
from tp_explorer.ui.panels.text_block import TextBlock

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, TriggerPoint

SHOWN_PX = 3  # the frame of the card whose point is shown alone (1 px for the others)


class WrapButton(QPushButton):
    """A push button whose plain text wraps to the panel's width (a QPushButton's own text
    never wraps, and a long name would widen the whole details column)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_label(text)

    def set_label(self, text: str) -> None:
        """The words shown (plain text; the button's own text stays empty)."""
        self.label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def label_text(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return (
            layout.totalHeightForWidth(width)
            if layout is not None
            else super().heightForWidth(width)
        )

    def sizeHint(self) -> QSize:
        width = min(self.label.sizeHint().width(), 320) + 20
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.label.fontMetrics().height() + 12)


class PointCard(QFrame):
    """One trigger point: its button (show it alone), where it is, and its chart in words."""

    def __init__(self, muscle: Muscle, point: TriggerPoint, on_click: Callable[[str], None]):
        super().__init__()
        self.point_id = point.id
        self.name = point_name(point)
        self.setObjectName(f"pointCard_{point.id}")
        self.frame_px = 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        self.button = WrapButton()
        self.button.setObjectName(f"pointButton_{point.id}")
        self.button.setCheckable(True)
        self.button.setAutoDefault(False)
        self.button.setAccessibleName(f"{muscle.name}, {self.name} point")
        self.button.clicked.connect(lambda _checked=False: on_click(point.id))
        bold = QFont()  # only the weight is set: the size follows the window's text size
        bold.setBold(True)
        self.button.setFont(bold)
        layout.addWidget(self.button)
        self.words = TextBlock()  # where it is and its chart, one document per card
        self.words.setObjectName(f"pointWords_{point.id}")
        self.words.add(f"Where: {point.location}")
        chart = point.referral
        if chart is None:
            self.words.add(f"No referral chart: {point.no_referral or 'none is given.'}")
        else:
            essential, spillover = zone_lines(chart)
            self.words.add(essential)
            self.words.add(spillover)
            self.words.add(f"How sure: {status_words(chart)}")
            self.words.add(sources_words(chart))
            if chart.note:
                self.words.add(chart.note)
        layout.addWidget(self.words)
        self.set_shown(False)

    def set_shown(self, shown: bool) -> None:
        """Mark this point as the one whose pattern alone is painted (or not)."""
        self.button.setChecked(shown)
        if shown:
            self.button.set_label(f"{self.name} point: shown alone (click to show all)")
            self.button.setToolTip("Show the patterns of all this muscle's points again")
            self.frame_px = SHOWN_PX
        else:
            self.button.set_label(f"Show only the {self._shown_name()} point")
            self.button.setToolTip("Paint this trigger point's referral pattern alone")
            self.frame_px = 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The card's rounded frame: in the focus colour, thick, for the point shown alone.
        (Painted, not a style sheet: a style sheet would drop the window's larger font.)"""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = self.frame_px > 1
        colour = QColor(palette.FOCUS) if shown else self.palette().color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(colour, self.frame_px))
        inset = self.frame_px / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 5, 5)
        painter.end()

    def _shown_name(self) -> str:
        """The name inside a sentence: codes (L1, TrP2) keep their capitals."""
        second = self.name[1:2]
        return self.name if second.isupper() or second.isdigit() else self.name.lower()


def add_point_cards(
    layout: QVBoxLayout, muscle: Muscle, shown: str | None, on_click: Callable[[str], None]
) -> list[PointCard]:
    """A card per trigger point of ``muscle`` in ``layout``; ``shown`` is the focused one."""
    cards = []
    for point in muscle.trigger_points:
        card = PointCard(muscle, point, on_click)
        card.set_shown(point.id == shown)
        layout.addWidget(card)
        cards.append(card)
    return cards


def mark_shown(cards: Sequence[PointCard], shown: str | None) -> None:
    """Frame the card of the point shown alone; the others plain."""
    for card in cards:
        card.set_shown(card.point_id == shown)
