"""Retention: what the API forgets after 24 hours, the sandbox forgets too (on an injected clock),
and no request walks an account's history."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from convilyn.sandbox import Sandbox
from convilyn.sandbox.catalog import BY_ID
from convilyn.sandbox.clock import ManualClock
from convilyn.sandbox.expiry import RETENTION_SECONDS
from convilyn.sandbox.state import SandboxState

from .conftest import Api

Clocked = tuple[Sandbox, SandboxState, ManualClock]


@pytest.fixture
def clocked(convilyn_sandbox_factory: Callable[..., Sandbox]) -> Clocked:
    """A sandbox of its own whose clock moves only when the test says so."""
    sb = convilyn_sandbox_factory()
    assert sb.app is not None
    state = sb.app.sandbox
    clock = ManualClock(speed=0, start=time.time())
    state.clock = clock
    return sb, state, clock


def _blobs(state: SandboxState) -> list[str]:
    return [p.name for p in state.blobs.root.iterdir()]


def _completed_job_with_zip(api: Api) -> str:
    job = api.goal("goal_lane.cover_letter")
    jid = str(job["jobSpecId"])
    assert api.confirm(jid).status_code == 202
    assert api.job(jid)["status"] == "completed"
    assert api.get(f"/jobs/goal/{jid}/download").status_code == 200
    return jid


def _presigned_and_stored(api: Api) -> None:
    data = b"never confirmed\n"
    p = api.post(
        "/upload/presign",
        json={"fileName": "n.txt", "fileSize": len(data), "contentType": "text/plain"},
    ).json()
    stored = httpx.post(p["uploadUrl"], data=p["fields"], files={"file": ("n.txt", data)})
    assert stored.status_code == 204


def test_files_presigns_zips_jobs_and_idempotency_records_expire(clocked: Clocked) -> None:
    sb, state, clock = clocked
    api = Api(sb)
    try:
        jid = _completed_job_with_zip(api)
        _presigned_and_stored(api)
        kept = api.upload("kept.txt")
        key = {"Idempotency-Key": str(uuid.uuid4())}
        assert api.post(
            "/workflows/cost-preview", json={"toolNames": ["a"]}, headers=key
        ).is_success
        acct = state.accounts[api.key]
        assert acct.files
        assert acct.uploads
        assert acct.goal_jobs
        assert state.idempotency.records
        clock.advance(RETENTION_SECONDS / 2)
        converted = api.post("/jobs", json=_convert_body(kept))
        assert converted.status_code == 202, converted.text  # `kept` is used: kept a day more
        clock.advance(RETENTION_SECONDS / 2 + 1)
        assert api.get(f"/jobs/goal/{jid}").status_code == 404
        assert list(acct.files) == [kept]
        assert acct.uploads == {}
        assert acct.goal_jobs == {}
        assert len(state.idempotency.records) == 0
        assert len(_blobs(state)) == 2  # kept.txt and its conversion's result
        clock.advance(RETENTION_SECONDS + 1)
        assert api.get("/files").json()["files"] == []
        assert _blobs(state) == []
        assert acct.convert_jobs == {}
        assert acct.active == set()
    finally:
        api.close()


def _convert_body(file_id: str) -> dict[str, Any]:
    return {
        "processor_type": "document_conversion",
        "params": {"source_file_id": file_id, "source_format": "txt", "target_format": "pdf"},
    }


def test_abandoned_runs_expire_and_free_the_concurrency_limit(clocked: Clocked) -> None:
    sb, state, clock = clocked
    api = Api(sb, sb.new_key("pro"))
    try:
        files = [api.upload("resume.pdf"), api.upload("job.txt")]
        body = {"workflowId": "goal_lane.cover_letter", "fileIds": files}
        for _ in range(20):  # each stops at `ready`, waiting for a confirm nobody sends
            assert api.post("/jobs/goal", json=body).status_code == 201
        stuck = api.post("/jobs/goal", json=body)
        assert (stuck.status_code, stuck.json()["code"]) == (429, "CONCURRENT_JOB_LIMIT")
        clock.advance(RETENTION_SECONDS + 1)
        files = [api.upload("resume.pdf"), api.upload("job.txt")]  # the old ones expired too
        again = api.post("/jobs/goal", json={**body, "fileIds": files})
        assert again.status_code == 201, again.text
        assert len(state.accounts[api.key].goal_jobs) == 1
    finally:
        api.close()


def test_reset_empties_every_store(clocked: Clocked) -> None:
    sb, state, _ = clocked
    api = Api(sb)
    try:
        _completed_job_with_zip(api)
        _presigned_and_stored(api)
        key = {"Idempotency-Key": str(uuid.uuid4())}
        assert api.post(
            "/workflows/cost-preview", json={"toolNames": ["a"]}, headers=key
        ).is_success
        assert len(state.deadlines)
        assert _blobs(state)
        sb.reset()
        assert state.accounts == {}
        assert len(state.idempotency.records) == 0
        assert len(state.deadlines) == 0
        assert state.limiter.windows() == 0
        assert _blobs(state) == []
    finally:
        api.close()


def test_create_goal_job_and_delete_file_look_only_at_unfinished_jobs(
    clocked: Clocked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Structural, not timed: with 2000 finished jobs on the account, creating a job and
    deleting a file settle only the unfinished ones (here none), not the history."""
    sb, state, _ = clocked
    api = Api(sb)
    try:
        files = [api.upload("resume.pdf"), api.upload("job.txt")]
        acct = state.accounts[api.key]
        _add_finished_jobs(state, api.key, files, 2000)
        settled: list[str] = []
        real = state.settle_goal

        def counting(acct: Any, run: Any) -> None:
            settled.append(run.job_spec_id)
            real(acct, run)

        monkeypatch.setattr(state, "settle_goal", counting)
        body = {"workflowId": "goal_lane.cover_letter", "fileIds": files}
        created = api.post("/jobs/goal", json=body)
        assert created.status_code == 201
        assert len(settled) <= 2, len(settled)  # the new job only
        settled.clear()
        assert api.post("/jobs/goal/" + created.json()["jobSpecId"] + "/cancel").status_code == 202
        assert api.delete(f"/files/{files[0]}").status_code == 204
        assert len(settled) <= 2, len(settled)
        assert acct.active == set()
    finally:
        api.close()


def _add_finished_jobs(state: SandboxState, key: str, files: list[str], n: int) -> None:
    from convilyn.sandbox import goals

    acct = state.accounts[key]
    for i in range(n):
        run = goals.new_run(
            f"js_old{i:06d}",
            BY_ID["goal_lane.cover_letter"],
            workflow_id="goal_lane.cover_letter",
            goal_text=None,
            file_ids=files,
            slot_answers={},
            fail_mode=None,
            clock=state.clock,
        )
        run.status, run.next_at, run.charged = "cancelled", None, True
        acct.goal_jobs[run.job_spec_id] = run
