"""Sub-command ``snapshot``: render a pain site off screen to a PNG, through the window's scene code."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tp_explorer.errors import InputError

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle

VIEWS = ("auto", "anterior", "posterior", "lateral", "medial")
SIDES = ("left", "right", "both")
HIDEABLE = ("zones", "skin", "muscles", "bones", "labels", "markers")


def parse_size(text: str) -> tuple[int, int]:
    """'1200x900' -> (1200, 900), within sane limits."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size must look like 1200x900, not {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (64 <= width <= 8000 and 64 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 64 and 8000 pixels")
    return width, height


def parse_hidden(text: str) -> frozenset[str]:
    """'muscles,bones' -> the layers to leave out of the picture."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in HIDEABLE]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"--hide takes a comma-separated list of {', '.join(HIDEABLE)}; not {text!r}"
        )
    return frozenset(names)


def parse_point(text: str) -> tuple[str, str]:
    """'soleus:distal' -> (muscle, trigger point)."""
    muscle, colon, point = text.partition(":")
    if not (colon and muscle.strip() and point.strip()):
        raise argparse.ArgumentTypeError(f"--point takes MUSCLE:POINT, not {text!r}")
    return muscle.strip(), point.strip()


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
    parser.add_argument(
        "--point",
        type=parse_point,
        metavar="MUSCLE:POINT",
        help="focus one trigger point (e.g. soleus:distal): only its own referral chart is shown",
    )
    parser.add_argument(
        "--chart",
        action="store_true",
        help="the chart view: opaque light skin, the zones on it, each trigger point marked "
        "with an X, the focused muscle outlined over the skin",
    )
    parser.add_argument(
        "--hide",
        type=parse_hidden,
        default=frozenset(),
        metavar="LAYERS",
        help=f"leave layers out of the picture, comma-separated: {','.join(HIDEABLE)} "
        "(the camera stays where the selection puts it)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE.png if it exists")
    parser.add_argument(
        "--anatomy",
        choices=("atlas", "builtin"),
        default=argparse.SUPPRESS,
        help="the detailed atlas or the built-in body (default: the atlas when installed)",
    )
    parser.set_defaults(handler=snapshot)


def focus_of(
    args: argparse.Namespace, muscles: Mapping[str, Muscle]
) -> tuple[str | None, str | None]:
    """The focused muscle and trigger point that --muscle and --point name, checked."""
    muscle: str | None = args.muscle
    point: str | None = None
    if args.point is not None:
        named, point = args.point
        if muscle is not None and muscle != named:
            raise InputError(f"--muscle {muscle} and --point {named}:{point} name two muscles")
        muscle = named
    if muscle is None:
        return None, None
    if muscle not in muscles:
        raise InputError(f"unknown muscle {muscle!r}; see 'tp-explorer list'")
    if point is not None:
        points = [tp.id for tp in muscles[muscle].trigger_points]
        if point not in points:
            raise InputError(
                f"{muscle} has no trigger point {point!r}; its points: {', '.join(points)}"
            )
    return muscle, point


def snapshot(args: argparse.Namespace) -> int:
    """Write the PNG; errors in the site name, the file or the assets come back as exit codes."""
    from PIL import Image

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.files import atomic_target
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.scene import snapshot as pictures
    from tp_explorer.state import DEFAULT_LAYERS, Selection, make_highlight

    knowledge = load_knowledge(args.regions)
    if args.site not in knowledge.sites:
        raise InputError(
            f"unknown pain site {args.site!r}; choose one of: {', '.join(knowledge.sites)}"
        )
    muscle, point = focus_of(args, knowledge.muscles)
    if not str(args.out).lower().endswith(".png"):
        raise InputError(f"{args.out}: the snapshot is a PNG; give a name ending in .png")
    anatomy = load_anatomy(source=getattr(args, "anatomy", None))
    selection = Selection(site=args.site, focus=muscle, point=point, side=args.side)
    highlight = make_highlight(selection, knowledge)
    layers = (DEFAULT_LAYERS - args.hide) | ({"chart"} if args.chart else set())
    shot = pictures.render_snapshot(anatomy, highlight, layers, view=args.view, size=args.size)
    with atomic_target(args.out, overwrite=args.force) as tmp:
        Image.fromarray(shot.image).save(tmp, format="PNG")
    print(f"wrote {args.out}")  # noqa: T201
    return 0
