"""Every goal-job path, over real HTTP at instant speed (slow speed where a running job is needed)."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from convilyn.models import GoalJob, GoalJobStatus
from convilyn.sandbox import Sandbox

from .conftest import Api


def test_cover_letter_two_files_no_slots_completes(api: Api) -> None:
    job = api.goal("goal_lane.cover_letter")
    assert job["status"] == "ready"
    assert job["pendingSlots"] == []
    GoalJob.model_validate(job)
    r = api.confirm(job["jobSpecId"], expectedVersion=job["itemVersion"])
    assert r.status_code == 202
    assert r.json()["jobSpecId"] == job["jobSpecId"]
    status = api.get(f"/jobs/goal/{job['jobSpecId']}/status").json()
    GoalJobStatus.model_validate(status)
    assert status["status"] == "completed"
    assert status["progress"] == 100
    assert status["suggestedPollIntervalMs"] is None
    final = api.job(job["jobSpecId"])
    assert final["completedAt"]
    assert final["startedAt"]
    assert final["itemVersion"] > job["itemVersion"]


def test_resume_tailor_pre_slots_then_mid_execution_checkpoint(api: Api) -> None:
    job = api.goal("goal_lane.resume_tailor", files=[api.upload("cv.docx")])
    ready = _answer_pre_execution_slots(api, job)
    assert api.confirm(job["jobSpecId"], expectedVersion=ready["itemVersion"]).status_code == 202
    preview = _answer_the_checkpoint(api, job["jobSpecId"])
    assert preview["status"] == "ready_with_preview"
    jid = job["jobSpecId"]
    assert api.confirm(jid, expectedVersion=preview["itemVersion"]).status_code == 202
    done = api.job(jid)
    assert done["status"] == "completed"
    arts = api.get(f"/jobs/goal/{jid}/artifacts").json()
    assert arts["total"] == 2
    assert [a["fileName"] for a in arts["artifacts"]] == ["tailored_resume.docx", "changes.md"]


def _answer_pre_execution_slots(api: Api, job: dict[str, Any]) -> dict[str, Any]:
    jid = job["jobSpecId"]
    assert job["status"] == "slots_pending"
    assert {s["slotId"] for s in job["pendingSlots"]} == {"target_role", "tone"}
    tone = next(s for s in job["pendingSlots"] if s["slotId"] == "tone")
    assert tone["options"] == ["professional", "friendly", "bold"]
    assert tone["suggestedValue"] == "professional"
    # a wrong option is a 422 with a field error
    bad = api.patch(
        f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "tone", "value": "rude"}]}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "answers", 0, "value"]
    # confirming with slots missing is an invalid transition
    assert api.confirm(jid).status_code == 400
    r = api.patch(
        f"/jobs/goal/{jid}/slots",
        json={
            "answers": [
                {"slotId": "target_role", "value": "Staff Engineer"},
                {"slotId": "tone", "value": "bold"},
            ],
            "expectedVersion": job["itemVersion"],
        },
    )
    assert r.status_code == 200, r.text
    ready: dict[str, Any] = r.json()
    assert ready["status"] == "ready"
    assert ready["filledSlots"] == {"target_role": "Staff Engineer", "tone": "bold"}
    return ready


def _answer_the_checkpoint(api: Api, jid: str) -> dict[str, Any]:
    # the run pauses at its mid-execution checkpoint
    status = api.get(f"/jobs/goal/{jid}/status").json()
    assert status["status"] == "slots_pending"
    assert status["checkpoint"]["checkpointId"] == "profile_review"
    assert status["checkpoint"]["stepOutputPreview"].startswith("Detected roles")
    assert status["checkpoint"]["slots"] == [{"slotId": "confirmed_titles", "type": "text"}]
    assert 0 < status["progress"] < 100
    paused = api.job(jid)
    assert [s["slotId"] for s in paused["pendingSlots"]] == ["confirmed_titles"]
    assert paused["agentMessage"].startswith("Detected roles")
    r = api.patch(
        f"/jobs/goal/{jid}/slots",
        json={
            "answers": [{"slotId": "confirmed_titles", "value": "Tech Lead"}],
            "expectedVersion": status["itemVersion"],
        },
    )
    assert r.status_code == 200
    answered: dict[str, Any] = r.json()
    return answered


def test_slot_answers_up_front_skip_slots_pending(api: Api) -> None:
    job = api.goal(
        "goal_lane.resume_tailor",
        files=[api.upload("cv.pdf")],
        slotAnswers=[
            {"slotId": "target_role", "value": "PM"},
            {"slotId": "tone", "value": "friendly"},
        ],
    )
    assert job["status"] == "ready"


def test_stale_version_is_409_with_current_version(api: Api) -> None:
    job = api.goal("goal_lane.document_summary", files=[api.upload("a.md")])
    jid, version = job["jobSpecId"], job["itemVersion"]
    r = api.patch(
        f"/jobs/goal/{jid}/slots",
        json={"answers": [{"slotId": "length", "value": "short"}], "expectedVersion": version},
    )
    assert r.status_code == 200
    stale = api.patch(
        f"/jobs/goal/{jid}/slots",
        json={"answers": [{"slotId": "length", "value": "long"}], "expectedVersion": version},
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "VERSION_CONFLICT"
    assert body["details"] == {
        "currentVersion": r.json()["itemVersion"],
        "expectedVersion": version,
    }
    confirm = api.confirm(jid, expectedVersion=version)
    assert confirm.status_code == 409
    assert confirm.json()["details"]["currentVersion"] == r.json()["itemVersion"]
    assert api.job(jid)["filledSlots"] == {"length": "short"}


def test_confirming_before_analysis_finishes_is_400(make_api, convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    slow: Sandbox = convilyn_sandbox_factory(speed=0.01)
    api = make_api("pro", slow)
    job = api.goal("goal_lane.cover_letter")
    assert job["status"] == "created"  # at 1% speed, analysis takes over a minute
    early = api.confirm(job["jobSpecId"])
    assert early.status_code == 400
    assert early.json()["code"] == "INVALID_STATE"
    assert early.json()["details"]["status"] == "created"


def wait_for(api: Api, jid: str, status: str, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = api.job(jid)
        if job["status"] == status:
            return job
        time.sleep(0.02)
    raise AssertionError(f"{jid} never reached {status}: {api.job(jid)['status']}")


def test_confirming_a_running_job_is_400(make_api, convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(speed=1)
    api = make_api("pro", sandbox)
    jid = api.goal("goal_lane.cover_letter")["jobSpecId"]
    wait_for(api, jid, "ready")
    assert api.confirm(jid).status_code == 202
    again = api.confirm(jid)
    assert again.status_code == 400
    assert again.json()["code"] == "INVALID_STATE"
    assert again.json()["details"]["status"] in ("confirmed", "queued", "executing")
    patch = api.patch(f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "x", "value": 1}]})
    assert patch.status_code == 400
    assert api.get(f"/jobs/goal/{jid}/artifacts").status_code == 400
    status = api.get(f"/jobs/goal/{jid}/status").json()
    assert status["suggestedPollIntervalMs"] > 0
    # cancelling a running job works and stops it
    assert api.post(f"/jobs/goal/{jid}/cancel").json()["status"] == "cancelled"
    time.sleep(0.1)
    assert api.job(jid)["status"] == "cancelled"


def test_cancel_then_cancel_again_is_409_and_patch_is_400(api: Api) -> None:
    job = api.goal("goal_lane.resume_tailor", files=[api.upload("cv.pdf")])
    jid = job["jobSpecId"]
    r = api.post(f"/jobs/goal/{jid}/cancel")
    assert r.status_code == 202
    assert r.json() == {"jobSpecId": jid, "status": "cancelled"}
    again = api.post(f"/jobs/goal/{jid}/cancel")
    assert again.status_code == 409
    assert again.json()["code"] == "ALREADY_TERMINAL"
    patch = api.patch(
        f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "tone", "value": "bold"}]}
    )
    assert patch.status_code == 400
    assert api.confirm(jid).status_code == 400


def test_failed_then_retry_same_thread_resumes_at_the_failed_step(api: Api) -> None:
    job = api.goal(
        "goal_lane.cover_letter", files=[api.upload("cv__fail_once__.pdf"), api.upload("jd.txt")]
    )
    jid = job["jobSpecId"]
    api.confirm(jid)
    failed = api.job(jid)
    assert failed["status"] == "failed"
    assert failed["errorCode"] == "TOOL_ERROR"
    assert failed["suggestedAction"] == "retry"
    assert failed["errorDetail"] == {"reason": "tool_error"}
    assert api.get(f"/jobs/goal/{jid}/status").json()["error"]
    first_attempt = failed["attemptId"]
    progress_at_failure = failed["progress"]
    assert api.get(f"/jobs/goal/{jid}/download").status_code == 400
    r = api.post(
        f"/jobs/goal/{jid}/retry", json={"rerunMode": "retry_same_thread", "reason": "flaky tool"}
    )
    assert r.status_code == 202
    done = api.job(jid)
    assert done["status"] == "completed"
    assert done["attemptId"] != first_attempt
    assert done["errorCode"] is None
    assert progress_at_failure > 0


def test_partial_then_fresh_rerun(api: Api) -> None:
    job = api.goal(
        "goal_lane.cover_letter", files=[api.upload("cv__partial__.pdf"), api.upload("jd.txt")]
    )
    jid = job["jobSpecId"]
    api.confirm(jid)
    partial = api.job(jid)
    assert partial["status"] == "partial"
    arts = api.get(f"/jobs/goal/{jid}/artifacts").json()
    assert arts["total"] == 1
    assert arts["artifacts"][0]["isPrimary"] is True
    r = api.post(f"/jobs/goal/{jid}/retry", json={"rerunMode": "fresh_rerun"})
    assert r.status_code == 202
    done = api.job(jid)
    assert done["status"] == "completed"
    assert api.get(f"/jobs/goal/{jid}/artifacts").json()["total"] == 2


def test_fresh_rerun_asks_the_checkpoint_again(api: Api) -> None:
    job = api.goal("goal_lane.data_report", files=[api.upload("sales__fail_once__.csv")])
    jid = job["jobSpecId"]
    assert job["status"] == "ready_with_preview"
    api.confirm(jid)
    # the second step fails before its checkpoint on the first attempt
    assert api.job(jid)["status"] == "failed"
    api.post(f"/jobs/goal/{jid}/retry", json={"rerunMode": "fresh_rerun"})
    paused = api.job(jid)
    assert paused["status"] == "slots_pending"
    assert paused["pendingSlots"][0]["slotId"] == "charts"
    r = api.patch(
        f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "charts", "value": ["arpu_trend"]}]}
    )
    assert r.json()["status"] == "ready_with_preview"
    api.confirm(jid)
    assert api.job(jid)["status"] == "completed"


def test_always_failing_job_fails_again_on_retry(api: Api) -> None:
    job = api.goal(
        "goal_lane.cover_letter", files=[api.upload("a__fail__.pdf"), api.upload("b.pdf")]
    )
    api.confirm(job["jobSpecId"])
    api.post(f"/jobs/goal/{job['jobSpecId']}/retry", json={"rerunMode": "retry_same_thread"})
    assert api.job(job["jobSpecId"])["status"] == "failed"


def test_retry_of_a_completed_job_is_400(api: Api) -> None:
    job = api.goal()
    api.confirm(job["jobSpecId"])
    r = api.post(f"/jobs/goal/{job['jobSpecId']}/retry", json={"rerunMode": "fresh_rerun"})
    assert r.status_code == 400


def test_goal_text_goes_through_draft_to_ready_with_preview(api: Api) -> None:
    r = api.post(
        "/jobs/goal", json={"goalText": "Summarise my notes", "fileIds": [api.upload("notes.md")]}
    )
    assert r.status_code == 201
    job = r.json()
    assert job["status"] == "ready_with_preview"
    assert job["goalText"] == "Summarise my notes"
    assert job["agentMessage"].startswith("Plan:")
    api.confirm(job["jobSpecId"])
    assert api.job(job["jobSpecId"])["status"] == "completed"


def test_exactly_one_source(api: Api) -> None:
    f = api.upload("a.pdf")
    both = api.post(
        "/jobs/goal", json={"goalText": "x", "workflowId": "goal_lane.cover_letter", "fileIds": [f]}
    )
    assert both.status_code == 422
    none = api.post("/jobs/goal", json={"fileIds": [f]})
    assert none.status_code == 422


def test_unknown_workflow_and_file_are_404(api: Api) -> None:
    f = api.upload("a.pdf")
    assert (
        api.post("/jobs/goal", json={"workflowId": "goal_lane.nope", "fileIds": [f]}).status_code
        == 404
    )
    r = api.post(
        "/jobs/goal", json={"workflowId": "goal_lane.document_summary", "fileIds": ["file_missing"]}
    )
    assert r.status_code == 404
    assert r.json()["code"] == "FILE_NOT_FOUND"
    assert api.get("/jobs/goal/js_missing").status_code == 404


def test_workflow_input_rules_are_enforced(api: Api) -> None:
    one = api.upload("cv.pdf")
    few = api.post("/jobs/goal", json={"workflowId": "goal_lane.cover_letter", "fileIds": [one]})
    assert few.status_code == 422
    assert few.json()["code"] == "TOO_FEW_FILES"
    fmt = api.post(
        "/jobs/goal",
        json={"workflowId": "goal_lane.document_summary", "fileIds": [api.upload("x.exe")]},
    )
    assert fmt.status_code == 422
    assert fmt.json()["code"] == "UNSUPPORTED_FORMAT"
    assert fmt.json()["errors"][0]["loc"] == ["body", "fileIds", 0]
    big = api.upload("big.pdf", b"x" * (10 * 1024 * 1024 + 1))  # resume_tailor allows 10 MiB
    size = api.post("/jobs/goal", json={"workflowId": "goal_lane.resume_tailor", "fileIds": [big]})
    assert size.status_code == 422
    assert size.json()["code"] == "INPUT_TOO_LARGE"


def test_tier_gating(make_api) -> None:  # type: ignore[no-untyped-def]
    free, pro = make_api("free"), make_api("pro")
    r = free.post(
        "/jobs/goal",
        json={"workflowId": "goal_lane.contract_review", "fileIds": [free.upload("c.pdf")]},
    )
    assert r.status_code == 403
    assert r.json()["code"] == "spec_not_allowed_on_free"
    r = pro.post(
        "/jobs/goal",
        json={"workflowId": "goal_lane.meeting_notes", "fileIds": [pro.upload("m.mp3")]},
    )
    assert r.status_code == 402
    assert r.json()["code"] == "BUSINESS_TIER_REQUIRED"


def test_artifact_download_and_zip(api: Api) -> None:
    import io
    import zipfile

    import httpx

    job = api.goal()
    jid = job["jobSpecId"]
    assert api.get(f"/jobs/goal/{jid}/artifacts").status_code == 400  # not completed yet
    api.confirm(jid)
    arts = api.get(f"/jobs/goal/{jid}/artifacts").json()["artifacts"]
    one = api.get(f"/jobs/goal/{jid}/artifacts/{arts[0]['artifactId']}/download").json()
    assert one["fileName"] == "cover_letter.docx"
    body = httpx.get(one["downloadUrl"]).content
    assert len(body) == one["sizeBytes"]
    assert b"Produced by the Convilyn sandbox" in body
    assert api.get(f"/jobs/goal/{jid}/artifacts/art_missing/download").status_code == 404
    z = api.get(f"/jobs/goal/{jid}/download").json()
    assert z["filename"] == "output.zip"
    data = httpx.get(z["url"]).content
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["cover_letter.docx", "cover_letter.md"]


def test_credits_and_usage_follow_the_jobs_run(api: Api) -> None:
    before = api.get("/credits/balance").json()["balanceCredits"]
    job = api.goal()
    api.confirm(job["jobSpecId"])
    api.job(job["jobSpecId"])
    after = api.get("/credits/balance").json()["balanceCredits"]
    assert before - after == 5  # the cover letter's price
    usage = {u["metric"]: u for u in api.get("/payment/usage/history").json()}
    assert usage["goal_jobs"]["used"] == 1
    assert usage["credits"]["used"] == 5


def test_progress_moves_and_all_statuses_are_reached(make_api, convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    """At a real pace: progress only moves forward, and the event log shows every status."""
    from httpx_ws import WebSocketDisconnect, WebSocketSession, connect_ws

    sandbox: Sandbox = convilyn_sandbox_factory(speed=3)
    api = make_api("pro", sandbox)
    progress: list[int] = []

    def watch(jid: str, until: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            st = api.get(f"/jobs/goal/{jid}/status").json()
            progress.append(st["progress"])
            if st["status"] == until:
                return
            time.sleep(0.01)
        raise AssertionError(f"{jid} never reached {until}")

    r = api.post("/jobs/goal", json={"goalText": "plan my week", "fileIds": []})
    jid = r.json()["jobSpecId"]
    assert r.json()["status"] == "draft"
    watch(jid, "ready_with_preview")
    api.confirm(jid)
    watch(jid, "completed")
    assert progress == sorted(progress)
    assert len(set(progress)) > 3
    url = sandbox.base_url.replace("http://", "ws://") + f"/api/v1/jobs/goal/{jid}/events"
    statuses: list[str] = []
    with (
        connect_ws(url, api.http, session_class=WebSocketSession) as ws,
        contextlib.suppress(WebSocketDisconnect),
    ):
        while True:
            event = ws.receive_json(timeout=5)
            if event["type"] == "status":
                statuses.append(event["data"]["status"])
    assert statuses == [
        "draft",
        "analyzing",
        "ready_with_preview",
        "confirmed",
        "queued",
        "executing",
        "completed",
    ]
