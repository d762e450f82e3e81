"""Speed and memory of the real window: python benchmarks/run.py [--json FILE] [--cold-runs N].

The same as `tp-explorer bench`; needs a display (on a server: xvfb-run -a python benchmarks/run.py).
"""

from __future__ import annotations

import sys

from tp_explorer.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
