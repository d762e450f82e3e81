"""Safe writing of exports: a temporary file beside the target, then an atomic rename.

A half-written PNG or PDF never replaces a good one, and an existing file is only replaced when
the caller says the user agreed (``overwrite=True``: the GUI asked, or ``--force`` was given).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tp_explorer.errors import InputError


def check_target(target: str | os.PathLike[str], overwrite: bool) -> Path:
    """Resolve an export target; refuse an existing file without consent or a missing folder."""
    path = Path(target).expanduser()
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name to export to")
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; not overwritten (use --force to replace it)")
    if not path.parent.is_dir():
        raise InputError(f"{path}: the folder {path.parent} does not exist")
    return path


@contextlib.contextmanager
def atomic_target(target: str | os.PathLike[str], overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one rename.

    On any error the temporary file is removed and ``target`` is left as it was.
    """
    path = check_target(target, overwrite)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); an export gets the user's usual permissions
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    try:
        yield tmp
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise InputError(f"{path}: nothing was written; the export failed")
        if path.exists() and not overwrite:
            raise InputError(f"{path}: appeared while exporting; not overwritten")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(
    target: str | os.PathLike[str], data: bytes, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``target`` through a temporary file and an atomic rename."""
    with atomic_target(target, overwrite) as tmp:
        tmp.write_bytes(data)
    return Path(target)
