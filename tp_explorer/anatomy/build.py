"""``python -m tp_explorer.anatomy.build [OUT_DIR]``: rebuild the committed assets.

The steps live in tp_explorer.anatomy.builtin; this module is only the command.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from tp_explorer.resources import assets_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tp_explorer.anatomy.build")
    parser.add_argument("out_dir", nargs="?", type=Path, default=None, help="default: assets/")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from tp_explorer.anatomy.builtin.pipeline import build

    build(args.out_dir or assets_dir())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
