"""What every ``--dry-run`` shares: the read-only look at the account (the cost preview, the
credit balance, the storage room) and how a dry run reports what it would do.

A dry run sends nothing that creates or bills: no presign, no upload, no job. The calls made
here are reads (``GET /api/v1/credits/balance``, ``GET /api/v1/files``) and the cost preview
(``POST /api/v1/workflows/cost-preview``, which the spec declares replay-safe and free: "No
charge is made"). Commands with a dry run: ``convert``, ``goals start``, ``goals run``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._common import human_size
from ._exit import UsageError

if TYPE_CHECKING:
    from convilyn import Convilyn

    from ._app import Context

__all__ = ["DryRun", "has_key"]

# What the goal-lane estimate is: the catalog does not say which tools a workflow runs, so the
# preview is asked for the base cost of one iteration (what 4.1's get_plan() sends too).
GOAL_BASIS = "the base cost of one agent iteration; the tools the workflow runs add to it"


def has_key(ctx: Context) -> bool:
    return ctx.credentials.api_key.source != "none"


class DryRun:
    """Collects what a dry run checked and would do; prints it, or its JSON document."""

    def __init__(self, ctx: Context, command: str) -> None:
        self.ctx = ctx
        self.command = command
        self.would: list[str] = []
        self.checked: list[str] = []
        self.not_checked: list[str] = []
        self.cost: dict[str, Any] | None = None

    # -- read-only checks ---------------------------------------------------------------------

    def goal_cost(self, client: Convilyn) -> None:
        """The cost preview and the balance: what a goal run would cost, and whether the
        plan and the credits allow it. Quota refusal ahead is a warning, not an error: the
        real run decides."""
        self.ctx.action = "preview the cost"
        estimate = client.account.get_quota(tools=[], max_iterations=1)
        balance = client.account.get_balance()
        quota = estimate.quota_check
        self.cost = {
            "estimated_micro_u": estimate.estimated_micro_u,
            "estimated_usd": estimate.estimated_usd,
            "estimated_min_micro_u": estimate.estimated_min_micro_u,
            "estimated_max_micro_u": estimate.estimated_max_micro_u,
            "basis": GOAL_BASIS,
            "quota_state": _value(quota.state),
            "tier": _value(quota.tier),
            "threshold_micro_u": quota.threshold_micro_u,
            "upgrade_url": quota.upgrade_url,
            "balance_credits": balance.balance_credits,
        }
        self.checked.append("cost preview and credit balance")
        if _value(quota.state) == "quota_exceeded":
            where = f": {quota.upgrade_url}" if quota.upgrade_url else ""
            self.ctx.out.warn(f"the plan's quota would refuse this run (402){where}")

    def stored_files(self, client: Convilyn, file_ids: Sequence[str]) -> dict[str, Any]:
        """``--file-id`` values that name no stored file, refused here (``GET /files``)."""
        self.ctx.action = "list the stored files"
        listing = client.files.list()
        stored = {f.file_id: f for f in listing.files}
        unknown = [fid for fid in file_ids if fid not in stored]
        if unknown:
            raise UsageError(
                f"no stored file {', '.join(unknown)} (nothing was sent)",
                hint="see `convilyn files list` for the ids of your files",
            )
        self.checked.append("stored file ids")
        return stored

    def storage_room(self, client: Convilyn, size: int) -> None:
        """The upload fits the storage left (``GET /files`` usage); a warning otherwise."""
        self.ctx.action = "read the storage usage"
        usage = client.files.list().usage
        if usage is None:
            return
        self.checked.append("storage room")
        if usage.over_quota or (usage.free_bytes is not None and usage.free_bytes < size):
            self.ctx.out.warn(
                f"storage is short: {human_size(usage.free_bytes)} free, the upload needs "
                f"{human_size(size)} (delete files with `convilyn files delete`)"
            )

    def balance(self, client: Convilyn) -> None:
        """The credit balance (conversions have no cost preview)."""
        self.ctx.action = "read the credit balance"
        balance = client.account.get_balance().balance_credits
        self.cost = {
            "basis": "the conversion lane has no cost preview; a conversion is one job "
            "creation against the plan's daily limit",
            "balance_credits": balance,
        }
        self.checked.append("credit balance")
        if balance is not None and balance < 1:
            self.ctx.out.warn("no credits left: the conversion would be refused (402)")

    # -- the report ---------------------------------------------------------------------------

    def report(self, document: dict[str, Any]) -> int:
        full = {
            "dry_run": True,
            **document,
            "would": self.would,
            "cost": self.cost,
            "checked": self.checked,
            "not_checked": self.not_checked,
        }

        def human() -> None:
            for step in self.would:
                self.ctx.out.line(f"would {step}")
            self.ctx.out.line(f"cost: {describe_cost(self.cost)}")
            done = ", ".join(self.checked) or "locally only"
            self.ctx.out.line(f"checked: {done}; nothing was uploaded, created or charged")
            for item in self.not_checked:
                self.ctx.out.line(f"not checked: {item}")

        self.ctx.out.result(full, human)
        return 0


def describe_cost(cost: dict[str, Any] | None) -> str:
    if cost is None:
        return "unknown without an API key (`convilyn setup` or --api-key to preview it)"
    parts: list[str] = []
    if cost.get("estimated_micro_u") is not None:
        low, high = cost.get("estimated_min_micro_u"), cost.get("estimated_max_micro_u")
        span = f", {low:,}-{high:,}" if low is not None and high is not None else ""
        usd = f" (~${cost['estimated_usd']:.4f})" if cost.get("estimated_usd") is not None else ""
        parts.append(f"estimated {cost['estimated_micro_u']:,} micro-U{usd}{span}")
        parts.append(cost["basis"])
        state = cost.get("quota_state")
        parts.append(f"quota {state} on the {cost.get('tier')} plan")
    else:
        parts.append(str(cost["basis"]))
    if cost.get("balance_credits") is not None:
        parts.append(f"balance {cost['balance_credits']} credits")
    return "; ".join(parts)


def _value(value: Any) -> Any:
    return getattr(value, "value", value)
