"""Sub-command ``atlas``: install, inspect and remove the detailed BodyParts3D anatomy.

``atlas install --from DIR`` reads a folder laid out like the atlas manifest (a USB stick, a
network share); ``atlas install`` downloads each file from its pinned public source, or from a
clinic's mirror (``--url`` or $TP_EXPLORER_ATLAS_URL). Failures exit 4 and leave a previous
installation untouched.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Literal, TypedDict

from tp_explorer.knowledge.vocabulary import MESH_IDS, SIDES

ANATOMY_CHOICES = ("atlas", "builtin")


class AtlasAbsent(TypedDict):
    """``atlas status --json`` where no atlas is installed."""

    installed: Literal[False]
    source: None
    folder: str
    muscles_mapped: int
    muscles_drawn: list[str]
    triangles: int
    bytes: int


class AtlasInstalled(TypedDict):
    """``atlas status --json`` of an installed atlas (the status file's values and counts)."""

    installed: Literal[True]
    source: str | None
    folder: str
    detail: str | None
    muscles_mapped: int
    muscles_drawn: list[str]
    drawn: list[str]
    triangles: int
    bytes: int
    licence: str | None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-commands."""
    p = sub.add_parser(
        "atlas",
        help="install, inspect or remove the detailed anatomy (BodyParts3D)",
        description=(
            "The detailed anatomy (BodyParts3D, DBCLS; CC BY-SA 2.1 JP) is installed once into "
            "your data folder ($TP_EXPLORER_DATA_DIR overrides it). Without it the built-in "
            "schematic body is used."
        ),
    )
    actions = p.add_subparsers(dest="atlas_action", metavar="ACTION", required=True)
    inst = actions.add_parser("install", help="download (or copy from a folder) and build it")
    inst.add_argument(
        "--from", dest="source", metavar="DIR", help="a folder laid out like the manifest"
    )
    inst.add_argument("--url", metavar="URL", help="a mirror's base URL (or a URL template)")
    inst.add_argument(
        "--detail",
        choices=("default", "high"),
        default="default",
        help="'high' keeps more triangles, for a machine with a graphics card",
    )
    inst.add_argument("--force", action="store_true", help="rebuild even if up to date")
    inst.set_defaults(handler=run_install)
    status = actions.add_parser("status", help="what is installed")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=run_status)
    remove = actions.add_parser("remove", help="delete the installed atlas")
    remove.set_defaults(handler=run_remove)


_last_stage: list[str] = []


def _bar(stage: str, done: float, total: float, what: str) -> None:
    """A progress bar on a terminal; one line per stage in a log."""
    frac = 0.0 if total <= 0 else min(done / total, 1.0)
    if not sys.stderr.isatty():
        if not _last_stage or _last_stage[-1] != stage:
            _last_stage.append(stage)
            sys.stderr.write(f"atlas install: {stage}...\n")
        return
    filled = int(frac * 30)
    line = (
        f"\r{stage:>8} [{'#' * filled}{'.' * (30 - filled)}] {frac * 100:5.1f}%  {what[-40:]:<40}"
    )
    sys.stderr.write(line)
    if frac >= 1.0 and stage == "build":
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_install(args: argparse.Namespace) -> int:
    from tp_explorer.anatomy.atlas.install import install

    result = install(args.source, url=args.url, detail=args.detail, progress=_bar, force=args.force)
    status = result.status
    if result.changed:
        print(  # noqa: T201
            f"installed the atlas from {status['source']}: {status['triangles']:,} triangles, "
            f"{status['bytes'] / 1e6:.1f} MB cache"
        )
    else:
        print("the atlas is already installed and up to date; nothing to do")  # noqa: T201
    return 0


def status_dict() -> AtlasAbsent | AtlasInstalled:
    from tp_explorer.anatomy.atlas.cache import atlas_dir, read_status

    folder = atlas_dir()
    status = read_status(folder)
    if status is None:
        return {
            "installed": False,
            "source": None,
            "folder": str(folder),
            "muscles_mapped": 0,
            "muscles_drawn": [],
            "triangles": 0,
            "bytes": 0,
        }
    from tp_explorer.anatomy.atlas.load import load_atlas

    anatomy = load_atlas(folder)
    mapped = sum(
        1
        for m in MESH_IDS
        if all(anatomy.muscles[m][s].n_cells > 0 for s in SIDES) and m not in anatomy.drawn
    )
    return {
        "installed": True,
        "source": status.get("source"),
        "folder": str(folder),
        "detail": status.get("detail"),
        "muscles_mapped": mapped,
        "muscles_drawn": [m for m in MESH_IDS if m in anatomy.drawn],
        "drawn": list(anatomy.drawn),
        "triangles": anatomy.triangles,
        "bytes": int(status.get("bytes", 0)),
        "licence": status.get("licence"),
    }


def run_status(args: argparse.Namespace) -> int:
    info = status_dict()
    if args.json:
        print(json.dumps(info, indent=2))  # noqa: T201
        return 0
    if not info["installed"]:
        print(  # noqa: T201
            f"not installed (folder {info['folder']}); the built-in schematic anatomy is used.\n"
            "Install it with: tp-explorer atlas install  (or --from DIR)"
        )
        return 0
    drawn = ", ".join(info["drawn"])
    print(  # noqa: T201
        f"installed from {info['source']}\n"
        f"folder: {info['folder']}\n"
        f"muscles: {info['muscles_mapped']} from BodyParts3D on both sides, drawn: "
        f"{', '.join(info['muscles_drawn'])}\n"
        f"drawn structures: {drawn}\n"
        f"triangles: {info['triangles']:,}; cache {int(info['bytes']) / 1e6:.1f} MB"
    )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from tp_explorer.anatomy.atlas.install import remove

    if remove():
        print("removed the atlas; the built-in anatomy will be used")  # noqa: T201
    else:
        print("no atlas was installed")  # noqa: T201
    return 0
