"""The depth control in the toolbar: peel muscle layers from the skin inward."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget


class PeelControl(QWidget):
    """A slider with - / + buttons; asks for a depth, shows the state's depth."""

    peelRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peelControl")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel("Peel", self)
        self.shallower = QToolButton(self)
        self.shallower.setText("−")
        self.shallower.setToolTip("Put back one layer of muscle (Ctrl+[)")
        self.shallower.setAccessibleName("Put back a layer")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("peelSlider")
        self.slider.setAccessibleName("Muscle layers peeled")
        self.slider.setToolTip("Muscle layers removed from the skin inward")
        self.slider.setPageStep(1)
        self.slider.setFixedWidth(110)
        self.deeper = QToolButton(self)
        self.deeper.setText("+")
        self.deeper.setToolTip("Peel one more layer of muscle (Ctrl+])")
        self.deeper.setAccessibleName("Peel a layer")
        self.value = QLabel("0", self)
        self.value.setMinimumWidth(18)
        for widget in (self.label, self.shallower, self.slider, self.deeper, self.value):
            layout.addWidget(widget)
        self.slider.valueChanged.connect(self.peelRequested.emit)
        self.shallower.clicked.connect(lambda: self.peelRequested.emit(self.slider.value() - 1))
        self.deeper.clicked.connect(lambda: self.peelRequested.emit(self.slider.value() + 1))

    def show_peel(self, depth: int, deepest: int) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, deepest)
            self.slider.setValue(depth)
        self.value.setText(str(depth))
        self.shallower.setEnabled(depth > 0)
        self.deeper.setEnabled(depth < deepest)
