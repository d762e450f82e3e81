"""The figures as a plain table beside their targets, and as JSON for comparing versions."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from tp_explorer.bench.result import BenchResult
from tp_explorer.files import atomic_write_bytes

TARGETS: dict[str, tuple[str, float]] = {
    "frame_ratio": ("<=", 1.15),
    "selection_ratio": ("<=", 1.3),
    "cold_start_s": ("<=", 2.0),
    "rss_mb": ("<=", 450.0),
    "triangles": ("<=", 250_000),
}
HEADER_KEYS = {"renderer", "machine", "window_size", "cold_start_runs_s"}


def _figure_text(key: str, value: object) -> str:
    """One figure as printed, with its target and whether it was met where it has one."""
    if isinstance(value, dict):
        text = ", ".join(f"{k} {v:.1f}" for k, v in value.items())
    else:
        text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
    if key in TARGETS and isinstance(value, (int, float)):
        op, limit = TARGETS[key]
        text += f"   (target {op} {limit:,}: {'met' if value <= limit else 'MISSED'})"
    return text


def format_table(result: BenchResult) -> str:
    """A plain table of every figure, with the targets beside the ones that have one."""
    rows = [
        ("renderer", result.renderer),
        ("machine", result.machine),
        ("window (canvas px)", f"{result.window_size[0]} x {result.window_size[1]}"),
    ]
    rows += [
        (key, _figure_text(key, value))
        for key, value in asdict(result).items()
        if key not in HEADER_KEYS
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def write_json(result: BenchResult, path: str | os.PathLike[str]) -> None:
    """The figures as JSON (the user named the file, so it is replaced atomically)."""
    data = asdict(result)
    data["targets"] = {k: {"op": op, "limit": lim} for k, (op, lim) in TARGETS.items()}
    atomic_write_bytes(path, (json.dumps(data, indent=2) + "\n").encode(), overwrite=True)
