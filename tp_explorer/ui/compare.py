"""Compare two muscles' referral zones: a small dock with two choosers and the overlap named.

Muscle A's zones are painted solid orange, muscle B's as sky-blue stripes (scene.compare); the two
muscles themselves take the compare roles of the palette. The overlap is named in plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tp_explorer import palette
from tp_explorer.scene.compare import CompareLayer
from tp_explorer.state import Highlight
from tp_explorer.state.compare import Comparison, compare_muscles

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.window_base import ExplorerWindow


def compare_highlight(
    knowledge: Knowledge, comparison: Comparison, sides: tuple[str, ...]
) -> Highlight:
    """The two muscles in their compare roles; zones are drawn by the compare layer."""
    muscles: dict[tuple[str, str], str] = {}
    for role, zones in (("compare_a", comparison.first), ("compare_b", comparison.second)):
        for mesh in knowledge.muscles[zones.muscle].meshes:
            for side in sides:
                muscles.setdefault((mesh, side), role)
    return Highlight(muscles=muscles, sides=sides, ghost_others=True)


class ComparePanel(QDockWidget):
    """Choose muscle A and muscle B; Compare paints both; Clear gives the model back."""

    compared = Signal(object)

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__("Compare muscles", window)
        self.setObjectName("dock_compare")
        self.main_window = window
        self.layer: CompareLayer | None = None
        self.comparison: Comparison | None = None
        body = QWidget()
        lay = QVBoxLayout(body)
        form = QFormLayout()
        self.first = QComboBox()
        self.first.setObjectName("compare_first")
        self.second = QComboBox()
        self.second.setObjectName("compare_second")
        muscles = sorted(window.knowledge.muscles.values(), key=lambda m: m.name)
        for box in (self.first, self.second):
            for m in muscles:
                box.addItem(m.name, m.id)
        form.addRow("A (solid orange)", self.first)
        form.addRow("B (blue stripes)", self.second)
        lay.addLayout(form)
        self.button = QPushButton("Compare")
        self.button.setObjectName("compare_go")
        self.button.clicked.connect(self._on_button_clicked)
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        lay.addWidget(self.button)
        lay.addWidget(self.clear_button)
        self.result = QLabel("")
        self.result.setObjectName("compare_result")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self.setWidget(body)

    def _layer(self) -> CompareLayer:
        if self.layer is None:
            self.layer = CompareLayer(self.main_window.plotter, self.main_window.anatomy)
        return self.layer

    def _on_button_clicked(self) -> None:
        self.compare(self.first.currentData(), self.second.currentData())

    def compare(self, first: str, second: str) -> Comparison | None:
        """Paint two muscles' zones at once and name the overlap."""
        kb = self.main_window.knowledge
        for box, mid in ((self.first, first), (self.second, second)):
            box.setCurrentIndex(max(0, box.findData(mid)))
        try:
            c = compare_muscles(kb, first, second)
        except ValueError as exc:
            self.result.setText(str(exc))
            return None
        self.comparison = c
        state = self.main_window.state
        state.update(site=None, focus=None, area=None, mode="compare", compare=None)
        sides = ("left", "right") if state.side == "both" else (state.side,)
        self.main_window.scene.apply(compare_highlight(kb, c, sides), state.layers, render=False)
        self._layer().show(
            [(a, s) for a in c.first.areas for s in sides],
            [(a, s) for a in c.second.areas for s in sides],
        )
        self.main_window.plotter.render()
        self.result.setText(
            f"A: {c.first.label} (orange): {', '.join(_words(c.first.areas))}\n"
            f"B: {c.second.label} (blue stripes): {', '.join(_words(c.second.areas))}\n\n"
            f"{c.overlap_text}"
        )
        self.compared.emit(c)
        return c

    def clear(self) -> None:
        if self.layer is not None:
            self.layer.hide()
        self.comparison = None
        self.result.setText("")
        if self.main_window.state.mode == "compare":
            self.main_window.state.update(mode="explore")
        refresh = getattr(self.main_window.controller, "refresh", None)
        if callable(refresh):
            refresh()
        self.main_window.plotter.render()


def _words(areas: frozenset[str]) -> list[str]:
    return sorted(a.replace("_", " ") for a in areas)


COLOURS = (palette.COMPARE_A, palette.COMPARE_B)
