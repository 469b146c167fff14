"""Operation handlers, one module per spec tag (importing this package registers them all),
plus ``storage``: the sandbox's own presigned storage endpoints, outside the spec."""

from __future__ import annotations

from . import account, convert_jobs, files, goal_jobs, workflows

__all__ = ["account", "convert_jobs", "files", "goal_jobs", "workflows"]
