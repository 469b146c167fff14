"""``client.user_workflows``: taken from the vendor's ``tests/unit/resources/test_user_workflows.py``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from exchange import Ctx, Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import (
    NotFoundError,
    UserWorkflowDetail,
    UserWorkflowExport,
    UserWorkflowsPage,
    WorkflowIsPublicError,
)

UWT = "test_user_workflows.py"
UW = "uw_abc123"
BASE = "/api/v1/user_workflows"


def _summary_wire(workflow_id: str = UW) -> dict[str, Any]:
    return {
        "workflowId": workflow_id,
        "specId": f"user_me.{workflow_id}",
        "name": "My Vertical",
        "descriptionPreview": "Explains POS errors.",
        "visibility": "private",
        "tags": ["pos"],
        "stats": {"runCount": 4, "forkCount": 0, "likeCount": 1},
        "sourceType": "builder",
        "sourceSpecId": None,
        "updatedAt": "2026-07-20T10:00:00Z",
        "ownerId": "user_me",
        "ownerDisplayName": "swift falcon",
    }


def _detail_wire(workflow_id: str = UW) -> dict[str, Any]:
    return {
        "workflowId": workflow_id,
        "ownerId": "user_me",
        "ownerDisplayName": "swift falcon",
        "specId": f"user_me.{workflow_id}",
        "sourceSpecId": None,
        "sourceType": "builder",
        "sourceVersion": "1.0.0",
        "name": "My Vertical",
        "description": "Explains POS errors.",
        "systemPrompt": "You are…",
        "specJson": {"phases": []},
        "visibility": "private",
        "tags": ["pos"],
        "foundingIntent": None,
        "stats": {"runCount": 4, "forkCount": 0, "likeCount": 1},
        "createdAt": "2026-07-01T00:00:00Z",
        "updatedAt": "2026-07-20T10:00:00Z",
        "itemVersion": 3,
        # builder-UI wire fields the vendor's SDK deliberately does not bind:
        "toolPalette": [],
        "canvasLayout": {"edges": [], "viewport": None},
        "examplePairs": None,
    }


def _run_wire(job: str = "job-1") -> dict[str, Any]:
    return {
        "jobSpecId": job,
        "status": "completed",
        "startedAt": "2026-07-20T10:00:00Z",
        "completedAt": "2026-07-20T10:01:00Z",
        "progress": 100,
        "errorCode": None,
    }


def _then(call: Callable[[Ctx], Any], after: Callable[[Any], Any]) -> Callable[[Ctx], Any]:
    """``call``, then ``after`` on its result (awaited first on the async client)."""

    def run(x: Ctx) -> Any:
        value = call(x)
        if inspect.isawaitable(value):

            async def finish() -> Any:
                return after(await value)

            return finish()
        return after(value)

    return run


def _mutation_refused(workflow: UserWorkflowDetail) -> dict[str, Any]:
    try:
        workflow.name = "mutated"
    except ValueError as exc:  # pydantic's frozen-instance ValidationError
        return {"refused": type(exc).__name__, "name": workflow.name}
    return {"refused": None, "name": workflow.name}


def _get(payload: dict[str, Any], path: str = f"{BASE}/{UW}", **expect: Any) -> tuple[Route, ...]:
    return (Route("GET", path, (ok(payload),), expect=Expect(**expect)),)


EXPORT_BODY = {"schemaVersion": "3", "name": "My Vertical"}
CONTRACT = {"contract_id": f"user_me.{UW}", "fields": [], "prompt_template": "p"}

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{UWT}::TestListLogic::test_list_returns_typed_page",
        call=lambda x: x.client.user_workflows.list(),
        routes=_get(
            {"items": [_summary_wire("uw_a"), _summary_wire("uw_b")], "cursor": None}, BASE
        ),
        outcome=Returns(
            UserWorkflowsPage,
            {"items.0.workflow_id": "uw_a", "items.1.workflow_id": "uw_b", "cursor": None},
        ),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_list_threads_filters",
        call=lambda x: x.client.user_workflows.list(visibility="private", limit=5, cursor="prev"),
        routes=_get(
            {"items": [], "cursor": "next"},
            BASE,
            query={"visibility": "private", "limit": "5", "cursor": "prev"},
        ),
        outcome=Returns(UserWorkflowsPage, {"cursor": "next"}),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_get_returns_typed_detail",
        call=lambda x: x.client.user_workflows.get(UW),
        routes=_get(_detail_wire()),
        outcome=Returns(
            UserWorkflowDetail,
            {"workflow_id": UW, "system_prompt": "You are…", "item_version": 3},
        ),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_delete_returns_none_on_204",
        call=lambda x: x.client.user_workflows.delete(UW),
        routes=(Route("DELETE", f"{BASE}/{UW}", (ok(status=204),)),),
        outcome=Returns(type(None)),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_export_wraps_document_and_header",
        call=lambda x: x.client.user_workflows.export(UW),
        routes=(
            Route(
                "GET",
                f"{BASE}/{UW}/export",
                (Reply(200, EXPORT_BODY, headers={"X-Export-Schema-Version": "3"}),),
            ),
        ),
        outcome=Returns(UserWorkflowExport, {"document": EXPORT_BODY, "schema_version": "3"}),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_grounded_contract_returns_raw_wire",
        call=lambda x: x.client.user_workflows.grounded_contract(UW),
        routes=_get(CONTRACT, f"{BASE}/{UW}/grounded-contract"),
        outcome=Returns(dict, {"contract_id": f"user_me.{UW}", "prompt_template": "p"}),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_grounded_contract_threads_binding_and_locale",
        call=lambda x: x.client.user_workflows.grounded_contract(
            UW, model_binding="local-qwen3-4b", locale="ja"
        ),
        routes=_get(
            {},
            f"{BASE}/{UW}/grounded-contract",
            query={"model_binding": "local-qwen3-4b", "locale": "ja"},
        ),
        outcome=Returns(dict),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_runs_returns_typed_rows",
        call=lambda x: x.client.user_workflows.runs(UW),
        routes=_get({"items": [_run_wire("job-1"), _run_wire("job-2")]}, f"{BASE}/{UW}/runs"),
        outcome=Returns(
            list,
            {
                "#len": 2,
                "0.job_spec_id": "job-1",
                "1.job_spec_id": "job-2",
                # test_run_model_parses_wire: the same row, read
                "0.status": "completed",
                "0.error_code": None,
            },
        ),
    ),
    Exchange(
        id=f"{UWT}::TestListLogic::test_runs_threads_limit",
        call=lambda x: x.client.user_workflows.runs(UW, limit=2),
        routes=_get({"items": []}, f"{BASE}/{UW}/runs", query={"limit": "2"}),
        outcome=Returns(list, {"#len": 0}),
    ),
    Exchange(
        id=f"{UWT}::TestBoundary::test_list_without_filters_sends_no_params",
        call=lambda x: x.client.user_workflows.list(),
        routes=_get(
            {"items": [], "cursor": None},
            BASE,
            query={"visibility": None, "limit": None, "cursor": None},  # None: not sent
        ),
        outcome=Returns(UserWorkflowsPage, {"items": []}),
    ),
    Exchange(
        id=f"{UWT}::TestBoundary::test_list_empty_page_has_no_items",
        call=lambda x: x.client.user_workflows.list(),
        routes=_get({"items": [], "cursor": None}, BASE),
        outcome=Returns(UserWorkflowsPage, {"items": [], "cursor": None}),
    ),
    Exchange(
        id=f"{UWT}::TestBoundary::test_export_without_version_header_is_none",
        call=lambda x: x.client.user_workflows.export(UW),
        routes=_get({}, f"{BASE}/{UW}/export"),
        outcome=Returns(UserWorkflowExport, {"document": {}, "schema_version": None}),
    ),
    Exchange(
        id=f"{UWT}::TestBoundary::test_detail_tolerates_unknown_wire_fields",
        call=lambda x: x.client.user_workflows.get(UW),
        routes=_get(_detail_wire() | {"futureField": {"x": 1}}),
        outcome=Returns(UserWorkflowDetail, {"workflow_id": UW}),
    ),
    Exchange(
        id=f"{UWT}::TestErrors::test_get_missing_raises_api_error_404",
        call=lambda x: x.client.user_workflows.get(UW),
        routes=(
            Route(
                "GET",
                f"{BASE}/{UW}",
                (err(404, {"code": "WORKFLOW_NOT_FOUND", "message": "Workflow not found"}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "WORKFLOW_NOT_FOUND"}),
    ),
    Exchange(
        id=f"{UWT}::TestErrors::test_delete_public_raises_api_error_409",
        call=lambda x: x.client.user_workflows.delete(UW),
        routes=(
            Route(
                "DELETE",
                f"{BASE}/{UW}",
                (
                    err(
                        409,
                        {
                            "code": "WORKFLOW_IS_PUBLIC_USE_ARCHIVE",
                            "message": "Archive the workflow before deleting.",
                        },
                    ),
                ),
                calls=1,
            ),
        ),
        outcome=Raises(
            WorkflowIsPublicError,
            {"status_code": 409, "code": "WORKFLOW_IS_PUBLIC_USE_ARCHIVE"},
        ),
    ),
    Exchange(
        id=f"{UWT}::TestObjectState::test_detail_model_is_immutable",
        call=_then(lambda x: x.client.user_workflows.get(UW), _mutation_refused),
        routes=_get(_detail_wire()),
        outcome=Returns(dict, {"refused": "ValidationError", "name": "My Vertical"}),
    ),
    Exchange(
        id=f"{UWT}::TestObjectState::test_page_model_round_trips_wire_aliases",
        call=_then(
            lambda x: x.client.user_workflows.list(),
            lambda page: page.model_dump(by_alias=True, exclude_none=False),
        ),
        routes=_get({"items": [_summary_wire()], "cursor": "c1"}, BASE),
        outcome=Returns(dict, {"items.0.workflowId": UW, "cursor": "c1"}),
    ),
)
