"""What the live service omits and adds: a missing ``itemVersion`` means writes without
``expectedVersion``; an unknown field is kept and reported once at debug level."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call, file_record, goal_job, pending_slot

import convilyn.types as T
from convilyn._parse import parse_model

pytestmark = pytest.mark.anyio

JOB = "/api/v1/jobs/goal/job_1"


def without_version(**overrides: Any) -> dict[str, Any]:
    body = goal_job(**overrides)
    body.pop("itemVersion", None)
    return body


async def test_a_job_without_item_version_is_written_without_expected_version(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    asking = without_version(status="slots_pending", pendingSlots=[pending_slot("a")])
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=without_version()))
    mock.get(JOB + "/status").mock(return_value=httpx.Response(404))
    mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=asking),
            httpx.Response(200, json=without_version(status="ready")),
            httpx.Response(200, json=without_version(status="completed")),
            httpx.Response(200, json=without_version(status="completed")),
        ]
    )
    fill = mock.patch(JOB + "/slots").mock(
        return_value=httpx.Response(200, json=without_version(status="ready"))
    )
    confirm = mock.post(JOB + "/confirm").mock(
        return_value=httpx.Response(202, json={"jobSpecId": "job_1", "status": "queued"})
    )
    job = await call(make_client(kind).goals.run(goal_text="g", files=["file_1"], slots={"a": "x"}))
    assert job.status == "completed"
    assert job.item_version is None
    assert json.loads(fill.calls[0].request.content) == {"answers": [{"slotId": "a", "value": "x"}]}
    assert json.loads(confirm.calls[0].request.content) == {}


def test_an_unknown_field_is_logged_once_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    body = {**goal_job(), "fieldFromTheFuture": 1}
    with caplog.at_level(logging.DEBUG, logger="convilyn"):
        for _ in range(3):
            assert parse_model(T.GoalJob, body).model_extra == {"fieldFromTheFuture": 1}
    notes = [r for r in caplog.records if "fieldFromTheFuture" in r.getMessage()]
    assert len(notes) == 1
    assert notes[0].levelno == logging.DEBUG


def test_fields_the_vendor_fixtures_leave_out_take_the_vendor_defaults() -> None:
    slot = pending_slot("a")
    del slot["required"], slot["isDisambiguation"]
    parsed = parse_model(T.PendingSlot, slot)
    assert parsed.required is True  # the vendor reads a missing ``required`` as true
    assert parsed.is_disambiguation is False
    record = file_record()
    del record["isInput"]
    assert parse_model(T.File, record).is_input is True
