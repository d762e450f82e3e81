"""The two questions every save asks: where to, and whether to replace an existing file.

Shared by Save image and Export handout, so neither imports the other for them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm_overwrite(parent: QWidget, path: Path) -> bool:
    """Ask before replacing an existing file."""
    answer = QMessageBox.question(
        parent,
        "Replace file?",
        f"{path.name} already exists in {path.parent}.\nReplace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(parent: QWidget, title: str, default_name: str, filters: str) -> Path | None:
    """A save dialog that does not ask about overwriting itself (we ask, once, ourselves)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, default_name, filters, options=QFileDialog.Option.DontConfirmOverwrite
    )
    return Path(name) if name else None
