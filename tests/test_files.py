"""Exports never overwrite without consent and never leave a half-written file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tp_explorer.errors import InputError
from tp_explorer.files import atomic_target, atomic_write_bytes


def test_refuses_to_overwrite_without_consent(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"the therapist's own file")
    with pytest.raises(InputError, match="already exists"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"the therapist's own file"


def test_overwrites_with_consent(tmp_path: Path) -> None:
    target = tmp_path / "view.png"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"


def test_failure_leaves_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "view.png"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target, overwrite=True) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("renderer died")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.png"]


def test_empty_output_is_an_error_not_a_file(tmp_path: Path) -> None:
    target = tmp_path / "view.png"
    with pytest.raises(InputError, match="nothing was written"), atomic_target(target):
        pass
    assert not target.exists()


def test_folder_or_missing_parent_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        atomic_write_bytes(tmp_path, b"x")
    with pytest.raises(InputError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "a.png", b"x")


def test_export_gets_the_usual_permissions_not_private(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        written = atomic_write_bytes(tmp_path / "handout.pdf", b"%PDF")
    finally:
        os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o644
