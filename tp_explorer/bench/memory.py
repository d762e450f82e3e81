"""Resident memory: this process's own, and a plain window's in a fresh process (the floor)."""

from __future__ import annotations

from pathlib import Path

from tp_explorer.bench.child import run_child

PROC_STATUS = Path("/proc/self/status")
BARE_MEMORY_CHILD = "tp_explorer.bench.child_bare_memory"


def rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, in MB (Linux /proc; else zeros)."""
    if not PROC_STATUS.exists():
        return 0.0, 0.0
    fields = dict(
        line.split(":", 1) for line in PROC_STATUS.read_text().splitlines() if ":" in line
    )

    def mb(key: str) -> float:
        return int(fields.get(key, "0 kB").split()[0]) / 1024

    return mb("VmRSS"), mb("VmHWM")


def measure_bare_rss(size: tuple[int, int], frames: int) -> float:
    """RSS (MB) of a plain pyvistaqt window drawing the same triangles, in a fresh process.

    The floor the stack itself sets (Python, Qt, VTK, pyvista, the OpenGL driver) for this
    canvas size; the window's own memory is what it holds above this. 0.0 where /proc is absent.
    """
    if not PROC_STATUS.exists():
        return 0.0
    args = (str(size[0]), str(size[1]), str(frames))
    return int(run_child("bare-memory", BARE_MEMORY_CHILD, "BARE_RSS_KB", args)) / 1024
