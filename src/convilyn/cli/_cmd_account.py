"""``convilyn account plan | quota | balance | usage``."""

from __future__ import annotations

from datetime import datetime

from ._app import Commands, Context
from ._exit import UsageError


def register(commands: Commands) -> None:
    acc = commands.group("account", "plan, quota, credits and usage")
    acc.command("plan", "your plan tier (client.account.get_plan)", _plan)
    p = acc.command(
        "quota",
        "estimate a run's cost against your quota (client.account.get_quota)",
        _quota,
    )
    p.add_argument(
        "--tool", action="append", default=[], metavar="NAME", help="a tool the run uses (repeat)"
    )
    p.add_argument("--max-iterations", type=int, metavar="N")
    acc.command("balance", "your credit balance (client.account.get_balance)", _balance)
    p = acc.command("usage", "usage per period (client.account.usage_history)", _usage)
    p.add_argument("--since", metavar="DATE", help="ISO date or datetime, e.g. 2026-01-01")


def _plan(ctx: Context) -> int:
    ctx.action = "read the plan"
    plan = ctx.client().account.get_plan()
    ctx.out.result(plan, lambda: ctx.out.line(f"plan: {getattr(plan.tier, 'value', plan.tier)}"))
    return 0


def _quota(ctx: Context) -> int:
    ctx.action = "estimate the cost"
    est = ctx.client().account.get_quota(
        tools=ctx.args.tool or None, max_iterations=ctx.args.max_iterations
    )

    def human() -> None:
        q = est.quota_check
        ctx.out.fields(
            [
                ("tier", q.tier),
                ("state", q.state),
                (
                    "estimate",
                    f"{est.estimated_total_micro_u} µU "
                    f"(range {est.estimated_min_micro_u}-{est.estimated_max_micro_u}, "
                    f"≈ ${est.estimated_usd:.4f})",
                ),
                ("threshold", f"{q.threshold_micro_u} µU"),
                ("upgrade", q.upgrade_url),
            ]
        )
        if est.tools:
            ctx.out.table(
                ["tool", "µU per call"],
                [[t.tool_name, t.per_invocation_micro_u] for t in est.tools],
            )

    ctx.out.result(est, human)
    return 0


def _balance(ctx: Context) -> int:
    ctx.action = "read the credit balance"
    bal = ctx.client().account.get_balance()

    def human() -> None:
        ctx.out.fields(
            [
                ("balance", f"{bal.balance_credits} credits"),
                ("period", bal.period_credits),
                ("top-up", bal.topup_credits),
                ("period ends", bal.period_end),
                ("free tier spent this month", bal.free_tier_month_spent_credits),
            ]
        )

    ctx.out.result(bal, human)
    return 0


def _usage(ctx: Context) -> int:
    since = None
    if ctx.args.since:
        try:
            since = datetime.fromisoformat(ctx.args.since)
        except ValueError:
            raise UsageError(
                f"--since {ctx.args.since!r} is not an ISO date", hint="e.g. --since 2026-01-01"
            ) from None
    ctx.action = "read the usage history"
    entries = list(ctx.client().account.usage_history(since=since))

    def human() -> None:
        if not entries:
            ctx.out.line("no usage recorded")
            return
        ctx.out.table(
            ["metric", "from", "to", "used", "limit"],
            [[e.metric, e.period_start, e.period_end, e.used, e.limit] for e in entries],
        )

    ctx.out.result({"usage": entries}, human)
    return 0
