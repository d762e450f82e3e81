"""Start-up errors with a display: the message goes to stderr and to a plain-text dialog, the
exit code is the error's, and the main window is never built half-loaded.

``tp_explorer.ui.app.show_error`` is replaced by a recorder in most tests (a modal box would
wait for a click); one test lets the real box come up and closes it as a user would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.knowledge.conftest import BROKEN
from tests.knowledge.test_broken import expectation
from tp_explorer import resources
from tp_explorer.anatomy.format import ASSET_FILE
from tp_explorer.cli import main
from tp_explorer.errors import DisplayError
from tp_explorer.resources import REBUILD_COMMAND
from tp_explorer.ui import app

CASES = sorted(BROKEN.glob("*.yaml"))


class Recorder:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.windows = 0

    def show_error(self, title: str, message: str) -> None:
        self.shown.append((title, message))


@pytest.fixture
def record(monkeypatch: pytest.MonkeyPatch, qapp, isolated_settings) -> Recorder:
    """Capture dialogs, and count main windows built (there must be none)."""
    from tp_explorer.ui import main_window

    recorder = Recorder()
    monkeypatch.setattr(app, "show_error", recorder.show_error)

    def no_window(*_args, **_kwargs):
        recorder.windows += 1
        raise AssertionError("the main window was built despite a start-up error")

    monkeypatch.setattr(main_window, "MainWindow", no_window)
    return recorder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def _stderr_message(err: str) -> str:
    assert err.startswith("tp-explorer: "), err
    return err.removeprefix("tp-explorer: ").rstrip("\n")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_broken_knowledge_file_is_shown_in_a_dialog(path: Path, record: Recorder, capsys) -> None:
    """Guards run_window's error dialog: the same message as stderr, exit 2, no window."""
    expected, _line = expectation(path)
    code, err = run(capsys, "--regions", str(path))
    assert code == 2
    assert "Traceback" not in err
    assert len(record.shown) == 1, "no dialog (or more than one) for a broken knowledge file"
    title, message = record.shown[0]
    assert title == app.STARTUP_TITLE
    assert message == _stderr_message(err)
    assert expected in message
    assert str(path) in message
    assert record.windows == 0


def test_unknown_site_is_shown_in_a_dialog(record: Recorder, capsys) -> None:
    """Guards the --site check: exit 2 and a dialog naming the choices, no window."""
    code, err = run(capsys, "--site", "elbow")
    assert "elbow" in err
    assert code == 2
    assert "'elbow'" in record.shown[0][1] and "pelvis" in record.shown[0][1]
    assert record.windows == 0


@pytest.mark.parametrize("damage", ["missing", "garbage", "nan"])
def test_missing_or_corrupt_assets_are_shown_in_a_dialog(
    damage: str, record: Recorder, capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the asset path: exit 4, the file and the rebuild command in stderr and dialog."""
    folder = tmp_path / "assets"
    shutil.copytree(resources.assets_dir(), folder)
    target = folder / ASSET_FILE
    if damage == "missing":
        target.unlink()
    elif damage == "garbage":
        target.write_bytes(b"\x00garbage" * 999)
    else:
        with np.load(target) as npz:
            arrays = {k: npz[k] for k in npz.files}
        arrays["skin_points"][0, 0] = np.nan
        np.savez_compressed(target, **arrays)
    monkeypatch.setattr(resources, "assets_dir", lambda: folder)
    code, err = run(capsys)
    assert code == 4
    assert "Traceback" not in err
    message = record.shown[0][1]
    assert message == _stderr_message(err)
    assert str(target) in message and REBUILD_COMMAND in message
    assert record.windows == 0


def test_no_opengl_is_shown_in_a_dialog(
    record: Recorder, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the OpenGL check in run_window: exit 3 and a dialog (a display is there)."""

    def no_gl() -> str:
        raise DisplayError("no OpenGL: Qt could not create an OpenGL context on this display.")

    monkeypatch.setattr(app, "check_opengl", no_gl)
    code, err = run(capsys)
    assert code == 3
    assert "no OpenGL" in err and "Traceback" not in err
    assert record.shown and "no OpenGL" in record.shown[0][1]
    assert record.windows == 0


def test_without_a_display_no_dialog_is_attempted(
    record: Recorder, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the display check before the dialog: with no display only stderr, exit 2."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code, err = run(capsys, "--regions", str(BROKEN / "syntax_error.yaml"))
    assert code == 2
    assert "syntax_error.yaml" in err
    assert record.shown == []


def test_the_real_dialog_shows_the_message_as_plain_text(
    qapp, qtbot, capsys, isolated_settings
) -> None:
    """Guards show_error itself: a real modal box, plain text (YAML text is never HTML)."""
    seen: list[QMessageBox] = []
    tries = iter(range(200))

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(50, close_box)
            return
        seen.append(box)
        seen_text.append((box.text(), box.textFormat(), box.windowTitle()))
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    seen_text: list[tuple[str, Qt.TextFormat, str]] = []
    QTimer.singleShot(50, close_box)
    path = BROKEN / "javascript_link.yaml"
    code, err = run(capsys, "--regions", str(path))
    assert code == 2
    assert seen, "no message box came up"
    text, fmt, title = seen_text[0]
    assert fmt == Qt.TextFormat.PlainText
    assert title == app.STARTUP_TITLE
    assert text == _stderr_message(err)
    assert "javascript:" in text
