"""The chat Builder (``/chat/...``, snake_case): sessions, turns, transcript, turn budget.

The dialogue itself is :mod:`..builder`; here it meets the account: the Pro-plan gate (402
``TIER_REQUIRED`` except ``discover``), the turn budget (429 ``BUILDER_QUOTA_EXCEEDED``), and a
registration, which stores a ``uw_`` workflow that ``createGoalJob``'s ``userWorkflowId`` runs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from convilyn.models import (
    BuilderMessage,
    BuilderMessageList,
    BuilderQuota,
    BuilderSession,
    BuilderTurn,
)

from ..builder import (
    FORMAT_SLOT,
    SESSIONS_KEPT,
    WINDOW_SECONDS,
    BuilderSessionRecord,
    MessageRecord,
    Verdict,
    take_turn,
    window,
    workflow_content,
    working_memory,
)
from ..catalog import CUSTOM_GOAL
from ..clock import iso
from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError
from ..state import WorkflowRecord
from ..wire import dump
from .common import UPGRADE_URL
from .user_workflows import own_workflow

ATTACHMENT_FIELDS = ("file_id", "file_name", "file_size", "mime_type", "url")
# What a registered workflow runs: the free-form goal's steps, without its preview, so a run
# reaches ``ready`` (which the vendor's ``goals.run`` confirms) and no approval is asked.
BUILT = dataclasses.replace(
    CUSTOM_GOAL, workflow_id="goal_lane.builder", name="Builder workflow", preview=None
)


def _session_wire(s: BuilderSessionRecord) -> dict[str, Any]:
    return dump(
        BuilderSession,
        {
            "chat_id": s.chat_id,
            "user_id": s.user_id,
            "status": "active",
            "mode": "builder",
            "title": s.title,
            "message_count": s.message_total,
            "agent_state": "builder",
            "builder_mode": s.builder_mode,
            "working_memory_summary": working_memory(s),
            "created_at": iso(s.created_at),
            "last_message_at": None if s.last_message_at is None else iso(s.last_message_at),
        },
    )


def _message_wire(s: BuilderSessionRecord, m: MessageRecord) -> dict[str, Any]:
    return dump(
        BuilderMessage,
        {
            "message_id": m.message_id,
            "chat_id": s.chat_id,
            "role": m.role,
            "content": m.content,
            "message_type": "text",
            "created_at": iso(m.created_at),
            "metadata": None,
            "attachments": list(m.attachments),
        },
    )


def _session(ctx: Ctx) -> BuilderSessionRecord:
    chat_id = str(ctx.path["chatId"])
    session = ctx.account.builder_sessions.get(chat_id)
    if session is None:
        raise ApiError(
            404, "CHAT_NOT_FOUND", f"Builder session {chat_id} not found", {"chatId": chat_id}
        )
    return session


def _mode(ctx: Ctx, body: dict[str, Any]) -> str:
    target = body.get("target_workflow_id")
    mode = body.get("builder_mode") or ("edit" if target else "from_scratch")
    if target is not None and mode != "edit":
        raise ApiError(
            400,
            "INVALID_BUILDER_MODE",
            f"target_workflow_id edits a workflow; it cannot be used with builder_mode {mode}",
            {"builder_mode": mode},
        )
    if mode != "discover" and ctx.account.tier == "free":
        raise ApiError(
            402,
            "TIER_REQUIRED",
            "Authoring workflows with the Builder needs the Pro plan (discover mode does not)",
            {"upgradeUrl": UPGRADE_URL, "tier": ctx.account.tier},
        )
    if target is not None:
        own_workflow(ctx, str(target))
    return str(mode)


async def create_builder_session(ctx: Ctx) -> Reply:
    acct, sb, body = ctx.account, ctx.sandbox, ctx.body
    mode = _mode(ctx, body)
    session = BuilderSessionRecord(
        chat_id=sb.new_id("chat"),
        user_id=acct.user_id,
        builder_mode=mode,
        created_at=ctx.now,
        title=body.get("title"),
        locale=str(body.get("locale") or "en"),
        target_workflow_id=body.get("target_workflow_id"),
    )
    if body.get("initial_message"):
        session.add("user", str(body["initial_message"]), ctx.now, [])
    sessions = acct.builder_sessions
    sessions[session.chat_id] = session
    while len(sessions) > SESSIONS_KEPT:
        del sessions[next(iter(sessions))]
    return Reply(201, _session_wire(session))


def _spend_turn(ctx: Ctx) -> None:
    acct, now = ctx.account, ctx.now
    start, used, limit, reset_in = window(acct.builder_window, acct.tier, now)
    if used >= limit:
        raise ApiError(
            429,
            "BUILDER_QUOTA_EXCEEDED",
            f"All {limit} Builder turns of this window are used; the window resets in {reset_in} s",
            {"limit": limit, "retry_after_seconds": reset_in},
            headers={"Retry-After": str(reset_in)},
        )
    acct.builder_window = (start, used + 1)


def _register(ctx: Ctx, session: BuilderSessionRecord) -> str:
    sb, now, content = ctx.sandbox, ctx.now, workflow_content(session)
    target = sb.workflows.get(session.target_workflow_id or "")
    if target is not None and target.owner_id == session.user_id:
        target.description = content["description"]
        target.system_prompt = content["system_prompt"]
        target.spec_json = content["spec_json"]
        target.item_version += 1
        target.updated_at = now
        return target.workflow_id
    workflow_id = f"uw_{sb.new_id('x')[2:]}{sb.new_id('x')[2:10]}"
    sb.workflows[workflow_id] = WorkflowRecord(
        workflow_id=workflow_id,
        spec_id=f"{session.user_id}.{workflow_id}",
        owner_id=session.user_id,
        name=content["name"],
        description=content["description"],
        visibility="private",
        tags=["builder"],
        base=BUILT,
        created_at=now,
        source_type="builder",
        source_version="1.0.0",
        system_prompt=content["system_prompt"],
        spec_json=content["spec_json"],
        founding_intent=content["founding_intent"],
    )
    sb.counters.created["workflows"] += 1
    session.target_workflow_id = workflow_id  # later changes update it
    return workflow_id


def _slots(verdict: Verdict) -> list[dict[str, Any]]:
    if verdict.action != "request_input":
        return []
    return [
        {
            "slot_id": FORMAT_SLOT,
            "slot_type": "choice",
            "question": verdict.question,
            "options": list(verdict.options),
            "required": True,
            "context": "The registered workflow renders its result in this format.",
        }
    ]


async def send_builder_message(ctx: Ctx) -> Reply:
    session, body, now = _session(ctx), ctx.body, ctx.now
    _spend_turn(ctx)
    attachments = [  # the declared fields only (a request may carry more)
        {k: a[k] for k in ATTACHMENT_FIELDS if k in a} for a in body.get("attachments") or []
    ]
    session.add("user", str(body["content"]), now, attachments)
    catalog = [w.name for w in ctx.sandbox.catalog()]
    verdict = take_turn(session, str(body["content"]), catalog)
    registered = _register(ctx, session) if verdict.registers else None
    reply = verdict.reply if registered is None else f"Registered your workflow as {registered}."
    session.add("assistant", reply, now, [])
    turn = {
        "messages": [_message_wire(session, m) for m in session.messages[-2:]],  # yours, its
        "agent_state": "builder",
        "stop_reason": "completed",
        "verdict_action": verdict.action,
        "failure_type": None,
        "pending_slots": _slots(verdict),
        "turn_count": session.turn_count,
        "builder_mode": session.builder_mode,
        "registered_workflow_id": registered,
        "clarification_question": verdict.question,
        "clarification_options": list(verdict.options),
        "error": None,
    }
    return Reply(201, dump(BuilderTurn, turn))


async def get_builder_session(ctx: Ctx) -> Reply:
    return Reply(200, _session_wire(_session(ctx)))


async def list_builder_messages(ctx: Ctx) -> Reply:
    session = _session(ctx)
    limit = int(ctx.query.get("limit") or 50)
    offset = int(ctx.query.get("offset") or 0)
    dropped = session.message_total - len(session.messages)  # trimmed: the oldest are gone
    page = session.messages[max(offset, dropped) - dropped : max(offset + limit - dropped, 0)]
    data = {
        "messages": [_message_wire(session, m) for m in page],
        "total": session.message_total,
        "limit": limit,
        "offset": offset,
    }
    return Reply(200, dump(BuilderMessageList, data))


async def get_builder_quota(ctx: Ctx) -> Reply:
    acct = ctx.account
    _, used, limit, reset_in = window(acct.builder_window, acct.tier, ctx.now)
    data = {
        "used": used,
        "limit": limit,
        "remaining": max(0, limit - used),
        "window_seconds": WINDOW_SECONDS,
        "retry_after_seconds": 0 if used < limit else reset_in,
    }
    return Reply(200, dump(BuilderQuota, data))


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "createBuilderSession": create_builder_session,
        "sendBuilderMessage": send_builder_message,
        "getBuilderSession": get_builder_session,
        "listBuilderMessages": list_builder_messages,
        "getBuilderQuota": get_builder_quota,
    }
