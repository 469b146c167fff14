"""Replay safety: may a request whose outcome is unknown be sent again? (pure)

A failed attempt either left the request unprocessed (the connection was never made, the
server said 408 or 429, or 503 with ``Retry-After``) or left its outcome **ambiguous**: the
request went out and no answer says what happened (a read or write timeout, a connection
reset after sending, 500/502/504, 503 without ``Retry-After``). Re-sending after an ambiguous
failure is safe only when a repeat cannot do the work twice. The spec declares that per
operation (``x-convilyn-replay``, read into ``convilyn.lowlevel.operations``):

* ``safe``: reads, previews, presigning: a repeat changes nothing;
* ``guarded``: the server refuses a repeat by state or version (slot answers, confirm,
  cancel, retry, workflow edits); the facade re-reads after such a refusal;
* ``keyed``: a repeat does the work again (a second job, billed) unless the server honours
  the ``Idempotency-Key``. The live service ignores it on ``POST /jobs`` and nothing is known
  of the others, so these are re-sent only when the client trusts the key
  (``trust_idempotency_keys=True``, e.g. against the sandbox's default profile).
"""

from __future__ import annotations

import re
from functools import cache

from convilyn._retry import RetryContext
from convilyn.lowlevel.operations import OPERATIONS, Operation, Replay

__all__ = ["CHECK_HINTS", "find_operation", "is_ambiguous", "may_replay"]

# How to find out whether an ambiguous create happened, by operation id.
CHECK_HINTS = {
    "createGoalJob": "look for the job in your Convilyn dashboard before creating it again",
    "createConvertJob": "look for the conversion in your Convilyn dashboard before creating "
    "it again",
    "uploadFile": "client.files.list() shows whether the file arrived",
    "forkWorkflow": "look for the fork among your workflows before forking again",
    "likeWorkflow": "client.workflows.retrieve(workflow_id) shows the current like count",
}


def is_ambiguous(ctx: RetryContext) -> bool:
    """True when the failed attempt may have been processed by the server."""
    if ctx.failure == "connect":
        return False
    if ctx.failure != "status":
        return True  # read/write timeout, reset or broken stream after sending
    if ctx.status_code in (408, 429, 501):  # 501: the server does not implement the request
        return False
    if ctx.status_code == 503:
        return not any(k.lower() == "retry-after" for k in ctx.headers)
    return ctx.status_code is not None and ctx.status_code >= 500


def may_replay(replay: Replay, *, trust_idempotency_keys: bool) -> bool:
    """Whether an operation of this replay class may be re-sent after an ambiguous failure."""
    return replay != "keyed" or trust_idempotency_keys


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], Operation], ...]:
    return tuple(
        (op.method, re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", op.path) + "$"), op)
        for op in OPERATIONS.values()
    )


def find_operation(method: str, path: str) -> Operation | None:
    """The declared operation a raw ``client.api`` request calls, if any."""
    for op_method, pattern, op in _patterns():
        if op_method == method and pattern.match(path):
            return op
    return None
