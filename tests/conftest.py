"""Shared fixtures: the real knowledge and anatomy (loaded once), and QSettings kept in tmp."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def knowledge() -> Any:
    from tp_explorer.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def anatomy() -> Any:
    from tp_explorer.anatomy import load_anatomy

    return load_anatomy()


@pytest.fixture(scope="session")
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Point QSettings (INI format) at a temporary folder for the whole session."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder
