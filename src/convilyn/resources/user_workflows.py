"""The user-workflows resource under the module path of the vendor's 4.x
(``convilyn.resources.user_workflows``): code written for it imports from here unchanged."""

from __future__ import annotations

from convilyn._async.resources.user_workflows import AsyncUserWorkflows
from convilyn._sync.resources.user_workflows import UserWorkflows

__all__ = ["AsyncUserWorkflows", "UserWorkflows"]
