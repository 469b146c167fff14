"""``python -m convilyn.sandbox``: the same as ``convilyn sandbox``."""

from __future__ import annotations

import sys

from convilyn.cli import main

sys.exit(main(["sandbox", *sys.argv[1:]]))
