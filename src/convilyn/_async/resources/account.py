"""``client.account``: plan tier, cost / quota preview, credit balance, usage history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from convilyn._async._resource import AsyncResource
from convilyn._bodies import given
from convilyn.lowlevel.api.account import (
    get_credit_balance,
    get_usage_history,
    preview_workflow_cost,
)
from convilyn.lowlevel.models import CostPreviewRequest as _CostPreviewRequest
from convilyn.types import CostEstimate, CreditBalance, Plan, UsageHistoryEntry

__all__ = ["AsyncAccount"]


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            return _as_datetime(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return None
    return None


class AsyncAccount(AsyncResource):
    """Read-only account information."""

    async def get_quota(
        self, *, tools: Sequence[str] | None = None, max_iterations: int | None = None
    ) -> CostEstimate:
        """Estimate a run with these tools and check it against your plan (no charge).

        ``quota_check.state`` is ``ok``, ``soft_limit`` or ``quota_exceeded``. Without
        ``tools`` the run's base cost is estimated (the per-iteration cost is charged even
        with no tools, times ``max_iterations`` or the server's default cap).
        """
        if isinstance(tools, str):
            raise TypeError("tools= takes a list of tool names, not a string")
        if max_iterations is not None and max_iterations < 1:
            raise ValueError("max_iterations must be >= 1")
        body = _CostPreviewRequest(
            tool_names=list(tools or []), max_iterations=given(max_iterations)
        )
        pipe = self._pipeline
        response = await pipe.call(preview_workflow_cost.asyncio_raw, body=body)
        return pipe.parse(CostEstimate, response)

    async def get_plan(self) -> Plan:
        """Your plan tier (``free`` / ``pro`` / ``business``), read from the cheapest cost
        preview (no tools, one iteration: the tier source a ``ck_`` key may call)."""
        estimate = await self.get_quota(tools=[], max_iterations=1)
        return Plan.model_validate({"tier": estimate.quota_check.tier})

    async def get_balance(self) -> CreditBalance:
        """Your credit balance."""
        pipe = self._pipeline
        return pipe.parse(CreditBalance, await pipe.call(get_credit_balance.asyncio_raw))

    async def usage_history(
        self, *, since: datetime | date | None = None
    ) -> list[UsageHistoryEntry]:
        """Usage per metric and period, newest first; ``since`` keeps the periods starting on
        or after it (filtered locally, as the vendor's client does: the endpoint has no such
        parameter)."""
        pipe = self._pipeline
        entries = pipe.parse_list(UsageHistoryEntry, await pipe.call(get_usage_history.asyncio_raw))
        if since is None:
            return entries
        cutoff = _as_datetime(since)
        kept: list[UsageHistoryEntry] = []
        for entry in entries:
            start = _as_datetime(entry.period_start)
            if start is None or cutoff is None or start >= cutoff:
                kept.append(entry)
        return kept
