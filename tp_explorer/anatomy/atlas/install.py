"""Install the atlas: get the BodyParts3D files (a local folder, or a hashed download with
pooch from the pinned source or a clinic's mirror), verify every SHA-256, build the cache.

Nothing is written into the cache folder until the whole build has succeeded; a failure of any
kind (missing, corrupt or truncated file, hash mismatch, interrupted download, full disk,
read-only data folder) raises InstallError naming the file and leaves a previous cache as it
was. A second install of the same data does nothing.
"""

from __future__ import annotations

import errno
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tp_explorer.anatomy.atlas.cache import (
    Status,
    arrays_of,
    atlas_dir,
    data_dir,
    read_status,
    write_cache,
)
from tp_explorer.anatomy.atlas.manifest import (
    AtlasTable,
    Entry,
    fingerprint,
    read_manifest,
    read_table,
)
from tp_explorer.errors import AssetError

if TYPE_CHECKING:
    import numpy as np

    from tp_explorer.anatomy.atlas.built import BuiltAtlas

# The pinned commit and path of each file in the public repository the manifest names.
DEFAULT_URL = "https://raw.githubusercontent.com/aHer-dev/3DAnatomy/{commit}/{source_path}"
ENV_URL = "TP_EXPLORER_ATLAS_URL"
SOURCE_DIR = "atlas-source"  # downloaded files, kept so a rebuild needs no network
BUILD_VERSION = 7  # 7: drawn gluteal and pudendal vessels and cutaneous nerves (issue 26)
# 5: trigger points of the shipped knowledge placed at install

# progress(stage, done, total, what): stage is "download", "verify" or "build"
Progress = Callable[[str, float, float, str], None]
Cancel = Callable[[], bool]  # True when the user has asked to stop


class InstallError(AssetError):
    """The atlas could not be installed; the message names the file and what to do."""


class InstallCancelled(InstallError):
    """The user cancelled; nothing was changed."""


@dataclass(frozen=True)
class InstallResult:
    """Whether the install changed the cache, and the installed cache's status."""

    changed: bool
    status: Status


def mirror_url(base: str) -> str:
    """A base URL becomes a template: a mirror lays files out as the manifest's ``file``."""
    if "{" in base:
        return base
    return base.rstrip("/") + "/{file}"


def url_for(template: str, entry: Entry) -> str:
    return template.format(
        commit=entry.source_commit, source_path=entry.source_path, file=entry.file
    )


def download_size(entries: tuple[Entry, ...] | None = None) -> int:
    """Bytes the download fetches (for the window's "about N MB")."""
    return sum(e.bytes for e in (entries or read_manifest()))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _verify(folder: Path, entries: tuple[Entry, ...], progress: Progress, cancel: Cancel) -> None:
    total = len(entries)
    for i, e in enumerate(entries):
        if cancel():
            raise InstallCancelled("atlas install cancelled; nothing was changed")
        path = folder / e.file
        if not path.is_file():
            raise InstallError(f"{path}: file missing from the atlas source folder")
        size = path.stat().st_size
        if size != e.bytes:
            raise InstallError(
                f"{path}: {size} bytes, expected {e.bytes} (truncated or not the manifest's "
                "file); nothing was changed"
            )
        if _sha256(path) != e.sha256:
            raise InstallError(
                f"{path}: SHA-256 does not match the manifest (corrupt or altered file); "
                "nothing was changed"
            )
        progress("verify", i + 1, total, e.file)


def _download(
    target: Path, entries: tuple[Entry, ...], template: str, progress: Progress, cancel: Cancel
) -> None:
    import pooch

    pooch.get_logger().setLevel("WARNING")  # our own progress bar says what is fetched
    total = sum(e.bytes for e in entries)
    done = 0
    for e in entries:
        if cancel():
            raise InstallCancelled("atlas download cancelled; files already fetched are kept")
        dest = target / e.file
        url = url_for(template, e)
        try:
            pooch.retrieve(
                url,
                known_hash=f"sha256:{e.sha256}",
                fname=dest.name,
                path=str(dest.parent),
                downloader=pooch.HTTPDownloader(progressbar=False, timeout=60),
                progressbar=False,
            )
        except ValueError as exc:  # pooch's hash mismatch
            raise InstallError(
                f"{url}: the downloaded file does not match its SHA-256 ({exc})"
            ) from exc
        except Exception as exc:  # requests' connection and HTTP errors are OSErrors too
            if isinstance(exc, OSError) and exc.errno in _LOCAL_ERRNOS:
                raise _os_error(dest, exc) from exc
            raise InstallError(
                f"{url}: download failed ({type(exc).__name__}: {exc}); run the install again "
                "to resume (files already fetched are kept)"
            ) from exc
        done += e.bytes
        progress("download", done, total, e.file)


_LOCAL_ERRNOS = (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EPERM)


def _os_error(path: Path, exc: OSError) -> InstallError:
    if exc.errno == errno.ENOSPC:
        return InstallError(f"{path}: the disk is full; free some space and install again")
    if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return InstallError(
            f"{path}: the data folder is not writable ({exc.strerror}); set "
            "TP_EXPLORER_DATA_DIR to a writable folder"
        )
    return InstallError(f"{path}: {exc.strerror or exc}")


def install(
    source: Path | str | None = None,
    *,
    url: str | None = None,
    data: Path | None = None,
    detail: str = "default",
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    force: bool = False,
) -> InstallResult:
    """Install from ``source`` (a folder laid out like the manifest) or, without it, download
    from ``url`` (a template or a mirror's base URL; default: the pinned public source)."""
    say: Progress = progress or (lambda *a: None)
    stop = cancel or (lambda: False)
    entries = read_manifest()
    table = read_table(entries)
    base = data or data_dir()
    folder = atlas_dir(base)
    fp = fingerprint(entries)
    current = read_status(folder)
    if (
        not force
        and current
        and current.get("fingerprint") == fp
        and current.get("detail") == detail
        and current.get("build_version") == BUILD_VERSION
    ):
        return InstallResult(False, current)
    _check_writable(base)
    src, origin = _source_folder(source, url, base, entries, say, stop)
    _verify(src, entries, say, stop)
    started = time.perf_counter()
    built, arrays = _build(src, entries, table, detail, say)
    if stop():
        raise InstallCancelled("atlas install cancelled; nothing was changed")
    status: Status = {
        "installed": True,
        "source": origin,
        "fingerprint": fp,
        "detail": detail,
        "build_version": BUILD_VERSION,
        "build_seconds": round(time.perf_counter() - started, 1),
        "triangles": built.triangles,
        "drawn": list(built.drawn),
        "muscles_drawn": [m for m in built.drawn if m in table.muscles],
        "licence": "BodyParts3D, © The Database Center for Life Science, CC BY-SA 2.1 JP",
    }
    try:
        write_cache(folder, arrays, status)
    except OSError as exc:
        raise _os_error(folder, exc) from exc
    return InstallResult(True, read_status(folder) or status)


def _check_writable(base: Path) -> None:
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = base / ".tp_explorer_write_test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise _os_error(base, exc) from exc


def _source_folder(
    source: Path | str | None,
    url: str | None,
    base: Path,
    entries: tuple[Entry, ...],
    say: Progress,
    stop: Cancel,
) -> tuple[Path, str]:
    """The folder the files are read from (given, or downloaded into), and where they came
    from in words for the status."""
    if source is not None:
        src = Path(source)
        if not src.is_dir():
            raise InstallError(f"{src}: no such folder (expected a copy of the atlas files)")
        return src, f"folder {src.resolve()}"
    src = base / SOURCE_DIR
    template = mirror_url(url or os.environ.get(ENV_URL) or DEFAULT_URL)
    _download(src, entries, template, say, stop)
    return src, template.split("{")[0]


def _build(
    src: Path, entries: tuple[Entry, ...], table: AtlasTable, detail: str, say: Progress
) -> tuple[BuiltAtlas, dict[str, np.ndarray]]:
    """The atlas built from verified files, and its cache arrays with the shipped knowledge's
    trigger points placed."""
    from tp_explorer.anatomy.atlas.build import build
    from tp_explorer.anatomy.atlas.load import trigger_point_table
    from tp_explorer.anatomy.builtin.load import load_builtin

    try:
        built = build(
            src,
            entries,
            table,
            load_builtin().muscle_paths,
            detail,
            lambda what, frac: say("build", frac, 1.0, what),
        )
        arrays = arrays_of(built)
        arrays.update(trigger_point_table(arrays))
    except (ValueError, KeyError, IndexError) as exc:
        raise InstallError(
            f"{src}: the atlas could not be built ({exc}); nothing was changed"
        ) from exc
    return built, arrays


def remove(data: Path | None = None) -> bool:
    """Delete the atlas cache and downloaded files; True when there was something to delete."""
    import shutil

    base = data or data_dir()
    found = False
    for path in (atlas_dir(base), base / SOURCE_DIR):
        if path.exists():
            shutil.rmtree(path)
            found = True
    return found
