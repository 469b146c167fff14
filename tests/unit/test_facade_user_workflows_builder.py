"""``user_workflows`` and ``builder``: bad local input fails before any request, naming the
parameter; a 404 of the grounded contract without a code is ``GroundedContractUnavailableError``;
attachments go out in the wire's snake_case."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call

from convilyn import BuilderAttachment, GroundedContractUnavailableError, NotFoundError

pytestmark = pytest.mark.anyio

Invoke = Callable[[Any], Any]

REFUSED: list[tuple[str, Invoke, str]] = [
    ("list visibility", lambda c: c.user_workflows.list(visibility="hidden"), "visibility"),
    ("list limit", lambda c: c.user_workflows.list(limit=0), "limit must be between 1 and 100"),
    ("runs limit", lambda c: c.user_workflows.runs("uw_1", limit=51), "between 1 and 50"),
    ("get empty id", lambda c: c.user_workflows.get(""), "workflow_id is empty"),
    ("delete blank id", lambda c: c.user_workflows.delete("  "), "workflow_id is empty"),
    (
        "target with another mode",
        lambda c: c.builder.create_session(target_workflow_id="uw_1", builder_mode="discover"),
        "builder_mode",
    ),
    ("unknown mode", lambda c: c.builder.create_session(builder_mode="draft"), "builder_mode"),
    ("empty content", lambda c: c.builder.send_message("chat_1", ""), "content is empty"),
    ("empty chat id", lambda c: c.builder.get_session(""), "chat_id is empty"),
    (
        "attachment lacks fields",
        lambda c: c.builder.send_message("chat_1", "hi", attachments=[{"file_id": "f"}]),
        r"attachments\[0\] lacks file_name, file_size, mime_type",
    ),
    ("negative offset", lambda c: c.builder.messages("chat_1", offset=-1), "offset"),
]


@pytest.mark.parametrize(("what", "invoke", "message"), REFUSED, ids=[r[0] for r in REFUSED])
async def test_bad_input_fails_before_any_request(
    what: str,
    invoke: Invoke,
    message: str,
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
) -> None:
    route = mock.route()
    client = make_client(kind)
    with pytest.raises(ValueError, match=message):
        await call(invoke(client))
    assert not route.called, what


@pytest.mark.parametrize(
    ("body", "unavailable"),
    [
        ({"detail": "Not Found"}, True),
        ({"code": "NOT_FOUND", "message": "Not Found: GET /api/v1/..."}, True),
        ({"code": "WORKFLOW_NOT_FOUND", "message": "Workflow not found"}, False),
    ],
    ids=["bare", "router", "unknown-workflow"],
)
async def test_a_404_without_the_workflow_code_means_contracts_are_off(
    body: dict[str, Any],
    unavailable: bool,
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
) -> None:
    mock.get("/api/v1/user_workflows/uw_1/grounded-contract").mock(
        return_value=httpx.Response(404, json=body, headers={"X-Request-Id": "req_1"})
    )
    client = make_client(kind)
    with pytest.raises(NotFoundError) as info:
        await call(client.user_workflows.grounded_contract("uw_1"))
    assert isinstance(info.value, GroundedContractUnavailableError) is unavailable
    assert (info.value.status_code, info.value.request_id) == (404, "req_1")
    assert info.value.operation == "getUserWorkflowGroundedContract"


async def test_attachments_are_sent_snake_case(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    turn = {"messages": [], "agent_state": "builder", "stop_reason": "completed"}
    route = mock.post("/api/v1/chat/sessions/chat_1/messages").mock(
        return_value=httpx.Response(201, json=turn)
    )
    attached = BuilderAttachment(file_id="f1", file_name="a.pdf", file_size=3, mime_type="x/y")
    client = make_client(kind)
    await call(
        client.builder.send_message(
            "chat_1",
            "look",
            attachments=[
                attached,
                {"file_id": "f2", "file_name": "b.md", "file_size": 1, "mime_type": "text/md"},
            ],
        )
    )
    sent = json.loads(route.calls[0].request.content)
    assert sent["attachments"] == [
        {"file_id": "f1", "file_name": "a.pdf", "file_size": 3, "mime_type": "x/y"},
        {"file_id": "f2", "file_name": "b.md", "file_size": 1, "mime_type": "text/md"},
    ]


def test_the_vendor_module_paths_still_import(make_client: Callable[..., Any]) -> None:
    """4.x code imports the resources from ``convilyn.resources.<name>``."""
    from convilyn.resources.builder import AsyncBuilder, Builder, BuilderMode
    from convilyn.resources.user_workflows import AsyncUserWorkflows, UserWorkflows

    sync, aclient = make_client("sync"), make_client("async")
    assert isinstance(sync.builder, Builder)
    assert isinstance(aclient.builder, AsyncBuilder)
    assert isinstance(sync.user_workflows, UserWorkflows)
    assert isinstance(aclient.user_workflows, AsyncUserWorkflows)
    assert set(typing.get_args(BuilderMode)) == {"edit", "from_scratch", "discover"}
    sync.close()
