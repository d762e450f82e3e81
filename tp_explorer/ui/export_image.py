"""File > Save image (Ctrl+S): the current view as a PNG at a chosen size.

The picture is rendered from the window's own render window (vtkWindowToImageFilter at an integer
magnification, then scaled to the exact size), so it shows exactly what is on screen. The file is
written through ``files.atomic_target``; an existing file is replaced only after the user agrees.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from tp_explorer.files import atomic_target
from tp_explorer.ui.file_dialogs import ask_save_path, confirm_overwrite
from tp_explorer.ui.images import qimage_from_array

if TYPE_CHECKING:
    import pyvista as pv

    from tp_explorer.ui.window_base import ExplorerWindow

SIZES: tuple[tuple[str, tuple[int, int] | None], ...] = (
    ("Window size", None),
    ("1280 x 800", (1280, 800)),
    ("1920 x 1080 (full HD)", (1920, 1080)),
    ("2560 x 1440", (2560, 1440)),
    ("3840 x 2160 (4K)", (3840, 2160)),
)
__all__ = ["ask_save_path", "confirm_overwrite", "grab_view", "save_image_interactive", "save_png"]


def grab_view(plotter: pv.BasePlotter, size: tuple[int, int] | None = None) -> np.ndarray:
    """The current view as an RGB array of ``size`` (width, height); None = the window's size."""
    from pyvista import convert_array
    from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

    ren_win = plotter.ren_win
    if ren_win is None:
        raise RuntimeError("the plotter is closed: nothing to grab")
    plotter.render()
    w0, h0 = ren_win.GetSize()
    scale = 1 if size is None else max(1, math.ceil(max(size[0] / w0, size[1] / h0)))
    grab = vtkWindowToImageFilter()
    grab.SetInput(ren_win)
    grab.SetScale(scale)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.Update()
    img = grab.GetOutput()
    w, h, _ = img.GetDimensions()
    arr = convert_array(img.GetPointData().GetScalars()).reshape(h, w, -1)[::-1]
    plotter.render()
    if size is None or (w, h) == tuple(size):
        return np.ascontiguousarray(arr[..., :3])
    # Crop the centre to the wanted aspect, then scale to the exact size.
    tw, th = size
    if w / h > tw / th:
        cw = round(h * tw / th)
        x0 = (w - cw) // 2
        arr = arr[:, x0 : x0 + cw]
    else:
        ch = round(w * th / tw)
        y0 = (h - ch) // 2
        arr = arr[y0 : y0 + ch]
    image = qimage_from_array(arr).scaled(
        tw, th, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    ptr = image.constBits()
    out = np.frombuffer(ptr, dtype=np.uint8).reshape(th, image.bytesPerLine())[:, : tw * 3]
    return out.reshape(th, tw, 3).copy()


def save_png(
    plotter: pv.BasePlotter, target: str | Path, size: tuple[int, int] | None, overwrite: bool
) -> Path:
    """Grab the view and write it as PNG atomically; refuses to overwrite without consent."""
    arr = grab_view(plotter, size)
    with atomic_target(target, overwrite) as tmp:
        # PySide6's stubs type the format as bytes; the binding itself accepts only str
        if not qimage_from_array(arr).save(str(tmp), "PNG"):  # type: ignore[call-overload]
            from tp_explorer.errors import InputError

            raise InputError(f"{target}: could not write the PNG")
    return Path(target)


class SizeDialog(QDialog):
    """Ask for the image size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save image")
        form = QFormLayout(self)
        self.sizes = QComboBox()
        self.sizes.setObjectName("image_size")
        for label, size in SIZES:
            self.sizes.addItem(label, size)
        self.sizes.setCurrentIndex(2)
        form.addRow("Size", self.sizes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def size_choice(self) -> tuple[int, int] | None:
        choice: tuple[int, int] | None = self.sizes.currentData()
        return choice


def save_image_interactive(window: ExplorerWindow) -> Path | None:
    """The Ctrl+S flow: size, file name, overwrite question, write."""
    dialog = SizeDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(window, "Save image", "tp_explorer.png", "PNG image (*.png)")
    if path is None:
        return None
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    overwrite = path.exists()
    if overwrite and not confirm_overwrite(window, path):
        return None
    return save_png(window.plotter, path, dialog.size_choice, overwrite)
