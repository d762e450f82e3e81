"""Reading a knowledge file's bytes, refusing what cannot be one (a folder, a pipe, 50 MB).

Kept apart from the YAML reader so a cached load (cache.py) can hash the file's bytes without
importing PyYAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tp_explorer.knowledge.problems import KnowledgeError, Problem

MAX_BYTES = 2 * 1024 * 1024


def file_problem(
    file: str,
    message: str,
    line: int = 1,
    column: int = 1,
    *,
    got: str | None = None,
    expected: str | None = None,
) -> KnowledgeError:
    """The error for a problem with the file as a whole (no key path)."""
    return KnowledgeError([Problem(file, line, column, "", message, got, expected)])


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; KnowledgeError if it is missing, not a regular file or too large."""
    path = Path(path)
    file = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise file_problem(
            file, "file not found", expected="a path to a regions YAML file"
        ) from None
    except OSError as exc:
        raise file_problem(file, f"cannot open the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise file_problem(file, "this is a directory, not a file", expected="a YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise file_problem(file, "not a regular file", expected="a YAML file")
    if info.st_size > MAX_BYTES:
        raise file_problem(
            file,
            "file is too large to be a knowledge file",
            got=f"{info.st_size} bytes",
            expected=f"at most {MAX_BYTES} bytes (2 MB)",
        )
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise file_problem(file, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise file_problem(
            file,
            "file grew past the size limit while reading",
            expected=f"at most {MAX_BYTES} bytes (2 MB)",
        )
    return raw
