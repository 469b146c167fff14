"""The exceptions under the module path of the vendor's 4.x SDK (``from convilyn.exceptions
import QuotaExceededError``): the very classes of :mod:`convilyn.errors`, where they live."""

from __future__ import annotations

from convilyn.errors import *  # noqa: F403
from convilyn.errors import __all__ as __all__
