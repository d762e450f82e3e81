"""The explorer window: sites and chain on the left, the 3D body in the middle, details right.

Public for features built on top: ``knowledge``, ``anatomy``, ``state``, ``scene``,
``controller``, ``plotter``, ``toolbar``, ``actions`` and ``menu(title)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.scene import BodyScene, RayPicker
from tp_explorer.state import AppState
from tp_explorer.ui.actions import Actions, build_actions
from tp_explorer.ui.canvas import BodyCanvas, CanvasEvents, multi_samples_for, opengl_renderer
from tp_explorer.ui.chart_view import CHART
from tp_explorer.ui.controller import Controller
from tp_explorer.ui.heap import IdleHeapTrim
from tp_explorer.ui.panels import (
    ChainPanel,
    DetailsPanel,
    HiddenPanel,
    LegendBar,
    PeelControl,
    SitesPanel,
)
from tp_explorer.ui.settings import DEFAULT_FONT_PT, FONT_RANGE, Settings
from tp_explorer.ui.window_base import ExplorerWindow

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.atlas_offer import AtlasOffer
    from tp_explorer.ui.features import FeatureSet
    from tp_explorer.ui.needle_view import NeedleController

ABOUT_TEXT = """tp_explorer — a 3D trigger-point explorer for physical therapists and anatomy students.

This is an education tool, not a diagnosis. It shows what published sources say about \
myofascial trigger points, their referral zones and the studies a clinic article cites; it \
cannot tell what causes anyone's pain. See a qualified clinician.

Sources
• Detailed anatomy (when installed): BodyParts3D, © The Database Center for Life Science \
(DBCLS), licensed under CC Attribution-Share Alike 2.1 Japan; files from the BodyParts3D 4.0 \
meshes in the public GitHub repository aHer-dev/3DAnatomy, installed on this computer. \
Quadratus lumborum, multifidus, the plantar fascia and the lower-limb nerves are drawn by \
tp_explorer on the atlas's bones (BodyParts3D lacks them).
• Built-in anatomy: the MyoLeg and MyoTorso models of the myo-sim package (Apache-2.0), \
derived from Rajagopal et al. 2016 and Walia et al. 2025; see assets/NOTICE.md.
• Referral zones and trigger points: secondary sources that follow Travell & Simons, listed per \
muscle in regions.yaml; not checked against the 3rd edition of the manual.
• Studies: the six references of the clinic article, with corrected citations and what each \
study really examined.

Licences
tp_explorer: Apache-2.0. Qt for Python (PySide6): LGPLv3. VTK and PyVista: BSD-3-Clause. \
pyvistaqt: MIT. NumPy: BSD-3-Clause. PyYAML: MIT."""


class MainWindow(ExplorerWindow):
    """Small on purpose: builds the parts, hands wiring to the Controller."""

    # The named actions. Public (``window.actions.views``), so it keeps the name it has had,
    # which hides QWidget.actions() on this window.
    actions: Actions  # type: ignore[assignment]
    features: FeatureSet
    atlas_offer: AtlasOffer
    needle_view: NeedleController

    def __init__(
        self,
        knowledge: Knowledge,
        anatomy: Anatomy,
        *,
        settings: Settings | None = None,
        multi_samples: int | None = None,
        picker: RayPicker | None = None,
        restore: bool = True,
    ) -> None:
        super().__init__()
        self.setWindowTitle("tp_explorer — trigger-point explorer")
        self.setObjectName("mainWindow")
        self.knowledge, self.anatomy = knowledge, anatomy
        self.settings = settings or Settings()
        self.state = AppState()
        # Freed heap pages go back to the system once the window is quiet after a change.
        self.heap_trim = IdleHeapTrim(self)
        self.state.changed.connect(self.heap_trim.poke)
        self.font_pt = self.settings.font_size() if restore else DEFAULT_FONT_PT
        self._framed = False

        self._build_panels()
        centre = self._build_centre(multi_samples)
        self._build_splitters(centre)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.addToolBar(self.toolbar)
        self.statusBar()
        self._build_controller(anatomy, picker)
        self.actions = build_actions(self)
        self._build_structure_toolbar()
        # A drag or wheel turn ended: the focused muscle's occluders are those of the new view.
        self.plotter.iren.add_observer(
            "EndInteractionEvent", lambda *_: self.controller.camera_moved()
        )
        self.state.changed.connect(self._on_state_changed)
        self._set_focus_order()
        self._apply_font()
        if restore:
            self._restore()
        else:
            self.resize(1280, 800)
        self._sync_actions()
        self.controller.refresh()

        from tp_explorer.ui import features

        self.features, self.atlas_offer, self.needle_view = features.install(self)

    # ---- build steps of __init__, in the order they run
    def _build_panels(self) -> None:
        self.sites_panel = SitesPanel()
        self.chain_panel = ChainPanel()
        self.hidden_panel = HiddenPanel()
        self.peel_control = PeelControl()
        self.details_panel = DetailsPanel()
        self.legend = LegendBar()

    def _build_centre(self, multi_samples: int | None) -> QWidget:
        """The 3D canvas with the legend under it."""
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(2)
        if multi_samples is None:  # MSAA on a GPU; none in software, where it costs 4x a frame
            multi_samples = multi_samples_for(opengl_renderer())
        self.multi_samples = multi_samples
        self.plotter = BodyCanvas(centre, auto_update=False, multi_samples=multi_samples)
        self.plotter.setObjectName("canvas")
        self.plotter.setAccessibleName("3D body")
        self.plotter.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        centre_layout.addWidget(self.plotter, 1)
        centre_layout.addWidget(self.legend)
        return centre

    def _build_splitters(self, centre: QWidget) -> None:
        """Sites, chain and hidden lists on the left; the canvas; the details on the right."""
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.sites_panel)
        left.addWidget(self.chain_panel)
        left.addWidget(self.hidden_panel)
        left.setSizes([455, 250, 85])  # until the first show fits them (_fit_left_column)
        self.left_column = left
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.details_panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700, 380])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_controller(self, anatomy: Anatomy, picker: RayPicker | None) -> None:
        """The scene on the canvas, and the controller that wires it to the panels."""
        self.scene = BodyScene(self.plotter, anatomy, picker=picker)
        self.canvas_events = CanvasEvents(self.plotter)
        self.controller = Controller(
            knowledge=self.knowledge,
            state=self.state,
            scene=self.scene,
            sites=self.sites_panel,
            chain=self.chain_panel,
            details=self.details_panel,
            canvas=self.canvas_events,
            status=self.statusBar(),
            peel=self.peel_control,
            hidden=self.hidden_panel,
            parent=self,
        )

    def _build_structure_toolbar(self) -> None:
        """Peeling and per-structure control get a row of their own (the main row is full)."""
        self.addToolBarBreak()
        self.structure_toolbar = QToolBar("Layers and structures", self)
        self.structure_toolbar.setObjectName("structureToolbar")
        self.addToolBar(self.structure_toolbar)
        self.structure_toolbar.addWidget(self.peel_control)
        self.structure_toolbar.addSeparator()
        for name in ("hide", "isolate", "show_all"):
            self.structure_toolbar.addAction(self.actions.structure[name])

    def _set_focus_order(self) -> None:
        """The panels F6 cycles through, and Tab's order between them."""
        self._panels: list[QWidget] = [
            self.sites_panel.search,
            self.sites_panel.tree,
            self.chain_panel.list,
            self.plotter,
            self.details_panel,
        ]
        self.setTabOrder(self.sites_panel.search, self.sites_panel.results)
        self.setTabOrder(self.sites_panel.results, self.sites_panel.tree)
        self.setTabOrder(self.sites_panel.tree, self.chain_panel.list)
        self.setTabOrder(self.chain_panel.list, self.hidden_panel.list)
        self.setTabOrder(self.hidden_panel.list, self.plotter)
        self.setTabOrder(self.plotter, self.details_panel)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.heap_trim.poke()  # start-up's scratch memory (shader compiles, loading) is freed
        if not self._framed:  # the canvas has its real size only now
            self._framed = True
            self._fit_left_column()
            # no render here: the canvas's first paint renders (a render now costs a frame)
            self.controller.set_view(self.controller.view, render=False)
            self.plotter.update()

    def _fit_left_column(self) -> None:
        """Room for every site and condition in the sites list (as far as 62 % of the column
        allows), the hidden list at its smallest, the chain list the rest."""
        tree = self.sites_panel.tree
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        rows = sum(1 + item.childCount() for item in items if item is not None)
        if not rows or not self.left_column.isVisible():
            return
        total = sum(self.left_column.sizes())
        tree_needs = rows * tree.sizeHintForRow(0) + (tree.height() - tree.viewport().height())
        sites = self.sites_panel.height() - tree.height() + tree_needs
        sites = min(sites, int(total * 0.62))
        hidden = self.hidden_panel.minimumSizeHint().height()
        self.left_column.setSizes([sites, max(total - sites - hidden, 0), hidden])

    # ---- settings
    def _restore(self) -> None:
        s = self.settings
        if (geometry := s.geometry()) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if (state := s.window_state()) is not None:
            self.restoreState(state)
        if (splitter := s.splitter()) is not None:
            self.splitter.restoreState(splitter)
        site = s.last_site()
        self.state.update(
            side=s.side(),
            layers=s.layers(),
            site=site if site in self.knowledge.sites else None,
        )

    def save_settings(self) -> None:
        self.settings.save(
            geometry=self.saveGeometry(),
            window_state=self.saveState(),
            splitter=self.splitter.saveState(),
            side=self.state.side,
            # the chart view as the user had it: the quiz switches it on only while it runs
            layers=self.features.quiz.layers_outside_quiz(self.state.layers),
            site=self.state.site,
            font_pt=self.font_pt,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.heap_trim.poke()  # the old size's framebuffers are freed

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.controller.disconnect_all()
        self.plotter.close()
        super().closeEvent(event)

    # ---- keep toolbar checks in step with the state
    def _on_state_changed(self, names: frozenset[str]) -> None:
        if names & {"side", "layers"}:
            self._sync_actions()

    def _sync_actions(self) -> None:
        for side, action in self.actions.sides.items():
            with QSignalBlocker(action):
                action.setChecked(side == self.state.side)
        for layer, action in self.actions.layers.items():
            with QSignalBlocker(action):
                action.setChecked(layer in self.state.layers)
        self.legend.set_chart(CHART in self.state.layers)

    # ---- view helpers used by actions
    def orbit(self, azimuth: float, elevation: float) -> None:
        camera = self.plotter.camera
        camera.Azimuth(azimuth)
        camera.Elevation(elevation)
        camera.OrthogonalizeViewUp()
        self.plotter.renderer.ResetCameraClippingRange()
        self.plotter.render()
        self.controller.camera_moved()

    def zoom(self, factor: float) -> None:
        self.plotter.camera.Zoom(factor)
        self.plotter.render()
        self.controller.camera_moved()

    def change_font(self, step: int) -> None:
        """Text size for reading from a chair: +1, -1, or 0 for the default."""
        size = DEFAULT_FONT_PT if step == 0 else self.font_pt + step
        self.font_pt = min(max(size, FONT_RANGE[0]), FONT_RANGE[1])
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSize(self.font_pt)
        self.setFont(font)
        self.legend.setFont(font)
        self.legend.updateGeometry()

    def focus_search(self) -> None:
        self.sites_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sites_panel.search.selectAll()

    def cycle_panel(self, step: int) -> None:
        focused = QApplication.focusWidget() or self.focusWidget()
        index = next(
            (i for i, w in enumerate(self._panels) if w is focused or w.isAncestorOf(focused)), -1
        )
        target = self._panels[(index + step) % len(self._panels)]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def shortcut_lines(self) -> list[str]:
        lines = []
        for action in self.actions.all:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                lines.append(f"{keys:<22} {action.text().replace('&', '')}")
        return lines

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit(
            "\n".join(
                [
                    *self.shortcut_lines(),
                    "",
                    "Tab / Shift+Tab        move between panels",
                    "Arrow keys             move in lists",
                    "Enter                  open the chosen search result",
                    "Mouse: drag to rotate, wheel to zoom, Shift+drag to pan, click to select.",
                ]
            )
        )
        text.setReadOnly(True)
        text.setObjectName("shortcutList")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        text.setFont(mono)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(560, 560)
        dialog.open()
        self.shortcuts_dialog = dialog

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About tp_explorer")
        box.setTextFormat(Qt.TextFormat.PlainText)
        showing = (
            "the detailed anatomy (BodyParts3D)"
            if getattr(self.anatomy, "source", "builtin") == "atlas"
            else "the built-in schematic anatomy (myo-sim)"
        )
        box.setText(f"{ABOUT_TEXT}\n\nNow showing: {showing}.")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        self.about_box = box


def make_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
