"""The benchmark's measurements, in order, once ``run.run_benchmark`` has tuned the heap.

The libraries load in the order the window's own start loads them: Qt's widgets and the data's
libraries once the heap is tuned (this module is imported only after
``limit_heap_fragmentation()``), VTK's rendering and pyvista's plotting with the window. Where
they load moves the steady RSS: the frames and selection modules (pyvista's plotting, QtTest)
imported before the data and the window left it ~25-35 MB higher than the program's own.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from tp_explorer.anatomy import load_anatomy
from tp_explorer.bench.cold_start import BARE_WINDOW_CHILD, measure_cold_start
from tp_explorer.bench.memory import measure_bare_rss, rss_mb
from tp_explorer.bench.result import BenchResult, percentile
from tp_explorer.knowledge import load_knowledge
from tp_explorer.ui.heap import IDLE_TRIM_MS
from tp_explorer.ui.preflight import check_opengl

if TYPE_CHECKING:
    from vtkmodules.vtkCommonDataModel import vtkPolyData

    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.main_window import MainWindow

WINDOW_SIZE = (1400, 900)
STARTUP_EVENTS = 5
IDLE_AFTER_TRIM_MS = 500  # beyond the idle trim's wait, so the trim has surely run


def measure_all(
    cold_runs: int, frames: int, selections: int, measure_bare_memory: bool
) -> BenchResult:
    """Every figure, in one run on the current display (the heap is already tuned)."""
    result = BenchResult(machine=_machine())
    result.cold_start_runs_s = measure_cold_start(cold_runs) if cold_runs else []
    if result.cold_start_runs_s:
        result.cold_start_s = statistics.median(result.cold_start_runs_s)

    started = time.perf_counter()
    knowledge = load_knowledge()
    result.knowledge_load_s = time.perf_counter() - started
    started = time.perf_counter()
    anatomy = load_anatomy()
    result.asset_load_s = time.perf_counter() - started

    app = application()
    result.renderer = check_opengl()
    window = open_window(knowledge, anatomy, app, result)
    # only now, with the window (see the module's docstring): they load pyvista's plotting
    from tp_explorer.bench.frames import frame_times, measure_default_scene
    from tp_explorer.bench.selection import SelectionRounds, record_selections, settle

    meshes = measure_default_scene(window, app, frames, result)
    times = SelectionRounds(window, app, frames).run(selections)
    result.rss_after_200_selections_mb, _ = rss_mb()  # at once, before any idle moment
    result.frame_selected_ms = statistics.median(frame_times(window.plotter, frames, app))
    record_selections(result, times)
    result.actors_after_selections = len(window.plotter.renderer.actors)
    # steady memory: what the window holds once idle (it hands freed heap pages back then)
    settle(app, IDLE_TRIM_MS + IDLE_AFTER_TRIM_MS)
    result.rss_mb, result.rss_peak_mb = rss_mb()
    # after the window's memory is measured: the bare plotter adds its own
    _measure_frame_ratio(window, app, meshes, frames, result)
    window.close()
    if cold_runs:  # a plain window whose canvas is the size of ours, in fresh processes
        size = tuple(map(str, result.window_size))
        bare_runs = measure_cold_start(cold_runs, BARE_WINDOW_CHILD, size)
        result.bare_cold_start_s = statistics.median(bare_runs)
        result.cold_start_ratio = result.cold_start_s / result.bare_cold_start_s

    if measure_bare_memory:
        result.bare_rss_mb = measure_bare_rss(result.window_size, frames)
        result.rss_ratio = result.rss_mb / result.bare_rss_mb if result.bare_rss_mb else 0.0
    return result


def _measure_frame_ratio(
    window: MainWindow,
    app: QApplication,
    meshes: list[vtkPolyData],
    frames: int,
    result: BenchResult,
) -> None:
    """The default scene against a bare plotter drawing its triangles, frames of the two taken
    in alternating blocks in the same minute (``frames.paired_frames``): the ratio is the
    median of the rounds' ratios, with their quartiles as its spread."""
    from tp_explorer.bench.frames import open_bare, paired_frames
    from tp_explorer.bench.selection import settle

    controller = window.controller
    controller.select_site(None)
    controller.reset_view()
    controller.motion.finish()
    settle(app)
    bare = open_bare(
        meshes, result.window_size, window.plotter.camera_position, result.multi_samples
    )
    try:
        paired = paired_frames(window.plotter, app, bare, frames)
    finally:
        bare.close()
    result.frame_paired_ms = statistics.median(paired.window_ms)
    result.bare_frame_ms = statistics.median(paired.bare_ms)
    result.bare_frame_p95_ms = percentile(paired.bare_ms, 0.95)
    result.frame_ratio = statistics.median(paired.ratios)
    result.frame_ratio_p25 = percentile(paired.ratios, 0.25)
    result.frame_ratio_p75 = percentile(paired.ratios, 0.75)


def _machine() -> str:
    """Host, CPU count, Python and system: what makes two runs' figures comparable."""
    return (
        f"{platform.node()} {platform.machine()} {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def application() -> QApplication:
    """The running QApplication (a test's), or a new one."""
    existing = QApplication.instance()
    if existing is None:
        return QApplication(sys.argv[:1])
    if not isinstance(existing, QApplication):
        raise RuntimeError("a QCoreApplication without widgets already runs in this process")
    return existing


def open_window(
    knowledge: Knowledge, anatomy: Anatomy, app: QApplication, result: BenchResult
) -> MainWindow:
    """The explorer's window at 1400 x 900, shown and drawn once, with throwaway settings."""
    # imported here, as run_window does: after the heap is tuned and the data has loaded
    from PySide6.QtCore import QSettings

    from tp_explorer.ui.main_window import MainWindow
    from tp_explorer.ui.settings import Settings

    settings_dir = tempfile.mkdtemp(prefix="tp-bench-")  # never the user's settings
    qsettings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = MainWindow(knowledge, anatomy, settings=Settings(qsettings), restore=False)
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(STARTUP_EVENTS):
        app.processEvents()
    window.plotter.render()
    result.window_build_s = time.perf_counter() - started
    result.window_size = (window.plotter.width(), window.plotter.height())
    result.multi_samples = window.multi_samples
    return window
