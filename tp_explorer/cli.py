"""Command-line front door: opens the window, or answers from the command line.

Heavy imports (Qt, VTK, the knowledge loader) happen inside the handlers, so ``--help`` and
``--version`` answer at once and a missing display is reported before Qt is touched.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from tp_explorer import __version__
from tp_explorer.errors import TpExplorerError

log = logging.getLogger(__name__)

SIDES = ("left", "right", "both")
ANATOMY_SOURCES = ("atlas", "builtin")
COMMAND_MODULES = (
    "tp_explorer.commands.knowledge",
    "tp_explorer.commands.search",
    "tp_explorer.commands.render",
    "tp_explorer.commands.handout",
    "tp_explorer.commands.quiz",
    "tp_explorer.commands.bench",
    "tp_explorer.commands.depth",
    "tp_explorer.commands.atlas",
)

EPILOG = """\
exit codes: 0 ok; 1 unexpected error; 2 bad input (knowledge file, arguments, refused
overwrite); 3 no display or OpenGL for the window; 4 missing or corrupt asset files.

This is an education tool, not a diagnosis.
"""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; sub-command modules add their own parsers."""
    parser = argparse.ArgumentParser(
        prog="tp-explorer",
        description=(
            "3D trigger-point explorer. With no sub-command, opens the window: pick a pain site "
            "to see its kinetic chain, the muscles' referral zones and the study behind it."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tp-explorer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="send debug logs to stderr")
    parser.add_argument(
        "--regions",
        metavar="PATH",
        help="use this knowledge file instead of the shipped regions.yaml (only ever read)",
    )
    parser.add_argument(
        "--site", metavar="SITE", help="open the window with this pain site selected"
    )
    parser.add_argument(
        "--side", choices=SIDES, default=None, help="which side of the body to show (default: both)"
    )
    parser.add_argument(
        "--anatomy",
        choices=ANATOMY_SOURCES,
        default=None,
        help="draw the detailed atlas or the built-in schematic body (default: the atlas when "
        "it is installed)",
    )
    sub = parser.add_subparsers(dest="command", title="sub-commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def configure_logging(verbose: bool) -> None:
    """Debug logs to stderr with --verbose; otherwise warnings only."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )


def open_window(args: argparse.Namespace) -> int:
    """Default action: start the Qt window."""
    from tp_explorer.ui.app import run_window

    return run_window(regions=args.regions, site=args.site, side=args.side)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    log.debug("tp-explorer %s, python %s", __version__, sys.version.split()[0])
    handler = getattr(args, "handler", open_window)
    source = getattr(args, "anatomy", None)
    if source:  # --anatomy: what load_anatomy() gives for this command only
        from tp_explorer.anatomy.loader import set_default_source

        set_default_source(source)
    try:
        return int(handler(args) or 0)
    except TpExplorerError as exc:
        print(f"tp-explorer: {exc}", file=sys.stderr)  # noqa: T201
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        if source or "tp_explorer.anatomy.loader" in sys.modules:
            from tp_explorer.anatomy.loader import set_default_source

            set_default_source(None)


if __name__ == "__main__":
    sys.exit(main())
