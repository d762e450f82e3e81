"""Where the shipped data lives, for a source checkout and for an installed wheel alike.

The wheel carries regions.yaml and assets/ under ``tp_explorer/_data``; a source checkout (or an
editable install) keeps them at the repository root. Everything that needs them asks here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REBUILD_COMMAND = "python -m tp_explorer.anatomy.build"


def _data_root() -> Path:
    bundled = PACKAGE_DIR / "_data"
    if (bundled / "regions.yaml").is_file():
        return bundled
    return PACKAGE_DIR.parent


def regions_path() -> Path:
    """The knowledge file shipped with the program."""
    return _data_root() / "regions.yaml"


def assets_dir() -> Path:
    """The folder of the committed lower-body scene."""
    return _data_root() / "assets"
