"""Nothing the user owns is damaged: the regions file is only read, exports never overwrite
without consent, and a failed export leaves the old file as it was (temporary file + rename).
"""

from __future__ import annotations

import builtins
import os
import shutil
import stat
from pathlib import Path

import pytest
from PIL import Image

from tp_explorer.cli import main
from tp_explorer.resources import regions_path

ORIGINAL = b"the user's own file, not to be touched\n"


@pytest.fixture
def user_regions(tmp_path: Path) -> Path:
    """A copy of regions.yaml, read-only, as a therapist's own file would be passed."""
    path = tmp_path / "my regions.yaml"
    shutil.copyfile(regions_path(), path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


@pytest.fixture
def write_watch(monkeypatch: pytest.MonkeyPatch):
    """Record every open of a file for writing (Python's open and os.open alike)."""
    written: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watched_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+"):
            written.append(os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    def watched_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND):
            written.append(os.fspath(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)
    return written


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, stat.S_IMODE(st.st_mode)


def test_regions_file_is_only_read_by_the_window_and_exports(
    user_regions: Path, write_watch: list[str], tmp_path: Path, qapp, qtbot, anatomy,
    isolated_settings, capsys,
) -> None:  # fmt: skip
    """Guards 'only ever read': load, select, focus, Save image and a handout never write it."""
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.ui.export_image import save_png
    from tp_explorer.ui.main_window import MainWindow

    before = fingerprint(user_regions)
    knowledge = load_knowledge(user_regions)
    window = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    qtbot.addWidget(window)
    window.show()
    for site_id in knowledge.sites:
        window.controller.select_site(site_id)
        window.controller.focus_muscle(knowledge.chain_for(site_id)[0].muscle.id)
    save_png(window.plotter, tmp_path / "view.png", (320, 240), overwrite=False)
    window.close()
    code = main(["--regions", str(user_regions), "check"])
    assert code == 0
    code = main(["--regions", str(user_regions), "snapshot", "pelvis", "--out", str(tmp_path / "s.png")])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert fingerprint(user_regions) == before
    assert str(user_regions) not in write_watch
    assert (tmp_path / "view.png").stat().st_size > 0


def test_snapshot_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    """Guards --force: an existing file is left as it was, exit 2, a message saying why."""
    out = tmp_path / "x.png"
    out.write_bytes(ORIGINAL)
    code = main(["snapshot", "pelvis", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "already exists" in err and "--force" in err and "Traceback" not in err
    assert out.read_bytes() == ORIGINAL
    code = main(["snapshot", "pelvis", "--out", str(out), "--force", "--size", "200x150"])
    assert code == 0
    with Image.open(out) as image:
        assert image.format == "PNG"


def test_handout_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    """Guards the handout's early check: nothing is rendered, the old PDF stays."""
    out = tmp_path / "handout.pdf"
    out.write_bytes(ORIGINAL)
    code = main(["handout", "pelvis", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "already exists" in err and "Traceback" not in err
    assert out.read_bytes() == ORIGINAL


def test_failed_snapshot_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the atomic rename: a write that dies half-way (disk full) replaces nothing."""
    out = tmp_path / "x.png"
    out.write_bytes(ORIGINAL)

    def half_written(self, fp, *args, **kwargs):
        Path(fp).write_bytes(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", half_written)
    with pytest.raises(OSError, match="No space left"):
        main(["snapshot", "pelvis", "--out", str(out), "--force", "--size", "200x150"])
    assert out.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.png"]


def test_save_image_asks_before_replacing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp, qtbot, knowledge, anatomy,
    isolated_settings,
) -> None:  # fmt: skip
    """Guards the Save image question: 'No' leaves the file; 'Yes' replaces it with a PNG."""
    from PySide6.QtWidgets import QDialog

    from tp_explorer.ui import export_image
    from tp_explorer.ui.main_window import MainWindow

    window = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    qtbot.addWidget(window)
    window.show()
    out = tmp_path / "picture.png"
    out.write_bytes(ORIGINAL)
    answers: list[bool] = []
    monkeypatch.setattr(export_image.SizeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(export_image, "ask_save_path", lambda *a: out)

    def confirm(parent, path, answer=answers):
        return answers.pop(0)

    monkeypatch.setattr(export_image, "confirm_overwrite", confirm)
    answers.append(False)
    assert export_image.save_image_interactive(window) is None
    assert out.read_bytes() == ORIGINAL
    answers.append(True)
    assert export_image.save_image_interactive(window) == out
    with Image.open(out) as image:
        assert image.format == "PNG"
    window.close()
