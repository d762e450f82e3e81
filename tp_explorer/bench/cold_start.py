"""Cold start: seconds from a fresh process's start to its window's first frame on screen."""

from __future__ import annotations

import compileall
import time
from pathlib import Path

import tp_explorer
from tp_explorer.bench.child import run_child

WINDOW_CHILD = "tp_explorer.bench.child_window_start"
BARE_WINDOW_CHILD = "tp_explorer.bench.child_bare_start"


def compile_bytecode() -> None:
    """Write the package's bytecode, as an installed program has it.

    pip compiles what it installs, and Python writes the rest on the first start; where
    PYTHONDONTWRITEBYTECODE is set (as on some servers) every start would otherwise compile
    ~75 modules from source again, ~0.15 s no user pays.
    """
    compileall.compile_dir(Path(tp_explorer.__file__).parent, quiet=1)


def measure_cold_start(
    runs: int, child: str = WINDOW_CHILD, args: tuple[str, ...] = ()
) -> list[float]:
    """Seconds from process start to the ``child`` module's first rendered frame, each fresh."""
    compile_bytecode()
    times = []
    for _ in range(runs):
        started = time.time()
        times.append(float(run_child("cold-start", child, "FIRST_FRAME", args)) - started)
    return times
