"""Soak: a seeded random walk of user actions on the real window (benchmarks/soak.py).

Guards against slow failures a short test cannot see: an exception on some rare path (the
CrashReporter counts every uncaught one), actors added per selection instead of recoloured
(the renderer's prop count must not change), and memory that grows with use (RSS from action
200 to the end at most +10 %). The short walk runs by default; the 2,500-action one with
``-m soak`` (see README).
"""

from __future__ import annotations

import pytest

from benchmarks.soak import SAMPLE_AT, SoakWalk
from tp_explorer.ui.crash import CrashReporter

SHORT = 300
LONG = 2500


@pytest.fixture
def soak_window(qapp, knowledge, anatomy, isolated_settings):
    from tp_explorer.ui.main_window import MainWindow

    win = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    win.resize(1200, 760)
    win.show()
    qapp.processEvents()
    reporter = CrashReporter(win).install()
    yield win, reporter
    reporter.uninstall()
    win.close()
    qapp.processEvents()


def _walk(soak_window, actions: int, seed: int) -> None:
    window, reporter = soak_window
    walk = SoakWalk(window, seed=seed)
    result = walk.run(actions)
    report = "\n".join(result.lines())
    assert reporter.count == 0, f"uncaught exceptions during the walk\n{report}"
    assert result.actors_after == result.actors_before, report
    assert result.actor_counts == {result.actors_before}, report
    assert result.growth <= 0.10, report
    # every kind of action was really exercised, so a silent skip cannot pass as a soak
    assert set(result.kinds) == set(walk.kinds), report
    assert {"presentation", "quiz"} <= set(walk.kinds), "a feature's action kind went missing"
    assert result.rss_at_sample > 0 and result.actions == actions >= SAMPLE_AT


def test_short_soak(soak_window) -> None:
    _walk(soak_window, SHORT, seed=8)


@pytest.mark.soak
def test_long_soak(soak_window) -> None:
    _walk(soak_window, LONG, seed=2026)
