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
    from tp_explorer.anatomy.depth import DepthMeter
    from tp_explorer.knowledge import Knowledge

HONESTY = (
    "Measured in this model: one adult male body (BodyParts3D), one posture; real depths vary "
    "with body size and position. No number here is a safe depth."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "depth",
        help="needle depth and the nerves, vessels and organs near each trigger point",
        description="Needle depth to each trigger point of a muscle along the approach courses "
        "teach (or, where no source gives one, the shortest bone-free path, labelled so), the "
        "muscles the path crosses, the structures nearest it and published depths, in this "
        "model. " + HONESTY,
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


def run_depth(args: argparse.Namespace) -> int:
    from tp_explorer.commands.depth_format import reading_json, reading_lines
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.state.approach import readings
    from tp_explorer.state.needle import thresholds_m

    kb = load_knowledge(getattr(args, "regions", None))
    muscle = kb.muscle(args.muscle)
    anatomy, meter = _meter(getattr(args, "anatomy", None))
    sides = (args.side,) if args.side else ("left", "right")
    found = readings(meter, muscle, sides)
    if args.json:
        json.dump([reading_json(r) for r in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    margins = thresholds_m(kb)
    lines = [f"{muscle.name}: needle depth in this model ({anatomy.source} anatomy)"]
    for r in found:
        lines.extend(reading_lines(r, margins))
    missing = [k for k in ("artery", "vein", "organ") if k not in meter.kinds_present()]
    if missing:
        lines.append(f"This anatomy has no {', '.join(missing)} meshes: not measured.")
    lines.append(
        "Not measurable in this model: lung and pleura (BodyParts3D lower body), body size "
        "and posture (one adult male, standing)."
    )
    lines.append("Margins marked are the clinic's choice, not published safe distances.")
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
