"""Operation handlers, one module per spec tag, each listing its own in ``handlers()``; plus,
outside the spec, ``storage``: the sandbox's own presigned storage endpoints, and ``admin``: its
control routes (``/_sandbox/*``)."""

from __future__ import annotations

from collections.abc import Mapping

from ..dispatch import Handler
from . import account, builder, convert_jobs, files, goal_jobs, user_workflows, workflows

__all__ = ["handlers"]


def handlers(overrides: Mapping[str, Handler] | None = None) -> dict[str, Handler]:
    """A fresh registry of every operation's handler, ``overrides`` replacing some of them
    (how tests make one operation drift from the spec or crash)."""
    registry: dict[str, Handler] = {}
    for module in (account, convert_jobs, files, goal_jobs, workflows, user_workflows, builder):
        for operation_id, fn in module.handlers().items():
            if operation_id in registry:
                raise RuntimeError(f"two handlers for {operation_id}")
            registry[operation_id] = fn
    unknown = sorted(set(overrides or {}) - set(registry))
    if unknown:
        raise ValueError(f"handlers= names operations the sandbox does not serve: {unknown}")
    return {**registry, **(overrides or {})}
