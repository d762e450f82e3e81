"""The muscles of the current chain as a list, so everything on the canvas is also text."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSignalBlocker, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tp_explorer import palette

if TYPE_CHECKING:
    from tp_explorer.knowledge import ChainLink

ID_ROLE = Qt.ItemDataRole.UserRole
# The site's overview paints the local muscles' referral zones only (state.highlight); the
# headings say so, so a student knows why a distal muscle's zones appear only once it is picked.
GROUPS = (
    ("local", "Local muscles (zones painted)"),
    ("regional", "Regional muscles (pick one for its zones)"),
)


def plain_tooltip(text: str) -> str:
    """Qt guesses whether a tooltip is HTML; escaping makes text from the file show as typed."""
    return f"<p>{html.escape(text, quote=False)}</p>" if Qt.mightBeRichText(text) else text


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ChainPanel(QWidget):
    """Lists local then regional muscles; choosing one asks for focus on it."""

    muscleRequested = Signal(str)
    contextRequested = Signal(str, QPoint)  # muscle id ("" for none), global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chainPanel")
        self.list = QListWidget(self)
        self.list.setObjectName("chainList")
        self.list.setAccessibleName("Muscles of the chain")
        self.title = QLabel("&Muscles of the chain", self)
        self.title.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(lambda item: self._on_current(item, None))
        # Right click, the Menu key or Shift+F10: Hide / Isolate / Show all for a muscle.
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context)
        for keys in ("Menu", "Shift+F10"):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._on_context(QPoint(-1, -1)))

    def show_chain(self, links: tuple[ChainLink, ...], focus: str | None) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for role, heading in GROUPS:
                members = [link for link in links if link.role == role]
                if not members:
                    continue
                header = QListWidgetItem(heading)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setForeground(QColor("#222222"))
                self.list.addItem(header)
                for link in members:
                    item = QListWidgetItem(swatch(palette.ROLE_COLOURS[role]), link.muscle.name)
                    item.setData(ID_ROLE, link.muscle.id)
                    item.setToolTip(plain_tooltip(f"{link.muscle.name} ({role}): {link.reason}"))
                    self.list.addItem(item)
                    if link.muscle.id == focus:
                        self.list.setCurrentItem(item)
            if focus is None:
                # PySide6's stubs lack the null item Qt takes to clear the current row
                self.list.setCurrentItem(None)  # type: ignore[call-overload]

    def muscle_names(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).data(ID_ROLE)
        ]

    def current_muscle(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and item.data(ID_ROLE) else None

    def _on_context(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos) or self.list.currentItem()
        if item is not None and self.list.itemAt(pos) is None:
            pos = self.list.visualItemRect(item).center()
        muscle = item.data(ID_ROLE) if item is not None else None
        self.contextRequested.emit(muscle or "", self.list.viewport().mapToGlobal(pos))

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self.muscleRequested.emit(item.data(ID_ROLE))
