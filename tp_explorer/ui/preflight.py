"""Checks made before Qt starts, so a missing display or OpenGL is a message, not a crash.

Qt aborts the whole process (qFatal) when its xcb plugin cannot reach a display or load its
system libraries; these checks name what is missing first and raise DisplayError (exit code 3).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

from tp_explorer.errors import DisplayError

log = logging.getLogger(__name__)

# Debian packages whose libraries Qt's xcb platform plugin loads at start-up.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "GL": "libgl1",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def _platform() -> str:
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]


def check_display() -> None:
    """Raise DisplayError unless a display Qt can open is reachable."""
    if not sys.platform.startswith("linux"):
        return
    platform = _platform()
    if platform in {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}:
        raise DisplayError(
            f"QT_QPA_PLATFORM={platform} cannot host the 3D view (it needs a real X or Wayland "
            "display with OpenGL). Unset QT_QPA_PLATFORM, or render off screen with "
            "'tp-explorer snapshot SITE --out FILE.png'."
        )
    if os.environ.get("WAYLAND_DISPLAY") and platform.startswith("wayland"):
        return
    display = os.environ.get("DISPLAY")
    if not display:
        raise DisplayError(
            "no display: the DISPLAY environment variable is not set. Start the program on a "
            "desktop, or under a virtual display (xvfb-run -a tp-explorer), or render off screen "
            "with 'tp-explorer snapshot SITE --out FILE.png'."
        )
    missing = sorted(
        pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None
    )
    if missing:
        raise DisplayError(
            "Qt's X11 plugin needs system libraries that are missing: "
            + ", ".join(missing)
            + ". Install them with: sudo apt-get install -y "
            + " ".join(missing)
        )
    xlib_name = ctypes.util.find_library("X11")
    if xlib_name:
        xlib = ctypes.CDLL(xlib_name)
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        handle = xlib.XOpenDisplay(display.encode())
        if not handle:
            raise DisplayError(
                f"cannot open the X display {display!r} named by DISPLAY: no X server answers "
                "there (is the desktop session or Xvfb running?)."
            )
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay(handle)
    log.debug("display %s reachable", display)


def check_opengl() -> str:
    """Create an OpenGL context on the running QApplication; return the renderer string.

    Needs a QApplication. Raises DisplayError when no context can be made current.
    """
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    if not context.create():
        raise DisplayError(
            "no OpenGL: Qt could not create an OpenGL context on this display. Install the "
            "graphics driver (on Debian/Ubuntu: sudo apt-get install -y libgl1-mesa-dri "
            "libegl1) or update it; the 3D view needs OpenGL 3.2 or newer."
        )
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    if not context.makeCurrent(surface):
        raise DisplayError(
            "no OpenGL: an OpenGL context was created but could not be made current."
        )
    try:
        functions = context.functions()
        gl_vendor, gl_renderer, gl_version = 0x1F00, 0x1F01, 0x1F02
        text = " | ".join(
            str(functions.glGetString(code)) for code in (gl_vendor, gl_renderer, gl_version)
        )
    finally:
        context.doneCurrent()
    fmt = context.format()
    if (fmt.majorVersion(), fmt.minorVersion()) < (3, 2):
        raise DisplayError(
            f"OpenGL {fmt.majorVersion()}.{fmt.minorVersion()} is too old for the 3D view "
            f"(needs 3.2 or newer); renderer: {text}"
        )
    log.debug("OpenGL: %s", text)
    return text
