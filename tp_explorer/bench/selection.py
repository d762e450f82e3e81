"""Selection latency: each site chosen in the sites tree, as a user does, until its frame shows.

The selections are timed in blocks with turntable frames of the default scene between them, so
the frame a selection is divided by is measured on the same machine state (a shared VM's speed
drifts by 10-30 % over the minute the selections take).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from tp_explorer.bench.frames import frame_times, render_window_of
from tp_explorer.bench.result import BenchResult, percentile

if TYPE_CHECKING:
    from tp_explorer.ui.main_window import MainWindow

SELECTION_BLOCKS = 10
SETTLE_MS = 200  # idle event loop between two clicks (a person clicks a few times a second)
SETTLE_BEFORE_TURN_MS = 50
MIN_BLOCK_FRAMES = 3


def settle(app: QApplication, ms: int = SETTLE_MS) -> None:
    """Run the event loop for ``ms`` milliseconds, as the idle time between two clicks does.

    Without it the details panel's late relayout (word-wrapped labels settle ~25-250 ms after
    a selection) is painted inside the next selection's canvas repaint, which a person who
    clicks an idle window never sees.
    """
    QTest.qWait(ms)
    app.processEvents()


@dataclass
class SelectionTimes:
    """What the selection rounds measured, one entry per round (milliseconds)."""

    latencies: list[float] = field(default_factory=list)  # click to the repainted 3D frame
    totals: list[float] = field(default_factory=list)  # click until the panels are done too
    applies: list[float] = field(default_factory=list)  # the controller's apply step
    spans: list[dict[str, float]] = field(default_factory=list)  # each step of a selection
    interleaved: list[float] = field(default_factory=list)  # default-scene frames between blocks
    # per block: the median latency of its selections over the median of the frames before it
    block_ratios: list[float] = field(default_factory=list)


class SelectionRounds:
    """Clicks the rows of the window's sites tree and times each click to its frame on screen."""

    def __init__(self, window: MainWindow, app: QApplication, frames: int) -> None:
        self.window, self.app = window, app
        self.tree = window.sites_panel.tree
        count = self.tree.topLevelItemCount()
        self.items = [it for i in range(count) if (it := self.tree.topLevelItem(i)) is not None]
        self.frames = frames
        self.times = SelectionTimes()
        self.turned = 0.0  # the default scene's turntable angle, continued block after block
        self.swaps: list[float] = []
        window.plotter.frameSwapped.connect(lambda: self.swaps.append(time.perf_counter()))

    def run(self, selections: int) -> SelectionTimes:
        """``selections`` timed clicks, in blocks with turntable frames between them."""
        blocks = max(1, min(SELECTION_BLOCKS, selections))
        frames_from = latencies_from = 0
        for round_index in range(selections):
            _block, first_of_block = divmod(round_index * blocks, selections)
            if first_of_block < blocks:
                self.close_block(frames_from, latencies_from)
                frames_from, latencies_from = len(self.times.interleaved), round_index
                self.turn_default_scene(max(MIN_BLOCK_FRAMES, self.frames // blocks))
                # the timed selections go from one site to the next, as the first round does
                self.click(self.items[(round_index - 1) % len(self.items)])
                settle(self.app)
            self.time_one(self.items[round_index % len(self.items)])
        self.close_block(frames_from, latencies_from)
        return self.times

    def close_block(self, frames_from: int, latencies_from: int) -> None:
        """The ratio of the block that began at these indices, if it timed anything."""
        frames = self.times.interleaved[frames_from:]
        latencies = self.times.latencies[latencies_from:]
        if frames and latencies:
            ratio = statistics.median(latencies) / statistics.median(frames)
            self.times.block_ratios.append(ratio)

    def click(self, item: QTreeWidgetItem) -> float:
        """Click the site's row, as a user chooses it; the click's time (perf_counter)."""
        tree = self.tree
        if not tree.viewport().rect().contains(tree.visualItemRect(item)):
            tree.scrollToItem(item)  # a user scrolls to a row out of view, then clicks it
            settle(self.app)
        where = tree.visualItemRect(item).center()
        clicked = time.perf_counter()
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
        self.app.processEvents()
        render_window_of(self.window.plotter).WaitForCompletion()
        return clicked

    def time_one(self, item: QTreeWidgetItem) -> None:
        """One timed selection, then the idle time a user leaves before the next click."""
        self.swaps.clear()
        started = self.click(item)
        ended = time.perf_counter()
        # latency to the repainted 3D frame on screen (the canvas's first swap); the panels'
        # text may follow it, and the total until they are done is reported beside it
        self.times.latencies.append(((self.swaps[0] if self.swaps else ended) - started) * 1000)
        self.times.totals.append((ended - started) * 1000)
        # What app.exec() does after the frame, and processEvents() never does: without it the
        # panels' replaced widgets (deleteLater) pile up and RSS grows ~0.8 MB a selection.
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # A user clicks an idle window: let the deferred layouts and repaints of this selection
        # finish (they would otherwise be painted inside the next selection's frame).
        settle(self.app)
        self.times.applies.append(self.window.controller.last_apply_ms)
        self.times.spans.append(dict(self.window.controller.last_spans))

    def turn_default_scene(self, count: int) -> None:
        """``count`` turntable frames of the default scene, continuing the turn where it stopped."""
        controller, plotter = self.window.controller, self.window.plotter
        step = 360.0 / self.frames
        controller.select_site(None)
        controller.reset_view()
        controller.motion.finish()  # a GPU animates the move; the frames start after
        settle(self.app, SETTLE_BEFORE_TURN_MS)
        plotter.camera.Azimuth(self.turned)
        self.times.interleaved += frame_times(plotter, count, self.app, step)
        self.turned += count * step


def record_selections(result: BenchResult, times: SelectionTimes) -> None:
    """The selection figures; ``result.frame_selected_ms`` and ``frame_front_ms`` must be set."""
    result.selection_ms = statistics.median(times.latencies)
    result.selection_p95_ms = percentile(times.latencies, 0.95)
    result.selection_apply_ms = statistics.median(times.applies)
    names = dict.fromkeys(name for step in times.spans for name in step)
    result.selection_breakdown_ms = {
        name: round(statistics.median(step.get(name, 0.0) for step in times.spans), 2)
        for name in names
    }
    result.selection_with_panels_ms = statistics.median(times.totals)
    result.frame_interleaved_ms = statistics.median(times.interleaved)
    result.selection_ratio = result.selection_ms / result.frame_interleaved_ms
    # its spread: the same ratio block by block (each block against the frames just before it)
    if times.block_ratios:
        result.selection_ratio_p25 = percentile(times.block_ratios, 0.25)
        result.selection_ratio_p75 = percentile(times.block_ratios, 0.75)
    # the same latency against one frame of the selected scene (labels, markers, painted skin)
    result.selection_ratio_selected_frame = result.selection_ms / result.frame_selected_ms
    # ... and against a frame of the default scene from the same (front) view
    result.selection_ratio_front_frame = result.selection_ms / result.frame_front_ms
