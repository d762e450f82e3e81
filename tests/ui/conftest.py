"""The real window shared by the feature tests of one module (building it takes ~1 s)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def window(qapp, knowledge, anatomy, isolated_settings) -> Any:
    """A shown, active MainWindow on the real regions.yaml and assets, closed after the module."""
    from tp_explorer.ui.main_window import MainWindow

    w = MainWindow(knowledge, anatomy, restore=False)
    w.show()
    w.activateWindow()
    qapp.processEvents()
    yield w
    w.close()


@pytest.fixture(autouse=True)
def no_camera_motion(monkeypatch) -> None:
    """The camera jumps to each framing: a test reads the final view, not a frame of the move
    (the window animates only where a frame takes < 28 ms, which a quiet GPU machine does)."""
    from tp_explorer.ui.camera_motion import NO_MOTION_ENV

    monkeypatch.setenv(NO_MOTION_ENV, "1")
