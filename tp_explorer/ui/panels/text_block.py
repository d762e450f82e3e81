"""Paragraphs of plain text in one read-only document, as tall as its text at the panel's width.

The details panel used to give every line its own word-wrapped QLabel: a site card held about
80 of them, and Qt laid each one out several times per pass (its size hint, then its height at
each width the layout tried), about 60-80 ms of text shaping after every selection on a 2-core
machine. One QTextDocument per section lays its paragraphs out once per width and keeps that
layout, so the same card is ready in a fraction of the time.

Text only ever enters through ``QTextCursor.insertText``: whatever a knowledge file holds is
shown as the characters it is (never parsed as HTML), as the labels showed it. The words stay
selectable by mouse and keyboard, and a screen reader reads the block as one text.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

PARAGRAPH_GAP_PX = 6  # the space between two paragraphs, as a column of labels had
INDENT_PX = 18  # a detail line under the line it explains
HINT_WIDTH_PX = 320  # the width a block asks for before the panel gives it one


class TextBlock(QTextEdit):
    """Read-only paragraphs shown on the panel's own background, with no frame or scroll bar;
    its height follows its width (the panel around it scrolls, never the block)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textBlock")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)  # Tab moves on through the panel, as from a label
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.viewport().setAutoFillBackground(False)  # the panel's colour, as behind a label
        self.setAutoFillBackground(False)
        self.document().setDocumentMargin(0)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._cursor = QTextCursor(self.document())  # where paragraphs are added
        self._paragraphs = 0
        self._heights: dict[int, int] = {}  # width -> height, measured since the text changed
        self._measure: QTextDocument | None = None
        self._last_width = 0

    def add(self, text: str, *, bold: bool = False, indent: bool = False) -> None:
        """One more paragraph: ``text`` exactly as written (plain characters, never markup)."""
        block = QTextBlockFormat()
        block.setBottomMargin(PARAGRAPH_GAP_PX)
        if indent:
            block.setLeftMargin(INDENT_PX)
        chars = QTextCharFormat()
        if bold:
            chars.setFontWeight(QFont.Weight.Bold)  # only the weight: the size is the window's
        if self._paragraphs:
            self._cursor.insertBlock(block, chars)
        else:
            self._cursor.setBlockFormat(block)
            self._cursor.setBlockCharFormat(chars)
        self._cursor.insertText(text, chars)
        self._paragraphs += 1
        # The edit's own cursor back to the top, nothing selected: text inserted at it carries
        # it along, and the block would scroll itself to keep it in view at the end.
        self.setTextCursor(QTextCursor(self.document()))
        self._text_changed()

    def text(self) -> str:
        """The paragraphs, one per line (what a test or a copy sees)."""
        return self.toPlainText()

    # ---- size: as tall as the text at the width it is given
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        self._last_width = width
        if width in self._heights:
            return self._heights[width]
        margins = self.contentsMargins()
        if self._measure is None:  # a copy, so measuring never re-lays out the shown document
            self._measure = self.document().clone(self)
            self._measure.setDocumentMargin(0)  # a clone starts with the default margin
        self._measure.setTextWidth(max(width - margins.left() - margins.right(), 1))
        height = math.ceil(self._measure.size().height()) + margins.top() + margins.bottom()
        self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        """Its height at the width the panel gave it (a layout that sizes by hints, as a
        point card's does, then gives it all its lines); before that, at the width last
        asked about."""
        if self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            width = self.width()
        else:
            width = self._last_width or HINT_WIDTH_PX
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.fontMetrics().height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the window's text size changed
            self._text_changed()

    def _text_changed(self) -> None:
        self._heights.clear()
        if self._measure is not None:
            self._measure.deleteLater()
            self._measure = None
        self.updateGeometry()


class Section(QFrame):
    """A framed part of the panel under a bold heading that wraps (a QGroupBox's title never
    wraps, and at a large text size its width pushed the panel's text off its right edge)."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(heading)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 8)
        self.heading = TextBlock()
        self.heading.setObjectName("sectionHeading")
        self.heading.add(heading, bold=True)
        outer.addWidget(self.heading)
        self.body = QVBoxLayout()  # what the section holds: text blocks and buttons
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body)

    def title(self) -> str:
        return self.heading.text()
