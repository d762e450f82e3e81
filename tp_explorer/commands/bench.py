"""Sub-command: bench, the speed and memory benchmark of the real window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench``."""
    parser = sub.add_parser(
        "bench",
        help="measure start-up, frame time, selection latency and memory of the real window",
        description=(
            "Measures the window on the current display (use xvfb-run -a on a server): cold "
            "start, load times, turntable frame time against a bare pyvista plotter drawing the "
            "same triangles, selection latency over every site, memory after 200 selections."
        ),
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--cold-runs", type=int, default=5, metavar="N", help="fresh processes for the cold start"
    )
    parser.add_argument(
        "--frames", type=int, default=72, metavar="N", help="turntable frames (at least 60)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from tp_explorer.bench.report import format_table, write_json
    from tp_explorer.bench.run import run_benchmark

    result = run_benchmark(cold_runs=max(0, args.cold_runs), frames=max(60, args.frames))
    print(format_table(result))  # noqa: T201
    if args.json:
        write_json(result, args.json)
    return 0
