"""The resource classes, sync and async: ``from convilyn.resources import Goals, AsyncGoals``.

The async classes are the implementation (``convilyn._async``); the sync ones are generated
from them (``convilyn._sync``, by codegen/unasync_facade.py) and behave the same, blocking.
"""

from __future__ import annotations

from convilyn._async._client import AsyncAPI
from convilyn._async.resources.account import AsyncAccount
from convilyn._async.resources.builder import AsyncBuilder
from convilyn._async.resources.convert import AsyncConvert
from convilyn._async.resources.files import AsyncFiles
from convilyn._async.resources.goals import AsyncGoals
from convilyn._async.resources.user_workflows import AsyncUserWorkflows
from convilyn._async.resources.workflows import AsyncWorkflows
from convilyn._sync._client import API
from convilyn._sync.resources.account import Account
from convilyn._sync.resources.builder import Builder
from convilyn._sync.resources.convert import Convert
from convilyn._sync.resources.files import Files
from convilyn._sync.resources.goals import Goals
from convilyn._sync.resources.user_workflows import UserWorkflows
from convilyn._sync.resources.workflows import Workflows

__all__ = [
    "API",
    "Account",
    "AsyncAPI",
    "AsyncAccount",
    "AsyncBuilder",
    "AsyncConvert",
    "AsyncFiles",
    "AsyncGoals",
    "AsyncUserWorkflows",
    "AsyncWorkflows",
    "Builder",
    "Convert",
    "Files",
    "Goals",
    "UserWorkflows",
    "Workflows",
]
