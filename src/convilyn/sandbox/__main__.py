"""``python -m convilyn.sandbox``: the same as ``convilyn sandbox``."""

from __future__ import annotations

import sys

from .cli import run_from_argv

sys.exit(run_from_argv())
