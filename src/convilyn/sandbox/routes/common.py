"""Small helpers shared by the handlers."""

from __future__ import annotations

import base64
import json
from typing import Any

from ..dispatch import Ctx
from ..errors import ApiError, field_error
from ..limits import TIERS
from ..state import Account, FileRecord

TIER_RANK: dict[str, int] = {"free": 0, "pro": 1, "business": 2}
UPGRADE_URL = "https://convilyn.com/pricing"


def unprocessable(
    code: str, message: str, loc: list[str | int], type_: str, **details: Any
) -> ApiError:
    return ApiError(422, code, message, details, errors=[field_error(loc, message, type_)])


def workflow_not_found(workflow_id: str) -> ApiError:
    return ApiError(
        404, "WORKFLOW_NOT_FOUND", f"Workflow {workflow_id} not found", {"workflowId": workflow_id}
    )


def own_file(acct: Account, file_id: str) -> FileRecord:
    f = acct.files.get(file_id)
    if f is None:
        raise ApiError(404, "FILE_NOT_FOUND", f"File {file_id} not found", {"fileId": file_id})
    return f


def check_job_creation(ctx: Ctx) -> None:
    """Daily creation quota and concurrent-job limit (peek only; :func:`count_job_creation` consumes)."""
    sb, acct, now = ctx.sandbox, ctx.account, ctx.now
    allowed, day = sb.limiter.per_day(acct.api_key, acct.tier, now, consume=False)
    if day is not None:
        ctx.window = day
    if not allowed and day is not None:
        sb.counters.rate_limited += 1
        retry = day.retry_after(now)
        raise ApiError(
            429,
            "RATE_LIMITED",
            f"Daily limit of {day.limit} job creations reached for the {acct.tier} tier",
            {
                "limit": day.limit,
                "window": "day",
                "retry_after_seconds": retry,
                "reset_at": day.reset,
            },
            headers={"Retry-After": str(retry)},
        )
    limit = TIERS[acct.tier].concurrent_jobs
    active = sb.active_jobs(acct)
    if active >= limit and sb.limiter.enabled:
        sb.counters.rate_limited += 1
        raise ApiError(
            429,
            "CONCURRENT_JOB_LIMIT",
            f"{active} jobs are still active; the {acct.tier} tier allows {limit} at a time",
            {"limit": limit, "active": active, "retry_after_seconds": 5},
            headers={"Retry-After": "5"},
        )


def count_job_creation(ctx: Ctx) -> None:
    sb, acct = ctx.sandbox, ctx.account
    _, day = sb.limiter.per_day(acct.api_key, acct.tier, ctx.now, consume=True)
    if day is not None:
        ctx.window = day


def require_tier(acct: Account, needed: str, workflow_id: str) -> None:
    if TIER_RANK[acct.tier] >= TIER_RANK.get(needed, 0):
        return
    if acct.tier == "free":
        raise ApiError(
            403,
            "spec_not_allowed_on_free",
            f"Workflow {workflow_id} is not available on the free tier",
            {"workflowId": workflow_id, "upgradeUrl": UPGRADE_URL},
        )
    raise ApiError(
        402,
        f"{needed.upper()}_TIER_REQUIRED",
        f"Workflow {workflow_id} needs the {needed} tier",
        {"workflowId": workflow_id, "upgradeUrl": UPGRADE_URL},
    )


def no_credits(acct: Account, needed: int) -> ApiError:
    return ApiError(
        402,
        "INSUFFICIENT_CREDITS",
        f"This needs {needed} credits; {max(0, acct.balance)} are left this period",
        {"requiredCredits": needed, "availableCredits": max(0, acct.balance)},
    )


# cursors ----------------------------------------------------------------------------------
def encode_cursor(offset: int, scope: dict[str, Any]) -> str:
    """An opaque cursor: the next offset, bound to the listing's filters (``scope``)."""
    raw = json.dumps({"o": offset, **scope}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, scope: dict[str, Any]) -> int:
    """The offset of a cursor from :func:`encode_cursor` with the same ``scope``, else 422."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(padded.encode()))
        offset = int(data["o"])
        same = all(data.get(k) == v for k, v in scope.items()) and offset >= 0
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        raise _bad_cursor() from exc  # forged: 1e400 is infinity, deep nesting a RecursionError
    if not same:
        raise _bad_cursor("the cursor belongs to a listing with other filters (sort, tag, ...)")
    return offset


def _bad_cursor(why: str = "not a cursor returned by this endpoint") -> ApiError:
    return unprocessable(
        "INVALID_CURSOR", f"Invalid cursor: {why}", ["query", "cursor"], "value_error"
    )
