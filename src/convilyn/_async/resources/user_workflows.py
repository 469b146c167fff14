"""``client.user_workflows``: the workflows you own (authored with the Builder, forked, created).

Not the marketplace (``client.workflows``): these are your own ``uw_`` workflows, which
``goals.run(user_workflow_id=...)`` runs and whose recent runs ``runs()`` lists.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator
from typing import Any, Literal

from convilyn._async._paging import walk_cursor
from convilyn._async._resource import AsyncResource
from convilyn.errors import GroundedContractUnavailableError, NotFoundError
from convilyn.lowlevel.api.user_workflows import (
    delete_user_workflow,
    export_user_workflow,
    get_user_workflow,
    get_user_workflow_grounded_contract,
    list_user_workflow_runs,
    list_user_workflows,
)
from convilyn.lowlevel.models import WorkflowVisibility as _WorkflowVisibility
from convilyn.models import GroundedContract, UserWorkflowExportDocument, UserWorkflowRunList
from convilyn.types import (
    UserWorkflowDetail,
    UserWorkflowExport,
    UserWorkflowRun,
    UserWorkflowsPage,
    UserWorkflowSummary,
)

__all__ = ["AsyncUserWorkflows"]

Visibility = Literal["private", "public", "archived"]
_VISIBILITIES = ("private", "public", "archived")


def _workflow_id(workflow_id: str) -> str:
    if not isinstance(workflow_id, str) or not workflow_id.strip():
        raise ValueError("workflow_id is empty: pass the id of one of your workflows (uw_...)")
    return workflow_id


def _bounded(name: str, value: int | None, high: int) -> int | None:
    if value is not None and (isinstance(value, bool) or not 1 <= value <= high):
        raise ValueError(f"{name} must be between 1 and {high}, got {value!r}")
    return value


def _list_params(visibility: str | None, limit: int | None, cursor: str | None) -> dict[str, Any]:
    if visibility is not None and visibility not in _VISIBILITIES:
        raise ValueError(
            f"visibility must be one of {', '.join(_VISIBILITIES)}, got {visibility!r}"
        )
    params: dict[str, Any] = {}
    if visibility is not None:
        params["visibility"] = _WorkflowVisibility(visibility)
    if _bounded("limit", limit, 100) is not None:
        params["limit"] = limit
    if cursor is not None:
        params["cursor"] = cursor
    return params


class AsyncUserWorkflows(AsyncResource):
    """Your own workflows: list, read, export, delete, and their recent runs."""

    async def list(
        self,
        *,
        visibility: Visibility | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> UserWorkflowsPage:
        """One page of your workflows, most recently updated first; pass ``page.cursor`` for
        the next (``None`` on the last). ``visibility`` keeps one kind; ``limit`` is 1 to 100
        (the service's default is 20)."""
        pipe = self._pipeline
        params = _list_params(visibility, limit, cursor)
        response = await pipe.call(list_user_workflows.asyncio_raw, **params)
        return pipe.parse(UserWorkflowsPage, response)

    async def iter_list(
        self, *, visibility: Visibility | None = None, limit: int | None = None
    ) -> AsyncIterator[UserWorkflowSummary]:
        """Every one of your workflows, fetching pages (of ``limit``) as iteration goes."""

        async def fetch(cursor: str | None) -> UserWorkflowsPage:
            return await self.list(visibility=visibility, limit=limit, cursor=cursor)

        async for item in walk_cursor(fetch):
            yield item

    async def get(self, workflow_id: str) -> UserWorkflowDetail:
        """The full detail of one of your workflows (system prompt and spec included).
        ``NotFoundError`` (``WORKFLOW_NOT_FOUND``) for an unknown id or one that is not yours."""
        pipe = self._pipeline
        response = await pipe.call(get_user_workflow.asyncio_raw, _workflow_id(workflow_id))
        return pipe.parse(UserWorkflowDetail, response)

    async def delete(self, workflow_id: str) -> None:
        """Delete one of your workflows for good (its past runs stay readable). A public one is
        refused with ``WorkflowIsPublicError`` (409): archive it first."""
        await self._pipeline.call(delete_user_workflow.asyncio_raw, _workflow_id(workflow_id))

    async def export(self, workflow_id: str) -> UserWorkflowExport:
        """A portable export of one of your workflows: ``document`` (opaque JSON, system prompt
        included) and ``schema_version`` (the ``X-Export-Schema-Version`` header)."""
        pipe = self._pipeline
        response = await pipe.call(export_user_workflow.asyncio_raw, _workflow_id(workflow_id))
        document = pipe.parse(UserWorkflowExportDocument, response)
        return UserWorkflowExport(
            document=dict(document.model_extra or {}),
            schema_version=response.headers.get("x-export-schema-version"),
        )

    async def grounded_contract(
        self,
        workflow_id: str,
        *,
        model_binding: str | None = None,
        locale: str | None = None,
    ) -> dict[str, Any]:
        """The grounded contract of one of your workflows, to save verbatim
        (``authored/<name>.uw.json``). ``model_binding``: the model id the device really runs;
        ``locale``: the extractor prompt's language (``en`` by default).

        The service is withdrawing this endpoint and has it off by default:
        ``GroundedContractUnavailableError`` (a 404 without a code) says so. Also
        ``NotFoundError`` (``WORKFLOW_NOT_FOUND``), ``ContractNotDerivableError`` (409, no
        extract stage) and ``UnprocessableEntityError`` (422, re-save it in the Builder).
        """
        params: dict[str, Any] = {}
        if model_binding is not None:
            params["model_binding"] = model_binding
        if locale is not None:
            params["locale"] = locale
        pipe = self._pipeline
        try:
            response = await pipe.call(
                get_user_workflow_grounded_contract.asyncio_raw, _workflow_id(workflow_id), **params
            )
        except NotFoundError as exc:
            if exc.code == "WORKFLOW_NOT_FOUND":
                raise
            raise _contracts_off(exc) from exc
        return dict(pipe.parse(GroundedContract, response).model_extra or {})

    async def runs(
        self, workflow_id: str, *, limit: int | None = None
    ) -> builtins.list[UserWorkflowRun]:
        """The recent runs (goal jobs) of one of your workflows, newest first; ``limit`` is 1 to
        50 (the service's default is 5). Read one with ``goals.retrieve(run.job_spec_id)``."""
        params: dict[str, Any] = {}
        if _bounded("limit", limit, 50) is not None:
            params["limit"] = limit
        pipe = self._pipeline
        response = await pipe.call(
            list_user_workflow_runs.asyncio_raw, _workflow_id(workflow_id), **params
        )
        return list(pipe.parse(UserWorkflowRunList, response).items)


def _contracts_off(exc: NotFoundError) -> GroundedContractUnavailableError:
    error = GroundedContractUnavailableError(
        "Grounded contracts are switched off on this service (the endpoint is disabled by "
        "default and being withdrawn); there is nothing to retry. "
        f"The service said: {exc.message}",
        status_code=exc.status_code,
        code=exc.code,
        details=exc.details,
        request_id=exc.request_id,
        headers=exc.headers,
        body=exc.body,
    )
    error.operation, error.replayed = exc.operation, exc.replayed
    return error
