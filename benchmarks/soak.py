"""Soak: a seeded random walk of user actions on the real window, watching for exceptions, a
changing number of actors and memory growth (RSS from action 200 to the end must grow <= 10 %).

Run: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/soak.py [--actions N]
The test suite runs a short walk (tests/ui/test_soak.py) and, with ``-m soak``, the long one.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

SEARCH_WORDS = (
    "calf", "gluteus", "back", "ankle", "pelv", "hip", "shin", "heel", "x", "", "plantar",
    "piri", "sciatica", "<b>", "psoas", "tibialis", "zz", "quadratus",
)  # fmt: skip
SAMPLE_AT = 200
TRACE_EVERY = 250


def rss_bytes() -> int:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class SoakResult:
    actions: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    actors_before: int = 0
    actors_after: int = 0
    actor_counts: set[int] = field(default_factory=set)
    rss_at_sample: int = 0
    rss_end: int = 0
    rss_trace: list[tuple[int, int]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def growth(self) -> float:
        return (self.rss_end - self.rss_at_sample) / self.rss_at_sample if self.rss_at_sample else 0

    def lines(self) -> list[str]:
        mb = 1024 * 1024
        return [
            f"actions: {self.actions} in {self.seconds:.1f} s "
            + ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items())),
            f"actors: before {self.actors_before}, after {self.actors_after}, "
            f"seen {sorted(self.actor_counts)}",
            f"RSS: at action {SAMPLE_AT} {self.rss_at_sample / mb:.1f} MB, "
            f"at the end {self.rss_end / mb:.1f} MB, growth {self.growth * 100:+.2f} %",
            "RSS trace: " + ", ".join(f"{i}: {r / mb:.0f}" for i, r in self.rss_trace),
        ]


class SoakWalk:
    """Drives one MainWindow through the same entry points a user's clicks and keys reach."""

    def __init__(self, window: Any, seed: int = 8) -> None:
        self.window = window
        self.rng = random.Random(seed)
        self.features = getattr(window, "features", None)
        self.kinds = {
            "site": self.select_site,
            "muscle": self.focus_muscle,
            "side": self.switch_side,
            "view": self.preset_view,
            "layer": self.toggle_layer,
            "search": self.search,
            "click": self.click_canvas,
            "clear": self.clear_focus,
        }
        # Presentation mode and the quiz are features (ui/features.py); walk them when present.
        if self.features is not None and hasattr(self.features, "presentation"):
            self.kinds["presentation"] = self.toggle_presentation
        if self.features is not None and hasattr(self.features, "quiz"):
            self.kinds["quiz"] = self.quiz_step
        self.weights = {"click": 3, "site": 2, "muscle": 2, "presentation": 0.3, "quiz": 1}

    # ---- actions
    def select_site(self) -> None:
        tree = self.window.sites_panel.tree
        tree.setCurrentItem(tree.topLevelItem(self.rng.randrange(tree.topLevelItemCount())))

    def focus_muscle(self) -> None:
        chain = self.window.chain_panel.list
        items = [chain.item(i) for i in range(chain.count())]
        items = [it for it in items if it.data(Qt.ItemDataRole.UserRole)]
        if not items:
            self.select_site()
            return
        chain.setCurrentItem(self.rng.choice(items))

    def switch_side(self) -> None:
        self.rng.choice(list(self.window.actions.sides.values())).trigger()

    def preset_view(self) -> None:
        self.rng.choice(list(self.window.actions.views.values())).trigger()

    def toggle_layer(self) -> None:
        self.rng.choice(list(self.window.actions.layers.values())).trigger()

    def search(self) -> None:
        box = self.window.sites_panel.search
        box.setText(self.rng.choice(SEARCH_WORDS))
        if self.rng.random() < 0.4:
            box.returnPressed.emit()

    def click_canvas(self) -> None:
        plotter = self.window.plotter
        pos = QPoint(self.rng.randrange(plotter.width()), self.rng.randrange(plotter.height()))
        QTest.mouseClick(plotter, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

    def clear_focus(self) -> None:
        self.window.controller.clear_focus()

    def toggle_presentation(self) -> None:
        presentation = self.features.presentation
        if self.features.quiz.quiz is not None:
            self.features.quiz.stop()
        presentation.action.trigger()

    def quiz_step(self) -> None:
        quiz = self.features.quiz
        if self.features.presentation.active:
            self.features.presentation.leave()
        if quiz.quiz is None:
            quiz.start(rounds=3, seed=self.rng.randrange(1000))
            return
        step = self.rng.random()
        if step < 0.2:
            quiz.stop()
            quiz.hide()
        elif quiz.awaiting_answer:
            if self.rng.random() < 0.5:
                quiz.choose(self.rng.randrange(4))
            else:
                self.click_canvas()
        else:
            quiz.next_question()

    # ---- the walk
    def actor_count(self) -> int:
        return self.window.plotter.renderer.GetViewProps().GetNumberOfItems()

    def settle(self) -> None:
        app = QApplication.instance()
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def idle(self) -> None:
        """Leave the window alone past its idle trim, as a person pauses between actions; RSS is
        read at such a pause, never in the middle of a burst of clicks."""
        from tp_explorer.ui.heap import IDLE_TRIM_MS

        self.settle()
        QTest.qWait(IDLE_TRIM_MS + 300)

    def reset(self) -> None:
        """Back to explore mode, nothing selected, so the end is compared with the start."""
        if self.features is not None:
            if self.features.presentation.active:
                self.features.presentation.leave()
            if self.features.quiz.quiz is not None:
                self.features.quiz.stop()
            self.features.quiz.hide()
        self.window.sites_panel.search.clear()
        self.window.controller.select_site(None)
        self.settle()

    def run(self, actions: int, only: str | None = None) -> SoakResult:
        """Walk ``actions`` steps; ``only`` (kinds, comma-separated) restricts the walk to those
        kinds (for finding leaks)."""
        result = SoakResult()
        self.reset()
        result.actors_before = self.actor_count()
        names = only.split(",") if only else list(self.kinds)
        weights = [self.weights.get(n, 1) for n in names]
        started = time.perf_counter()
        for i in range(1, actions + 1):
            kind = self.rng.choices(names, weights)[0]
            self.kinds[kind]()
            result.kinds[kind] += 1
            self.settle()
            if self.window.state.mode == "explore":
                result.actor_counts.add(self.actor_count())
            if i == SAMPLE_AT:
                gc.collect()
                self.idle()
                result.rss_at_sample = rss_bytes()
            if i % TRACE_EVERY == 0:
                self.idle()
                result.rss_trace.append((i, rss_bytes()))
        self.reset()
        gc.collect()
        self.idle()
        result.rss_end = rss_bytes()
        result.actors_after = self.actor_count()
        result.actions = actions
        result.seconds = time.perf_counter() - started
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--only",
        metavar="KIND",
        help="walk only these kinds of action, comma-separated (site,click…)",
    )
    args = parser.parse_args(argv)

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.ui.app import limit_heap_fragmentation
    from tp_explorer.ui.crash import CrashReporter
    from tp_explorer.ui.main_window import MainWindow

    limit_heap_fragmentation()  # as run_window does at start-up
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the user's own settings
    tmp = tempfile.mkdtemp(prefix="tp-soak-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    window = MainWindow(load_knowledge(), load_anatomy(), multi_samples=0, restore=False)
    window.resize(1200, 760)
    window.show()
    app.processEvents()
    reporter = CrashReporter(window).install()
    try:
        walk = SoakWalk(window, seed=args.seed)
        if args.only and not set(args.only.split(",")) <= set(walk.kinds):
            parser.error(f"--only: kinds from {', '.join(walk.kinds)}, comma-separated")
        result = walk.run(args.actions, only=args.only)
    finally:
        reporter.uninstall()
    for line in result.lines():
        print(line)
    print(f"uncaught exceptions: {reporter.count}")
    ok = reporter.count == 0 and result.actors_after == result.actors_before
    ok = ok and result.growth <= 0.10
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
