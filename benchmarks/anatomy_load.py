"""How long loading the committed anatomy takes, and what it holds (budget: <= 0.3 s).

Run: python benchmarks/anatomy_load.py
"""

from __future__ import annotations

import statistics
import time

from tp_explorer.anatomy import load_anatomy
from tp_explorer.resources import assets_dir


def main() -> None:
    load_anatomy()  # warm imports and the file cache
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        anat = load_anatomy()
        times.append(time.perf_counter() - t0)
    bones = sum(m.n_cells for m in anat.bones.values())
    muscles = sum(m.n_cells for s in anat.muscles.values() for m in s.values())
    size = sum(p.stat().st_size for p in assets_dir().rglob("*") if p.is_file())
    print(f"load: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(
        f"triangles: bones {bones}, muscles {muscles}, skin {anat.skin.n_cells}, "
        f"total {bones + muscles + anat.skin.n_cells}"
    )
    print(f"assets: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
