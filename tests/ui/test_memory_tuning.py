"""The window limits C-heap fragmentation before anything large is allocated."""

from __future__ import annotations

import pytest

from tp_explorer.errors import InputError
from tp_explorer.ui import app as app_module


def test_run_window_tunes_the_heap_first(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(app_module, "limit_heap_fragmentation", lambda: calls.append("tuned"))
    monkeypatch.setattr(app_module, "_show_startup_error", lambda exc: calls.append("dialog"))
    with pytest.raises(InputError):
        app_module.run_window(site="elbow")  # refused before any window exists
    assert calls[0] == "tuned"


def test_tuning_is_safe_to_call_twice() -> None:
    app_module.limit_heap_fragmentation()
    app_module.limit_heap_fragmentation()
