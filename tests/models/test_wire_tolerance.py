"""What the handwritten model base promises beyond the generated shapes."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from convilyn.models import ConvertJob, File, GoalEvent, GoalJob

GOAL_JOB: dict[str, Any] = {
    "jobSpecId": "js_1",
    "status": "slots_pending",
    "progress": 0,
    "itemVersion": 1,
    "createdAt": "2026-03-30T13:00:00Z",
    "updatedAt": "2026-03-30T13:00:00Z",
}


def test_the_live_services_nulls_read_as_empty_lists_and_maps() -> None:
    job = GoalJob.model_validate(
        {
            **GOAL_JOB,
            "fileIds": None,
            "pendingSlots": None,
            "filledSlots": None,
            "pendingInterrupts": None,
        }
    )
    assert job.file_ids == []
    assert job.pending_slots == []
    assert job.filled_slots == {}
    assert job.pending_interrupts == []


def test_a_nullable_field_keeps_its_null() -> None:
    job = GoalJob.model_validate(
        {**GOAL_JOB, "fileIds": [], "pendingSlots": [], "filledSlots": {}, "pendingInterrupts": []}
        | {"errorDetail": None}
    )
    assert job.error_detail is None


def test_models_are_frozen_and_populate_by_either_name() -> None:
    file = File.model_validate(
        {
            "file_id": "file_1",
            "filename": "a.pdf",
            "size": 3,
            "content_type": "application/pdf",
            "created_at": "2026-03-30T13:00:00Z",
            "is_input": True,
        }
    )
    assert file.model_dump(by_alias=True, mode="json")["fileName"] == "a.pdf"
    with pytest.raises(ValidationError):
        file.size = 4


def test_core_and_event_models_keep_unknown_fields() -> None:
    base = {**GOAL_JOB, "fileIds": [], "pendingSlots": [], "filledSlots": {}}
    job = GoalJob.model_validate({**base, "pendingInterrupts": [], "surprise": 1})
    assert job.model_extra == {"surprise": 1}
    event = GoalEvent.model_validate(
        {
            "type": "progress",
            "schemaVersion": 1,
            "jobSpecId": "js_1",
            "emittedAt": "2026-03-30T13:00:00Z",
            "seq": 3,
            "data": {"progress": 40},
            "surprise": 1,
        }
    )
    assert event.model_extra == {"surprise": 1}


@pytest.mark.parametrize(
    ("status", "terminal", "needs_input"),
    [("slots_pending", False, True), ("executing", False, False), ("partial", True, False)],
)
def test_goal_job_conveniences(status: str, terminal: bool, needs_input: bool) -> None:
    job = GoalJob.model_validate(
        {**GOAL_JOB, "status": status, "fileIds": [], "pendingSlots": [], "filledSlots": {}}
        | {"pendingInterrupts": []}
    )
    assert job.is_terminal is terminal
    assert job.needs_input is needs_input


def test_convert_job_is_terminal() -> None:
    job = ConvertJob.model_validate(
        {
            "jobId": "cj_1",
            "status": "failed",
            "processorType": "document_conversion",
            "progress": 10,
            "params": {},
            "warnings": [],
            "retryCount": 0,
            "createdAt": "2026-03-30T13:00:00Z",
            "updatedAt": "2026-03-30T13:00:00Z",
        }
    )
    assert job.is_terminal
