"""State -> wire JSON, always through the generated pydantic models (``convilyn.models``).

Each builder assembles the wire-named dict and validates it with the model of the spec's
schema, so a field the spec does not know (or a wrong type) fails here, in the sandbox, rather
than in a client. Only fields that were set are dumped: optional fields stay absent, explicit
nulls stay null.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from convilyn.models import (
    CatalogWorkflow,
    ConvertJob,
    File,
    GoalEvent,
    GoalJob,
    GoalJobStatus,
    UploadedFile,
    UserWorkflowDetail,
    UserWorkflowRun,
    UserWorkflowSummary,
    Workflow,
    WorkflowCatalog,
    WorkflowSummary,
)

from . import convert as conv
from . import goals
from .catalog import SlotDef, WorkflowDef
from .clock import Clock, iso
from .state import FileRecord, WorkflowRecord


def dump(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Validate ``data`` (wire names) with ``model`` and return its wire JSON."""
    out: dict[str, Any] = model.model_validate(data).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    return out


def _opt(ts: float | None) -> str | None:
    return None if ts is None else iso(ts)


# files ------------------------------------------------------------------------------------
def file_fields(f: FileRecord) -> dict[str, Any]:
    return {
        "fileId": f.file_id,
        "fileName": f.file_name,
        "fileSize": f.size,
        "mimeType": f.mime_type,
        "createdAt": iso(f.created_at),
        "jobId": f.job_id,
        "isInput": f.is_input,
    }


def file_wire(f: FileRecord) -> dict[str, Any]:
    return dump(File, file_fields(f))


def uploaded_file_wire(f: FileRecord) -> dict[str, Any]:
    return dump(UploadedFile, {"file_id": f.file_id, **file_fields(f)})


def stored_file(f: FileRecord) -> dict[str, Any]:
    return {
        "file_id": f.file_id,
        "file_name": f.file_name,
        "file_size": f.size,
        "mime_type": f.mime_type,
        "file_extension": conv.extension(f.file_name),
        "created_at": iso(f.created_at),
    }


# convert jobs -----------------------------------------------------------------------------
def convert_job_wire(run: conv.ConvertRun, clock: Clock, result_urls: list[str]) -> dict[str, Any]:
    now = clock.now()
    data: dict[str, Any] = {
        "jobId": run.job_id,
        "status": run.status,
        "processorType": run.processor_type,
        "progress": conv.convert_progress_at(run, now, clock),
        "progressMessage": conv.progress_message(run),
        "params": run.params,
        "resultFiles": None,
        "warnings": list(run.warnings),
        "error": None,
        "retryCount": 0,
        "createdAt": iso(run.created_at),
        "updatedAt": iso(run.updated_at),
        "startedAt": _opt(run.started_at),
        "completedAt": _opt(run.completed_at),
        "estimatedDuration": max(
            0, round(clock.real_seconds(conv.QUEUED_SECONDS + conv.PROCESSING_SECONDS))
        ),
    }
    if run.status == "completed":
        data["resultFiles"] = [
            {"filename": r.filename, "size": r.size, "mimetype": r.mime_type, "url": url}
            for r, url in zip(run.results, result_urls, strict=True)
        ]
    if run.error_code is not None:
        data["error"] = {"code": run.error_code, "message": run.error_message or run.error_code}
    return dump(ConvertJob, data)


# goal jobs --------------------------------------------------------------------------------
def pending_slot(s: SlotDef) -> dict[str, Any]:
    out = {**s.summary(), "isDisambiguation": s.is_disambiguation}
    if s.suggested_value is not None:
        out["suggestedValue"] = s.suggested_value
        out["suggestedConfidence"] = s.suggested_confidence
    return out


def goal_job_wire(run: goals.GoalRun, clock: Clock) -> dict[str, Any]:
    data: dict[str, Any] = {
        "jobSpecId": run.job_spec_id,
        "status": run.status,
        "progress": goals.progress_at(run, clock.now(), clock),
        "itemVersion": run.item_version,
        "attemptId": run.attempt_id,
        "goalText": run.goal_text,
        "workflowId": run.workflow_id,
        "fileIds": list(run.file_ids),
        "pendingSlots": [pending_slot(s) for s in run.pending]
        if run.status == "slots_pending"
        else [],
        "filledSlots": dict(run.filled_slots),
        "pendingInterrupts": [],
        "agentMessage": run.agent_message,
        "errorMessage": run.error_message,
        "errorCode": run.error_code,
        "errorDetail": {"reason": run.error_reason} if run.error_reason else None,
        "suggestedAction": run.suggested_action,
        "createdAt": iso(run.created_at),
        "updatedAt": iso(run.updated_at),
        "startedAt": _opt(run.started_at),
        "completedAt": _opt(run.completed_at),
    }
    if run.status == "slots_pending" and run.checkpoint is not None:
        data["pendingInterrupts"] = [
            {
                "kind": "slot_fill",
                "checkpointId": run.checkpoint.checkpoint_id,
                "stepOutputPreview": run.checkpoint.preview,
                "slotIds": [s.slot_id for s in run.pending],
            }
        ]
    return dump(GoalJob, data)


def goal_status_wire(run: goals.GoalRun, clock: Clock) -> dict[str, Any]:
    now = clock.now()
    data: dict[str, Any] = {
        "status": run.status,
        "progress": goals.progress_at(run, now, clock),
        "currentStep": run.current_step,
        "itemVersion": run.item_version,
        "checkpoint": None,
        "error": run.error_message if run.status == "failed" else None,
        "suggestedPollIntervalMs": poll_interval_ms(run, now, clock),
    }
    if run.status == "slots_pending" and run.checkpoint is not None:
        data["checkpoint"] = {
            "checkpointId": run.checkpoint.checkpoint_id,
            "stepOutputPreview": run.checkpoint.preview,
            "slots": [{"slotId": s.slot_id, "type": s.slot_type} for s in run.pending],
        }
    return dump(GoalJobStatus, data)


def poll_interval_ms(run: goals.GoalRun, now: float, clock: Clock) -> int | None:
    """How soon polling is worth it: when the job next stops for its client or ends (the
    statuses on the way change only progress), at most 10 s; 0 at speed 0, None when ended.
    A few milliseconds late, so the poll finds the change made."""
    if run.is_terminal:
        return None
    if clock.speed == 0:
        return 0
    nxt = goals.next_stop_in(run, now, clock)
    if nxt is None:  # waiting for the client: it polls only to see another writer's change
        nxt = clock.real_seconds(1.0)
    return int(min(nxt + 0.01, 10.0) * 1000)


def event_wire(run: goals.GoalRun, ev: goals.GoalEventRecord) -> dict[str, Any]:
    return dump(
        GoalEvent,
        {
            "type": ev.type,
            "schemaVersion": goals.SCHEMA_VERSION,
            "jobSpecId": run.job_spec_id,
            "emittedAt": iso(ev.emitted_at),
            "seq": ev.seq,
            "data": ev.data,
        },
    )


def keepalive_wire(job_spec_id: str, seq: int, now: float) -> dict[str, Any]:
    return dump(
        GoalEvent,
        {
            "type": "keepalive",
            "schemaVersion": goals.SCHEMA_VERSION,
            "jobSpecId": job_spec_id,
            "emittedAt": iso(now),
            "seq": seq,
            "data": {},
        },
    )


# workflows --------------------------------------------------------------------------------
def catalog_wire(defs: tuple[WorkflowDef, ...]) -> dict[str, Any]:
    items = []
    for w in defs:
        required = [s for s in w.slots if s.required]
        items.append(
            dump(
                CatalogWorkflow,
                {
                    "workflowId": w.workflow_id,
                    "name": w.name,
                    "description": w.description,
                    "icon": w.icon,
                    "supportedInputTypes": list(w.input_types),
                    "supportedInputFormats": list(w.input_formats),
                    "category": w.category,
                    "requiredSlotCount": len(required),
                    "requiredSlots": [s.summary() for s in w.slots],
                    "maxInputSizeBytes": w.max_input_size_bytes,
                    "minFileCount": w.min_file_count,
                    "tier": w.tier,
                    "freeTierAllowed": w.free_tier_allowed,
                    "status": "active",
                },
            )
        )
    return dump(WorkflowCatalog, {"workflows": items})


def _stats(wf: WorkflowRecord) -> dict[str, int]:
    return {"runCount": wf.run_count, "forkCount": wf.fork_count, "likeCount": wf.like_count}


def workflow_wire(wf: WorkflowRecord) -> dict[str, Any]:
    return dump(
        Workflow,
        {
            "workflowId": wf.workflow_id,
            "ownerId": wf.owner_id,
            "specId": wf.spec_id,
            "sourceSpecId": wf.source_spec_id,
            "sourceType": wf.source_type,
            "name": wf.name,
            "description": wf.description,
            "visibility": wf.visibility,
            "tags": list(wf.tags),
            "stats": _stats(wf),
            "itemVersion": wf.item_version,
        },
    )


def summary_wire(wf: WorkflowRecord) -> dict[str, Any]:
    return dump(
        WorkflowSummary,
        {
            "workflowId": wf.workflow_id,
            "specId": wf.spec_id,
            "name": wf.name,
            "description": wf.description,
            "tags": list(wf.tags),
            "stats": _stats(wf),
            "ownerId": wf.owner_id,
            "visibility": wf.visibility,
            "createdAt": iso(wf.created_at),
        },
    )


# the owner's views of their workflows (/user_workflows) -----------------------------------
_ADJECTIVES = ("swift", "quiet", "bright", "steady", "bold", "gentle", "keen", "merry")
_ANIMALS = ("falcon", "otter", "heron", "lynx", "badger", "wren", "marten", "ibis")


def display_name(user_id: str) -> str:
    """A stable made-up display name for a user id (``swift falcon``)."""
    n = int(user_id.removeprefix("usr_")[:8] or "0", 16) if user_id else 0
    return f"{_ADJECTIVES[n % 8]} {_ANIMALS[(n // 8) % 8]}"


def _preview(text: str | None) -> str | None:
    return None if text is None else (text if len(text) <= 120 else text[:119] + "…")


def user_workflow_summary_wire(wf: WorkflowRecord) -> dict[str, Any]:
    owner = wf.owner_id or ""
    return dump(
        UserWorkflowSummary,
        {
            "workflowId": wf.workflow_id,
            "specId": wf.spec_id,
            "name": wf.name,
            "descriptionPreview": _preview(wf.description),
            "visibility": wf.visibility,
            "tags": list(wf.tags),
            "stats": _stats(wf),
            "sourceType": wf.source_type,
            "sourceSpecId": wf.source_spec_id,
            "updatedAt": iso(wf.changed_at),
            "ownerId": owner,
            "ownerDisplayName": display_name(owner),
        },
    )


def user_workflow_detail_wire(wf: WorkflowRecord) -> dict[str, Any]:
    owner = wf.owner_id or ""
    return dump(
        UserWorkflowDetail,
        {
            "workflowId": wf.workflow_id,
            "ownerId": owner,
            "ownerDisplayName": display_name(owner),
            "specId": wf.spec_id,
            "sourceSpecId": wf.source_spec_id,
            "sourceType": wf.source_type,
            "sourceVersion": wf.source_version,
            "name": wf.name,
            "description": wf.description,
            "systemPrompt": wf.system_prompt,
            "specJson": wf.spec_json,
            "visibility": wf.visibility,
            "tags": list(wf.tags),
            "foundingIntent": wf.founding_intent,
            "stats": _stats(wf),
            "createdAt": iso(wf.created_at),
            "updatedAt": iso(wf.changed_at),
            "itemVersion": wf.item_version,
        },
    )


def user_workflow_run_wire(run: goals.GoalRun, clock: Clock) -> dict[str, Any]:
    return dump(
        UserWorkflowRun,
        {
            "jobSpecId": run.job_spec_id,
            "status": run.status,
            "startedAt": _opt(run.started_at),
            "completedAt": _opt(run.completed_at),
            "progress": goals.progress_at(run, clock.now(), clock),
            "errorCode": run.error_code,
        },
    )
