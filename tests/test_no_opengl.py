"""No usable OpenGL (a clinic PC with a broken driver): a clear message and exit code 3.

A real machine without OpenGL cannot be had in a test, so QOpenGLContext is made to fail: once
in a subprocess that runs the real front door, and in-process for each check of check_opengl.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tp_explorer.errors import DisplayError

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QOpenGLContext
    QOpenGLContext.create = lambda self: False   # what a missing or broken driver does
    from tp_explorer.ui import app
    app.show_error = lambda title, message: print("DIALOG:", message, flush=True)
    from tp_explorer.cli import main
    sys.exit(main([]))
    """
)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs the test run's X display")
def test_window_without_opengl_exits_3_with_a_message() -> None:
    """Guards check_opengl in run_window: exit 3, the message on stderr and in a dialog."""
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 3, result.stderr
    assert "no OpenGL" in result.stderr
    assert "graphics driver" in result.stderr
    assert "Traceback" not in result.stderr
    assert "DIALOG: no OpenGL" in result.stdout


def test_context_that_cannot_be_created_is_a_display_error(qapp, monkeypatch) -> None:
    """Guards the create() check of check_opengl."""
    from PySide6.QtGui import QOpenGLContext

    from tp_explorer.ui.preflight import check_opengl

    monkeypatch.setattr(QOpenGLContext, "create", lambda self: False)
    with pytest.raises(DisplayError, match="no OpenGL") as info:
        check_opengl()
    assert info.value.exit_code == 3


def test_context_that_cannot_be_made_current_is_a_display_error(qapp, monkeypatch) -> None:
    """Guards the makeCurrent() check of check_opengl."""
    from PySide6.QtGui import QOpenGLContext

    from tp_explorer.ui.preflight import check_opengl

    monkeypatch.setattr(QOpenGLContext, "makeCurrent", lambda self, surface: False)
    with pytest.raises(DisplayError, match="made current"):
        check_opengl()


def test_too_old_opengl_is_a_display_error(qapp, monkeypatch) -> None:
    """Guards the version check: OpenGL 2.1 (old Intel drivers) is refused by name."""
    from PySide6.QtGui import QOpenGLContext, QSurfaceFormat

    from tp_explorer.ui.preflight import check_opengl

    old = QSurfaceFormat()
    old.setVersion(2, 1)
    monkeypatch.setattr(QOpenGLContext, "format", lambda self: old)
    with pytest.raises(DisplayError, match=r"OpenGL 2\.1 is too old"):
        check_opengl()


def test_working_opengl_passes(qapp) -> None:
    """Guards the tests above: on the test display check_opengl succeeds."""
    from tp_explorer.ui.preflight import check_opengl

    assert check_opengl()
