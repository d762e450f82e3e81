"""A plain pyvistaqt window drawing the anatomy the explorer draws, nothing more.

Bones, context structures, muscles and translucent skin on a canvas of the explorer's size: the
body of the children that measure the stack's own floor (memory, cold start).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pyvistaqt import QtInteractor

from tp_explorer.anatomy import load_anatomy


def build_plain_window(width: int, height: int) -> tuple[QMainWindow, QtInteractor]:
    """The window (not shown yet) and its canvas; a QApplication must already exist."""
    anatomy = load_anatomy()
    window = QMainWindow()
    plotter = QtInteractor(window, auto_update=False, multi_samples=0)
    window.setCentralWidget(plotter)
    for mesh in [*anatomy.bones.values(), *anatomy.context.values()]:
        plotter.add_mesh(mesh)
    for by_side in anatomy.muscles.values():
        for mesh in by_side.values():
            plotter.add_mesh(mesh)
    plotter.add_mesh(anatomy.skin, opacity=0.12)
    window.resize(width, height)
    return window, plotter
