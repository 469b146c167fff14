"""``client.goals``: from the vendor's ``test_goals.py`` and ``test_goal_failure_detail.py``.

The vendor's client polls the full job (``GET /jobs/goal/{id}``); ours asks the light
``GET /jobs/goal/{id}/status`` first, which the live service lacks (404). Those exchanges list
that probe in ``absent``: answered 404 as live does, after which ours polls the full job
exactly as the vendor's recording answers it (each recorded reply consumed in turn).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange import Ctx, Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import (
    ArtifactDownload,
    BadRequestError,
    ConflictError,
    DownloadTargetExistsError,
    GoalJob,
    GoalJobFailedError,
    GoalJobTimeoutError,
    InternalServerError,
    NotFoundError,
    UnsafeDownloadError,
    VersionConflictError,
)

G = "test_goals.py"
D = "test_goal_failure_detail.py"
JOB = "/api/v1/jobs/goal/job_test"
STATUS = f"GET {JOB}/status"
WF = "goal_lane.content_to_multipost"


def _job_response(status: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "jobSpecId": "job_test",
        "status": status,
        "progress": 0 if status in ("queued", "created", "analyzing") else 100,
        "fileIds": ["file_abc"],
        "pendingSlots": [],
        "filledSlots": {},
        "pendingInterrupts": [],
        "createdAt": "2026-05-20T12:00:00Z",
        "updatedAt": "2026-05-20T12:00:01Z",
    }
    base.update(overrides)
    return base


def _completed_job() -> dict[str, Any]:
    return _job_response("completed", progress=100, completedAt="2026-05-20T12:00:05Z")


def _pending_slot_payload(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "slotId": "which_doc",
        "slotType": "text",
        "question": "Which document?",
        "options": None,
        "required": True,
        "isDisambiguation": False,
        "suggestedValue": None,
        "suggestedConfidence": None,
    }
    base.update(overrides)
    return base


def _slots_pending_job() -> dict[str, Any]:
    return _job_response("slots_pending", pendingSlots=[_pending_slot_payload()])


CONFIRM_ACK = {"jobSpecId": "job_test", "status": "executing", "messageId": "m1"}
SUBMISSION = {
    "jobSpecId": "job_test",
    "status": "queued",
    "messageId": "msg_abc",
    "submittedAt": "2026-05-20T12:00:00Z",
}


def _create(
    status: str = "queued", code: int = 201, expect: Expect | None = None, **kw: Any
) -> Route:
    return Route(
        "POST",
        "/api/v1/jobs/goal",
        (ok(_job_response(status, **kw), code),),
        expect=expect or Expect(),
    )


def _get(*payloads: dict[str, Any], path: str = JOB, calls: int | None = None) -> Route:
    return Route("GET", path, tuple(ok(p) for p in payloads), calls=calls)


def _confirm(reply: Reply, calls: int | None = None, expect: Expect | None = None) -> Route:
    return Route("POST", f"{JOB}/confirm", (reply,), calls=calls, expect=expect or Expect())


def _run(**kwargs: Any) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.run(**kwargs)

    return call


def _run_wf(**kwargs: Any) -> Any:
    return _run(workflow_id=WF, files=["file_abc"], **kwargs)


def _start(**kwargs: Any) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.start(**kwargs)

    return call


def _interactive(**kwargs: Any) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.run_interactive(**kwargs)

    return call


def _answer(slot: Any, job: Any) -> str:
    return "invoice"


# -- artifacts -------------------------------------------------------------------------------

STORAGE_URL = "https://storage.example.com/bucket/summary.xlsx?sig=xyz"


def _presign_route(url: str, file_name: str = "summary.xlsx") -> Route:
    return Route(
        "GET",
        f"{JOB}/artifacts/art_1/download",
        (
            ok(
                {
                    "downloadUrl": url,
                    "fileName": file_name,
                    "sizeBytes": 2048,
                    "mimeType": "application/octet-stream",
                    "expiresAt": "2026-07-11T13:00:00Z",
                }
            ),
        ),
    )


def _artifact_payload(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "artifactId": "art_1",
        "fileName": "summary.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "sizeBytes": 2048,
        "downloadUrl": "https://storage.example.com/bucket/summary.xlsx?sig=abc",
        "artifactType": "spreadsheet",
        "metadata": None,
        "isPrimary": True,
        "description": "Vendor-grouped expense summary",
    }
    base.update(overrides)
    return base


def _download_to(overwrite: bool = False) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.download_artifact_to(
            "job_test", "art_1", to=x.path("out.xlsx"), overwrite=overwrite
        )

    return call


def _existing(tmp: Path) -> None:
    (tmp / "out.xlsx").write_bytes(b"the artifact the user already had")


def _stale(tmp: Path) -> None:
    (tmp / "out.xlsx").write_bytes(b"stale")


def _symlink(tmp: Path) -> None:
    (tmp / "out.xlsx").symlink_to(tmp / "elsewhere.xlsx")


# -- failure detail (test_goal_failure_detail.py) --------------------------------------------


def _failure(name: str, attrs: dict[str, Any], **fields: Any) -> Exchange:
    error_fields: dict[str, Any] = {
        "errorCode": "PROCESSING_LIMIT",
        "errorMessage": "The workflow reached its processing limit.",
        **fields,
    }
    return Exchange(
        id=f"{D}::{name}",
        call=_run_wf(),
        routes=(_create(), _get(_job_response("failed", **error_fields))),
        absent=(STATUS,),
        outcome=Raises(GoalJobFailedError, attrs),
    )


DETAIL = {"reason": "ITERATION_LIMIT", "limit": 15, "reached": 16}

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{G}::TestGoalsLogic::test_run_returns_completed_job",
        call=_run_wf(),
        routes=(
            _create(expect=Expect(text_has=(f'"workflowId":"{WF}"', '"fileIds":["file_abc"]'))),
            _get(_completed_job()),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed", "is_terminal": True}),
    ),
    Exchange(
        id=f"{G}::TestGoalsLogic::test_goal_text_path_sends_correct_payload",
        call=_run(goal_text="summarise the document", files=["file_abc"]),
        routes=(
            _create(
                expect=Expect(
                    text_has=('"goalText":"summarisethedocument"', '"fileIds":["file_abc"]'),
                    text_lacks=("workflowId",),
                )
            ),
            _get(_completed_job()),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsLogic::test_llm_config_id_serialised_when_provided",
        call=_start(workflow_id=WF, files=["file_abc"], llm_config_id="cfg_openai_1"),
        routes=(_create(expect=Expect(text_has=('"llmConfigId":"cfg_openai_1"',))),),
        outcome=Returns(GoalJob, {"job_spec_id": "job_test"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsLogic::test_llm_config_id_absent_when_omitted",
        call=_start(workflow_id=WF, files=["file_abc"]),
        routes=(_create(expect=Expect(text_lacks=("llmConfigId",))),),
        outcome=Returns(GoalJob),
    ),
    Exchange(
        id=f"{G}::TestGoalsLogic::test_slots_serialised_as_slot_answers",
        call=_start(workflow_id=WF, files=["file_abc"], slots={"target_platform": "linkedin"}),
        routes=(
            _create(
                "ready",
                expect=Expect(
                    text_has=('"slotAnswers":[{"slotId":"target_platform","value":"linkedin"}]',),
                    text_lacks=('"slots":',),
                ),
            ),
        ),
        outcome=Returns(GoalJob, {"status": "ready"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsLogic::test_user_workflow_id_serialised_as_user_workflow_id",
        call=_start(user_workflow_id="uw_abc123"),
        routes=(
            _create(
                fileIds=[],
                expect=Expect(
                    text_has=('"userWorkflowId":"uw_abc123"',),
                    text_lacks=('"workflowId"', '"goalText"'),
                ),
            ),
        ),
        outcome=Returns(GoalJob),
    ),
    Exchange(
        id=f"{G}::TestGoalsBoundary::test_workflow_id_path_can_omit_files",
        call=_start(workflow_id=WF),
        routes=(_create(fileIds=[]),),
        outcome=Returns(GoalJob, {"status": "queued"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsBoundary::test_user_workflow_id_path_can_omit_files",
        call=_start(user_workflow_id="uw_abc123"),
        routes=(_create(fileIds=[]),),
        outcome=Returns(GoalJob, {"status": "queued"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsErrors::test_failed_status_raises_goal_job_failed_error",
        call=_run_wf(),
        routes=(
            _create(),
            _get(_job_response("failed", errorCode="WORKFLOW_FAILED", errorMessage="bad input")),
        ),
        absent=(STATUS,),
        outcome=Raises(GoalJobFailedError, {"code": "WORKFLOW_FAILED", "job_spec_id": "job_test"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsErrors::test_retrieve_404_raises_api_error",
        call=lambda x: x.client.goals.retrieve("job_missing"),
        routes=(
            Route(
                "GET",
                "/api/v1/jobs/goal/job_missing",
                (err(404, {"code": "JOB_NOT_FOUND", "message": "..."}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "JOB_NOT_FOUND"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsErrors::test_wait_timeout_raises_goal_job_timeout_error",
        call=lambda x: x.client.goals.wait("job_slow", timeout=0.01, poll_interval=0.5),
        routes=(_get(_job_response("executing"), path="/api/v1/jobs/goal/job_slow"),),
        absent=("GET /api/v1/jobs/goal/job_slow/status",),
        outcome=Raises(GoalJobTimeoutError, {"job_spec_id": "job_slow"}),
    ),
    Exchange(
        id=f"{G}::TestGoalsObjectState::test_slots_pending_stops_polling_returns_job",
        call=_run_wf(),
        routes=(
            _create(),
            _get(
                _job_response(
                    "slots_pending",
                    pendingSlots=[
                        {
                            "slotId": "language",
                            "slotType": "choice",
                            "question": "Output language?",
                            "options": ["en", "zh"],
                            "required": True,
                        }
                    ],
                )
            ),
        ),
        absent=(STATUS,),
        outcome=Returns(
            GoalJob,
            {
                "status": "slots_pending",
                "needs_input": True,
                "is_terminal": False,
                "pending_slots.#len": 1,
                "pending_slots.0.slot_id": "language",
            },
        ),
    ),
    Exchange(
        id=f"{G}::TestGoalsObjectState::test_partial_terminal_returns_without_raising",
        call=_run_wf(),
        routes=(_create(), _get(_job_response("partial", progress=100))),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "partial", "is_terminal": True}),
    ),
    Exchange(
        id=f"{G}::TestFillSlots::test_fill_slots_sends_list_payload",
        call=lambda x: x.client.goals.fill_slots("job_test", {"language": "en", "tone": "formal"}),
        routes=(
            Route(
                "PATCH",
                f"{JOB}/slots",
                (ok(_job_response("ready", filledSlots={"language": "en", "tone": "formal"})),),
                expect=Expect(
                    body_includes={
                        "answers": (
                            {"slotId": "language", "value": "en"},
                            {"slotId": "tone", "value": "formal"},
                        )
                    }
                ),
            ),
        ),
        outcome=Returns(GoalJob, {"filled_slots": {"language": "en", "tone": "formal"}}),
    ),
    Exchange(
        id=f"{G}::TestFillSlots::test_fill_slot_equals_single_key_fill_slots",
        call=lambda x: x.client.goals.fill_slot("job_test", slot_id="x", value=1),
        routes=(
            Route(
                "PATCH",
                f"{JOB}/slots",
                (ok(_job_response("ready")),),
                expect=Expect(body_has={"answers": [{"slotId": "x", "value": 1}]}),
            ),
        ),
        outcome=Returns(GoalJob),
    ),
    Exchange(
        id=f"{G}::TestFillSlots::test_expected_version_included_when_supplied",
        call=lambda x: x.client.goals.fill_slots("job_test", {"x": 1}, expected_version=7),
        routes=(
            Route(
                "PATCH",
                f"{JOB}/slots",
                (ok(_job_response("ready")),),
                expect=Expect(body_has={"expectedVersion": 7}),
            ),
        ),
        outcome=Returns(GoalJob),
    ),
    Exchange(
        # Ours re-reads the job on a version conflict (the vendor's client raises at once):
        # the re-read is our addition, answered with a job where slot x was answered
        # otherwise meanwhile, so no rebase applies and the 409 reaches the caller as the
        # vendor's does.
        id=f"{G}::TestFillSlots::test_version_conflict_surfaces_as_api_error",
        call=lambda x: x.client.goals.fill_slots("job_test", {"x": 1}, expected_version=1),
        routes=(
            Route(
                "PATCH",
                f"{JOB}/slots",
                (err(409, {"code": "VERSION_CONFLICT", "message": "item moved on"}),),
                calls=1,
            ),
            Route(
                "GET",
                JOB,
                (ok(_job_response("ready", itemVersion=2, filledSlots={"x": 2})),),
                recorded=False,
            ),
        ),
        outcome=Raises(VersionConflictError, {"status_code": 409}),
    ),
    Exchange(
        id=f"{G}::TestConfirmCancelRetry::test_confirm_posts_and_refetches_job",
        call=lambda x: x.client.goals.confirm("job_test"),
        routes=(
            _confirm(ok(SUBMISSION, 202), expect=Expect(raw=b"{}")),
            _get(_job_response("queued")),
        ),
        outcome=Returns(GoalJob, {"status": "queued"}),
    ),
    Exchange(
        id=f"{G}::TestConfirmCancelRetry::test_confirm_sends_expected_version_when_supplied",
        call=lambda x: x.client.goals.confirm("job_test", expected_version=4),
        routes=(
            _confirm(ok(SUBMISSION, 202), expect=Expect(body={"expectedVersion": 4})),
            _get(_job_response("queued")),
        ),
        outcome=Returns(GoalJob),
    ),
    Exchange(
        id=f"{G}::TestConfirmCancelRetry::test_cancel_returns_refreshed_goal_job",
        call=lambda x: x.client.goals.cancel("job_test"),
        routes=(
            Route(
                "POST",
                f"{JOB}/cancel",
                (ok({"jobSpecId": "job_test", "status": "cancelled"}, 202),),
            ),
            _get(_job_response("cancelled", progress=42)),
        ),
        outcome=Returns(GoalJob, {"status": "cancelled", "is_terminal": True}),
    ),
    Exchange(
        id=f"{G}::TestConfirmCancelRetry::test_retry_sends_default_rerun_mode",
        call=lambda x: x.client.goals.retry("job_test", reason="user requested"),
        routes=(
            Route(
                "POST",
                f"{JOB}/retry",
                (ok({**SUBMISSION, "messageId": "msg_x"}, 202),),
                expect=Expect(
                    body_has={"rerunMode": "retry_same_thread", "reason": "user requested"}
                ),
            ),
            _get(_job_response("queued")),
        ),
        outcome=Returns(GoalJob, {"status": "queued"}),
    ),
    Exchange(
        id=f"{G}::TestConfirmCancelRetry::test_cancel_409_propagates",
        call=lambda x: x.client.goals.cancel("job_test"),
        routes=(
            Route(
                "POST",
                f"{JOB}/cancel",
                (err(409, {"code": "CONFLICT", "message": "already terminal"}),),
            ),
        ),
        outcome=Raises(ConflictError, {"status_code": 409, "code": "CONFLICT"}, exact=True),
    ),
    Exchange(
        # The vendor's model-only check of a recorded null-collections body, read here
        # through retrieve().
        id=f"{G}::TestGoalJobWireNullCoercion::test_null_collections_coerce_to_empty",
        call=lambda x: x.client.goals.retrieve("job_x"),
        routes=(
            _get(
                {
                    "jobSpecId": "job_x",
                    "status": "ready",
                    "createdAt": "2026-07-04T00:00:00Z",
                    "updatedAt": "2026-07-04T00:00:00Z",
                    "pendingInterrupts": None,
                    "fileIds": None,
                    "pendingSlots": None,
                    "filledSlots": None,
                },
                path="/api/v1/jobs/goal/job_x",
            ),
        ),
        outcome=Returns(
            GoalJob,
            {"pending_interrupts": [], "file_ids": [], "pending_slots": [], "filled_slots": {}},
        ),
    ),
    Exchange(
        # The vendor also checks its message wording ("no status/progress change"); ours
        # words it otherwise. The reason and the budget are the facts checked.
        id=f"{G}::TestIdleTimeout::test_idle_timeout_raises_with_idle_reason",
        call=lambda x: x.client.goals.wait(
            "job_stuck", timeout=1000.0, poll_interval=1.0, idle_timeout=2.0
        ),
        routes=(_get(_job_response("executing", progress=40), path="/api/v1/jobs/goal/job_stuck"),),
        absent=("GET /api/v1/jobs/goal/job_stuck/status",),
        outcome=Raises(GoalJobTimeoutError, {"reason": "idle", "timeout": 2.0}),
    ),
    Exchange(
        id=f"{G}::TestIdleTimeout::test_progress_changes_keep_idle_loop_alive",
        call=lambda x: x.client.goals.wait(
            "job_moving", timeout=1000.0, poll_interval=1.0, idle_timeout=2.0
        ),
        routes=(
            _get(
                *(_job_response("executing", progress=p) for p in (10, 20, 30, 40)),
                _completed_job(),
                path="/api/v1/jobs/goal/job_moving",
                calls=5,
            ),
        ),
        absent=("GET /api/v1/jobs/goal/job_moving/status",),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestIdleTimeout::test_total_timeout_unchanged_reason_is_total",
        call=lambda x: x.client.goals.wait("job_slow", timeout=3.0, poll_interval=1.0),
        routes=(_get(_job_response("executing"), path="/api/v1/jobs/goal/job_slow"),),
        absent=("GET /api/v1/jobs/goal/job_slow/status",),
        outcome=Raises(GoalJobTimeoutError, {"reason": "total"}),
    ),
    Exchange(
        id=f"{G}::TestIdleTimeout::test_sync_wrapper_forwards_idle_timeout",
        call=lambda x: x.client.goals.wait("job_done", idle_timeout=60.0),
        routes=(_get(_completed_job(), path="/api/v1/jobs/goal/job_done"),),
        absent=("GET /api/v1/jobs/goal/job_done/status",),
        outcome=Returns(GoalJob, {"is_terminal": True}),
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_artifacts_returns_typed_list",
        call=lambda x: x.client.goals.artifacts("job_test"),
        routes=(
            _get(
                {
                    "artifacts": [
                        _artifact_payload(),
                        _artifact_payload(artifactId="art_2", isPrimary=False),
                    ],
                    "total": 2,
                },
                path=f"{JOB}/artifacts",
            ),
        ),
        outcome=Returns(
            list,
            {
                "#len": 2,
                "0.artifact_id": "art_1",
                "0.is_primary": True,
                "0.download_url": "https://storage.example.com/bucket/summary.xlsx?sig=abc",
            },
        ),
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_artifacts_not_downloadable_surfaces_api_error",
        call=lambda x: x.client.goals.artifacts("job_test"),
        routes=(
            Route(
                "GET",
                f"{JOB}/artifacts",
                (
                    err(
                        400,
                        {"code": "BAD_REQUEST", "message": "Job is not in a downloadable state"},
                    ),
                ),
            ),
        ),
        outcome=Raises(BadRequestError, {"status_code": 400, "code": "BAD_REQUEST"}),
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_download_artifact_url_returns_presign_info",
        call=lambda x: x.client.goals.download_artifact_url("job_test", "art_1"),
        routes=(_presign_route(STORAGE_URL),),
        outcome=Returns(
            ArtifactDownload, {"file_name": "summary.xlsx", "download_url": STORAGE_URL}
        ),
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_download_artifact_to_streams_to_disk",
        call=_download_to(),
        routes=(
            _presign_route(STORAGE_URL),
            Route(
                "GET",
                STORAGE_URL,
                (Reply(200, content=b"PK\x03\x04zip"),),
                expect=Expect(headers_absent=("authorization",)),
            ),
        ),
        in_order=True,
        outcome=Returns(path="out.xlsx"),
        files={"out.xlsx": b"PK\x03\x04zip"},
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_download_artifact_to_refuses_an_existing_file",
        call=_download_to(),
        setup=_existing,
        routes=(_presign_route("https://storage.example.com/x?sig=1", "out.xlsx"),),
        outcome=Raises(DownloadTargetExistsError),
        files={"out.xlsx": b"the artifact the user already had"},
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_download_artifact_to_overwrite_true_replaces_it",
        call=_download_to(overwrite=True),
        setup=_stale,
        routes=(
            _presign_route(STORAGE_URL),
            Route("GET", STORAGE_URL, (Reply(200, content=b"PK\x03\x04new"),)),
        ),
        outcome=Returns(path="out.xlsx"),
        files={"out.xlsx": b"PK\x03\x04new"},
    ),
    Exchange(
        id=f"{G}::TestArtifacts::test_download_artifact_to_refuses_symlink_target",
        call=_download_to(),
        setup=_symlink,
        routes=(_presign_route("https://storage.example.com/x?sig=1", "out.xlsx"),),
        outcome=Raises(UnsafeDownloadError),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_slot_then_confirm_runs_to_completion",
        call=_interactive(workflow_id="claim_flow", on_slot=_answer),
        routes=(
            _create("analyzing"),
            _get(
                _slots_pending_job(),
                _job_response("ready"),
                _job_response("executing"),
                _completed_job(),
            ),
            Route(
                "PATCH",
                f"{JOB}/slots",
                (ok(_job_response("ready")),),
                # The callback's answer to the recorded slot is what is sent.
                expect=Expect(body_has={"answers": [{"slotId": "which_doc", "value": "invoice"}]}),
            ),
            _confirm(ok(CONFIRM_ACK, 202)),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_preview_approved_confirms",
        call=_interactive(
            workflow_id="claim_flow", on_slot=lambda s, j: "x", on_preview=lambda j: True
        ),
        routes=(
            _create("analyzing"),
            _get(
                _job_response("ready_with_preview"),
                _job_response("executing"),
                _completed_job(),
            ),
            _confirm(ok(CONFIRM_ACK, 202), calls=1),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_preview_rejected_cancels",
        call=_interactive(
            workflow_id="claim_flow", on_slot=lambda s, j: "x", on_preview=lambda j: False
        ),
        routes=(
            _create("analyzing"),
            _get(_job_response("ready_with_preview"), _job_response("cancelled")),
            Route("POST", f"{JOB}/cancel", (ok(_job_response("cancelled")),), calls=1),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "cancelled"}),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_no_input_runs_straight_to_completion",
        call=_interactive(workflow_id="silent_flow", on_slot=_answer),
        routes=(_create("analyzing"), _get(_completed_job())),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_max_rounds_guard_raises",
        call=_interactive(workflow_id="loop_flow", on_slot=lambda s, j: "x", max_rounds=2),
        routes=(
            _create("analyzing"),
            _get(_slots_pending_job()),
            Route("PATCH", f"{JOB}/slots", (ok(_slots_pending_job()),)),
        ),
        absent=(STATUS,),
        outcome=Raises(GoalJobTimeoutError, {"reason": "rounds"}),
    ),
    Exchange(
        id=f"{G}::TestRunInteractive::test_sync_callback_is_supported",
        call=_interactive(workflow_id="f", on_slot=lambda slot, job: "answer"),
        routes=(
            _create("analyzing"),
            _get(
                _slots_pending_job(),
                _job_response("ready"),
                _job_response("executing"),
                _completed_job(),
            ),
            Route("PATCH", f"{JOB}/slots", (ok(_job_response("ready")),)),
            _confirm(ok(CONFIRM_ACK, 202)),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestReadyAutoConfirm::test_run_confirms_ready_job_and_converges",
        call=_run_wf(),
        routes=(
            _create("created"),
            _get(_job_response("ready"), _job_response("executing"), _completed_job()),
            _confirm(ok({}), calls=1),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        id=f"{G}::TestReadyAutoConfirm::test_ready_stall_times_out_with_single_confirm",
        call=_run_wf(timeout=0.05),
        routes=(_create("created"), _get(_job_response("ready")), _confirm(ok({}), calls=1)),
        absent=(STATUS,),
        outcome=Raises(GoalJobTimeoutError),
    ),
    Exchange(
        id=f"{G}::TestReadyAutoConfirm::test_confirm_409_race_is_benign_and_polling_continues",
        call=_run_wf(),
        routes=(
            _create("created"),
            _get(_job_response("ready"), _completed_job()),
            _confirm(err(409, {"code": "CONFLICT", "message": "already queued"})),
        ),
        absent=(STATUS,),
        outcome=Returns(GoalJob, {"status": "completed"}),
    ),
    Exchange(
        # Ours retries the 500 (a confirm is guarded: safe to re-send) before raising.
        id=f"{G}::TestReadyAutoConfirm::test_confirm_server_error_propagates",
        call=_run_wf(),
        routes=(
            _create("created"),
            _get(_job_response("ready")),
            _confirm(err(500, {"code": "ERR", "message": "boom"})),
        ),
        absent=(STATUS,),
        outcome=Raises(InternalServerError, {"status_code": 500, "code": "ERR"}),
    ),
    Exchange(
        # Deliberate difference: the vendor's wait() keeps polling a ready job until its
        # timeout; ours returns it (ready waits for a confirm: documented). Both leave the
        # consent step to the caller: no confirm is sent.
        id=f"{G}::TestReadyAutoConfirm::test_wait_stays_passive_on_ready",
        call=lambda x: x.client.goals.wait("job_test", timeout=0.05),
        routes=(_get(_job_response("ready")), _confirm(ok({}), calls=0)),
        absent=(STATUS,),
        all_called=False,
        outcome=Returns(GoalJob, {"status": "ready"}),
    ),
    Exchange(
        # Deliberate difference: with no on_preview, the vendor's run() stalls on
        # ready_with_preview until its timeout; ours returns the job unconfirmed at once.
        # Both never approve the preview: no confirm is sent.
        id=f"{G}::TestReadyAutoConfirm::test_run_never_confirms_ready_with_preview",
        call=_run_wf(timeout=0.05),
        routes=(
            _create("created"),
            _get(_job_response("ready_with_preview")),
            _confirm(ok({}), calls=0),
        ),
        absent=(STATUS,),
        all_called=False,
        outcome=Returns(GoalJob, {"status": "ready_with_preview"}),
    ),
    _failure(
        "TestTheDetailReachesTheCaller::test_the_ceiling_and_the_count_arrive_as_integers",
        {"detail.limit": 15, "detail.reached": 16},
        errorDetail=DETAIL,
    ),
    _failure(
        "TestTheDetailReachesTheCaller::test_the_reason_is_branchable_and_the_code_is_not_new",
        {"code": "PROCESSING_LIMIT", "detail.reason": "ITERATION_LIMIT"},
        errorDetail=DETAIL,
    ),
    _failure(
        "TestTheDetailReachesTheCaller::test_a_missing_count_stays_none_rather_than_zero",
        {"detail.limit": 200_000, "detail.reached": None},
        errorDetail={"reason": "TOKEN_BUDGET", "limit": 200_000},
    ),
    _failure(
        # The vendor pins its own str() wording; ours differs in its words ("Goal job").
        # The recorded code and message it is made of are checked.
        "TestTheDetailReachesTheCaller::test_the_existing_string_form_is_unchanged",
        {"code": "PROCESSING_LIMIT", "message": "The workflow reached its processing limit."},
        errorDetail=DETAIL,
        suggestedAction="retry",
    ),
    _failure(
        "TestTheActionTellsTheCallerWhatToDo::test_retryable_reads_the_servers_action",
        {"suggested_action": "retry", "retryable": True},
        errorDetail=DETAIL,
        suggestedAction="retry",
    ),
    _failure(
        "TestTheActionTellsTheCallerWhatToDo::test_an_actionable_failure_that_is_not_retryable",
        {"suggested_action": "upgrade", "retryable": False, "code": "UPGRADE_REQUIRED"},
        errorCode="UPGRADE_REQUIRED",
        suggestedAction="upgrade",
    ),
    _failure(
        "TestWhatThisBuildDoesNotKnow::test_an_unknown_reason_does_not_break_the_parse",
        {"detail.reason": "SOMETHING_NEW_ENTIRELY", "detail.limit": None},
        errorDetail={"reason": "SOMETHING_NEW_ENTIRELY"},
    ),
    _failure(
        "TestWhatThisBuildDoesNotKnow::test_an_unknown_action_is_carried_but_is_not_retryable",
        {"suggested_action": "something_new", "retryable": False},
        suggestedAction="something_new",
    ),
    _failure(
        # The vendor (since its #4505) answers retryable=None when the server gave no
        # action; ours answers False (a bool property). The recorded fields are checked.
        "TestWhatThisBuildDoesNotKnow::test_a_failure_without_either_field_still_raises_cleanly",
        {"detail": None, "suggested_action": None, "retryable": False},
    ),
)
