"""The benchmark runs on the real window and writes its JSON; timings are never asserted here."""

from __future__ import annotations

import json

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
    assert "frame_ratio" in format_table(result)
