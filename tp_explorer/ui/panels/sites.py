"""Pain sites as a tree (site -> conditions) with a search box for warning signs, sites,
conditions and muscles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.ui.panels.chain import plain_tooltip

if TYPE_CHECKING:
    from tp_explorer.knowledge import SearchHit, Site

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
SITE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_LABELS = {
    "red_flag": "Warning sign",
    "site": "Pain site",
    "condition": "Condition",
    "muscle": "Muscle",
}


class PaintAfterScene(QObject):
    """Holds a list's repaint from a press (mouse or key) until the event loop is idle again.

    A press that chooses a site draws the 3D scene and puts it on screen inside the press's
    own handling. Qt composes the whole window for that frame, and paints every widget marked
    for repaint first: the list's rows, whose highlight moved. Held, the rows are painted one
    frame later (~25 ms) and the 3D frame a few ms sooner (~3.5 ms of ~100 in software
    rendering, paired). The hold has to start before the press is handled: by the time the
    selection is, the list has marked its rows.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)  # key presses go to the view, mouse presses to its viewport

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress)
        if pressed and self._viewport.updatesEnabled():
            self._viewport.setUpdatesEnabled(False)
            QTimer.singleShot(0, self._release)
        return False

    def _release(self) -> None:
        self._viewport.setUpdatesEnabled(True)  # (repaints the whole viewport, once)


class SitesPanel(QWidget):
    """Emits what the user asks for; the controller decides what it means."""

    siteRequested = Signal(str)
    muscleRequested = Signal(str)
    searchChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitesPanel")
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search sites, conditions, muscles…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search")
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.hide()
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("sitesTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Pain sites")
        title = QLabel("&Pain sites", self)
        title.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        self.search.textChanged.connect(self.searchChanged)
        self.search.returnPressed.connect(self._activate_first_result)
        self.tree.currentItemChanged.connect(self._on_tree_current)
        self.tree.itemActivated.connect(lambda item, _col: self._on_tree_current(item, None))
        self.results.itemActivated.connect(self._on_result_activated)
        self.results.itemClicked.connect(self._on_result_activated)
        # (the search results choose on release, after the list has painted its press)
        self._hold = PaintAfterScene(self.tree)

    # ---- setters (never emit)
    def set_sites(self, sites: dict[str, Site]) -> None:
        with QSignalBlocker(self.tree):
            self.tree.clear()
            for site in sites.values():
                item = QTreeWidgetItem([site.name])
                item.setData(0, ID_ROLE, site.id)
                for condition in site.conditions:
                    child = QTreeWidgetItem([condition.name])
                    child.setData(0, ID_ROLE, site.id)
                    child.setToolTip(
                        0, plain_tooltip(f"{condition.name}: a condition of the {site.name} site")
                    )
                    item.addChild(child)
                self.tree.addTopLevelItem(item)
            self.tree.expandAll()

    def show_site(self, site_id: str | None) -> None:
        with QSignalBlocker(self.tree):
            if site_id is None:
                # PySide6's stubs lack the null item Qt takes to clear the current row
                self.tree.setCurrentItem(None)  # type: ignore[call-overload]
                self.tree.clearSelection()
                return
            current = self.tree.currentItem()
            if current is not None and current.data(0, ID_ROLE) == site_id:
                return
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                if item is not None and item.data(0, ID_ROLE) == site_id:
                    self.tree.setCurrentItem(item)

    def show_results(self, hits: tuple[SearchHit, ...]) -> None:
        with QSignalBlocker(self.results):
            self.results.clear()
            for hit in hits:
                text = f"{hit.label}  ({KIND_LABELS.get(hit.kind, hit.kind)})"
                item = QListWidgetItem(text)
                item.setToolTip(plain_tooltip(text))  # a long warning-sign label is cut off
                item.setData(ID_ROLE, hit.id)
                item.setData(KIND_ROLE, hit.kind)
                item.setData(SITE_ROLE, hit.site_id)
                self.results.addItem(item)
            if not hits and self.search.text().strip():
                item = QListWidgetItem("No match")
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.results.addItem(item)
        self.results.setVisible(bool(self.search.text().strip()))

    def result_texts(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]

    # ---- user intent
    def _on_tree_current(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if item is not None:
            self.siteRequested.emit(item.data(0, ID_ROLE))

    def _on_result_activated(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        if kind == "muscle":
            self.muscleRequested.emit(item.data(ID_ROLE))
        elif kind in ("site", "condition"):
            self.siteRequested.emit(item.data(SITE_ROLE) or item.data(ID_ROLE))
        elif kind == "red_flag" and item.data(SITE_ROLE):
            # the site's card opens with its warning signs first
            self.siteRequested.emit(item.data(SITE_ROLE))

    def _activate_first_result(self) -> None:
        if self.results.count() and self.results.item(0).flags() & Qt.ItemFlag.ItemIsEnabled:
            self.results.setCurrentRow(0)
            self._on_result_activated(self.results.item(0))
