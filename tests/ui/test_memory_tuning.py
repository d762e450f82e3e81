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


def test_trim_is_safe_to_call_any_time() -> None:
    from tp_explorer.ui.heap import trim_heap

    assert trim_heap() in (True, False)
    assert trim_heap() in (True, False)


def test_window_trims_its_heap_once_quiet_after_a_change(window, qtbot, monkeypatch) -> None:
    """A burst of changes is trimmed once, after the last one, not during it."""
    from tp_explorer.ui import heap

    trims: list[int] = []
    monkeypatch.setattr(heap, "trim_heap", lambda: trims.append(1) or True)
    trimmer = window.heap_trim
    trimmer.trim_now()
    trims.clear()
    for site in ("hip", "pelvis", "knee"):
        window.controller.select_site(site)
        assert trimmer.pending
        assert trims == []  # nothing while the user is still clicking
    qtbot.waitUntil(lambda: trims == [1], timeout=heap.IDLE_TRIM_MS + 2000)
    assert not trimmer.pending
    window.resize(window.width() + 40, window.height())
    assert trimmer.pending  # a resize frees the old framebuffers: trimmed once quiet too
    qtbot.waitUntil(lambda: trims == [1, 1], timeout=heap.IDLE_TRIM_MS + 2000)
    window.controller.select_site(None)
