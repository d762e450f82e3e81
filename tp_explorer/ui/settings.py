"""What the window remembers between sessions, in QSettings under an explicit name.

Tests point QSettings at a temporary folder (tests/conftest.py), never at the user's.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from tp_explorer.state import DEFAULT_LAYERS, LAYERS, SIDE_CHOICES

ORGANISATION = "tp_explorer"
APPLICATION = "tp_explorer"
DEFAULT_FONT_PT = 11
FONT_RANGE = (8, 24)


class Settings:
    """Typed access to the few values kept: geometry, side, layers, last site, font size."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def side(self) -> str:
        value = str(self.q.value("view/side", "both"))
        return value if value in SIDE_CHOICES else "both"

    def layers(self) -> frozenset[str]:
        value = self.q.value("view/layers")
        if value is None:
            return DEFAULT_LAYERS
        names = [value] if isinstance(value, str) else list(value)
        return frozenset(n for n in names if n in LAYERS) if names != [""] else frozenset()

    def last_site(self) -> str | None:
        value = self.q.value("selection/site")
        return str(value) if value else None

    def font_size(self) -> int:
        try:
            value = int(self.q.value("view/font_pt", DEFAULT_FONT_PT))
        except (TypeError, ValueError):
            value = DEFAULT_FONT_PT
        return min(max(value, FONT_RANGE[0]), FONT_RANGE[1])

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
