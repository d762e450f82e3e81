"""``tp-explorer depth MUSCLE``: needle depth and nearby structures, measured in this model.

Also the ``check`` warning when a nerve measured near a needle path is missing from a muscle's
written precautions. JSON shape: docs/cli-json.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
    from tp_explorer.knowledge import Knowledge

HONESTY = (
    "Measured in this model: one adult male body (BodyParts3D), one posture; real depths vary "
    "with body size and position. No number here is a safe depth."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "depth",
        help="needle depth and the nerves, vessels and organs near each trigger point",
        description="Shortest straight needle path from the skin to each trigger point of a "
        "muscle, and the structures nearest it, in this model. " + HONESTY,
    )
    p.add_argument("muscle", metavar="MUSCLE", help="a muscle id (see: list muscles)")
    p.add_argument("--side", choices=("left", "right"), default=None, help="one side only")
    p.add_argument("--json", action="store_true", help="print JSON (see docs/cli-json.md)")
    p.add_argument(
        "--anatomy",
        choices=("atlas", "builtin"),
        default=argparse.SUPPRESS,  # leaves the global --anatomy alone
        help="which body to measure (default: the atlas when installed)",
    )
    p.set_defaults(handler=run_depth)


def _meter(source: str | None) -> tuple[Anatomy, DepthMeter]:
    """The anatomy to measure and its depth meter (imported here: VTK only when measuring)."""
    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.anatomy.depth import DepthMeter

    anatomy = load_anatomy(source=source)
    return anatomy, DepthMeter(anatomy)


def path_json(path: NeedlePath) -> dict[str, object]:
    def mm(x: float) -> float:
        return round(x * 1000.0, 1)

    return {
        "trigger_point": path.trigger_point,
        "side": path.side,
        "skin_depth_mm": mm(path.depth_m),
        "entry": [mm(x) for x in path.entry],
        "target": [mm(x) for x in path.target],
        "direction": [round(x, 3) for x in path.direction],
        "crosses_bone": path.crosses_bone,
        "near": [
            {
                "structure": s.structure,
                "label": s.label,
                "kind": s.kind,
                "distance_mm": mm(s.distance_m),
                "path_distance_mm": mm(s.path_distance_m),
            }
            for s in path.near
        ],
    }


def run_depth(args: argparse.Namespace) -> int:
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.state.needle import depth_table, thresholds_m

    kb = load_knowledge(getattr(args, "regions", None))
    muscle = kb.muscle(args.muscle)
    anatomy, meter = _meter(getattr(args, "anatomy", None))
    sides = (args.side,) if args.side else ("left", "right")
    paths = depth_table(meter, muscle, sides)
    if args.json:
        json.dump([path_json(p) for p in paths], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    margins = thresholds_m(kb)
    lines = [f"{muscle.name}: needle depth in this model ({anatomy.source} anatomy)"]
    for p in paths:
        bone = " (no bone-free path found; the line meets bone)" if p.crosses_bone else ""
        lines.append(
            f"  {p.trigger_point} ({p.side}): {p.depth_m * 1000:.0f} mm from the skin{bone}"
        )
        for s in p.near:
            caution = (
                "  <- within the caution margin"
                if s.path_distance_m <= margins.get(s.kind, -1.0)
                else ""
            )
            lines.append(
                f"      {s.label} ({s.kind}): {s.path_distance_m * 1000:.0f} mm from the path, "
                f"{s.distance_m * 1000:.0f} mm from the point{caution}"
            )
    missing = [k for k in ("artery", "vein", "organ") if k not in meter.kinds_present()]
    if missing:
        lines.append(f"This anatomy has no {', '.join(missing)} meshes: not measured.")
    lines.append("Lung and pleura are not in the model (BodyParts3D lower body): not measured.")
    lines.append("Written precautions: " + " ".join(muscle.precautions))
    lines.append(HONESTY)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def warn_precaution_gaps(kb: Knowledge, out: TextIO | None = None) -> int:
    """``check``'s warnings: nerves measured within the margin of a needle path, unwritten."""
    from tp_explorer.errors import TpExplorerError
    from tp_explorer.state.needle import precaution_gaps

    out = out or sys.stderr
    try:
        gaps = precaution_gaps(kb, _meter(None)[1])
    except TpExplorerError as exc:
        out.write(f"warning: needle distances not measured ({exc})\n")
        return 0
    for gap in gaps:
        out.write(f"{kb.source}: warning: {gap.message()}\n")
    return len(gaps)
