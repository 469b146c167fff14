"""``client.builder``: taken from the vendor's ``tests/unit/resources/test_builder.py``."""

from __future__ import annotations

from typing import Any

from exchange import Exchange, Expect, Raises, Returns, Route, err, ok

from convilyn import (
    BuilderMessageList,
    BuilderQuota,
    BuilderSession,
    BuilderTurn,
    PlanRequiredError,
)

BT = "test_builder.py"
UW = "uw_0123456789abcdef01234567"
SESSIONS = "/api/v1/chat/sessions"
MESSAGES = f"{SESSIONS}/chat_1/messages"


def _session_wire(**overrides: Any) -> dict[str, Any]:
    return {
        "chat_id": "chat_1",
        "user_id": "user_1",
        "status": "active",
        "mode": "builder",
        "title": None,
        "message_count": 0,
        "agent_state": "builder",
        "builder_mode": "from_scratch",
        "working_memory_summary": None,
        "created_at": "2026-01-01T00:00:00Z",
        "last_message_at": None,
        **overrides,
    }


def _message_wire(role: str = "assistant", content: str = "ok") -> dict[str, Any]:
    return {
        "message_id": "m_1",
        "chat_id": "chat_1",
        "role": role,
        "content": content,
        "message_type": "text",
        "metadata": None,
        "attachments": [],
        "created_at": "2026-01-01T00:00:00Z",
    }


def _turn_wire(**overrides: Any) -> dict[str, Any]:
    return {
        "messages": [_message_wire("user", "build me a thing"), _message_wire()],
        "agent_state": "builder",
        "stop_reason": "completed",
        "verdict_action": None,
        "failure_type": None,
        "pending_slots": [],
        "turn_count": 1,
        "builder_mode": "from_scratch",
        "registered_workflow_id": None,
        "clarification_question": None,
        "clarification_options": [],
        "error": None,
        # Extra wire fields (the vendor's model ignores them; ours keeps them as extras):
        "composition_phase": "compose",
        "recommended_workflows": None,
        **overrides,
    }


PENDING_SLOT = {
    "slot_id": "s1",
    "slot_type": "text",
    "question": "Which format?",
    "options": None,
    "required": True,
    "context": None,
}
QUOTA = {"used": 3, "limit": 10, "remaining": 7, "window_seconds": 3600, "retry_after_seconds": 0}

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{BT}::TestCreateSession::test_posts_builder_mode_and_returns_session",
        call=lambda x: x.client.builder.create_session(builder_mode="from_scratch"),
        routes=(
            Route(
                "POST",
                SESSIONS,
                (ok(_session_wire(), 201),),
                expect=Expect(body={"mode": "builder", "builder_mode": "from_scratch"}),
            ),
        ),
        outcome=Returns(BuilderSession, {"chat_id": "chat_1", "mode": "builder"}),
    ),
    Exchange(
        id=f"{BT}::TestCreateSession::test_threads_edit_target_and_locale",
        call=lambda x: x.client.builder.create_session(target_workflow_id=UW, locale="zh-TW"),
        routes=(
            Route(
                "POST",
                SESSIONS,
                (ok(_session_wire(builder_mode="edit"), 201),),
                expect=Expect(
                    body={"mode": "builder", "target_workflow_id": UW, "locale": "zh-TW"}
                ),
            ),
        ),
        outcome=Returns(BuilderSession, {"builder_mode": "edit"}),
    ),
    Exchange(
        id=f"{BT}::TestCreateSession::test_surfaces_pro_tier_402",
        call=lambda x: x.client.builder.create_session(),
        routes=(
            Route(
                "POST",
                SESSIONS,
                (err(402, {"code": "TIER_REQUIRED", "message": "Pro required"}),),
                calls=1,
            ),
        ),
        outcome=Raises(PlanRequiredError, {"status_code": 402, "code": "TIER_REQUIRED"}),
    ),
    Exchange(
        id=f"{BT}::TestSendMessage::test_register_verdict_returns_workflow_id",
        call=lambda x: x.client.builder.send_message("chat_1", "build me a thing"),
        routes=(
            Route(
                "POST",
                MESSAGES,
                (ok(_turn_wire(verdict_action="register", registered_workflow_id=UW), 201),),
                expect=Expect(body={"content": "build me a thing"}),
            ),
        ),
        outcome=Returns(
            BuilderTurn,
            {
                "verdict_action": "register",
                "registered_workflow_id": UW,
                "messages.#len": 2,
                "messages.0.role": "user",
            },
        ),
    ),
    Exchange(
        id=f"{BT}::TestSendMessage::test_request_input_surfaces_pending_slots",
        call=lambda x: x.client.builder.send_message("chat_1", "hi"),
        routes=(
            Route(
                "POST",
                MESSAGES,
                (
                    ok(
                        _turn_wire(verdict_action="request_input", pending_slots=[PENDING_SLOT]),
                        201,
                    ),
                ),
            ),
        ),
        outcome=Returns(
            BuilderTurn,
            {
                "verdict_action": "request_input",
                "registered_workflow_id": None,
                "pending_slots.#len": 1,
                "pending_slots.0.slot_id": "s1",
            },
        ),
    ),
    Exchange(
        id=f"{BT}::TestReadEndpoints::test_get_session",
        call=lambda x: x.client.builder.get_session("chat_1"),
        routes=(Route("GET", f"{SESSIONS}/chat_1", (ok(_session_wire(message_count=4)),)),),
        outcome=Returns(BuilderSession, {"message_count": 4}),
    ),
    Exchange(
        id=f"{BT}::TestReadEndpoints::test_messages_threads_pagination",
        call=lambda x: x.client.builder.messages("chat_1", limit=20, offset=0),
        routes=(
            Route(
                "GET",
                MESSAGES,
                (ok({"messages": [_message_wire()], "total": 1, "limit": 20, "offset": 0}),),
                expect=Expect(query={"limit": "20", "offset": "0"}),
            ),
        ),
        outcome=Returns(BuilderMessageList, {"total": 1, "messages.0.message_id": "m_1"}),
    ),
    Exchange(
        id=f"{BT}::TestReadEndpoints::test_quota",
        call=lambda x: x.client.builder.quota(),
        routes=(Route("GET", "/api/v1/chat/builder/quota", (ok(QUOTA),)),),
        outcome=Returns(BuilderQuota, {"used": 3, "remaining": 7}),
    ),
)
