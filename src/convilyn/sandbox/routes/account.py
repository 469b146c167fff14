"""Cost preview, usage history, credit balance, health."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convilyn.models import CostEstimate, CreditBalance, HealthStatus, UsageHistoryEntry

from ..catalog import DEFAULT_TOOL_PRICE_MICRO_U, TOOL_PRICES_MICRO_U
from ..clock import iso
from ..dispatch import Ctx, Handler, Reply
from ..errors import field_error, validation_failed
from ..wire import dump
from .common import UPGRADE_URL

# The flat per-iteration cost of an agent run: what an empty tool list is priced at (the vendor's
# get_plan() sends `{"toolNames": [], "maxIterations": 1}`).
BASE_ITERATION_MICRO_U = 50_000
MAX_ITERATIONS = 1_000_000
# Per-run cost thresholds (micro-U) by tier.
THRESHOLD_MICRO_U = {"free": 250_000, "pro": 5_000_000, "business": 50_000_000}
USD_PER_MICRO_U = 0.000_001 * 0.5


def _period(now: float) -> tuple[float, float]:
    dt = datetime.fromtimestamp(now, UTC)
    start = datetime(dt.year, dt.month, 1, tzinfo=UTC)
    end = datetime(dt.year + (dt.month == 12), dt.month % 12 + 1, 1, tzinfo=UTC)
    return start.timestamp(), end.timestamp()


async def preview_workflow_cost(ctx: Ctx) -> Reply:
    tools = [str(t) for t in ctx.body["toolNames"]]
    iterations = int(ctx.body.get("maxIterations") or 1)
    if iterations > MAX_ITERATIONS:  # the spec sets no maximum; past a float, no price either
        raise validation_failed(
            [
                field_error(
                    ["body", "maxIterations"],
                    f"maxIterations must be at most {MAX_ITERATIONS}",
                    "less_than_equal",
                )
            ]
        )
    prices = [TOOL_PRICES_MICRO_U.get(t, DEFAULT_TOOL_PRICE_MICRO_U) for t in tools]
    rows = [{"toolName": t, "perInvocationMicroU": p} for t, p in zip(tools, prices, strict=True)]
    estimate = (sum(prices) if tools else BASE_ITERATION_MICRO_U) * iterations
    tier = ctx.account.tier
    threshold = THRESHOLD_MICRO_U[tier]
    state = (
        "quota_exceeded"
        if estimate > threshold
        else "soft_limit"
        if estimate > threshold * 0.8
        else "ok"
    )
    quota: dict[str, Any] = {
        "state": state,
        "tier": tier,
        "estimatedMicroU": estimate,
        "thresholdMicroU": threshold,
    }
    if state != "ok":
        quota["upgradeUrl"] = UPGRADE_URL
    data = {
        "estimatedMicroU": estimate,
        "estimatedUsd": round(estimate * USD_PER_MICRO_U, 6),
        "estimatedTotalMicroU": estimate,
        "estimatedMinMicroU": int(estimate * 0.6),
        "estimatedMaxMicroU": int(estimate * 1.8),
        "tools": rows,
        "quotaCheck": quota,
    }
    return Reply(200, dump(CostEstimate, data))


async def get_usage_history(ctx: Ctx) -> Reply:
    acct = ctx.account
    start, end = _period(ctx.now)
    rows: list[tuple[str, int, int | None]] = [
        ("goal_jobs", acct.goal_jobs_created, None),
        ("convert_jobs", acct.convert_jobs_created, None),
        ("credits", acct.credits_spent, acct.credits_granted),
        ("storage_bytes", acct.storage_used, acct.storage_limit),
    ]
    out = [
        dump(
            UsageHistoryEntry,
            {
                "metric": m,
                "period_start": iso(start),
                "period_end": iso(end),
                "used": used,
                "limit": limit,
            },
        )
        for m, used, limit in rows
    ]
    return Reply(200, out)


async def get_credit_balance(ctx: Ctx) -> Reply:
    acct = ctx.account
    start, end = _period(ctx.now)
    data = {
        "balanceCredits": acct.balance,
        "periodCredits": acct.credits_granted,
        "topupCredits": 0,
        "periodEnd": iso(end),
        "lastGrantAt": iso(start),
        "freeTierMonthSpentCredits": acct.credits_spent if acct.tier == "free" else None,
    }
    return Reply(200, dump(CreditBalance, data))


async def get_health(ctx: Ctx) -> Reply:
    return Reply(200, dump(HealthStatus, {"status": "ok"}))


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "previewWorkflowCost": preview_workflow_cost,
        "getUsageHistory": get_usage_history,
        "getCreditBalance": get_credit_balance,
        "getHealth": get_health,
    }
