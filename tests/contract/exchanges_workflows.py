"""``client.workflows``: taken from the vendor's ``tests/unit/resources/test_workflows.py``."""

from __future__ import annotations

from typing import Any

from exchange import Exchange, Expect, Raises, Returns, Route, err, ok

from convilyn import (
    ConflictError,
    InternalServerError,
    LikeResponse,
    NotFoundError,
    PlanRequiredError,
    VersionConflictError,
    Workflow,
    WorkflowSearchPage,
)

W = "test_workflows.py"
COMMUNITY = "/api/v1/workflows/community"
CATALOG = "/api/v1/workflows/catalog"
SPEC = "goal_lane.content_to_multipost"


def _workflow_wire(
    workflow_id: str = "uw_abc123",
    *,
    name: str = "Doc Analyzer",
    visibility: str = "private",
    spec_id: str = "user_xyz.uw_abc123",
    item_version: int = 1,
    like_count: int = 0,
) -> dict[str, Any]:
    return {
        "workflowId": workflow_id,
        "ownerId": "user_owner_1",
        "specId": spec_id,
        "sourceSpecId": SPEC,
        "sourceType": "curated",
        "sourceVersion": "1.0.0",
        "name": name,
        "description": "Analyse documents end-to-end.",
        "systemPrompt": "...",
        "toolPalette": [],
        "canvasLayout": {"edges": [], "viewport": None},
        "specJson": {},
        "visibility": visibility,
        "tags": ["analysis"],
        "foundingIntent": None,
        "examplePairs": None,
        "stats": {"runCount": 0, "forkCount": 0, "likeCount": like_count},
        "createdAt": "2026-05-20T12:00:00Z",
        "updatedAt": "2026-05-20T12:00:00Z",
        "itemVersion": item_version,
    }


def _summary_wire(workflow_id: str = "uw_one", *, like_count: int = 3) -> dict[str, Any]:
    return {
        "workflowId": workflow_id,
        "specId": f"user_anon.{workflow_id}",
        "name": "Public Doc Analyzer",
        "description": "...",
        "visibility": "public",
        "tags": ["docs"],
        "stats": {"runCount": 10, "forkCount": 2, "likeCount": like_count},
    }


def _catalog_item_wire(workflow_id: str = "goal_lane.expense_batch_summary") -> dict[str, Any]:
    return {
        "workflowId": workflow_id,
        "name": "Expense Batch → Vendor-Grouped Summary",
        "description": "Receipts and invoices into one spreadsheet.",
        "icon": "receipt",
        "supportedInputTypes": ["image", "document"],
        "supportedInputFormats": ["jpg", "png", "pdf"],
        "category": "goal_lane",
        "requiredSlotCount": 0,
        "subcategory": None,
        "skuGroup": None,
        "status": "active",
        "supportedLocales": ["en", "ja", "ko", "zh"],
        "maxInputSizeBytes": 52428800,
        "minFileCount": None,
        "tier": "business",
        "freeTierAllowed": None,
    }


def _search(payload: Any, expect: Expect | None = None) -> tuple[Route, ...]:
    return (Route("GET", COMMUNITY, (ok(payload),), expect=expect or Expect()),)


PUBLISH_CONFLICT = err(
    409,
    {
        "code": "ITEM_VERSION_MISMATCH",
        "message": "Workflow was modified by a concurrent request",
    },
)
# Ours re-reads the workflow on a version conflict (the vendor's client raises at once):
# a route of our own, answering that the workflow was archived meanwhile, so publishing
# cannot be re-applied and the conflict reaches the caller as the vendor's does.
REREAD_ARCHIVED = Route(
    "GET",
    "/api/v1/workflows/uw_abc123",
    (ok(_workflow_wire(visibility="archived", item_version=2)),),
    recorded=False,
)

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{W}::TestSearchLogic::test_search_default_returns_page",
        call=lambda x: x.client.workflows.search(),
        routes=_search(
            {"items": [_summary_wire("uw_a"), _summary_wire("uw_b")], "cursor": None},
            Expect(query={"sort": "recent"}),
        ),
        outcome=Returns(
            WorkflowSearchPage,
            {"items.0.workflow_id": "uw_a", "items.1.workflow_id": "uw_b", "cursor": None},
        ),
    ),
    Exchange(
        id=f"{W}::TestSearchLogic::test_search_threads_filters",
        call=lambda x: x.client.workflows.search(
            tag="docs", sort="popular", limit=5, cursor="prev_page"
        ),
        routes=_search(
            {"items": [], "cursor": "next_page"},
            Expect(query={"tag": "docs", "sort": "popular", "limit": "5", "cursor": "prev_page"}),
        ),
        outcome=Returns(WorkflowSearchPage, {"cursor": "next_page"}),
    ),
    Exchange(
        id=f"{W}::TestGetLogic::test_get_returns_workflow",
        call=lambda x: x.client.workflows.get("uw_abc123"),
        routes=(Route("GET", "/api/v1/workflows/uw_abc123", (ok(_workflow_wire()),)),),
        outcome=Returns(Workflow, {"workflow_id": "uw_abc123", "visibility": "private"}),
    ),
    Exchange(
        id=f"{W}::TestForkLogic::test_fork_sends_camel_case_body",
        call=lambda x: x.client.workflows.fork(source_spec_id=SPEC, name="Copy of Doc Analyzer"),
        routes=(
            Route(
                "POST",
                "/api/v1/workflows/fork",
                (ok(_workflow_wire(name="Copy of Doc Analyzer"), 201),),
                expect=Expect(body_has={"sourceSpecId": SPEC, "name": "Copy of Doc Analyzer"}),
            ),
        ),
        outcome=Returns(Workflow, {"name": "Copy of Doc Analyzer"}),
    ),
    Exchange(
        id=f"{W}::TestPublishLogic::test_publish_sends_patch_with_visibility",
        call=lambda x: x.client.workflows.publish("uw_abc123", item_version=1),
        routes=(
            Route(
                "PATCH",
                "/api/v1/workflows/uw_abc123",
                (ok(_workflow_wire(visibility="public", item_version=2)),),
                expect=Expect(body_has={"visibility": "public", "itemVersion": 1}),
            ),
        ),
        outcome=Returns(Workflow, {"visibility": "public", "item_version": 2}),
    ),
    Exchange(
        id=f"{W}::TestLikeLogic::test_like_returns_toggle_state",
        call=lambda x: x.client.workflows.like("uw_pub"),
        routes=(
            Route("POST", "/api/v1/workflows/uw_pub/like", (ok({"liked": True, "likeCount": 42}),)),
        ),
        outcome=Returns(LikeResponse, {"liked": True, "like_count": 42}),
    ),
    Exchange(
        id=f"{W}::TestBoundary::test_search_empty_listing",
        call=lambda x: x.client.workflows.search(),
        routes=_search({"items": [], "cursor": None}),
        outcome=Returns(WorkflowSearchPage, {"items": [], "cursor": None}),
    ),
    Exchange(
        id=f"{W}::TestBoundary::test_fork_without_name_omits_field",
        call=lambda x: x.client.workflows.fork(source_spec_id=SPEC),
        routes=(
            Route(
                "POST",
                "/api/v1/workflows/fork",
                (ok(_workflow_wire(), 201),),
                expect=Expect(body_has={"sourceSpecId": SPEC}, body_lacks=("name",)),
            ),
        ),
        outcome=Returns(Workflow),
    ),
    Exchange(
        id=f"{W}::TestBoundary::test_patch_only_sends_supplied_fields",
        call=lambda x: x.client.workflows.patch("uw_abc123", item_version=1, tags=["new-tag"]),
        routes=(
            Route(
                "PATCH",
                "/api/v1/workflows/uw_abc123",
                (ok(_workflow_wire(item_version=2)),),
                expect=Expect(body={"itemVersion": 1, "tags": ["new-tag"]}),
            ),
        ),
        outcome=Returns(Workflow, {"item_version": 2}),
    ),
    Exchange(
        id=f"{W}::TestErrors::test_fork_pro_tier_required_surfaces_api_error",
        call=lambda x: x.client.workflows.fork(source_spec_id=SPEC),
        routes=(
            Route(
                "POST",
                "/api/v1/workflows/fork",
                (
                    err(
                        402,
                        {
                            "code": "PRO_TIER_REQUIRED",
                            "message": "Upgrade to Pro to fork workflows",
                        },
                    ),
                ),
            ),
        ),
        outcome=Raises(PlanRequiredError, {"status_code": 402, "code": "PRO_TIER_REQUIRED"}),
    ),
    Exchange(
        id=f"{W}::TestErrors::test_get_not_found_surfaces_api_error_404",
        call=lambda x: x.client.workflows.get("uw_missing"),
        routes=(
            Route(
                "GET",
                "/api/v1/workflows/uw_missing",
                (err(404, {"code": "WORKFLOW_NOT_FOUND", "message": "Workflow not found"}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "WORKFLOW_NOT_FOUND"}),
    ),
    Exchange(
        id=f"{W}::TestErrors::test_like_on_private_workflow_surfaces_409",
        call=lambda x: x.client.workflows.like("uw_priv"),
        routes=(
            Route(
                "POST",
                "/api/v1/workflows/uw_priv/like",
                (
                    err(
                        409,
                        {
                            "code": "WORKFLOW_NOT_PUBLIC",
                            "message": "Only public workflows can be liked",
                        },
                    ),
                ),
            ),
        ),
        outcome=Raises(
            ConflictError, {"status_code": 409, "code": "WORKFLOW_NOT_PUBLIC"}, exact=True
        ),
    ),
    Exchange(
        # What our SDK keeps of the server's refusal: the class, the status, and the
        # recorded code on the error that caused the one raised.
        id=f"{W}::TestErrors::test_publish_version_mismatch_surfaces_409[typed]",
        call=lambda x: x.client.workflows.publish("uw_abc123", item_version=1),
        routes=(
            Route("PATCH", "/api/v1/workflows/uw_abc123", (PUBLISH_CONFLICT,), calls=1),
            REREAD_ARCHIVED,
        ),
        outcome=Raises(
            VersionConflictError,
            {
                "status_code": 409,
                "current_version": 2,
                "__cause__.code": "ITEM_VERSION_MISMATCH",
            },
        ),
    ),
    Exchange(
        id=f"{W}::TestErrors::test_publish_version_mismatch_surfaces_409[code]",
        call=lambda x: x.client.workflows.publish("uw_abc123", item_version=1),
        routes=(
            Route("PATCH", "/api/v1/workflows/uw_abc123", (PUBLISH_CONFLICT,), calls=1),
            REREAD_ARCHIVED,
        ),
        outcome=Raises(VersionConflictError, {"code": "ITEM_VERSION_MISMATCH"}),
    ),
    Exchange(
        id=f"{W}::TestObjectState::test_workflow_model_round_trip",
        call=lambda x: x.client.workflows.get("uw_abc123"),
        routes=(Route("GET", "/api/v1/workflows/uw_abc123", (ok(_workflow_wire()),)),),
        outcome=Returns(Workflow, {"workflow_id": "uw_abc123", "stats.like_count": 0}),
    ),
    Exchange(
        id=f"{W}::TestObjectState::test_workflow_summary_round_trip",
        call=lambda x: x.client.workflows.search(),
        routes=_search({"items": [_summary_wire(like_count=99)], "cursor": "abc"}),
        outcome=Returns(WorkflowSearchPage, {"items.0.stats.like_count": 99, "cursor": "abc"}),
    ),
    Exchange(
        id=f"{W}::TestObjectState::test_extra_field_tolerated_on_workflow",
        call=lambda x: x.client.workflows.get("uw_abc123"),
        routes=(
            Route(
                "GET",
                "/api/v1/workflows/uw_abc123",
                (ok({**_workflow_wire(), "futureField": {"foo": "bar"}}),),
            ),
        ),
        outcome=Returns(Workflow, {"model_extra.futureField": {"foo": "bar"}}),
    ),
    Exchange(
        id=f"{W}::TestObjectState::test_search_default_sort_is_recent",
        call=lambda x: x.client.workflows.search(),
        routes=_search({"items": [], "cursor": None}, Expect(query={"sort": "recent"})),
        outcome=Returns(WorkflowSearchPage),
    ),
    Exchange(
        id=f"{W}::TestCatalog::test_catalog_returns_typed_items",
        call=lambda x: x.client.workflows.catalog(),
        routes=(
            Route(
                "GET",
                CATALOG,
                (
                    ok(
                        {
                            "workflows": [
                                _catalog_item_wire(),
                                _catalog_item_wire("goal_lane.reading_to_highlights"),
                            ],
                            "total": 2,
                        }
                    ),
                ),
            ),
        ),
        outcome=Returns(
            list,
            {
                "#len": 2,
                "0.workflow_id": "goal_lane.expense_batch_summary",
                "0.tier": "business",
                "0.free_tier_allowed": None,
                "1.workflow_id": "goal_lane.reading_to_highlights",
            },
        ),
    ),
    Exchange(
        id=f"{W}::TestCatalog::test_catalog_empty_returns_empty_list",
        call=lambda x: x.client.workflows.catalog(),
        routes=(Route("GET", CATALOG, (ok({"workflows": [], "total": 0}),)),),
        outcome=Returns(list, {"#len": 0}),
    ),
    Exchange(
        # Ours retries a 500 on a read before raising.
        id=f"{W}::TestCatalog::test_catalog_error_surfaces_as_api_error",
        call=lambda x: x.client.workflows.catalog(),
        routes=(Route("GET", CATALOG, (err(500, {"code": "INTERNAL", "message": "boom"}),)),),
        outcome=Raises(InternalServerError, {"status_code": 500, "code": "INTERNAL"}),
    ),
    Exchange(
        id=f"{W}::TestCatalog::test_catalog_item_tolerates_future_fields",
        call=lambda x: x.client.workflows.catalog(),
        routes=(
            Route(
                "GET",
                CATALOG,
                (ok({"workflows": [{**_catalog_item_wire(), "futureField": True}], "total": 1}),),
            ),
        ),
        outcome=Returns(list, {"0.workflow_id": "goal_lane.expense_batch_summary"}),
    ),
)
