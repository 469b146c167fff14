"""The Builder resource under the module path of the vendor's 4.x (``convilyn.resources.builder``):
code written for it imports from here unchanged."""

from __future__ import annotations

from convilyn._async.resources.builder import AsyncBuilder
from convilyn._async.resources.builder import BuilderModeName as BuilderMode
from convilyn._sync.resources.builder import Builder

__all__ = ["AsyncBuilder", "Builder", "BuilderMode"]
