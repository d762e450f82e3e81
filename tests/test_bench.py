"""The benchmark runs on the real window and writes its JSON; timings are never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

REQUIRED = (
    "cold_start_s",
    "bare_cold_start_s",
    "cold_start_ratio",
    "frame_ms",
    "bare_frame_ms",
    "frame_ratio",
    "selection_ms",
    "selection_ratio",
    "rss_mb",
    "triangles",
    "renderer",
)


@pytest.mark.slow  # ~15 s quiet, over 20 s on a loaded 2-core machine
def test_benchmark_runs_and_writes_json(tmp_path) -> None:
    from tp_explorer.bench.report import format_table, write_json
    from tp_explorer.bench.run import run_benchmark

    result = run_benchmark(cold_runs=1, frames=60, selections=10)
    out = tmp_path / "bench.json"
    write_json(result, out)
    data = json.loads(out.read_text())

    assert set(REQUIRED) <= set(data)
    assert data["renderer"].count(" | ") == 2  # GL vendor | renderer | version, as printed
    for key in REQUIRED[:-1]:
        assert data[key] > 0, key
    assert data["actors"] == data["actors_after_selections"]  # a selection creates no actor
    # the frame ratio is the median of rounds that alternate the window and the bare plotter
    assert data["frame_paired_ms"] > 0
    assert data["frame_ratio_p25"] <= data["frame_ratio"] <= data["frame_ratio_p75"]
    assert 0 < data["selection_ratio_p25"] <= data["selection_ratio_p75"]
    assert "frame_ratio" in format_table(result)


def _loaded(modules: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules matching ``prefixes`` that a fresh Python has after importing ``modules``."""
    code = (
        f"import sys, {modules}\n"
        f"print('\\n'.join(m for m in sys.modules"
        f" if any(m == p or m.startswith(p + '.') for p in {prefixes!r})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return proc.stdout.split()


def test_bench_entry_loads_no_heavy_library_before_the_heap_is_tuned() -> None:
    """run_benchmark tunes the heap first; libraries loaded before it change the window's RSS."""
    heavy = ("pyvista", "pyvistaqt", "vtkmodules", "numpy", "PySide6.QtWidgets")
    assert _loaded("tp_explorer.bench.run, tp_explorer.bench.report", heavy) == []


def test_bench_measurements_load_plotting_only_with_the_window() -> None:
    """As the window's own start: pyvista's plotting loads with the window, not before the data.

    Loaded before the data and the window, it left the bench's steady RSS ~25-35 MB above the
    program's own.
    """
    plotting = ("pyvista.plotting", "pyvistaqt", "vtkmodules.vtkRenderingCore", "PySide6.QtTest")
    assert _loaded("tp_explorer.bench.measure", plotting) == []
