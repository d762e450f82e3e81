"""Save image (Ctrl+S): the current view as a PNG of the chosen size, never overwriting silently."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from tp_explorer.errors import InputError


def test_ctrl_s_is_save_image_in_the_file_menu(window):
    action = window.findChild(type(window.features.presentation.action), "action_save_image")
    assert action.shortcut().toString() == "Ctrl+S"
    assert action in window.menu("File").actions()


def test_png_has_the_chosen_size_and_shows_the_body(window, tmp_path):
    from tp_explorer.ui.export_image import save_png

    window.controller.select_site("lower_leg")
    path = save_png(window.plotter, tmp_path / "view.png", (900, 600), overwrite=False)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (900, 600)
    colours = {image.pixelColor(x, y).name() for x in range(0, 900, 30) for y in range(0, 600, 30)}
    assert len(colours) > 5  # not an empty background


def test_existing_png_is_kept_without_consent(window, tmp_path):
    from tp_explorer.ui.export_image import save_png

    path = tmp_path / "view.png"
    path.write_bytes(b"old")
    with pytest.raises(InputError, match="already exists"):
        save_png(window.plotter, path, None, overwrite=False)
    assert path.read_bytes() == b"old"
    save_png(window.plotter, path, None, overwrite=True)
    assert QImage(str(path)).width() == window.plotter.width() or path.stat().st_size > 1000


def test_dialog_flow_asks_size_name_and_overwrite(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from tp_explorer.ui import export_image

    target = tmp_path / "flow.png"
    target.write_bytes(b"old")
    monkeypatch.setattr(export_image.SizeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(export_image, "ask_save_path", lambda *a, **k: target)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert export_image.save_image_interactive(window) is None
    assert target.read_bytes() == b"old"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert export_image.save_image_interactive(window) == target
    assert QImage(str(target)).size().toTuple() == (1920, 1080)
