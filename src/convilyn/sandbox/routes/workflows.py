"""Curated catalog and the community marketplace: search, get, fork, patch, like."""

from __future__ import annotations

from convilyn.models import LikeResponse, WorkflowSearchPage

from ..catalog import BY_ID
from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError, version_conflict
from ..state import WorkflowRecord
from ..wire import catalog_wire, dump, summary_wire, workflow_wire
from .common import UPGRADE_URL, decode_cursor, encode_cursor, workflow_not_found


async def get_workflow_catalog(ctx: Ctx) -> Reply:
    return Reply(200, catalog_wire(ctx.sandbox.catalog()))


async def search_community_workflows(ctx: Ctx) -> Reply:
    sort = str(ctx.query.get("sort") or "recent")
    limit = int(ctx.query.get("limit") or 20)
    tag = ctx.query.get("tag")
    items = [
        w
        for w in ctx.sandbox.workflows.values()
        if w.visibility == "public" and (tag is None or tag in w.tags)
    ]
    if sort == "popular":
        items.sort(key=lambda w: (-w.like_count, -w.run_count, w.workflow_id))
    else:
        items.sort(key=lambda w: (-w.created_at, w.workflow_id))
    cursor = ctx.query.get("cursor")
    scope = {"s": sort, "t": tag}
    offset = decode_cursor(str(cursor), scope) if cursor else 0
    page = items[offset : offset + limit]
    nxt = encode_cursor(offset + limit, scope) if offset + limit < len(items) else None
    return Reply(
        200, dump(WorkflowSearchPage, {"items": [summary_wire(w) for w in page], "cursor": nxt})
    )


def _visible(ctx: Ctx) -> WorkflowRecord:
    workflow_id = str(ctx.path["workflowId"])
    wf = ctx.sandbox.visible_workflow(ctx.account, workflow_id)
    if wf is None:
        raise workflow_not_found(workflow_id)
    return wf


async def get_workflow(ctx: Ctx) -> Reply:
    return Reply(200, workflow_wire(_visible(ctx)))


async def fork_workflow(ctx: Ctx) -> Reply:
    acct, sb, body = ctx.account, ctx.sandbox, ctx.body
    source_id = str(body["sourceSpecId"])
    source = sb.workflow_by_spec(source_id) or sb.workflows.get(source_id)
    if source is not None and source.owner_id != acct.user_id and source.visibility != "public":
        source = None
    curated = BY_ID.get(source_id) if source is None else None
    if source is None and (curated is None or not curated.listed):
        raise ApiError(
            404,
            "WORKFLOW_NOT_FOUND",
            f"Workflow spec {source_id} not found",
            {"sourceSpecId": source_id},
        )
    if acct.tier == "free":
        raise ApiError(
            402,
            "PRO_TIER_REQUIRED",
            "Forking workflows needs the Pro tier",
            {"upgradeUrl": UPGRADE_URL, "tier": acct.tier},
        )
    if source is not None and source.owner_id == acct.user_id:
        raise ApiError(
            409,
            "CANNOT_FORK_OWN",
            "You cannot fork your own workflow; patch it instead",
            {"workflowId": source.workflow_id},
        )
    if source is not None:
        base, name, desc, tags, spec = (
            source.base,
            source.name,
            source.description,
            list(source.tags),
            source.spec_id,
        )
        source.fork_count += 1
        kind = "user"
    else:
        assert curated is not None
        base, name, desc, tags, spec = (
            curated,
            curated.name,
            curated.description,
            [curated.category],
            curated.workflow_id,
        )
        kind = "curated"
    record = WorkflowRecord(
        workflow_id=sb.new_id("wf"),
        spec_id=sb.new_id("spec"),
        owner_id=acct.user_id,
        name=str(body.get("name") or f"{name} (fork)"),
        description=desc,
        visibility="private",
        tags=tags,
        base=base,
        created_at=ctx.now,
        source_spec_id=spec,
        source_type=kind,
    )
    sb.workflows[record.workflow_id] = record
    sb.counters.created["workflows"] += 1
    return Reply(201, workflow_wire(record))


async def patch_workflow(ctx: Ctx) -> Reply:
    wf, body = _visible(ctx), ctx.body
    if wf.owner_id != ctx.account.user_id:
        raise ApiError(
            403,
            "FORBIDDEN",
            f"Workflow {wf.workflow_id} belongs to someone else; fork it first",
            {"workflowId": wf.workflow_id},
        )
    if int(body["itemVersion"]) != wf.item_version:
        raise version_conflict(wf.item_version, int(body["itemVersion"]))
    if "name" in body:
        wf.name = str(body["name"])
    if "description" in body:
        wf.description = None if body["description"] is None else str(body["description"])
    if "visibility" in body:
        wf.visibility = str(body["visibility"])
        if wf.visibility == "public":
            wf.created_at = max(wf.created_at, ctx.now)  # published now: first in "recent"
    if "tags" in body:
        wf.tags = [str(t) for t in body["tags"]]
    wf.item_version += 1
    wf.updated_at = ctx.now
    return Reply(200, workflow_wire(wf))


async def like_workflow(ctx: Ctx) -> Reply:
    wf, user = _visible(ctx), ctx.account.user_id
    if user in wf.liked_by:
        wf.liked_by.discard(user)
        liked = False
    else:
        wf.liked_by.add(user)
        liked = True
    return Reply(200, dump(LikeResponse, {"liked": liked, "likeCount": wf.like_count}))


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "getWorkflowCatalog": get_workflow_catalog,
        "searchCommunityWorkflows": search_community_workflows,
        "getWorkflow": get_workflow,
        "forkWorkflow": fork_workflow,
        "patchWorkflow": patch_workflow,
        "likeWorkflow": like_workflow,
    }
