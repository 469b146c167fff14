"""Public types: frozen; an unknown field on a core model is kept (``model_extra``) by default
and, in strict mode, becomes a typed error naming the model and the field (never a raw
pydantic exception)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pydantic
import pytest
import respx
from facade_helpers import call, file_record, goal_job, pending_slot

import convilyn.types as T
from convilyn import UnexpectedFieldError
from convilyn._parse import parse_model

pytestmark = pytest.mark.anyio

CONVERT_JOB: dict[str, Any] = {
    "jobId": "cj_1",
    "status": "completed",
    "processorType": "document_conversion",
    "progress": 100,
    "params": {},
    "resultFiles": [{"filename": "o.pdf", "size": 4, "mimetype": "application/pdf", "url": "u"}],
    "warnings": [],
    "error": {"code": "E", "message": "m"},
    "retryCount": 0,
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}
CORE: dict[str, tuple[type[pydantic.BaseModel], dict[str, Any]]] = {
    "File": (T.File, file_record()),
    "ResultFile": (T.ResultFile, CONVERT_JOB["resultFiles"][0]),
    "JobError": (T.JobError, CONVERT_JOB["error"]),
    "ConvertJob": (T.ConvertJob, CONVERT_JOB),
    "PendingSlot": (T.PendingSlot, pending_slot("a")),
    "GoalJob": (T.GoalJob, goal_job()),
}


def public_models() -> list[type[pydantic.BaseModel]]:
    found = [getattr(T, n) for n in T.__all__]
    return [m for m in found if isinstance(m, type) and issubclass(m, pydantic.BaseModel)]


def test_every_public_model_is_frozen() -> None:
    models = [m for m in public_models() if not issubclass(m, pydantic.RootModel)]
    assert len(models) > 30
    assert [m.__name__ for m in models if not m.model_config.get("frozen")] == []
    job = T.GoalJob.model_validate(goal_job())
    with pytest.raises(pydantic.ValidationError):
        setattr(job, "status", "completed")  # noqa: B010 (mypy would refuse the assignment)


@pytest.mark.parametrize("name", sorted(CORE))
def test_core_models_keep_an_unknown_field_and_strict_mode_names_it(name: str) -> None:
    model, body = CORE[name]
    parsed = parse_model(model, {**body, "brandNewField": 1})
    assert parsed.model_extra == {"brandNewField": 1}
    parse_model(model, body, strict=True)  # the declared fields alone pass strict mode
    with pytest.raises(UnexpectedFieldError) as info:
        parse_model(model, {**body, "brandNewField": 1}, strict=True)
    assert (info.value.model, info.value.field) == (name, "brandNewField")
    assert name in str(info.value)
    assert "brandNewField" in str(info.value)
    assert not isinstance(info.value, pydantic.ValidationError)


async def test_nested_unknown_field_is_named_with_its_path(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    slot = {**pending_slot("a"), "extra": True}
    mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(200, json=goal_job(pendingSlots=[slot]))
    )
    job = await call(make_client(kind).goals.retrieve("job_1"))
    assert job.pending_slots[0].model_extra == {"extra": True}
    with pytest.raises(UnexpectedFieldError) as info:
        await call(make_client(kind, strict=True).goals.retrieve("job_1"))
    assert info.value.model == "GoalJob"
    assert info.value.field == "pendingSlots.0.extra"


def test_non_core_models_accept_new_fields() -> None:
    page = T.WorkflowSearchPage.model_validate({"items": [], "cursor": None, "newThing": 1})
    assert page.items == []


async def test_convilyn_strict_env_turns_strict_mode_on(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(200, json=goal_job(brandNewField=1))
    )
    monkeypatch.setenv("CONVILYN_STRICT", "1")
    with pytest.raises(UnexpectedFieldError):
        await call(make_client(kind).goals.retrieve("job_1"))
    monkeypatch.setenv("CONVILYN_STRICT", "0")
    assert (await call(make_client(kind).goals.retrieve("job_1"))).model_extra == {
        "brandNewField": 1
    }


def test_slot_choices_read_plain_and_structured_options_alike() -> None:
    slot = T.PendingSlot.model_validate(
        pending_slot(
            "length",
            options=["short", {"value": "one_page", "label": "One page"}, {"id": "x"}],
        )
    )
    assert slot.choices == [
        T.SlotChoice("short", "short"),
        T.SlotChoice("one_page", "One page"),
        T.SlotChoice("x", "x"),
    ]
    assert T.PendingSlot.model_validate(pending_slot("free")).choices == []


def test_phase_and_preview_say_what_a_goal_snapshot_waits_for() -> None:
    at_checkpoint = T.GoalJobStatus.model_validate(
        {
            "status": "slots_pending",
            "progress": 50,
            "checkpoint": {
                "checkpointId": "profile_review",
                "stepOutputPreview": "Draft profile",
                "slots": [{"slotId": "ok", "type": "text"}],
            },
        }
    )
    assert at_checkpoint.phase is T.GoalPhase.NEEDS_INPUT
    assert at_checkpoint.preview == "Draft profile"
    preview = T.GoalJob.model_validate(
        goal_job(status="ready_with_preview", agentMessage="Here is the plan")
    )
    assert preview.phase is T.GoalPhase.READY
    assert preview.preview == "Here is the plan"
    running = T.GoalJob.model_validate(goal_job(status="executing", agentMessage="working"))
    assert running.phase is T.GoalPhase.RUNNING
    assert running.preview is None
    assert T.GoalJob.model_validate(goal_job(status="slot_needed")).needs_input
