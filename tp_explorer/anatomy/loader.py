"""Pick the anatomy source: the installed BodyParts3D atlas when there is one (atlas/load.py),
else the committed built-in body in assets/ (builtin/load.py). Both load with numpy and pyvista
only (no build inputs)."""

from __future__ import annotations

import logging
from pathlib import Path

from tp_explorer.anatomy.builtin.load import load_builtin
from tp_explorer.anatomy.model import Anatomy
from tp_explorer.errors import AssetError

log = logging.getLogger(__name__)
SOURCES = ("atlas", "builtin")
_default_source: str | None = None


def set_default_source(source: str | None) -> None:
    """The source load_anatomy() uses when not told (the command line's --anatomy)."""
    global _default_source
    if source not in (None, *SOURCES):
        raise ValueError(f"anatomy source must be one of {SOURCES}, not {source!r}")
    _default_source = source


def atlas_installed() -> bool:
    """Whether an atlas cache is installed in the user's data directory."""
    from tp_explorer.anatomy.atlas.cache import atlas_dir, read_status

    return read_status(atlas_dir()) is not None


def load_anatomy(assets_dir: Path | str | None = None, source: str | None = None) -> Anatomy:
    """The lower-body scene. ``source``: "atlas", "builtin", or None for the atlas when it is
    installed (a broken atlas is then logged and the built-in body serves). ``assets_dir``
    points the built-in source elsewhere. AssetError names the bad file."""
    if source not in (None, *SOURCES):
        raise ValueError(f"anatomy source must be one of {SOURCES}, not {source!r}")
    if source is None and assets_dir is None:
        source = _default_source
    if source == "atlas" or (source is None and assets_dir is None and atlas_installed()):
        from tp_explorer.anatomy.atlas.load import load_atlas

        try:
            return load_atlas()
        except AssetError as exc:
            if source == "atlas":
                raise
            log.warning("%s; using the built-in anatomy", exc)
    return load_builtin(assets_dir)
