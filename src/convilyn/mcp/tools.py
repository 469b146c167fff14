"""The MCP tools' bodies, over ``AsyncConvilyn`` and a :class:`Human` who answers: the
session, consent before spending, and the one-shot tools (``convert``, ``workflows``,
``account``); the goal-job tools are in :mod:`convilyn.mcp.jobs`.

Free of the ``mcp`` library: :mod:`convilyn.mcp.server` supplies the human (elicitation,
progress notifications) and the workspace (the client's roots). Every tool returns a
JSON-ready dict; a refusal carries ``error`` (and a ``hint``), which the server flags as a
tool error. Nothing here raises for a failure a user can meet.

Spending goes through :func:`consent` first: what will be uploaded and run, and what the
service says a run costs, shown to the human, who must approve; a client that cannot ask is
refused unless the server was started with ``--yes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from convilyn.errors import APIError, ConvilynError
from convilyn.mcp.fence import Workspace, make_dir
from convilyn.mcp.questions import Answer, approval_form, approved
from convilyn.types import CatalogWorkflow

if TYPE_CHECKING:
    from convilyn import AsyncConvilyn

__all__ = [
    "Human",
    "InputNeeded",
    "Session",
    "account",
    "consent",
    "convert",
    "cost_lines",
    "refusal",
    "workflows",
]

_PLAN_ORDER = ("free", "pro", "business", "enterprise")


class Human(Protocol):
    """The person behind the MCP client."""

    @property
    def can_ask(self) -> bool:
        """Whether the client can put a form in front of them (MCP elicitation)."""
        ...

    async def ask(self, message: str, form: dict[str, Any], *, key: str) -> Answer:
        """Show ``message`` with a one-field ``form``; ``unavailable`` when it cannot. ``key``
        names the question (``consent``, ``preview``, ``slot:<slot_id>``) for a client that
        answers between rounds of the call (:class:`InputNeeded`)."""
        ...

    async def progress(self, progress: float, total: float | None, message: str) -> None:
        """Report progress of the running tool call."""
        ...


@dataclass
class Session:
    """One tool call: the client, the files it may touch, who answers, and whether the
    server waived consent (``convilyn mcp serve --yes``). ``memo`` is what the call has done
    so far (the job it started, the consent given), carried between the rounds of a call
    whose client answers by retrying it."""

    client: AsyncConvilyn
    workspace: Workspace
    human: Human
    consent_waived: bool = False
    memo: dict[str, Any] = field(default_factory=dict)


class InputNeeded(Exception):
    """The human must answer before the call can go on, and the client answers between
    rounds (MCP 2026-07-28: the tool returns the question, the client calls it again with
    the answer). Nothing is lost: what the call did is in :attr:`Session.memo`."""

    def __init__(self, key: str, message: str, form: dict[str, Any]) -> None:
        super().__init__(key)
        self.key = key
        self.message = message
        self.form = form


def refusal(exc: BaseException | str, *, hint: str = "", **extra: Any) -> dict[str, Any]:
    """A tool result saying why nothing (more) was done; the SDK's error fields when known."""
    out: dict[str, Any] = {"ok": False, "error": str(exc)}
    if isinstance(exc, BaseException):
        out["error_type"] = type(exc).__name__
    if isinstance(exc, APIError):
        out |= {"status_code": exc.status_code, "code": exc.code, "request_id": exc.request_id}
    if hint:
        out["hint"] = hint
    return out | extra


# -- consent and cost ---------------------------------------------------------------------------


async def cost_lines(client: AsyncConvilyn) -> list[str]:
    """What the account has and what the service estimates for a run (best effort: a read
    the service refuses is left out, never guessed)."""
    lines: list[str] = []
    try:
        estimate = await client.account.get_quota()
        check = estimate.quota_check
        lines.append(
            f"Plan: {check.tier}. The service quotes no price per workflow before a run; its "
            f"estimate for an agent run is ${_usd(estimate, estimate.estimated_min_micro_u)}-"
            f"${_usd(estimate, estimate.estimated_max_micro_u)} (quota check: {check.state})."
        )
    except APIError:
        lines.append("The service gave no cost estimate.")
    try:
        balance = await client.account.get_balance()
        lines.append(f"Credit balance: {balance.balance_credits} credits.")
    except APIError:
        pass
    return lines


def _usd(estimate: Any, micro_u: int) -> str:
    total = estimate.estimated_total_micro_u or 1
    return f"{estimate.estimated_usd * micro_u / total:.2f}"


async def consent(s: Session, what: str, cost: Sequence[str]) -> dict[str, Any] | None:
    """``None`` when the human approved (or ``--yes`` waived it), else the refusal."""
    if s.consent_waived or s.memo.get("consented"):
        return None
    nothing = "nothing was uploaded and no job was created"
    if not s.human.can_ask:
        return refusal(
            f"this MCP client cannot ask you to approve spending (it has no elicitation), so {nothing}",
            hint="use a client with MCP elicitation, or start the server with "
            "`convilyn mcp serve --yes` to approve every billed run in advance",
        )
    message = "\n".join([what, *cost, "Approve?"])
    answer = await s.human.ask(message, approval_form("Approve"), key="consent")
    if answer.action == "unavailable":
        return refusal(f"the approval could not be shown to you, so {nothing}")
    if not approved(answer):
        return refusal(f"you did not approve: {nothing}", declined=True)
    s.memo["consented"] = True
    return None


# -- convert ------------------------------------------------------------------------------------


async def convert(
    s: Session,
    *,
    path: str,
    to: str,
    output_dir: str | None = None,
    quality: str | None = None,
    page_range: str | None = None,
) -> dict[str, Any]:
    """Convert one workspace file on the hosted service and save the result beside it."""
    source = s.workspace.readable(path)
    target = s.workspace.output_path(output_dir, str(source.parent))
    plan = s.client.convert.plan(
        file=source, target_format=to, quality=quality, page_range=page_range
    )
    what = (
        f"Convilyn will UPLOAD {source.name} ({plan.size} bytes) and convert it to "
        f"{plan.target_format} on the hosted service (one conversion job on your plan; its "
        f"job limits apply). The result is saved in {target}."
    )
    refused = await consent(s, what, await cost_lines(s.client))
    if refused is not None:
        return refused

    async def progress(job: Any) -> None:
        await s.human.progress(float(job.progress), 100.0, str(job.status))

    job = await s.client.convert.create_and_wait(
        file=source,
        target_format=to,
        quality=quality,
        page_range=page_range,
        on_progress=progress,
    )
    make_dir(target)
    try:
        written = await s.client.convert.download_to(job, to=target)
    except (ConvilynError, OSError) as exc:
        return refusal(
            exc,
            job_id=job.job_id,
            hint=f"the result stays on the service: `convilyn convert download {job.job_id} -o DIR`",
        )
    return {"ok": True, "job_id": job.job_id, "file": str(written), "size": written.stat().st_size}


# -- workflows / account ------------------------------------------------------------------------


async def _catalog_entry(client: AsyncConvilyn, workflow_id: str) -> CatalogWorkflow | None:
    return next((w for w in await client.workflows.catalog() if w.workflow_id == workflow_id), None)


def _catalog_view(entry: CatalogWorkflow) -> dict[str, Any]:
    return {
        "workflow_id": entry.workflow_id,
        "name": entry.name,
        "description": entry.description,
        "category": entry.category,
        "accepts": entry.supported_input_formats or entry.supported_input_types,
        "min_files": entry.min_file_count,
        "questions": [
            {
                "slot_id": q.slot_id,
                "question": q.question,
                "choices": q.options,
                "required": q.required,
            }
            for q in entry.required_slots or ()
        ],
        "plan": entry.tier,
        "free_tier_allowed": entry.free_tier_allowed,
    }


def _matches(query: str | None, *texts: str | None) -> bool:
    if not query:
        return True
    haystack = " ".join(t for t in texts if t).lower()
    return all(word in haystack for word in query.lower().split())


async def workflows(
    s: Session,
    *,
    query: str | None = None,
    source: Literal["catalog", "marketplace", "all"] = "all",
    tag: str | None = None,
    sort: Literal["recent", "popular"] = "popular",
    limit: int = 20,
) -> dict[str, Any]:
    """The catalog (runnable with run_workflow) and the community marketplace, filtered."""
    limit = max(1, min(limit, 50))
    out: dict[str, Any] = {"ok": True}
    if source in ("catalog", "all"):
        out["catalog"] = [
            _catalog_view(w)
            for w in await s.client.workflows.catalog()
            if _matches(query, w.workflow_id, w.name, w.description, w.category)
        ][:limit]
    if source in ("marketplace", "all"):
        try:
            page = await s.client.workflows.search(tag=tag, sort=sort, limit=limit)
        except APIError as exc:
            out["marketplace_error"] = str(exc)
        else:
            out["marketplace"] = [
                {
                    "workflow_id": item.workflow_id,
                    "name": item.name,
                    "description": item.description,
                    "tags": item.tags,
                    "spec_id": item.spec_id,
                }
                for item in page.items
                if _matches(query, item.name, item.description, " ".join(item.tags))
            ]
            out["marketplace_note"] = (
                "marketplace workflows are community-made: fork one into your account "
                "(`convilyn workflows fork SPEC_ID`, with its spec_id) to run it; run_workflow runs catalog workflows"
            )
    return out


async def account(s: Session, *, workflow_id: str | None = None) -> dict[str, Any]:
    """Plan, balance, the service's run estimate, and whether the plan allows a workflow."""
    client = s.client
    estimate = await client.account.get_quota()
    out: dict[str, Any] = {
        "ok": True,
        "plan": str(estimate.quota_check.tier),
        "quota_state": str(estimate.quota_check.state),
        "run_estimate_usd": {
            "min": float(_usd(estimate, estimate.estimated_min_micro_u)),
            "max": float(_usd(estimate, estimate.estimated_max_micro_u)),
            "note": "the service's estimate for an agent run; it quotes no price per workflow",
        },
    }
    try:
        balance = await client.account.get_balance()
        out["balance_credits"] = balance.balance_credits
        out["period_end"] = balance.period_end.isoformat()
    except APIError as exc:
        out["balance_error"] = str(exc)
    if workflow_id is not None:
        entry = await _catalog_entry(client, workflow_id)
        if entry is None:
            out["workflow"] = {"workflow_id": workflow_id, "known": False}
        else:
            out["workflow"] = {
                "workflow_id": workflow_id,
                "plan_needed": entry.tier or "free",
                "allowed": _plan_allows(out["plan"], entry),
            }
    return out


def _plan_allows(plan: str, entry: CatalogWorkflow) -> bool:
    needed = (entry.tier or "free").lower()
    if entry.free_tier_allowed or needed not in _PLAN_ORDER or plan not in _PLAN_ORDER:
        return True
    return _PLAN_ORDER.index(plan) >= _PLAN_ORDER.index(needed)
