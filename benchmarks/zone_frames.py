"""What painting the zones costs a frame, measured robustly on a noisy shared machine.

    xvfb-run -a python benchmarks/zone_frames.py [--rounds N] [--frames N] [--site SITE]

One process, one minute: the window's default scene (what ``frame_ratio`` divides), a site
with its zones painted, the same site with the zones layer hidden (same camera), and a bare
pyvista plotter drawing the default scene's triangles are timed in short turntable blocks,
the conditions shuffled round after round, so a shared VM's drift falls on all of them alike.
Each round's ratio to the bare block of the same round is reported (median and spread), with
the medians of all frames.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tp_explorer.ui.heap import limit_heap_fragmentation

if TYPE_CHECKING:
    import pyvista as pv
    from PySide6.QtWidgets import QApplication

    from tp_explorer.ui.main_window import MainWindow


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=4)
    return q[0], statistics.median(values), q[2]


Condition = tuple[Callable[[], None], "pv.BasePlotter", bool]  # prepare, plotter, with the Qt paint


def conditions(
    window: MainWindow, app: QApplication, site: str, bare: pv.BasePlotter | None
) -> dict[str, Condition]:
    """What is timed: how to bring each condition on, its plotter, and whether a frame
    includes the window's Qt paint (the bare plotter has none)."""
    controller, plotter = window.controller, window.plotter
    layers = controller.state.selection.layers

    def default_scene() -> None:
        controller.state.update(layers=layers)
        controller.select_site(None)
        controller.reset_view()
        controller.motion.finish()
        app.processEvents()

    def site_scene(zones: bool) -> None:
        if controller.state.selection.site != site:
            controller.select_site(site)
            controller.motion.finish()
        controller.state.update(layers=layers if zones else layers - {"zones"})
        app.processEvents()

    return {
        "default (window)": (default_scene, plotter, True),
        "default (render only)": (default_scene, plotter, False),
        "site, zones on": (lambda: site_scene(True), plotter, True),
        "site, zones off": (lambda: site_scene(False), plotter, True),
        **({"bare plotter": (lambda: None, bare, False)} if bare is not None else {}),
    }


def shuffled_rounds(
    timed: dict[str, Condition], app: QApplication, rounds: int, frames: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Every frame of each condition, and each round's median, the conditions shuffled in
    every round and each block turned to the same angles."""
    from tp_explorer.bench.frames import WARM_UP_FRAMES, frame_times

    step = 360.0 / (frames * rounds)
    times: dict[str, list[float]] = {name: [] for name in timed}
    per_round: dict[str, list[float]] = {name: [] for name in timed}
    for prepare, target, with_app in timed.values():  # first uploads, shaders
        prepare()
        frame_times(target, WARM_UP_FRAMES, app if with_app else None)
    rng = random.Random(23)
    for round_index in range(rounds):
        order = list(timed)
        rng.shuffle(order)
        for name in order:
            prepare, target, with_app = timed[name]
            prepare()
            saved = target.camera_position
            target.camera.Azimuth(step * frames * round_index)
            block = frame_times(target, frames, app if with_app else None, step)
            target.camera_position = saved
            times[name] += block
            per_round[name].append(statistics.median(block))
    return times, per_round


def report(times: dict[str, list[float]], per_round: dict[str, list[float]]) -> None:
    """Each condition's median frame and its ratio to the bare plotter, round by round."""
    print(f"{'condition':24} {'median ms':>9} {'p25-p75':>13}  {'/ bare, per round':>24}")
    bare_rounds = per_round["bare plotter"]
    for name in times:
        low, mid, high = _quartiles(times[name])
        ratios = [a / b for a, b in zip(per_round[name], bare_rounds, strict=True)]
        r_low, r_mid, r_high = _quartiles(ratios)
        print(
            f"{name:24} {mid:9.1f} {low:6.1f}-{high:<6.1f}  {r_mid:8.2f} ({r_low:.2f}-{r_high:.2f})"
        )
    on, off = per_round["site, zones on"], per_round["site, zones off"]
    low, mid, high = _quartiles([a / b for a, b in zip(on, off, strict=True)])
    print(f"zones on / zones off, per round: {mid:.2f} ({low:.2f}-{high:.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--frames", type=int, default=6, help="frames per block")
    parser.add_argument("--site", default=None, help="site to paint (default: the first)")
    args = parser.parse_args(argv)
    limit_heap_fragmentation()

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.bench.measure import application, open_window
    from tp_explorer.bench.result import BenchResult
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.ui.preflight import check_opengl

    knowledge, anatomy = load_knowledge(), load_anatomy()
    app = application()
    result = BenchResult(renderer=check_opengl())
    window = open_window(knowledge, anatomy, app, result)
    from tp_explorer.bench.frames import open_bare, visible_meshes

    site = args.site or next(iter(knowledge.sites))
    timed = conditions(window, app, site, None)
    timed["default (window)"][0]()  # the default scene: its triangles go to the bare plotter
    plotter = window.plotter
    bare = open_bare(
        visible_meshes(plotter), result.window_size, plotter.camera_position, result.multi_samples
    )
    timed = conditions(window, app, site, bare)
    times, per_round = shuffled_rounds(timed, app, args.rounds, args.frames)
    bare.close()
    window.close()
    print(f"renderer: {result.renderer}; canvas {result.window_size}; site {site}")
    print(f"{args.rounds} rounds x {args.frames} frames, conditions shuffled each round")
    report(times, per_round)
    return 0


if __name__ == "__main__":
    sys.exit(main())
