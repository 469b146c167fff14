"""wait(): adaptive interval, server hints, timeouts, unknown statuses, ready never spins."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import FakeTime, call, goal_job, pending_slot

from convilyn import (
    ConflictError,
    GoalJobFailedError,
    GoalJobTimeoutError,
    JobFailedError,
    UnexpectedFieldError,
    UnusedAnswersWarning,
)
from convilyn._goal_status import goal_phase
from convilyn._polling import PollSchedule

pytestmark = pytest.mark.anyio

STATUS = "/api/v1/jobs/goal/job_1/status"
JOB = "/api/v1/jobs/goal/job_1"


def light(status: str, progress: int = 0, version: int = 1, hint: int | None = None) -> Any:
    body: dict[str, Any] = {"status": status, "progress": progress, "itemVersion": version}
    if hint is not None:
        body["suggestedPollIntervalMs"] = hint
    return httpx.Response(200, json=body)


def test_schedule_backs_off_and_resets() -> None:
    s = PollSchedule(started_at=0.0, timeout=None)
    s.observe("a", now=0.0)
    assert s.interval == 1.0
    s.observe("a", now=1.0)
    assert s.interval == 1.5
    s.observe("a", now=2.5)
    assert s.interval == 2.25
    s.observe("b", now=5.0)
    assert s.interval == 1.0
    for i in range(20):
        s.observe("b", now=6.0 + i)
    assert s.interval == 10.0


def test_schedule_server_hint_first() -> None:
    s = PollSchedule(started_at=0.0, timeout=None)
    s.observe("a", now=0.0, hint_ms=2500)
    assert s.interval == 2.5
    s.observe("a", now=3.0, hint_ms=2500)
    assert s.interval == 2.5  # no backoff past the server's pace
    user = PollSchedule(started_at=0.0, timeout=None, poll_interval=5.0)
    user.observe("a", now=0.0, hint_ms=2000)
    assert user.interval == 5.0  # never faster than the caller asked either


def test_schedule_deadlines() -> None:
    s = PollSchedule(started_at=0.0, timeout=10.0, idle_timeout=4.0)
    s.observe("a", now=0.0)
    assert s.expired(3.9) is None
    assert s.next_delay(3.5) == pytest.approx(0.5)
    assert s.expired(4.0) == "idle"
    s.observe("b", now=4.0)
    assert s.expired(8.0) == "idle"
    s.observe("c", now=7.9)
    assert s.expired(10.0) == "total"


@pytest.mark.parametrize(
    ("status", "phase"),
    [
        ("completed", "succeeded"),
        ("partial", "succeeded"),
        ("failed", "failed"),
        ("cancelled", "cancelled"),
        ("slots_pending", "needs_input"),
        ("slot_needed", "needs_input"),
        ("ready", "ready"),
        ("ready_with_preview", "ready"),
        ("executing", "running"),
        ("pending", "running"),
        ("brand_new_status", "running"),
    ],
)
def test_phases(status: str, phase: str) -> None:
    assert goal_phase(status).value == phase


async def test_wait_sleeps_the_hint_and_reads_the_whole_job_where_it_stops(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    # The hint names the next stop: the poll then is the full read the stop needs anyway.
    # A server late on its own word is looked at again through the light status.
    status = mock.get(STATUS).mock(
        side_effect=[light("executing", 10, hint=3000), light("executing", 90, hint=200)]
    )
    job = mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="executing")),
            httpx.Response(200, json=goal_job(status="completed")),
        ]
    )
    client = make_client(kind)
    done = await call(client.goals.wait("job_1"))
    assert done.is_terminal
    assert fake_time.sleeps == [3.0, 1.0, 0.2]
    assert (status.call_count, job.call_count) == (2, 2)


async def test_watching_progress_polls_at_least_every_poll_interval(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    # The hint says when the job next stops; a progress bar moves in between: four looks
    # on the way, at most a second apart, at least 0.1 s.
    mock.get(STATUS).mock(
        side_effect=[
            light("executing", 10, hint=8000),
            light("executing", 50, hint=2000),
            light("executing", 60, hint=200),
            light("completed", 100),
        ]
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    seen: list[int] = []
    client = make_client(kind)
    job = await call(client.goals.wait("job_1", on_progress=lambda s: seen.append(s.progress)))
    assert job.is_terminal
    assert fake_time.sleeps == [1.0, 0.5, 0.1]
    assert seen == [10, 50, 60, 100]


async def test_wait_backs_off_while_nothing_changes(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    mock.get(STATUS).mock(
        side_effect=[light("executing", 10)] * 4 + [light("executing", 20), light("completed")]
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    client = make_client(kind)
    await call(client.goals.wait("job_1"))
    assert fake_time.sleeps == [1.0, 1.5, 2.25, 3.375, 1.0]


@pytest.mark.parametrize("stop", ["ready", "ready_with_preview", "slots_pending", "cancelled"])
async def test_wait_stops_instead_of_spinning(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, stop: str
) -> None:
    route = mock.get(STATUS).mock(return_value=light(stop))
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(
                status=stop,
                pendingSlots=[pending_slot("a")] if stop == "slots_pending" else [],
            ),
        )
    )
    client = make_client(kind)
    job = await call(client.goals.wait("job_1"))
    assert str(job.status) == stop
    assert route.call_count == 1


async def test_unknown_status_keeps_polling(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(STATUS).mock(side_effect=[light("thinking_hard"), light("completed")])
    mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="completed")),
        ]
    )
    client = make_client(kind)
    job = await call(client.goals.wait("job_1"))
    assert job.is_terminal


async def test_unknown_status_on_the_full_job_is_readable(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="hibernating")))
    client = make_client(kind)
    job = await call(client.goals.retrieve("job_1"))
    assert job.status == "hibernating"
    assert not job.is_terminal
    assert not job.needs_input


async def test_wait_stop_on(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(STATUS).mock(return_value=light("executing", 5))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="executing")))
    client = make_client(kind)
    job = await call(client.goals.wait("job_1", stop_on=["executing"]))
    assert str(job.status) == "executing"


async def test_wait_failed_raises(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(STATUS).mock(return_value=light("failed"))
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(
                status="failed",
                errorCode="PROCESSING_LIMIT",
                errorMessage="too many steps",
                suggestedAction="retry",
            ),
        )
    )
    client = make_client(kind)
    with pytest.raises(GoalJobFailedError) as info:
        await call(client.goals.wait("job_1"))
    assert info.value.code == "PROCESSING_LIMIT"
    assert info.value.retryable


async def test_wait_timeouts(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    mock.get(STATUS).mock(return_value=light("executing", 5))
    client = make_client(kind)
    with pytest.raises(GoalJobTimeoutError) as info:
        await call(client.goals.wait("job_1", timeout=10))
    assert info.value.reason == "total"
    assert sum(fake_time.sleeps) == pytest.approx(10.0)
    fake_time.sleeps.clear()
    with pytest.raises(GoalJobTimeoutError) as idle:
        await call(client.goals.wait("job_1", timeout=None, idle_timeout=5))
    assert idle.value.reason == "idle"
    assert idle.value.last_status == "executing"


async def test_wait_falls_back_to_full_job_without_status_endpoint(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    status = mock.get(STATUS).mock(return_value=httpx.Response(404, json={"detail": "Not Found"}))
    mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="executing")),
            httpx.Response(200, json=goal_job(status="completed")),
        ]
    )
    client = make_client(kind)
    job = await call(client.goals.wait("job_1"))
    assert job.is_terminal
    assert status.call_count == 1


async def test_unknown_field_on_a_core_model_is_a_typed_error_in_strict_mode(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(
        return_value=httpx.Response(200, json=goal_job(surprise=1), headers={"X-Request-Id": "r"})
    )
    assert (await call(make_client(kind).goals.retrieve("job_1"))).model_extra == {"surprise": 1}
    client = make_client(kind, strict=True)
    with pytest.raises(UnexpectedFieldError) as info:
        await call(client.goals.retrieve("job_1"))
    assert (info.value.model, info.value.field) == ("GoalJob", "surprise")
    assert info.value.request_id == "r"


async def test_null_lists_are_read_as_empty(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(
                pendingSlots=None, filledSlots=None, pendingInterrupts=None, fileIds=None
            ),
        )
    )
    client = make_client(kind)
    job = await call(client.goals.retrieve("job_1"))
    assert job.pending_slots == []
    assert job.filled_slots == {}
    assert job.file_ids == []


CONVERT = {
    "jobId": "cj_1",
    "processorType": "document_conversion",
    "params": {},
    "warnings": [],
    "retryCount": 0,
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}


async def test_convert_wait_failed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(
        side_effect=[
            httpx.Response(200, json={**CONVERT, "status": "processing", "progress": 10}),
            httpx.Response(
                200,
                json={
                    **CONVERT,
                    "status": "failed",
                    "progress": 10,
                    "error": {"code": "CORRUPT", "message": "bad file"},
                },
            ),
        ]
    )
    client = make_client(kind)
    with pytest.raises(JobFailedError) as info:
        await call(client.convert.wait("cj_1"))
    assert info.value.code == "CORRUPT"


async def test_sync_callbacks_refuse_coroutines(
    make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(STATUS).mock(return_value=light("completed", 100))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))

    async def on_progress(_: Any) -> None:
        return None

    client = make_client("sync")
    with pytest.raises(TypeError, match="AsyncConvilyn"):
        client.goals.wait("job_1", on_progress=on_progress)


async def test_async_client_accepts_async_callbacks(
    make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(STATUS).mock(return_value=light("completed", 100))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    seen: list[int] = []

    async def on_progress(s: Any) -> None:
        seen.append(s.progress)

    client = make_client("async")
    await client.goals.wait("job_1", on_progress=on_progress)
    assert seen == [100]


async def test_run_hands_back_a_job_nobody_can_answer(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(STATUS).mock(return_value=light("slots_pending", version=2))
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(status="slots_pending", itemVersion=2, pendingSlots=[pending_slot("a")]),
        )
    )
    patch = mock.patch("/api/v1/jobs/goal/job_1/slots")
    client = make_client(kind)
    job = await call(client.goals.run(workflow_id="goal_lane.x"))
    assert job.needs_input
    assert patch.call_count == 0


async def test_run_round_bound(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(STATUS).mock(return_value=light("slots_pending", version=2))
    asking = httpx.Response(
        200, json=goal_job(status="slots_pending", itemVersion=2, pendingSlots=[pending_slot("a")])
    )
    mock.get(JOB).mock(return_value=asking)
    mock.patch("/api/v1/jobs/goal/job_1/slots").mock(return_value=asking)
    mock.get("/api/v1/workflows/catalog").mock(return_value=httpx.Response(200, json=CATALOG))
    client = make_client(kind)
    with pytest.raises(GoalJobTimeoutError) as info:
        await call(client.goals.run(workflow_id="goal_lane.x", slots={"a": 1}, max_rounds=3))
    assert info.value.reason == "rounds"


CATALOG = {
    "workflows": [
        {
            "workflowId": "goal_lane.x",
            "name": "X",
            "description": "d",
            "supportedInputTypes": ["document"],
            "category": "c",
            "requiredSlotCount": 1,
            "requiredSlots": [
                {"slotId": "tone", "slotType": "text", "question": "Tone?", "required": True}
            ],
            "status": "active",
        }
    ]
}


async def test_run_sends_pre_execution_answers_with_the_create_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/workflows/catalog").mock(return_value=httpx.Response(200, json=CATALOG))
    create = mock.post("/api/v1/jobs/goal").mock(
        return_value=httpx.Response(201, json=goal_job(status="executing"))
    )
    mock.get(STATUS).mock(return_value=light("completed", progress=100))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    client = make_client(kind)
    # The job ends without asking "later": that answer is named, not silently dropped.
    with pytest.warns(UnusedAnswersWarning, match="never asked for later"):
        job = await call(
            client.goals.run(workflow_id="goal_lane.x", slots={"tone": "formal", "later": "yes"})
        )
    assert job.status == "completed"
    sent = json.loads(create.calls[0].request.content)
    # "later" is not a question the catalog says it asks before execution: kept for later
    assert sent["slotAnswers"] == [{"slotId": "tone", "value": "formal"}]


async def test_run_that_stops_for_input_has_sent_every_answer_it_was_given(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(STATUS).mock(return_value=light("slots_pending", version=2))
    both = [pending_slot("a"), pending_slot("c")]
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200, json=goal_job(status="slots_pending", itemVersion=2, pendingSlots=both)
        )
    )
    fill = mock.patch("/api/v1/jobs/goal/job_1/slots").mock(
        return_value=httpx.Response(
            200,
            json=goal_job(
                status="slots_pending",
                itemVersion=3,
                pendingSlots=[pending_slot("c")],
                filledSlots={"a": 1},
            ),
        )
    )
    client = make_client(kind)
    job = await call(client.goals.run(goal_text="do it", files=["file_1"], slots={"a": 1}))
    assert job.needs_input
    assert [s.slot_id for s in job.pending_slots] == ["c"]
    assert json.loads(fill.calls[0].request.content) == {
        "answers": [{"slotId": "a", "value": 1}],
        "expectedVersion": 2,
    }


async def test_start_validates_sources_before_any_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    create = mock.post("/api/v1/jobs/goal")
    client = make_client(kind)
    with pytest.raises(TypeError):
        await call(client.goals.start())
    with pytest.raises(TypeError):
        await call(client.goals.start(workflow_id="a", goal_text="b"))
    with pytest.raises(ValueError, match="files"):
        await call(client.goals.start(goal_text="summarise"))
    with pytest.raises(TypeError):
        await call(client.goals.start(workflow_id="a", files=[42]))
    assert create.call_count == 0


@pytest.mark.parametrize("driver", ["run", "run_interactive"])
async def test_run_calls_on_start_once_with_the_new_job_before_waiting(
    driver: str, kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    status = mock.get(STATUS).mock(return_value=light("completed", 100))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    seen: list[tuple[str, int]] = []

    def on_start(job: Any) -> None:
        seen.append((job.job_spec_id, status.call_count))

    client = make_client(kind)
    kwargs: dict[str, Any] = {"workflow_id": "goal_lane.x", "on_start": on_start}
    if driver == "run_interactive":
        kwargs["on_slot"] = lambda slot, job: "x"
    job = await call(getattr(client.goals, driver)(**kwargs))
    assert job.status == "completed"
    assert seen == [("job_1", 0)]  # once, before the first poll


async def test_run_on_start_async_callback_and_exceptions_propagate(
    make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    status = mock.get(STATUS).mock(return_value=light("completed", 100))
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="completed")))
    seen: list[str] = []

    async def on_start(job: Any) -> None:
        seen.append(job.job_spec_id)

    client = make_client("async")
    await client.goals.run(workflow_id="goal_lane.x", on_start=on_start)
    assert seen == ["job_1"]

    class Stop(Exception):
        pass

    def refuse(job: Any) -> None:
        raise Stop

    calls_before = status.call_count
    with pytest.raises(Stop):
        await client.goals.run(workflow_id="goal_lane.x", on_start=refuse)
    assert status.call_count == calls_before  # nothing after the callback raised


def _ready_with_preview(mock: respx.MockRouter) -> None:
    """A job that offers a preview until it is confirmed, then completes."""
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    confirm = mock.post("/api/v1/jobs/goal/job_1/confirm").mock(
        return_value=httpx.Response(200, json=goal_job(status="queued", itemVersion=3))
    )

    def status(request: httpx.Request) -> Any:
        done = confirm.called
        return light("completed" if done else "ready_with_preview", version=4 if done else 2)

    def job(request: httpx.Request) -> httpx.Response:
        if confirm.called:
            return httpx.Response(200, json=goal_job(status="completed", itemVersion=4))
        return httpx.Response(200, json=goal_job(status="ready_with_preview", itemVersion=2))

    mock.get(STATUS).mock(side_effect=status)
    mock.get(JOB).mock(side_effect=job)


async def test_run_without_on_preview_hands_back_the_preview_unconfirmed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    _ready_with_preview(mock)
    confirm = mock.post("/api/v1/jobs/goal/job_1/confirm")
    client = make_client(kind)
    job = await call(client.goals.run(workflow_id="goal_lane.x"))
    assert job.status == "ready_with_preview"
    assert confirm.call_count == 0  # confirming spends: nobody approved the preview


@pytest.mark.parametrize("driver", ["run", "run_interactive"])
async def test_an_approved_preview_is_confirmed(
    driver: str, kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    _ready_with_preview(mock)
    confirm = mock.post("/api/v1/jobs/goal/job_1/confirm")
    client = make_client(kind)
    kwargs: dict[str, Any] = {"workflow_id": "goal_lane.x"}
    if driver == "run":
        kwargs["on_preview"] = lambda job: True
    else:  # the vendor's interactive driver approves when no on_preview is given
        kwargs["on_slot"] = lambda slot, job: "x"
    job = await call(getattr(client.goals, driver)(**kwargs))
    assert job.status == "completed"
    assert json.loads(confirm.calls[0].request.content) == {"expectedVersion": 2}


async def test_a_confirm_another_writer_won_is_taken_as_done(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(STATUS).mock(
        side_effect=[light("ready", version=2), light("completed", 100, version=4)]
    )
    mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="ready", itemVersion=2)),
            httpx.Response(200, json=goal_job(status="completed", itemVersion=4)),
        ]
    )
    # The vendor's recorded refusal of a second confirm.
    already = {"code": "CONFLICT", "message": "already queued"}
    confirm = mock.post("/api/v1/jobs/goal/job_1/confirm").mock(
        return_value=httpx.Response(409, json=already)
    )
    client = make_client(kind)
    job = await call(client.goals.run(workflow_id="goal_lane.x"))
    assert job.status == "completed"
    assert confirm.call_count == 1


async def test_a_confirm_refused_twice_while_still_ready_is_raised(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(STATUS).mock(return_value=light("ready", version=2))
    mock.get(JOB).mock(
        return_value=httpx.Response(200, json=goal_job(status="ready", itemVersion=2))
    )
    mock.post("/api/v1/jobs/goal/job_1/confirm").mock(
        return_value=httpx.Response(409, json={"code": "CONFLICT", "message": "not confirmable"})
    )
    client = make_client(kind)
    with pytest.raises(ConflictError) as info:
        await call(client.goals.run(workflow_id="goal_lane.x"))
    assert info.value.code == "CONFLICT"
