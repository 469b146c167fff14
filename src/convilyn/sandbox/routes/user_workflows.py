"""Your own workflows (``/user_workflows``): list, get, delete, export, grounded contract, runs.

Owner only: another account's workflow, public or not, is 404 ``WORKFLOW_NOT_FOUND`` here
(existence is not disclosed). The records are the marketplace's (``SandboxState.workflows``):
forks, Builder registrations and workflows you published are all listed.
"""

from __future__ import annotations

from typing import Any

from convilyn.models import UserWorkflowRunList, UserWorkflowsPage

from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError
from ..state import WorkflowRecord
from ..wire import (
    dump,
    user_workflow_detail_wire,
    user_workflow_run_wire,
    user_workflow_summary_wire,
)
from .common import decode_cursor, encode_cursor, unprocessable, workflow_not_found

EXPORT_SCHEMA_VERSION = "3"
CONTRACT_LOCALES = ("en", "ja", "ko", "zh-TW", "zh-CN")


def own_workflow(ctx: Ctx, workflow_id: str) -> WorkflowRecord:
    wf = ctx.sandbox.workflows.get(workflow_id)
    if wf is None or wf.owner_id != ctx.account.user_id:
        raise workflow_not_found(workflow_id)
    return wf


def _own(ctx: Ctx) -> WorkflowRecord:
    return own_workflow(ctx, str(ctx.path["workflowId"]))


async def list_user_workflows(ctx: Ctx) -> Reply:
    visibility = ctx.query.get("visibility")
    limit = int(ctx.query.get("limit") or 20)
    user = ctx.account.user_id
    items = [
        w
        for w in ctx.sandbox.workflows.values()
        if w.owner_id == user and (visibility is None or w.visibility == visibility)
    ]
    items.sort(key=lambda w: (-w.changed_at, w.workflow_id))
    scope = {"v": visibility, "u": True}
    cursor = ctx.query.get("cursor")
    offset = decode_cursor(str(cursor), scope) if cursor else 0
    page = items[offset : offset + limit]
    nxt = encode_cursor(offset + limit, scope) if offset + limit < len(items) else None
    data = {"items": [user_workflow_summary_wire(w) for w in page], "cursor": nxt}
    return Reply(200, dump(UserWorkflowsPage, data))


async def get_user_workflow(ctx: Ctx) -> Reply:
    return Reply(200, user_workflow_detail_wire(_own(ctx)))


async def delete_user_workflow(ctx: Ctx) -> Reply:
    wf = _own(ctx)
    if wf.visibility == "public":
        raise ApiError(
            409,
            "WORKFLOW_IS_PUBLIC_USE_ARCHIVE",
            f"Workflow {wf.workflow_id} is public: archive it (visibility archived), then delete it",
            {"workflowId": wf.workflow_id, "visibility": wf.visibility},
        )
    del ctx.sandbox.workflows[wf.workflow_id]
    ctx.account.workflow_runs.pop(wf.workflow_id, None)
    return Reply(204)


async def export_user_workflow(ctx: Ctx) -> Reply:
    wf = _own(ctx)
    document: dict[str, Any] = {
        "schemaVersion": EXPORT_SCHEMA_VERSION,
        "name": wf.name,
        "description": wf.description,
        "systemPrompt": wf.system_prompt,
        "specJson": wf.spec_json,
        "tags": list(wf.tags),
        "sourceType": wf.source_type,
        "foundingIntent": wf.founding_intent,
    }
    return Reply(200, document, headers={"X-Export-Schema-Version": EXPORT_SCHEMA_VERSION})


def _extract_phase(wf: WorkflowRecord) -> dict[str, Any] | None:
    phases = (wf.spec_json or {}).get("phases") or []
    return next((p for p in phases if isinstance(p, dict) and p.get("kind") == "extract"), None)


async def get_user_workflow_grounded_contract(ctx: Ctx) -> Reply:
    wf = _own(ctx)
    locale = str(ctx.query.get("locale") or "en")
    if locale not in CONTRACT_LOCALES:
        raise unprocessable(
            "UNSUPPORTED_LOCALE",
            f"locale must be one of {', '.join(CONTRACT_LOCALES)}",
            ["query", "locale"],
            "value_error",
        )
    phase = _extract_phase(wf)
    if phase is None:
        raise ApiError(
            409,
            "CONTRACT_NOT_DERIVABLE",
            f"Workflow {wf.workflow_id} has no extract stage, so no grounded contract; "
            "change it in the Builder, then export again",
            {"workflowId": wf.workflow_id},
        )
    contract = {
        "contract_id": wf.spec_id,
        "workflow_id": wf.workflow_id,
        "model_binding": ctx.query.get("model_binding"),
        "locale": locale,
        "fields": [{"name": "result", "type": "string", "required": True}],
        "prompt_template": f"[{locale}] Extract from the input: {phase.get('instruction', '')}",
    }
    return Reply(200, contract)


async def list_user_workflow_runs(ctx: Ctx) -> Reply:
    wf, acct, sb = _own(ctx), ctx.account, ctx.sandbox
    limit = int(ctx.query.get("limit") or 5)
    items = []
    for job_spec_id in reversed(acct.workflow_runs.get(wf.workflow_id, [])):
        run = sb.goal(acct, job_spec_id)
        if run is not None:  # expired runs drop out
            items.append(user_workflow_run_wire(run, sb.clock))
        if len(items) == limit:
            break
    return Reply(200, dump(UserWorkflowRunList, {"items": items}))


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "listUserWorkflows": list_user_workflows,
        "getUserWorkflow": get_user_workflow,
        "deleteUserWorkflow": delete_user_workflow,
        "exportUserWorkflow": export_user_workflow,
        "getUserWorkflowGroundedContract": get_user_workflow_grounded_contract,
        "listUserWorkflowRuns": list_user_workflow_runs,
    }
