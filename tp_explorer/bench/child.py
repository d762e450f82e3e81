"""Fresh Python processes on this display, each a module of this package run with ``-m``.

Start-up time and a bare stack's memory are only honest in a process that has loaded nothing
yet; each child prints one tagged line with its figure.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD_TIMEOUT_S = 300


def run_child(what: str, module: str, tag: str, args: tuple[str, ...] = ()) -> str:
    """Run ``python -m module args`` on this display; the value after its last ``tag`` line."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        env=os.environ.copy(),
    )
    stamps = [ln for ln in proc.stdout.splitlines() if ln.startswith(tag)]
    if proc.returncode != 0 or not stamps:
        raise RuntimeError(f"{what} child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return stamps[-1].split()[1]
