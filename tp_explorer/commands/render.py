"""Sub-command ``snapshot``: render a pain site off screen to a PNG, through the window's scene code."""

from __future__ import annotations

import argparse
import re

from tp_explorer.errors import InputError

VIEWS = ("auto", "anterior", "posterior", "lateral", "medial")
SIDES = ("left", "right", "both")


def parse_size(text: str) -> tuple[int, int]:
    """'1200x900' -> (1200, 900), within sane limits."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1200x900, not {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (64 <= width <= 8000 and 64 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 64 and 8000 pixels")
    return width, height


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-commands."""
    parser = sub.add_parser(
        "snapshot",
        help="render a pain site to a PNG without opening a window",
        description="Render the 3D body with a pain site selected, off screen, to a PNG file.",
    )
    parser.add_argument("site", metavar="SITE", help="pain site id (see 'tp-explorer list')")
    parser.add_argument("--out", required=True, metavar="FILE.png", help="where to write the PNG")
    parser.add_argument("--side", choices=SIDES, default="both", help="side shown (default both)")
    parser.add_argument(
        "--view",
        choices=VIEWS,
        default="auto",
        help="camera; default auto: the view that shows most of the chain, as the window turns to",
    )
    parser.add_argument(
        "--size", type=parse_size, default=(1200, 900), metavar="WxH", help="default 1200x900"
    )
    parser.add_argument("--muscle", metavar="MUSCLE", help="focus one muscle of the chain")
    parser.add_argument("--force", action="store_true", help="replace FILE.png if it exists")
    parser.add_argument(
        "--anatomy",
        choices=("atlas", "builtin"),
        default=argparse.SUPPRESS,
        help="the detailed atlas or the built-in body (default: the atlas when installed)",
    )
    parser.set_defaults(handler=snapshot)


def snapshot(args: argparse.Namespace) -> int:
    """Write the PNG; errors in the site name, the file or the assets come back as exit codes."""
    from PIL import Image

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.files import atomic_target
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.scene import render_image
    from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight

    knowledge = load_knowledge(args.regions)
    if args.site not in knowledge.sites:
        raise InputError(
            f"unknown pain site {args.site!r}; choose one of: {', '.join(knowledge.sites)}"
        )
    if args.muscle is not None and args.muscle not in knowledge.muscles:
        raise InputError(f"unknown muscle {args.muscle!r}; see 'tp-explorer list'")
    if not str(args.out).lower().endswith(".png"):
        raise InputError(f"{args.out}: the snapshot is a PNG; give a name ending in .png")
    anatomy = load_anatomy(source=getattr(args, "anatomy", None))
    selection = Selection(site=args.site, focus=args.muscle, side=args.side)
    highlight = make_highlight(selection, knowledge)
    image = render_image(anatomy, highlight, DEFAULT_LAYERS, view=args.view, size=args.size)
    with atomic_target(args.out, overwrite=args.force) as tmp:
        Image.fromarray(image).save(tmp, format="PNG")
    print(f"wrote {args.out}")  # noqa: T201
    return 0
