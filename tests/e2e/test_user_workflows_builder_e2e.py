"""``client.builder`` and ``client.user_workflows`` against the real sandbox, sync and async:
author a workflow in a conversation, run it with ``goals.run(user_workflow_id=...)``, find the
run in ``user_workflows.runs``, export and delete it."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_helpers import PROFILE, call, collect, open_client

from convilyn import (
    BuilderMessageList,
    BuilderQuota,
    BuilderSession,
    BuilderTurn,
    ContractNotDerivableError,
    GoalJob,
    GroundedContractUnavailableError,
    NotFoundError,
    PlanRequiredError,
    UserWorkflowDetail,
    UserWorkflowExport,
    UserWorkflowRun,
    UserWorkflowsPage,
    WorkflowIsPublicError,
)

pytestmark = pytest.mark.anyio


async def _build(client: Any, goal: str, *, title: str | None = None) -> str:
    """A from-scratch session, taken to a registered workflow; its uw_ id."""
    session = await call(client.builder.create_session(builder_mode="from_scratch", title=title))
    asked = await call(client.builder.send_message(session.chat_id, goal))
    assert asked.verdict_action == "request_input"
    answer = asked.pending_slots[0].options[0]
    staged = await call(client.builder.send_message(session.chat_id, answer))
    assert staged.verdict_action == "stage_draft"
    registered = await call(client.builder.send_message(session.chat_id, "register"))
    assert registered.verdict_action == "register"
    workflow_id: str = registered.registered_workflow_id
    return workflow_id


async def _talk(client: Any) -> str:
    """The dialogue, turn by turn, with what each turn says; the registered uw_ id."""
    session = await call(
        client.builder.create_session(builder_mode="from_scratch", title="Invoice notes")
    )
    assert isinstance(session, BuilderSession)
    assert (session.mode, session.builder_mode, session.message_count) == (
        "builder",
        "from_scratch",
        0,
    )
    asked = await call(
        client.builder.send_message(session.chat_id, "Summarise an invoice into a note")
    )
    assert isinstance(asked, BuilderTurn)
    assert (asked.verdict_action, asked.registered_workflow_id) == ("request_input", None)
    assert asked.pending_slots[0].question == asked.clarification_question
    staged = await call(client.builder.send_message(session.chat_id, "markdown"))
    assert staged.verdict_action == "stage_draft"
    turn = await call(client.builder.send_message(session.chat_id, "register it"))
    assert turn.verdict_action == "register"
    assert str(turn.registered_workflow_id).startswith("uw_")
    workflow_id: str = turn.registered_workflow_id
    return workflow_id


async def test_builder_registers_a_workflow_that_goals_run_and_runs_list(
    kind: str, convilyn_sandbox: Any
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        uw = await _talk(client)
        job = await call(client.goals.run(user_workflow_id=uw, on_preview=lambda job: True))
        assert isinstance(job, GoalJob)
        assert job.status == "completed"
        started = await call(client.goals.start(user_workflow_id=uw))
        runs = await call(client.user_workflows.runs(uw))
        assert all(isinstance(r, UserWorkflowRun) for r in runs)
        assert [r.job_spec_id for r in runs] == [started.job_spec_id, job.job_spec_id]
        assert runs[1].status == "completed"
        assert [r.job_spec_id for r in await call(client.user_workflows.runs(uw, limit=1))] == [
            started.job_spec_id
        ]

        detail = await call(client.user_workflows.get(uw))
        assert isinstance(detail, UserWorkflowDetail)
        assert (detail.name, detail.source_type) == ("Invoice notes", "builder")
        assert detail.founding_intent == "Summarise an invoice into a note"
        assert detail.stats.run_count == 1  # the completed run


async def test_session_transcript_and_quota(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        session = await call(client.builder.create_session(initial_message="hello"))
        await call(client.builder.send_message(session.chat_id, "Translate a memo"))
        again = await call(client.builder.get_session(session.chat_id))
        assert again.message_count == 3
        assert again.last_message_at is not None
        page = await call(client.builder.messages(session.chat_id, limit=2, offset=1))
        assert isinstance(page, BuilderMessageList)
        assert (page.total, len(page.messages)) == (3, 2)
        assert [m.role for m in page.messages] == ["user", "assistant"]
        quota = await call(client.builder.quota())
        assert isinstance(quota, BuilderQuota)
        assert quota.used == 1
        assert quota.remaining == quota.limit - 1
        with pytest.raises(NotFoundError):
            await call(client.builder.get_session("chat_0000000000000000"))
        with pytest.raises(ValueError, match="content is empty"):
            await call(client.builder.send_message(session.chat_id, "  "))


async def test_authoring_needs_pro_except_discover(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox, api_key=convilyn_sandbox.new_key("free")) as c:
        with pytest.raises(PlanRequiredError) as info:
            await call(c.builder.create_session(builder_mode="from_scratch"))
        assert (info.value.status_code, info.value.code) == (402, "TIER_REQUIRED")
        session = await call(c.builder.create_session(builder_mode="discover"))
        turn = await call(c.builder.send_message(session.chat_id, "anything for invoices?"))
        assert turn.verdict_action == "recommend_existing"
        assert turn.registered_workflow_id is None


async def test_list_iterate_export_delete(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        made = [await _build(client, f"Workflow number {i}") for i in range(3)]
        page = await call(client.user_workflows.list(limit=2))
        assert isinstance(page, UserWorkflowsPage)
        assert len(page.items) == 2
        assert page.cursor is not None
        everything = await collect(client.user_workflows.iter_list(limit=2))
        assert sorted(w.workflow_id for w in everything) == sorted(made)
        empty = await call(client.user_workflows.list(visibility="public"))
        assert empty.items == []

        export = await call(client.user_workflows.export(made[0]))
        assert isinstance(export, UserWorkflowExport)
        assert export.schema_version == "3"
        assert export.document["foundingIntent"] == "Workflow number 0"

        await call(client.user_workflows.delete(made[0]))
        with pytest.raises(NotFoundError):
            await call(client.user_workflows.get(made[0]))
        left = await collect(client.user_workflows.iter_list())
        assert sorted(w.workflow_id for w in left) == sorted(made[1:])
        with pytest.raises(ValueError, match="limit must be between 1 and 100"):
            await call(client.user_workflows.list(limit=101))


async def test_a_public_workflow_is_archived_then_deleted(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        uw = await _build(client, "Draft a weekly report")
        version = (await call(client.user_workflows.get(uw))).item_version
        published = await call(client.workflows.publish(uw, item_version=version))
        with pytest.raises(WorkflowIsPublicError) as info:
            await call(client.user_workflows.delete(uw))
        assert info.value.code == "WORKFLOW_IS_PUBLIC_USE_ARCHIVE"
        await call(
            client.workflows.patch(uw, item_version=published.item_version, visibility="archived")
        )
        await call(client.user_workflows.delete(uw))
        with pytest.raises(NotFoundError):
            await call(client.user_workflows.export(uw))


async def test_grounded_contract(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        extracting = await _build(client, "Extract the totals from invoices")
        if PROFILE == "live":  # switched off on the live service
            with pytest.raises(GroundedContractUnavailableError) as off:
                await call(client.user_workflows.grounded_contract(extracting))
            assert off.value.status_code == 404
            return
        contract = await call(
            client.user_workflows.grounded_contract(
                extracting, model_binding="local-qwen3-4b", locale="ja"
            )
        )
        assert (contract["model_binding"], contract["locale"]) == ("local-qwen3-4b", "ja")
        plain = await _build(client, "Write a haiku")
        with pytest.raises(ContractNotDerivableError):
            await call(client.user_workflows.grounded_contract(plain))
        with pytest.raises(NotFoundError) as missing:
            await call(client.user_workflows.grounded_contract("uw_000000000000000000000000"))
        assert not isinstance(missing.value, GroundedContractUnavailableError)
