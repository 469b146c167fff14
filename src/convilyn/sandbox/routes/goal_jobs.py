"""Goal-lane jobs: create, read, slots, confirm, cancel, retry, artifacts, zip download."""

from __future__ import annotations

from typing import Any

from convilyn.models import (
    ArtifactDownload,
    ArtifactList,
    CancelGoalJobResponse,
    GoalJobDownload,
    GoalJobSubmission,
)

from .. import convert as conv
from .. import goals, understand
from ..catalog import BY_ID, CUSTOM_GOAL, WorkflowDef
from ..clock import iso
from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError, field_error, invalid_state, version_conflict
from ..state import zip_key
from ..wire import dump, goal_job_wire, goal_status_wire
from .common import (
    check_job_creation,
    count_job_creation,
    no_credits,
    own_file,
    require_tier,
    unprocessable,
)


def _run(ctx: Ctx) -> goals.GoalRun:
    job_spec_id = str(ctx.path["jobSpecId"])
    run = ctx.sandbox.goal(ctx.account, job_spec_id)
    if run is None:
        raise ApiError(
            404, "JOB_NOT_FOUND", f"Goal job {job_spec_id} not found", {"jobSpecId": job_spec_id}
        )
    return run


def _goal_error(err: goals.GoalError, *, answers_field: str = "answers") -> ApiError:
    if err.kind == "version_conflict":
        return version_conflict(
            int(err.details["currentVersion"]), int(err.details["expectedVersion"])
        )
    if err.kind == "already_terminal":
        return ApiError(409, "ALREADY_TERMINAL", err.message, dict(err.details))
    if err.kind == "bad_answer":
        loc: list[str | int] = [
            "body",
            answers_field,
            int(err.details.get("index", 0)),
            str(err.details.get("field", "value")),
        ]
        return ApiError(
            422,
            "INVALID_SLOT_ANSWER",
            err.message,
            {},
            errors=[field_error(loc, err.message, "value_error")],
        )
    return invalid_state(
        err.message,
        str(err.details.get("status", "")),
        **{k: v for k, v in err.details.items() if k != "status"},
    )


def _resolve_workflow(ctx: Ctx, body: dict[str, Any]) -> tuple[WorkflowDef, str | None]:
    sources = [k for k in ("workflowId", "userWorkflowId", "goalText") if body.get(k) is not None]
    routed = understand.routed_workflow(body)
    if routed is not None or body.get("instructions") is not None:
        return _routed(sources, body, routed), None
    if len(sources) != 1:
        raise unprocessable(
            "VALIDATION_ERROR",
            "Give exactly one of workflowId, userWorkflowId or goalText",
            ["body", sources[1] if len(sources) > 1 else "workflowId"],
            "value_error",
        )
    sb, acct = ctx.sandbox, ctx.account
    if "goalText" in sources:
        return CUSTOM_GOAL, None
    ident = str(body[sources[0]])
    if sources[0] == "workflowId" and ident in BY_ID and BY_ID[ident].listed:
        return BY_ID[ident], ident
    record = sb.visible_workflow(acct, ident)
    if record is None:
        raise ApiError(
            404, "WORKFLOW_NOT_FOUND", f"Workflow {ident} not found", {"workflowId": ident}
        )
    return record.base, record.workflow_id


def _routed(sources: list[str], body: dict[str, Any], routed: WorkflowDef | None) -> WorkflowDef:
    """``outputSchema`` (with ``instructions``) or ``outputFormat``: instead of a source."""
    shapes = [k for k in ("outputSchema", "outputFormat") if body.get(k) is not None]
    if routed is None or sources or len(shapes) > 1:
        clash = (sources or shapes[1:] or ["instructions"])[0]
        raise unprocessable(
            "VALIDATION_ERROR",
            "Give outputSchema (with optional instructions) or outputFormat instead of a "
            "workflow source, and only one of them",
            ["body", clash],
            "value_error",
        )
    if body.get("instructions") is not None and "outputSchema" not in shapes:
        raise unprocessable(
            "VALIDATION_ERROR",
            "instructions steer an outputSchema extraction; give outputSchema too",
            ["body", "instructions"],
            "value_error",
        )
    return routed


def _check_routed(workflow: WorkflowDef, files: list[Any]) -> None:
    """One file per request; Markdown for a kind with a pipeline (400, as the live service)."""
    problem = understand.too_many_files(len(files))
    code = "TOO_MANY_FILES"
    if problem is None and workflow is understand.MARKDOWN_WORKFLOW and files:
        name = files[0].file_name
        problem = understand.markdown_refusal(name, conv.extension(name))
        code = "UNSUPPORTED_INPUT_KIND"
    if problem is not None:
        raise ApiError(400, code, problem, {"fileCount": len(files)})


def _fail_mode(names: list[str], goal_text: str | None) -> goals.FailMode | None:
    text = " ".join([*names, goal_text or ""])
    if "__fail_once__" in text:
        return "fail_once"
    if "__fail__" in text:
        return "fail"
    if "__partial__" in text:
        return "partial"
    return None


async def create_goal_job(ctx: Ctx) -> Reply:
    acct, sb, body = ctx.account, ctx.sandbox, ctx.body
    workflow, workflow_id = _resolve_workflow(ctx, body)
    require_tier(acct, workflow.tier, workflow.workflow_id)
    file_ids = [str(f) for f in body["fileIds"]]
    files = [own_file(acct, f) for f in file_ids]
    routed = workflow in (understand.UNDERSTAND_WORKFLOW, understand.MARKDOWN_WORKFLOW)
    if routed:
        _check_routed(workflow, files)
    if len(files) < workflow.min_file_count:
        raise unprocessable(
            "TOO_FEW_FILES",
            f"{workflow.workflow_id} needs at least {workflow.min_file_count} files, got {len(files)}",
            ["body", "fileIds"],
            "too_short",
            minFileCount=workflow.min_file_count,
        )
    if workflow.input_formats:
        for i, f in enumerate(files):
            ext = conv.extension(f.file_name)
            if ext not in workflow.input_formats:
                raise unprocessable(
                    "UNSUPPORTED_FORMAT",
                    f"{f.file_name}: {workflow.workflow_id} accepts {', '.join(workflow.input_formats)}",
                    ["body", "fileIds", i],
                    "value_error",
                    supportedInputFormats=list(workflow.input_formats),
                )
    total = sum(f.size for f in files)
    if total > workflow.max_input_size_bytes:
        raise unprocessable(
            "INPUT_TOO_LARGE",
            f"Inputs total {total} bytes; {workflow.workflow_id} accepts at most {workflow.max_input_size_bytes}",
            ["body", "fileIds"],
            "value_error",
            maxInputSizeBytes=workflow.max_input_size_bytes,
        )
    answers = [(str(a["slotId"]), a["value"]) for a in body.get("slotAnswers") or []]
    try:
        goals.check_answers(workflow.slots, answers)
    except goals.GoalError as err:
        raise _goal_error(err, answers_field="slotAnswers") from err
    check_job_creation(ctx)
    goal_text = body.get("goalText")
    run = goals.new_run(
        sb.new_id("js"),
        workflow,
        workflow_id=workflow_id,
        goal_text=goal_text,
        file_ids=file_ids,
        slot_answers=dict(answers),
        fail_mode=_fail_mode([f.file_name for f in files], goal_text),
        clock=sb.clock,
        output_schema=body.get("outputSchema"),
        routed=routed,
    )
    sb.add_goal(acct, run)
    acct.goal_jobs_created += 1
    sb.counters.created["goalJobs"] += 1
    count_job_creation(ctx)
    sb.settle_goal(acct, run)
    return Reply(201, goal_job_wire(run, sb.clock))


async def get_goal_job(ctx: Ctx) -> Reply:
    return Reply(200, goal_job_wire(_run(ctx), ctx.sandbox.clock))


async def get_goal_job_status(ctx: Ctx) -> Reply:
    return Reply(200, goal_status_wire(_run(ctx), ctx.sandbox.clock))


async def update_goal_job_slots(ctx: Ctx) -> Reply:
    run = _run(ctx)
    answers = [(str(a["slotId"]), a["value"]) for a in ctx.body["answers"]]
    try:
        goals.fill_slots(run, answers, ctx.body.get("expectedVersion"), ctx.sandbox.clock)
    except goals.GoalError as err:
        raise _goal_error(err) from err
    ctx.sandbox.settle_goal(ctx.account, run)
    return Reply(200, goal_job_wire(run, ctx.sandbox.clock))


def _submission(ctx: Ctx, run: goals.GoalRun) -> Reply:
    data = {
        "jobSpecId": run.job_spec_id,
        "status": run.status,
        "messageId": f"msg_{run.job_spec_id.removeprefix('js_')[:12]}_{run.submissions}",
        "submittedAt": iso(ctx.now),
    }
    return Reply(202, dump(GoalJobSubmission, data))


async def confirm_goal_job(ctx: Ctx) -> Reply:
    run, acct = _run(ctx), ctx.account
    expected = (ctx.body or {}).get("expectedVersion")
    if (
        run.checkpoint is None
        and run.status in goals.CONFIRMABLE
        and acct.balance < run.workflow.credits
    ):
        raise no_credits(acct, run.workflow.credits)
    try:
        goals.confirm(run, expected, ctx.sandbox.clock)
    except goals.GoalError as err:
        raise _goal_error(err) from err
    ctx.sandbox.settle_goal(acct, run)
    return _submission(ctx, run)


async def cancel_goal_job(ctx: Ctx) -> Reply:
    run = _run(ctx)
    try:
        goals.cancel(run, ctx.sandbox.clock)
    except goals.GoalError as err:
        raise _goal_error(err) from err
    return Reply(
        202, dump(CancelGoalJobResponse, {"jobSpecId": run.job_spec_id, "status": run.status})
    )


async def retry_goal_job(ctx: Ctx) -> Reply:
    run = _run(ctx)
    try:
        goals.retry(run, str(ctx.body["rerunMode"]), ctx.sandbox.clock)
    except goals.GoalError as err:
        raise _goal_error(err) from err
    ctx.sandbox.settle_goal(ctx.account, run)
    return _submission(ctx, run)


def _finished(run: goals.GoalRun) -> None:
    if run.status not in goals.FINISHED:
        raise invalid_state(
            f"Job {run.job_spec_id} is {run.status}; artifacts exist once it is completed or partial",
            run.status,
        )


async def list_goal_job_artifacts(ctx: Ctx) -> Reply:
    run, sb = _run(ctx), ctx.sandbox
    _finished(run)
    expires = int(ctx.now) + sb.config.url_ttl
    items = [
        {
            "artifactId": a.artifact_id,
            "fileName": a.output.file_name,
            "mimeType": a.output.mime_type,
            "sizeBytes": a.size,
            "downloadUrl": sb.signer.download_url(
                ctx.base_url, a.object_key, a.output.file_name, a.output.mime_type, expires
            ),
            "artifactType": a.output.artifact_type,
            "metadata": {"attempt": run.attempt, "workflowId": run.workflow.workflow_id},
            "isPrimary": a.output.is_primary,
            "description": a.output.description,
        }
        for a in run.artifacts
    ]
    return Reply(200, dump(ArtifactList, {"artifacts": items, "total": len(items)}))


async def get_goal_job_artifact_download(ctx: Ctx) -> Reply:
    run, sb = _run(ctx), ctx.sandbox
    artifact_id = str(ctx.path["artifactId"])
    art = next((a for a in run.artifacts if a.artifact_id == artifact_id), None)
    if art is None:
        raise ApiError(
            404,
            "ARTIFACT_NOT_FOUND",
            f"Artifact {artifact_id} not found",
            {"artifactId": artifact_id},
        )
    _finished(run)
    expires = int(ctx.now) + sb.config.url_ttl
    data = {
        "downloadUrl": sb.signer.download_url(
            ctx.base_url, art.object_key, art.output.file_name, art.output.mime_type, expires
        ),
        "fileName": art.output.file_name,
        "sizeBytes": art.size,
        "mimeType": art.output.mime_type,
        "expiresAt": iso(expires),
    }
    return Reply(200, dump(ArtifactDownload, data))


async def get_goal_job_download(ctx: Ctx) -> Reply:
    run, sb = _run(ctx), ctx.sandbox
    _finished(run)
    key = zip_key(run, run.attempt)
    if not sb.blobs.exists(key):
        sb.blobs.put_zip(key, [(a.object_key, a.output.file_name) for a in run.artifacts])
    expires = int(ctx.now) + sb.config.url_ttl
    url = sb.signer.download_url(ctx.base_url, key, "output.zip", "application/zip", expires)
    return Reply(
        200,
        dump(GoalJobDownload, {"url": url, "expiresAt": iso(expires), "filename": "output.zip"}),
    )


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "createGoalJob": create_goal_job,
        "getGoalJob": get_goal_job,
        "getGoalJobStatus": get_goal_job_status,
        "updateGoalJobSlots": update_goal_job_slots,
        "confirmGoalJob": confirm_goal_job,
        "cancelGoalJob": cancel_goal_job,
        "retryGoalJob": retry_goal_job,
        "listGoalJobArtifacts": list_goal_job_artifacts,
        "getGoalJobArtifactDownload": get_goal_job_artifact_download,
        "getGoalJobDownload": get_goal_job_download,
    }
