"""Resource behaviour not covered elsewhere: marketplace paging, the escape hatch's verbs,
``with_options`` on the async client, the operation an API error names."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import KEY, call

from convilyn.errors import NotFoundError

pytestmark = pytest.mark.anyio

SEARCH = "/api/v1/workflows/community"


def summary(n: int) -> dict[str, Any]:
    return {
        "workflowId": f"wf_{n}",
        "specId": f"spec_{n}",
        "name": f"Workflow {n}",
        "tags": ["cv"],
        "stats": {"runCount": n, "forkCount": 0, "likeCount": 0},
        "visibility": "public",
    }


def page(numbers: range, cursor: str | None) -> httpx.Response:
    return httpx.Response(200, json={"items": [summary(n) for n in numbers], "cursor": cursor})


async def collect(iterator: Any) -> list[Any]:
    if inspect.isasyncgen(iterator):
        return [item async for item in iterator]
    return list(iterator)


async def test_iter_search_follows_cursors_lazily(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(SEARCH).mock(
        side_effect=[page(range(0, 3), "c1"), page(range(3, 6), "c2"), page(range(6, 7), None)]
    )
    client = make_client(kind)
    iterator = client.workflows.iter_search(tag="cv", sort="popular", limit=3)
    assert route.call_count == 0  # nothing is fetched before iteration starts
    items = await collect(iterator)
    assert [w.workflow_id for w in items] == [f"wf_{n}" for n in range(7)]
    queries = [dict(c.request.url.params) for c in route.calls]
    assert queries == [
        {"sort": "popular", "limit": "3", "tag": "cv"},
        {"sort": "popular", "limit": "3", "tag": "cv", "cursor": "c1"},
        {"sort": "popular", "limit": "3", "tag": "cv", "cursor": "c2"},
    ]


async def test_iter_search_fetches_only_the_pages_consumed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(SEARCH).mock(side_effect=[page(range(0, 3), "c1"), page(range(3, 6), "c2")])
    client = make_client(kind)
    iterator = client.workflows.iter_search(limit=3)
    if kind == "async":
        first = [await iterator.__anext__() for _ in range(4)]
        await iterator.aclose()
    else:
        first = [next(iterator) for _ in range(4)]
        iterator.close()
    assert [w.workflow_id for w in first] == ["wf_0", "wf_1", "wf_2", "wf_3"]
    assert route.call_count == 2


@pytest.mark.parametrize(
    "pages",
    [
        [("c1", range(0, 2)), ("c1", range(2, 4))],  # the server repeats a cursor
        [("c1", range(0, 2)), ("c2", range(0, 0))],  # an empty page with a cursor
    ],
)
async def test_iter_search_never_loops_forever(
    pages: list[tuple[str, range]],
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
) -> None:
    route = mock.get(SEARCH).mock(
        side_effect=[page(r, c) for c, r in pages] + [page(range(9), None)]
    )
    client = make_client(kind)
    items = await collect(client.workflows.iter_search(limit=2))
    assert route.call_count == 2
    assert len(items) == sum(len(r) for _, r in pages)


async def test_search_limit_is_checked_before_any_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(SEARCH)
    client = make_client(kind)
    for bad in (0, 51):
        with pytest.raises(ValueError, match="limit"):
            await call(client.workflows.search(limit=bad))
    assert route.call_count == 0


async def test_escape_hatch_verbs(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    patch = mock.patch("/api/v1/workflows/wf_1").mock(
        return_value=httpx.Response(200, json={"name": "n"})
    )
    delete = mock.delete("/api/v1/files/file_1").mock(return_value=httpx.Response(204))
    raw = mock.get("/api/v1/health").mock(
        return_value=httpx.Response(200, text="ok", headers={"X-Request-Id": "r1"})
    )
    client = make_client(kind)
    assert await call(
        client.api.patch("/api/v1/workflows/wf_1", json={"itemVersion": 1}, idempotency_key="k1")
    ) == {"name": "n"}
    assert patch.calls[0].request.headers["Idempotency-Key"] == "k1"
    assert patch.calls[0].request.content == b'{"itemVersion":1}'
    assert await call(client.api.delete("/api/v1/files/file_1")) is None
    assert delete.calls[0].request.headers["Idempotency-Key"]
    assert delete.calls[0].request.headers["Authorization"] == f"Bearer {KEY}"
    response = await call(client.api.request("GET", "/api/v1/health", params={"a": None, "b": 1}))
    assert isinstance(response, httpx.Response)
    assert response.text == "ok"
    assert dict(raw.calls[0].request.url.params) == {"b": "1"}


async def test_async_with_options_shares_the_pool(
    make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/files").mock(
        return_value=httpx.Response(200, json={"files": [], "usage": None})
    )
    client = make_client("async")
    copy = client.with_options(timeout=7, max_retries=0)
    assert copy._pipeline.http_client is client._pipeline.http_client
    assert (copy.max_retries, client.max_retries) == (0, 3)
    await copy.api.get("/api/v1/files")
    assert route.calls[0].request.extensions["timeout"]["read"] == 7
    async with copy:
        pass
    assert not client.is_closed
    await client.api.get("/api/v1/files")
    await client.aclose()
    assert client.is_closed
    assert copy.is_closed  # one pool, closed by its owner


async def test_an_api_error_names_the_operation_it_answered(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    missing = httpx.Response(404, json={"code": "WORKFLOW_NOT_FOUND", "message": "m"})
    mock.get("/api/v1/workflows/wf_x").mock(return_value=missing)
    mock.get("/api/v1/undeclared").mock(return_value=missing)
    client = make_client(kind)
    with pytest.raises(NotFoundError) as typed:
        await call(client.workflows.get("wf_x"))
    assert typed.value.operation == "getWorkflow"
    with pytest.raises(NotFoundError) as raw:
        await call(client.api.get("/api/v1/workflows/wf_x"))
    assert raw.value.operation == "getWorkflow"
    with pytest.raises(NotFoundError) as undeclared:
        await call(client.api.get("/api/v1/undeclared"))
    assert undeclared.value.operation == ""
