"""Validated knowledge kept in the user's cache folder, found again by the file's SHA-256.

Validating needs PyYAML and pydantic: about 0.2 s of imports and 0.06 s of work at every cold
start. A file this same program has validated before is read back from a pickle of its
Knowledge instead (a few ms). The key covers the file's bytes and this package's source code,
so a change to either misses; an entry that cannot be read is ignored and written anew. Only
valid files are kept, so a refused file is always reported afresh.

The pickle is read only from the user's own cache folder ($TP_EXPLORER_CACHE_DIR overrides it),
which is trusted as much as the user's own files.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

from tp_explorer import __version__
from tp_explorer.errors import InputError
from tp_explorer.knowledge.queries import Knowledge

ENV_CACHE_DIR = "TP_EXPLORER_CACHE_DIR"
KEEP = 16  # entries kept; the oldest go first
SUFFIX = ".knowledge.pickle"

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """$TP_EXPLORER_CACHE_DIR, else the platform's user cache folder; then knowledge/."""
    folder = os.environ.get(ENV_CACHE_DIR)
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("tp_explorer", appauthor=False)
    return Path(folder) / "knowledge"


@functools.cache
def _code_stamp() -> bytes:
    """What the cached values depend on besides the file: this package's code and Python."""
    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.digest()


def cache_key(raw: bytes) -> str:
    """The name of the entry for a knowledge file with these bytes."""
    return hashlib.sha256(_code_stamp() + raw).hexdigest()


def read_cached(key: str) -> Knowledge | None:
    """The Knowledge stored under ``key``, or None if there is none or it cannot be read."""
    path = cache_dir() / f"{key}{SUFFIX}"
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign pickle may raise anything
        log.debug("knowledge cache entry %s unreadable (%s); validating the file", path, exc)
        return None
    return value if isinstance(value, Knowledge) else None


def write_cached(key: str, knowledge: Knowledge) -> None:
    """Store ``knowledge`` under ``key`` (atomically); a cache that cannot be written is skipped."""
    from tp_explorer.files import atomic_write_bytes  # only on a miss: tempfile is not free

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(knowledge, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(folder / f"{key}{SUFFIX}", data, overwrite=True)
        _prune(folder)
    except (OSError, InputError) as exc:
        log.debug("knowledge cache not written to %s: %s", folder, exc)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
