"""``client.workflows``: the catalog and the community marketplace."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

from convilyn._async._paging import walk_cursor
from convilyn._async._rebase import AsyncRebasedWrite
from convilyn._async._resource import AsyncResource
from convilyn._bodies import given
from convilyn._rebase import Decision, decide_patch
from convilyn.lowlevel.api.workflows import (
    fork_workflow,
    get_workflow,
    get_workflow_catalog,
    like_workflow,
    patch_workflow,
    search_community_workflows,
)
from convilyn.lowlevel.models import ForkWorkflowRequest as _ForkWorkflowRequest
from convilyn.lowlevel.models import PatchWorkflowRequest as _PatchWorkflowRequest
from convilyn.lowlevel.models import WorkflowSort as _WorkflowSort
from convilyn.lowlevel.models import WorkflowVisibility as _WorkflowVisibility
from convilyn.lowlevel.types import UNSET
from convilyn.types import (
    CatalogWorkflow,
    LikeResponse,
    Workflow,
    WorkflowCatalog,
    WorkflowSearchPage,
    WorkflowSummary,
)

__all__ = ["AsyncWorkflows"]

_SNAPSHOTS = 256
Visibility = Literal["private", "public", "archived"]


def _comparable(workflow: Workflow) -> dict[str, Any]:
    return {
        "name": workflow.name,
        "description": workflow.description,
        "visibility": str(getattr(workflow.visibility, "value", workflow.visibility)),
        "tags": list(workflow.tags),
    }


def _patch_body(item_version: int, changes: dict[str, Any]) -> _PatchWorkflowRequest:
    """The PATCH body for ``changes`` (keyed by the fields of :meth:`AsyncWorkflows.patch`)."""
    visibility = changes.get("visibility")
    return _PatchWorkflowRequest(
        item_version=item_version,
        name=given(changes.get("name")),
        description=given(changes.get("description")),
        visibility=_WorkflowVisibility(visibility) if visibility is not None else UNSET,
        tags=given(changes.get("tags")),
    )


class _Patch(AsyncRebasedWrite[dict[str, Any], Workflow]):
    def __init__(
        self,
        workflows: AsyncWorkflows,
        workflow_id: str,
        *,
        base: dict[str, Any] | None,
        blocked: dict[str, set[str]] | None,
    ) -> None:
        self.workflows, self.workflow_id = workflows, workflow_id
        self.what = f"update workflow {workflow_id}"
        self.base, self.blocked = base, blocked

    async def send(self, change: dict[str, Any], version: int | None) -> Workflow:
        assert (
            version is not None
        )  # a workflow always has a version: the caller's, then the server's
        pipe = self.workflows._pipeline
        body = _patch_body(version, change)
        response = await pipe.call(patch_workflow.asyncio_raw, self.workflow_id, body=body)
        return self.workflows._remember(pipe.parse(Workflow, response))

    async def reread(self) -> Workflow:
        return await self.workflows.get(self.workflow_id)

    def decide(
        self, change: dict[str, Any], current: Workflow, based_on: Workflow | None
    ) -> Decision[dict[str, Any]]:
        # After a resend, the other writer's change is kept and ours replayed on top of it.
        base = _comparable(based_on) if based_on is not None else self.base
        return decide_patch(change, current=_comparable(current), base=base, blocked=self.blocked)


class AsyncWorkflows(AsyncResource):
    """The workflow catalog and the community marketplace (search, fork, publish, like)."""

    def _remember(self, workflow: Workflow) -> Workflow:
        # Versions seen by this client and its with_options copies, so a 409 on patch can tell
        # which fields the other writer changed instead of overwriting blindly.
        snapshots = self._shared.workflow_snapshots
        key = (workflow.workflow_id, workflow.item_version)
        snapshots[key] = _comparable(workflow)
        snapshots.move_to_end(key)
        while len(snapshots) > _SNAPSHOTS:
            snapshots.popitem(last=False)
        return workflow

    async def catalog(self) -> list[CatalogWorkflow]:
        """The built-in workflows (run them with ``goals.start(workflow_id=...)``)."""
        pipe = self._pipeline
        response = await pipe.call(get_workflow_catalog.asyncio_raw)
        return list(pipe.parse(WorkflowCatalog, response).workflows)

    async def search(
        self,
        *,
        tag: str | None = None,
        sort: Literal["recent", "popular"] = "recent",
        limit: int = 20,
        cursor: str | None = None,
    ) -> WorkflowSearchPage:
        """One page of community workflows; pass ``page.cursor`` for the next."""
        if not 1 <= limit <= 50:
            raise ValueError("limit must be between 1 and 50")
        kwargs: dict[str, Any] = {"sort": _WorkflowSort(sort), "limit": limit}
        if tag is not None:
            kwargs["tag"] = tag
        if cursor is not None:
            kwargs["cursor"] = cursor
        pipe = self._pipeline
        response = await pipe.call(search_community_workflows.asyncio_raw, **kwargs)
        return pipe.parse(WorkflowSearchPage, response)

    async def iter_search(
        self,
        *,
        tag: str | None = None,
        sort: Literal["recent", "popular"] = "recent",
        limit: int = 20,
    ) -> AsyncIterator[WorkflowSummary]:
        """Every matching workflow, fetching pages (of ``limit``) as iteration goes."""

        async def fetch(cursor: str | None) -> WorkflowSearchPage:
            return await self.search(tag=tag, sort=sort, limit=limit, cursor=cursor)

        async for item in walk_cursor(fetch):
            yield item

    async def get(self, workflow_id: str) -> Workflow:
        """One workflow (404 for private, missing and catalog ids)."""
        pipe = self._pipeline
        response = await pipe.call(get_workflow.asyncio_raw, workflow_id)
        return self._remember(pipe.parse(Workflow, response))

    async def fork(self, *, source_spec_id: str, name: str | None = None) -> Workflow:
        """Copy a workflow into your own (Pro; 409 when forking your own)."""
        body = _ForkWorkflowRequest(source_spec_id=source_spec_id, name=given(name))
        pipe = self._pipeline
        response = await pipe.call(fork_workflow.asyncio_raw, body=body)
        return self._remember(pipe.parse(Workflow, response))

    async def patch(
        self,
        workflow_id: str,
        *,
        item_version: int,
        name: str | None = None,
        description: str | None = None,
        visibility: Visibility | None = None,
        tags: Sequence[str] | None = None,
    ) -> Workflow:
        """Change fields of your workflow at ``item_version`` (optimistic lock).

        On a version conflict the SDK re-reads the workflow; when the fields you set were not
        touched by the other writer (compared with the version you based your change on, if
        this client saw it), your change is re-applied on the current version; when the
        workflow already holds your values, it is returned; otherwise
        ``VersionConflictError`` carries both versions and the current workflow.
        """
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = name
        if description is not None:
            changes["description"] = description
        if visibility is not None:
            changes["visibility"] = visibility
        if tags is not None:
            changes["tags"] = list(tags)
        if not changes:
            raise ValueError("patch() needs at least one of name, description, visibility, tags")
        return await self._patch(workflow_id, item_version, changes, blocked=None)

    async def publish(self, workflow_id: str, *, item_version: int) -> Workflow:
        """Make your workflow public (``visibility: public``); an archived one is refused."""
        return await self._patch(
            workflow_id,
            item_version,
            {"visibility": "public"},
            blocked={"visibility": {"archived"}},
        )

    async def _patch(
        self,
        workflow_id: str,
        item_version: int,
        changes: dict[str, Any],
        *,
        blocked: dict[str, set[str]] | None,
    ) -> Workflow:
        base = self._shared.workflow_snapshots.get((workflow_id, item_version))
        patch = _Patch(self, workflow_id, base=base, blocked=blocked)
        return await patch.write(changes, item_version)

    async def like(self, workflow_id: str) -> LikeResponse:
        """Toggle your like; returns the new state and count."""
        pipe = self._pipeline
        response = await pipe.call(like_workflow.asyncio_raw, workflow_id)
        return pipe.parse(LikeResponse, response)
