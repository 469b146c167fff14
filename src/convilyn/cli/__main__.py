"""``python -m convilyn.cli``: the same as the ``convilyn`` console script."""

import sys

from . import main

sys.exit(main())
