"""No raw httpx, pydantic, json or KeyError escapes a public method.

Every public method of every resource, sync and async, is fed bad answers (a body that is not
JSON, JSON of the wrong shape, a redirect, a broken connection, an unknown error status with an
HTML body); each must end in a ``ConvilynError`` (or, for a method that reads no body, return).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call

from convilyn import ConvilynError, RedirectError

pytestmark = pytest.mark.anyio

# (resource, method, args, kwargs). The paths in kwargs are filled in per test (tmp_path).
CALLS: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    ("files", "upload", (b"%PDF-1.7 body",), {"filename": "a.pdf"}),
    ("files", "list", (), {}),
    ("files", "delete", ("file_1",), {}),
    (
        "convert",
        "create",
        (),
        {"file_id": "file_1", "target_format": "pdf", "source_format": "docx"},
    ),
    ("convert", "retrieve", ("cj_1",), {}),
    ("convert", "wait", ("cj_1",), {"timeout": 5}),
    (
        "convert",
        "create_and_wait",
        (),
        {"file_id": "file_1", "target_format": "pdf", "source_format": "docx"},
    ),
    ("convert", "download_url", ("cj_1",), {}),
    ("convert", "download_to", ("cj_1",), {"to": "TMP"}),
    ("goals", "start", (), {"workflow_id": "goal_lane.x"}),
    ("goals", "retrieve", ("job_1",), {}),
    ("goals", "status", ("job_1",), {}),
    ("goals", "wait", ("job_1",), {"timeout": 5}),
    ("goals", "fill_slot", ("job_1",), {"slot_id": "a", "value": 1}),
    ("goals", "fill_slots", ("job_1", {"a": 1}), {}),
    ("goals", "confirm", ("job_1",), {}),
    ("goals", "cancel", ("job_1",), {}),
    ("goals", "retry", ("job_1",), {}),
    ("goals", "artifacts", ("job_1",), {}),
    ("goals", "download_artifact_url", ("job_1", "art_1"), {}),
    ("goals", "download_artifact_to", ("job_1", "art_1"), {"to": "TMP"}),
    ("goals", "download_to", ("job_1",), {"to": "TMP"}),
    ("goals", "run", (), {"workflow_id": "goal_lane.x", "timeout": 5}),
    ("goals", "check_inputs", ("goal_lane.x",), {}),
    ("goals", "run_interactive", (), {"workflow_id": "goal_lane.x", "on_slot": lambda s, j: 1}),
    ("goals", "understand", (["file_1"],), {"schema": {"type": "object"}, "timeout": 5}),
    ("goals", "to_markdown", (["file_1"],), {"timeout": 5}),
    ("goals", "extract", (["file_1"],), {"timeout": 5}),
    ("workflows", "catalog", (), {}),
    ("workflows", "search", (), {}),
    ("workflows", "iter_search", (), {}),
    ("workflows", "get", ("wf_1",), {}),
    ("workflows", "fork", (), {"source_spec_id": "wf_1"}),
    ("workflows", "patch", ("wf_1",), {"item_version": 1, "name": "n"}),
    ("workflows", "publish", ("wf_1",), {"item_version": 1}),
    ("workflows", "like", ("wf_1",), {}),
    ("account", "get_plan", (), {}),
    ("account", "get_quota", (), {}),
    ("account", "get_balance", (), {}),
    ("account", "usage_history", (), {}),
    ("user_workflows", "list", (), {}),
    ("user_workflows", "iter_list", (), {}),
    ("user_workflows", "get", ("uw_1",), {}),
    ("user_workflows", "delete", ("uw_1",), {}),
    ("user_workflows", "export", ("uw_1",), {}),
    ("user_workflows", "grounded_contract", ("uw_1",), {}),
    ("user_workflows", "runs", ("uw_1",), {}),
    ("builder", "create_session", (), {}),
    ("builder", "send_message", ("chat_1", "hi"), {}),
    ("builder", "get_session", ("chat_1",), {}),
    ("builder", "messages", ("chat_1",), {}),
    ("builder", "quota", (), {}),
    ("api", "get", ("/api/v1/x",), {}),
    ("api", "post", ("/api/v1/x",), {"json": {}}),
    ("api", "patch", ("/api/v1/x",), {"json": {}}),
    ("api", "delete", ("/api/v1/x",), {}),
]

BAD_ANSWERS: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "html-200": lambda r: httpx.Response(200, text="<html>maintenance</html>"),
    "wrong-shape": lambda r: httpx.Response(200, json=[{"unexpected": True}]),
    "object-of-nulls": lambda r: httpx.Response(200, json={"status": None, "items": None}),
    "redirect": lambda r: httpx.Response(302, headers={"Location": "https://elsewhere.test/"}),
    "html-error": lambda r: httpx.Response(521, text="<html>origin down</html>"),
}

# Methods that read no body from some answers and may legitimately return.
MAY_RETURN = {
    ("files", "delete"),
    ("api", "delete"),
    ("goals", "cancel"),
    ("goals", "retry"),
    ("user_workflows", "delete"),
}
# A JSON object of nulls is a valid answer here: an opaque document, or an empty page (its
# lists read as empty, as the vendor's 4.1 reads them).
OBJECT_IS_ENOUGH = {
    ("user_workflows", "export"),
    ("user_workflows", "grounded_contract"),
    ("user_workflows", "list"),
    ("user_workflows", "iter_list"),
    ("user_workflows", "runs"),
}


def test_every_public_method_is_swept() -> None:
    from test_facade_surface import ASYNC_ONLY, LOCAL, RESOURCES

    swept = {(r, m) for r, m, _, _ in CALLS}
    expected = {
        (r, m)
        for r, methods in RESOURCES.items()
        for m in methods
        if r != "api" and m not in LOCAL  # LOCAL methods send nothing to answer badly
    }
    expected |= {("api", m) for m in ("get", "post", "patch", "delete")}
    assert expected <= swept, expected - swept
    assert set(ASYNC_ONLY) == {"goals"}  # events: tests/unit/test_facade_events.py


async def _invoke(client: Any, resource: str, method: str, args: Any, kwargs: Any) -> Any:
    result = getattr(getattr(client, resource), method)(*args, **kwargs)
    if inspect.isasyncgen(result):
        return [item async for item in result]
    if inspect.isgenerator(result):
        return list(result)
    return await call(result)


@pytest.mark.parametrize(("resource", "method", "args", "kwargs"), CALLS)
async def test_bad_answers_end_in_a_convilyn_error(
    resource: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    tmp_path: Path,
) -> None:
    kwargs = {k: (tmp_path if v == "TMP" else v) for k, v in kwargs.items()}
    client = make_client(kind, max_retries=0)
    route = mock.route()
    for answer, respond in BAD_ANSWERS.items():
        route.mock(side_effect=respond)
        if answer == "redirect":  # never followed, never taken for success: every method
            with pytest.raises(RedirectError, match=r"302 Found, a redirect to elsewhere\.test"):
                await _invoke(client, resource, method, args, kwargs)
            continue
        try:
            await _invoke(client, resource, method, args, kwargs)
        except ConvilynError:
            continue
        # client.api hands back whatever JSON (or nothing) a non-error answer carries.
        api_passthrough = resource == "api" and answer != "html-error"
        an_object = answer == "object-of-nulls" and (resource, method) in OBJECT_IS_ENOUGH
        assert (resource, method) in MAY_RETURN or api_passthrough or an_object, (
            f"{resource}.{method} returned on {answer}"
        )


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("peer closed"),
        httpx.ReadError("reset"),
        httpx.DecodingError("bad gzip"),
        httpx.TooManyRedirects("loop"),
    ],
)
@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs"),
    [c for c in CALLS if c[1] in {"upload", "retrieve", "download_to", "fill_slots", "search"}],
)
async def test_transport_failures_end_in_a_convilyn_error(
    exc: Exception,
    resource: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    tmp_path: Path,
) -> None:
    mock.route().mock(side_effect=exc)
    kwargs = {k: (tmp_path if v == "TMP" else v) for k, v in kwargs.items()}
    client = make_client(kind, max_retries=0)
    with pytest.raises(ConvilynError):
        await _invoke(client, resource, method, args, kwargs)
