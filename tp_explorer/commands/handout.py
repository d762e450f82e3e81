"""Sub-command: handout SITE --out FILE.pdf [--side] [--force].

Renders the front and back pictures off screen through the window's scene code and writes the
PDF with Qt's own PDF writer. With no display, Qt's offscreen platform is used for the PDF part.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-commands."""
    p = sub.add_parser(
        "handout",
        help="write a patient handout PDF for a pain site",
        description=(
            "Write a two-page patient handout (front and back pictures, the chain's muscles, "
            "a legend, a plain-language explanation, the study, blank therapist fields)."
        ),
    )
    p.add_argument("site", metavar="SITE", help="pain site id (see `tp-explorer list`)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument(
        "--side",
        choices=("left", "right", "both"),
        default=argparse.SUPPRESS,
        help="side shown (default both)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.add_argument(
        "--depth-table",
        action="store_true",
        help="add a page for the therapist: each chain trigger point's needle depth and "
        "nearest nerve and artery, in this model",
    )
    p.add_argument(
        "--anatomy",
        choices=("atlas", "builtin"),
        default=argparse.SUPPRESS,
        help="the detailed atlas or the built-in body (default: the atlas when installed)",
    )
    p.set_defaults(handler=run_handout)


def run_handout(args: argparse.Namespace) -> int:
    from tp_explorer.files import check_target

    side = getattr(args, "side", None) or "both"
    target = check_target(args.out, args.force)  # refuse early, before any rendering
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tp_explorer.ui.handout import write_site_handout

    if getattr(args, "anatomy", None):
        from tp_explorer.anatomy.loader import set_default_source

        set_default_source(args.anatomy)

    path = write_site_handout(
        args.site,
        target,
        side,
        regions=getattr(args, "regions", None),
        overwrite=args.force,
        depth_table=args.depth_table,
    )
    print(f"wrote {Path(path)}")  # noqa: T201
    return 0
