"""Shared fixtures: the real knowledge and anatomy (loaded once), and QSettings kept in tmp.

The suite runs on the built-in anatomy unless a test asks for the atlas: an empty data folder
is set for the whole session, so no atlas a developer installed changes what tests see. The
atlas fixtures install BodyParts3D from ../shared/bodyparts3d (or use the folder that
scripts/test.sh installed into, $TP_EXPLORER_TEST_ATLAS_DATA) and never touch the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
ATLAS_SOURCE = Path(
    os.environ.get("TP_EXPLORER_ATLAS_SOURCE", REPO.parent / "shared" / "bodyparts3d")
)


def require_atlas_source() -> Path:
    """The shared BodyParts3D folder; the test skips without it, or fails where the test
    command said the atlas tests must run (TP_EXPLORER_REQUIRE_ATLAS)."""
    if not ATLAS_SOURCE.is_dir():
        if os.environ.get("TP_EXPLORER_REQUIRE_ATLAS"):
            pytest.fail(f"{ATLAS_SOURCE}: the BodyParts3D folder the atlas tests need is missing")
        pytest.skip(f"{ATLAS_SOURCE} is not here (the atlas tests need it)")
    return ATLAS_SOURCE


@pytest.fixture(scope="session", autouse=True)
def empty_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No atlas unless a test installs one: the built-in anatomy is the default here."""
    folder = tmp_path_factory.mktemp("data-empty")
    old = os.environ.get("TP_EXPLORER_DATA_DIR")
    os.environ["TP_EXPLORER_DATA_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("TP_EXPLORER_DATA_DIR", None)
    else:
        os.environ["TP_EXPLORER_DATA_DIR"] = old


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The validated-knowledge cache in a temporary folder: tests never read or fill the
    user's own cache."""
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("TP_EXPLORER_CACHE_DIR")
    os.environ["TP_EXPLORER_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("TP_EXPLORER_CACHE_DIR", None)
    else:
        os.environ["TP_EXPLORER_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def atlas_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the atlas installed from the shared BodyParts3D folder (once)."""
    ready = os.environ.get("TP_EXPLORER_TEST_ATLAS_DATA")
    if ready and (Path(ready) / "atlas" / "atlas.json").is_file():
        return Path(ready)
    require_atlas_source()
    from tp_explorer.anatomy.atlas.install import install

    folder = tmp_path_factory.mktemp("data-atlas")
    install(ATLAS_SOURCE, data=folder)
    return folder


@pytest.fixture(scope="session")
def atlas(atlas_data_dir: Path) -> Any:
    """The atlas Anatomy value, loaded once."""
    from tp_explorer.anatomy.atlas.load import load_atlas

    return load_atlas(atlas_data_dir / "atlas")


@pytest.fixture(scope="session")
def knowledge() -> Any:
    from tp_explorer.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def anatomy() -> Any:
    from tp_explorer.anatomy import load_anatomy

    return load_anatomy(source="builtin")


@pytest.fixture(scope="session")
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Point QSettings (INI format) at a temporary folder for the whole session."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder
