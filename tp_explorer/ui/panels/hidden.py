"""The structures the user hid (or left out by isolating one), so they can be brought back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from tp_explorer.state import Structure

KEY_ROLE = Qt.ItemDataRole.UserRole


class HiddenPanel(QWidget):
    """A list of hidden structures; Enter or a double click shows one again."""

    showRequested = Signal(object)  # a (kind, id, side) structure
    showAllRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hiddenPanel")
        self.list = QListWidget(self)
        self.list.setObjectName("hiddenList")
        self.list.setAccessibleName("Hidden structures")
        self.title = QLabel("&Hidden structures", self)
        self.title.setBuddy(self.list)
        self.show_all = QPushButton("Show &all", self)
        self.show_all.setObjectName("showAllButton")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_all)
        self.list.itemActivated.connect(self._on_item)
        self.show_all.clicked.connect(self.showAllRequested.emit)
        self.show_hidden([], [])

    def show_hidden(self, hidden: list[tuple[Structure, str]], isolated: list[str]) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            if isolated:
                item = QListWidgetItem(f"Only shown: {', '.join(isolated)}")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.list.addItem(item)
            for structure, text in hidden:
                item = QListWidgetItem(text)
                item.setData(KEY_ROLE, structure)
                item.setToolTip("Enter or double click to show it again")
                self.list.addItem(item)
        anything = bool(hidden or isolated)
        self.show_all.setEnabled(anything)
        # an empty list gives its room to the chain list above (it comes back with the first
        # structure hidden)
        self.list.setVisible(anything)
        self.title.setText(
            f"&Hidden structures ({len(hidden)})" if hidden else "&Hidden structures: none"
        )

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        structure = item.data(KEY_ROLE)
        if structure:
            self.showRequested.emit(tuple(structure))
