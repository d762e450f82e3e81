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

from tp_explorer.ui.heap import limit_heap_fragmentation


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=4)
    return q[0], statistics.median(values), q[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--frames", type=int, default=6, help="frames per block")
    parser.add_argument("--site", default=None, help="site to paint (default: the first)")
    args = parser.parse_args(argv)
    limit_heap_fragmentation()

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.bench.measure import _application, _open_window
    from tp_explorer.bench.result import BenchResult
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.ui.preflight import check_opengl

    knowledge, anatomy = load_knowledge(), load_anatomy()
    app = _application()
    result = BenchResult(renderer=check_opengl())
    window = _open_window(knowledge, anatomy, app, result)

    import pyvista as pv

    from tp_explorer.bench.frames import WARM_UP_FRAMES, frame_times, visible_meshes

    controller, plotter = window.controller, window.plotter
    site = args.site or next(iter(knowledge.sites))
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

    default_scene()
    meshes = visible_meshes(plotter)
    camera = plotter.camera_position
    bare = pv.Plotter(window_size=list(result.window_size), off_screen=False)
    bare.disable_anti_aliasing() if not result.multi_samples else bare.enable_anti_aliasing(
        "msaa", multi_samples=result.multi_samples
    )
    for mesh in meshes:
        bare.add_mesh(pv.wrap(mesh))
    bare.camera_position = camera
    bare.show(interactive_update=True, auto_close=False)

    step = 360.0 / (args.frames * args.rounds)
    conditions = {
        "default (window)": (default_scene, plotter, True),
        "default (render only)": (default_scene, plotter, False),
        "site, zones on": (lambda: site_scene(True), plotter, True),
        "site, zones off": (lambda: site_scene(False), plotter, True),
        "bare plotter": (lambda: None, bare, False),
    }
    times: dict[str, list[float]] = {name: [] for name in conditions}
    per_round: dict[str, list[float]] = {name: [] for name in conditions}
    for prepare, target, with_app in conditions.values():  # first uploads, shaders
        prepare()
        frame_times(target, WARM_UP_FRAMES, app if with_app else None)
    rng = random.Random(23)
    for round_index in range(args.rounds):
        order = list(conditions)
        rng.shuffle(order)
        for name in order:
            prepare, target, with_app = conditions[name]
            prepare()
            saved = target.camera_position
            target.camera.Azimuth(step * args.frames * round_index)
            block = frame_times(target, args.frames, app if with_app else None, step)
            target.camera_position = saved
            times[name] += block
            per_round[name].append(statistics.median(block))
    bare.close()
    window.close()

    print(f"renderer: {result.renderer}; canvas {result.window_size}; site {site}")
    print(f"{args.rounds} rounds x {args.frames} frames, conditions shuffled each round")
    print(f"{'condition':24} {'median ms':>9} {'p25-p75':>13}  {'/ bare, per round':>24}")
    bare_rounds = per_round["bare plotter"]
    for name in conditions:
        low, mid, high = _quartiles(times[name])
        ratios = [a / b for a, b in zip(per_round[name], bare_rounds, strict=True)]
        r_low, r_mid, r_high = _quartiles(ratios)
        print(
            f"{name:24} {mid:9.1f} {low:6.1f}-{high:<6.1f}  {r_mid:8.2f} ({r_low:.2f}-{r_high:.2f})"
        )
    on, off = per_round["site, zones on"], per_round["site, zones off"]
    paint = [a / b for a, b in zip(on, off, strict=True)]
    low, mid, high = _quartiles(paint)
    print(f"zones on / zones off, per round: {mid:.2f} ({low:.2f}-{high:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
