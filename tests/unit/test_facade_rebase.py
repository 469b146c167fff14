"""Optimistic-lock rebase: a 409 never loses an answer and never overwrites blindly."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call, goal_job, pending_slot, workflow

from convilyn import GoalJob, VersionConflictError
from convilyn._rebase import (
    AlreadyApplied,
    Refused,
    Resend,
    decide_confirm,
    decide_fill,
    decide_patch,
)

pytestmark = pytest.mark.anyio

SLOTS = "/api/v1/jobs/goal/job_1/slots"
JOB = "/api/v1/jobs/goal/job_1"
CONFLICT = httpx.Response(
    409,
    json={
        "code": "VERSION_CONFLICT",
        "message": "stale",
        "details": {"currentVersion": 4, "expectedVersion": 3},
    },
)


# -- pure decisions ---------------------------------------------------------------------------


def test_fill_resends_only_still_pending_answers() -> None:
    d = decide_fill({"a": 1, "b": 2}, status="slots_pending", pending_ids=["a"], filled={"b": 2})
    assert d == Resend({"a": 1}, "slots still pending")


def test_fill_already_applied_when_server_already_holds_the_answers() -> None:
    d = decide_fill({"a": 1}, status="ready", pending_ids=[], filled={"a": 1})
    assert isinstance(d, AlreadyApplied)


def test_fill_refused_when_answered_differently() -> None:
    d = decide_fill({"a": 1}, status="ready", pending_ids=[], filled={"a": 9})
    assert isinstance(d, Refused)
    assert "a" in d.reason


def test_fill_refused_when_terminal() -> None:
    d = decide_fill({"a": 1}, status="cancelled", pending_ids=["a"], filled={})
    assert isinstance(d, Refused)


@pytest.mark.parametrize(
    ("status", "decision"),
    [
        ("ready", Resend),
        ("ready_with_preview", Resend),
        ("confirmed", AlreadyApplied),
        ("executing", AlreadyApplied),
        ("slots_pending", Refused),
        ("failed", Refused),
        ("something_new", Refused),
    ],
)
def test_confirm_decisions(status: str, decision: type) -> None:
    assert isinstance(decide_confirm(status=status), decision)


def test_patch_three_way() -> None:
    base = {"name": "A", "description": "d", "visibility": "private", "tags": []}
    other_changed_desc = {**base, "description": "d2"}
    ok = decide_patch({"name": "B"}, current=other_changed_desc, base=base)
    assert isinstance(ok, Resend)
    assert ok.change == {"name": "B"}
    other_changed_name = {**base, "name": "Z"}
    bad = decide_patch({"name": "B"}, current=other_changed_name, base=base)
    assert isinstance(bad, Refused)
    assert "name" in bad.reason
    unknown = decide_patch({"name": "B"}, current=other_changed_desc, base=None)
    assert isinstance(unknown, Refused)
    same = decide_patch({"name": "A"}, current=base, base=None)
    assert isinstance(same, AlreadyApplied)
    archived = {**base, "visibility": "archived"}
    publish = decide_patch(
        {"visibility": "public"}, current=archived, base=None, blocked={"visibility": ["archived"]}
    )
    assert isinstance(publish, Refused)
    publish_ok = decide_patch(
        {"visibility": "public"},
        current=other_changed_desc,
        base=None,
        blocked={"visibility": ["archived"]},
    )
    assert isinstance(publish_ok, Resend)


# -- through the client -----------------------------------------------------------------------


async def test_fill_slots_rebases_and_keeps_every_answer(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    # Someone else answered "tone" (the same value) meanwhile; "role" is still pending.
    patch = mock.patch(SLOTS).mock(
        side_effect=[
            CONFLICT,
            httpx.Response(
                200,
                json=goal_job(
                    status="ready", itemVersion=5, filledSlots={"tone": "bold", "role": "eng"}
                ),
            ),
        ]
    )
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(
                status="slots_pending",
                itemVersion=4,
                pendingSlots=[pending_slot("role")],
                filledSlots={"tone": "bold"},
            ),
        )
    )
    client = make_client(kind)
    job = await call(
        client.goals.fill_slots("job_1", {"tone": "bold", "role": "eng"}, expected_version=3)
    )
    assert job.item_version == 5
    first, second = (json.loads(c.request.content) for c in patch.calls)
    assert first["expectedVersion"] == 3
    assert second == {"answers": [{"slotId": "role", "value": "eng"}], "expectedVersion": 4}


async def test_fill_slots_refuses_to_overwrite_a_different_answer(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    patch = mock.patch(SLOTS).mock(return_value=CONFLICT)
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200, json=goal_job(status="ready", itemVersion=4, filledSlots={"tone": "friendly"})
        )
    )
    client = make_client(kind)
    with pytest.raises(VersionConflictError) as info:
        await call(
            client.goals.fill_slot("job_1", slot_id="tone", value="bold", expected_version=3)
        )
    assert patch.call_count == 1  # no blind overwrite
    err = info.value
    assert (err.expected_version, err.current_version) == (3, 4)
    assert isinstance(err.current, GoalJob)
    assert err.current.filled_slots == {"tone": "friendly"}


async def test_fill_slots_returns_current_when_already_applied(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    patch = mock.patch(SLOTS).mock(return_value=CONFLICT)
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200, json=goal_job(status="ready", itemVersion=4, filledSlots={"tone": "bold"})
        )
    )
    client = make_client(kind)
    job = await call(client.goals.fill_slots("job_1", {"tone": "bold"}, expected_version=3))
    assert job.filled_slots == {"tone": "bold"}
    assert patch.call_count == 1


async def test_fill_slots_rebase_is_bounded(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    patch = mock.patch(SLOTS).mock(return_value=CONFLICT)
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(status="slots_pending", itemVersion=4, pendingSlots=[pending_slot("a")]),
        )
    )
    client = make_client(kind)
    with pytest.raises(VersionConflictError) as info:
        await call(client.goals.fill_slots("job_1", {"a": 1}, expected_version=3))
    assert patch.call_count == 4  # the first try + 3 rebases
    # Out of attempts while the answer still applied: the job kept changing under it.
    assert "kept changing" in str(info.value)
    assert "still pending" not in str(info.value)


async def test_confirm_rebases_while_still_confirmable(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    confirm = mock.post("/api/v1/jobs/goal/job_1/confirm").mock(
        side_effect=[
            CONFLICT,
            httpx.Response(
                202,
                json={
                    "jobSpecId": "job_1",
                    "status": "confirmed",
                    "messageId": "m",
                    "submittedAt": "2026-01-01T00:00:00Z",
                },
            ),
        ]
    )
    mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="ready", itemVersion=4)),
            httpx.Response(200, json=goal_job(status="confirmed", itemVersion=5)),
        ]
    )
    client = make_client(kind)
    job = await call(client.goals.confirm("job_1", expected_version=3))
    assert str(job.status) == "confirmed"
    assert [json.loads(c.request.content) for c in confirm.calls] == [
        {"expectedVersion": 3},
        {"expectedVersion": 4},
    ]


async def test_confirm_conflict_when_a_new_checkpoint_appeared(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal/job_1/confirm").mock(return_value=CONFLICT)
    mock.get(JOB).mock(
        return_value=httpx.Response(200, json=goal_job(status="slots_pending", itemVersion=6))
    )
    client = make_client(kind)
    with pytest.raises(VersionConflictError) as info:
        await call(client.goals.confirm("job_1", expected_version=3))
    assert info.value.current_version == 6


WF = workflow()


@pytest.mark.parametrize("through", ["client", "with_options copy"])
async def test_workflow_patch_rebases_disjoint_changes(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, through: str
) -> None:
    # Through a with_options copy too: it shares the versions the client saw (the base of
    # the three-way check), so a patch through it rebases instead of conflicting.
    wf_conflict = httpx.Response(
        409, json={"code": "VERSION_CONFLICT", "message": "stale", "details": {}}
    )
    patch = mock.patch("/api/v1/workflows/wf_1").mock(
        side_effect=[wf_conflict, httpx.Response(200, json={**WF, "name": "B", "itemVersion": 3})]
    )
    mock.get("/api/v1/workflows/wf_1").mock(
        side_effect=[
            httpx.Response(200, json=WF),
            httpx.Response(200, json={**WF, "description": "changed", "itemVersion": 2}),
        ]
    )
    client = make_client(kind)
    wf = await call(client.workflows.get("wf_1"))
    writer = client if through == "client" else client.with_options(timeout=5.0)
    out = await call(writer.workflows.patch("wf_1", item_version=wf.item_version, name="B"))
    assert out.item_version == 3
    bodies = [json.loads(c.request.content) for c in patch.calls]
    assert bodies == [{"itemVersion": 1, "name": "B"}, {"itemVersion": 2, "name": "B"}]


async def test_workflow_patch_conflict_on_same_field(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    wf_conflict = httpx.Response(409, json={"code": "VERSION_CONFLICT", "message": "stale"})
    patch = mock.patch("/api/v1/workflows/wf_1").mock(return_value=wf_conflict)
    mock.get("/api/v1/workflows/wf_1").mock(
        side_effect=[
            httpx.Response(200, json=WF),
            httpx.Response(200, json={**WF, "name": "Other", "itemVersion": 2}),
        ]
    )
    client = make_client(kind)
    await call(client.workflows.get("wf_1"))
    with pytest.raises(VersionConflictError) as info:
        await call(client.workflows.patch("wf_1", item_version=1, name="B"))
    assert patch.call_count == 1
    assert (info.value.expected_version, info.value.current_version) == (1, 2)


async def test_a_copy_learns_a_missing_status_endpoint_for_the_client(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    status = mock.get("/api/v1/jobs/goal/job_1/status").mock(return_value=httpx.Response(404))
    mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(200, json=goal_job(status="executing"))
    )
    client = make_client(kind)
    await call(client.with_options(timeout=5.0).goals.status("job_1"))
    await call(client.goals.status("job_1"))
    await call(client.with_options(max_retries=1).goals.status("job_1"))
    assert status.call_count == 1
