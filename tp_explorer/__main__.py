"""Allow ``python -m tp_explorer``."""

import sys

from tp_explorer.cli import main

sys.exit(main())
