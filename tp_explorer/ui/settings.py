"""What the window remembers between sessions, in QSettings under an explicit name.

A settings file can be corrupt, hand-edited or left by another version: every value is checked
on read, and one that cannot be used is logged as a WARNING naming its key and replaced by the
default, so a bad file never stops the window from opening. Tests point QSettings at a temporary
folder (tests/conftest.py), never at the user's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tp_explorer.state import DEFAULT_LAYERS, SIDE_CHOICES
from tp_explorer.ui.chart_view import VIEW_LAYERS

log = logging.getLogger(__name__)

ORGANISATION = "tp_explorer"
APPLICATION = "tp_explorer"
DEFAULT_SIDE = "both"
DEFAULT_FONT_PT = 11
FONT_RANGE = (8, 24)
KEYS = frozenset(
    {
        "window/geometry",
        "window/state",
        "window/splitter",
        "view/side",
        "view/layers",
        "view/font_pt",
        "selection/site",
    }
)
# The first bytes Qt writes: QWidget::saveGeometry's magic number; QMainWindow::saveState's
# and QSplitter::saveState's version marker (0xff). Anything else restores nothing useful.
MAGIC = {
    "window/geometry": b"\x01\xd9\xd0\xcb",
    "window/state": b"\x00\x00\x00\xff",
    "window/splitter": b"\x00\x00\x00\xff",
}


def _ignored(key: str, value: object, why: str, default: object) -> None:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    log.warning("settings: %s = %s ignored (%s); using %r", key, shown, why, default)


def _has_content(file_name: str) -> bool:
    try:
        return Path(file_name).is_file() and bool(Path(file_name).read_bytes().strip())
    except OSError:
        return False


class Settings:
    """Typed access to the few values kept: geometry, side, layers, last site, font size."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )
        self._check_file()

    def _check_file(self) -> None:
        status = self.q.status()
        if status != QSettings.Status.NoError:
            log.warning(
                "settings: %s cannot be read (%s); using defaults",
                self.q.fileName(),
                status.name,
            )
            return
        keys = self.q.allKeys()
        if not keys and _has_content(self.q.fileName()):
            log.warning(
                "settings: %s is not a settings file tp_explorer can read; using defaults",
                self.q.fileName(),
            )
            return
        unknown = sorted(k for k in keys if k not in KEYS)
        if unknown:
            listed = ", ".join(repr(k[:30]) for k in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            log.warning(
                "settings: %s holds unknown keys %s%s; ignored",
                self.q.fileName(),
                listed,
                more,
            )

    def _value(self, key: str) -> object:  # whatever the file held: each reader checks it
        try:
            return self.q.value(key)
        except Exception as exc:  # a value Qt cannot turn into Python
            _ignored(key, "?", f"unreadable: {exc}", None)
            return None

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._value(key)
        if value is None:
            return None
        if not isinstance(value, QByteArray):
            _ignored(key, value, "not saved window data", None)
            return None
        if not bytes(value.data()).startswith(MAGIC[key]):
            _ignored(key, bytes(value.data()[:16]), "not saved window data", None)
            return None
        return value

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def side(self) -> str:
        value = self._value("view/side")
        if value is None:
            return DEFAULT_SIDE
        if isinstance(value, str) and value in SIDE_CHOICES:
            return value
        _ignored("view/side", value, f"not one of {', '.join(SIDE_CHOICES)}", DEFAULT_SIDE)
        return DEFAULT_SIDE

    def layers(self) -> frozenset[str]:
        value = self._value("view/layers")
        if value is None:
            return DEFAULT_LAYERS
        if value == "":  # every layer switched off is saved as an empty string
            return frozenset()
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            _ignored("view/layers", value, "not a list of layer names", sorted(DEFAULT_LAYERS))
            return DEFAULT_LAYERS
        unknown = [n for n in names if n not in VIEW_LAYERS]
        if unknown:
            _ignored("view/layers", unknown, "unknown layers", "the others")
        return frozenset(n for n in names if n in VIEW_LAYERS)

    def last_site(self) -> str | None:
        value = self._value("selection/site")
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            _ignored("selection/site", value, "not a site id", None)
            return None
        return value

    def font_size(self) -> int:
        value = self._value("view/font_pt")
        if value is None:
            return DEFAULT_FONT_PT
        try:
            if not isinstance(value, str | int | float):
                raise TypeError(type(value).__name__)
            size = int(value)
        except (TypeError, ValueError):
            _ignored("view/font_pt", value, "not a whole number", DEFAULT_FONT_PT)
            return DEFAULT_FONT_PT
        low, high = FONT_RANGE
        if not low <= size <= high:
            clamped = min(max(size, low), high)
            _ignored("view/font_pt", value, f"outside {low}-{high}", clamped)
            return clamped
        return size

    def save(
        self,
        *,
        geometry: QByteArray,
        window_state: QByteArray,
        splitter: QByteArray,
        side: str,
        layers: frozenset[str],
        site: str | None,
        font_pt: int,
    ) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", window_state)
        self.q.setValue("window/splitter", splitter)
        self.q.setValue("view/side", side)
        self.q.setValue("view/layers", sorted(layers) or "")
        self.q.setValue("selection/site", site or "")
        self.q.setValue("view/font_pt", int(font_pt))
        self.q.sync()
        if self.q.status() != QSettings.Status.NoError:
            log.warning(
                "settings: could not save to %s (%s)", self.q.fileName(), self.q.status().name
            )
