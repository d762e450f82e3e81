"""Speed and memory of the real window, against the renderer's own limit.

Drives the same code paths a user does (the sites tree, the controller, the scene) on the
current display and compares the full scene's frame time with a bare pyvista plotter drawing the
identical triangles with default settings, in the same run. Timings are reported, never asserted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tp_explorer.ui.heap import limit_heap_fragmentation
from tp_explorer.ui.preflight import check_display

if TYPE_CHECKING:
    from tp_explorer.bench.result import BenchResult

TURNTABLE_FRAMES = 72
SELECTION_ROUNDS = 200


def run_benchmark(
    cold_runs: int = 5,
    frames: int = TURNTABLE_FRAMES,
    selections: int = SELECTION_ROUNDS,
    measure_bare_memory: bool = True,
) -> BenchResult:
    """Measure everything in one run on the current display.

    ``selections`` below 200 is for the test that only checks the benchmark runs.
    """
    check_display()
    limit_heap_fragmentation()  # as run_window does before anything large is allocated
    # The measurements load Qt's widgets, the data's libraries and (with the window) pyvista's
    # plotting only now, in the window's own order; see the measure module for why it matters.
    from tp_explorer.bench.measure import measure_all

    return measure_all(cold_runs, frames, selections, measure_bare_memory)
