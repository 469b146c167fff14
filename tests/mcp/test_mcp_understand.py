"""The ``understand`` tool end to end: ``convilyn mcp serve`` over stdio, the mcp library's
client, against the sandbox; the human approves (or not) through elicitation."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import mcp_types as types
import pytest
from mcp_helpers import (
    Connection,
    Human,
    accept,
    per_request_connection,
    server_env,
    stdio_connection,
    stdio_parameters,
)

from convilyn import Convilyn
from convilyn.sandbox import Sandbox

pytestmark = pytest.mark.anyio

Connect = Callable[..., contextlib.AbstractAsyncContextManager[Connection]]

INVOICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "vendor": {"type": "string"},
        "total": {"type": "number", "minimum": 0},
        "currency": {"type": "string", "enum": ["EUR", "USD"]},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"item": {"type": "string"}, "amount": {"type": "number"}},
                "required": ["item", "amount"],
            },
        },
    },
    "required": ["vendor", "total", "currency", "lines"],
}


@pytest.fixture
def invoice(workspace: Path) -> Path:
    path = workspace / "invoice.md"
    path.write_text("# Invoice 42\nACME GmbH\n\n| item | amount |\n| --- | --- |\n| desk | 120 |\n")
    return path


@pytest.fixture
def connect(convilyn_sandbox: Sandbox, config_dir: Path, workspace: Path) -> Connect:
    env = server_env(convilyn_sandbox, config_dir)

    def over_stdio(
        *, human: Human | None = None, args: tuple[str, ...] = ()
    ) -> contextlib.AbstractAsyncContextManager[Connection]:
        return stdio_connection(
            env, cwd=workspace.parent, human=human, roots=[workspace], args=args
        )

    return over_stdio


def _approve(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return accept({"approve": True})


def _decline(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return types.ElicitResult(action="decline")


def _stored_files(sandbox: Sandbox) -> int:
    with Convilyn(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        return len(client.files.list().files)


async def test_understand_returns_json_fitting_the_schema_after_the_user_approves(
    connect: Connect, invoice: Path, convilyn_sandbox: Sandbox
) -> None:
    human = Human().on("Convilyn will UPLOAD", _approve)
    async with connect(human=human) as conn:
        result = await conn.call(
            "understand",
            paths=["invoice.md"],
            schema=INVOICE_SCHEMA,
            instructions="amounts are net",
        )
    assert result["ok"] is True, result
    jsonschema_rs.validate(INVOICE_SCHEMA, result["result"])
    (message,) = [m for m, _ in human.asked]
    assert "invoice.md" in message
    assert "vendor, total, currency, lines" in message  # what will be extracted
    assert "'amounts are net'" in message
    assert "Credit balance:" in message  # the cost preview
    assert convilyn_sandbox.stats()["created"].get("goalJobs") == 1
    assert sorted(p.name for p in invoice.parent.iterdir()) == [
        ".env",
        "invoice.md",
        "job.md",
        "resume.md",
    ]


async def test_a_client_answering_between_rounds_approves_and_gets_the_json(
    convilyn_sandbox: Sandbox, config_dir: Path, workspace: Path, invoice: Path
) -> None:
    env = server_env(convilyn_sandbox, config_dir)
    human = Human().on("Convilyn will UPLOAD", _approve)
    target = stdio_parameters(env, cwd=workspace.parent)
    async with per_request_connection(target, human=human, roots=[workspace]) as conn:
        result = await conn.call("understand", paths=["invoice.md"], schema=INVOICE_SCHEMA)
    assert result["ok"] is True, result
    jsonschema_rs.validate(INVOICE_SCHEMA, result["result"])
    assert len(human.forms("Convilyn will UPLOAD")) == 1
    assert convilyn_sandbox.stats()["created"].get("goalJobs") == 1


async def test_declining_consent_uploads_and_creates_nothing(
    connect: Connect, invoice: Path, convilyn_sandbox: Sandbox
) -> None:
    before = convilyn_sandbox.stats()["created"]
    human = Human().on("Convilyn will UPLOAD", _decline)
    async with connect(human=human) as conn:
        result = await conn.call("understand", paths=["invoice.md"], schema=INVOICE_SCHEMA)
    assert result["declined"] is True, result
    assert "nothing was uploaded and no job was created" in result["error"]
    assert convilyn_sandbox.stats()["created"] == before
    assert _stored_files(convilyn_sandbox) == 0


async def test_without_elicitation_it_is_refused_unless_the_server_runs_with_yes(
    connect: Connect, invoice: Path, convilyn_sandbox: Sandbox
) -> None:
    before = convilyn_sandbox.stats()["created"]
    async with connect(human=None) as conn:
        refused = await conn.call("understand", paths=["invoice.md"], schema=INVOICE_SCHEMA)
    assert "cannot ask you to approve spending" in refused["error"]
    assert convilyn_sandbox.stats()["created"] == before
    async with connect(human=None, args=("--yes",)) as conn:
        waived = await conn.call("understand", paths=["invoice.md"], schema=INVOICE_SCHEMA)
    assert waived["ok"] is True, waived
    assert waived["consent"] == "waived: the server runs with --yes"
    jsonschema_rs.validate(INVOICE_SCHEMA, waived["result"])


async def test_paths_outside_the_roots_and_credentials_are_refused_before_asking(
    connect: Connect, workspace: Path, tmp_path: Path, convilyn_sandbox: Sandbox
) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# not in the workspace\n")
    (workspace / "link.md").symlink_to(outside)
    before = convilyn_sandbox.stats()["requests"]
    human = Human().on("Convilyn will UPLOAD", _approve)
    async with connect(human=human) as conn:
        absolute = await conn.call("understand", paths=[str(outside)], schema=INVOICE_SCHEMA)
        linked = await conn.call("understand", paths=["link.md"], schema=INVOICE_SCHEMA)
        secret = await conn.call("understand", paths=[".env"], schema=INVOICE_SCHEMA)
    for result in (absolute, linked):
        assert "is outside this session's workspace" in result["error"], result
        assert str(workspace) in result["error"]
    assert "looks like a credential file" in secret["error"]
    assert human.asked == []
    assert convilyn_sandbox.stats()["requests"] == before  # nothing reached the service


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        (INVOICE_SCHEMA["properties"], None),  # an object: accepted (the control)
        ("the vendor and the total", "got str"),
        (42, "got int"),
        (["vendor", "total"], "got list"),
        ({}, "got an empty object"),
    ],
)
async def test_a_schema_that_is_not_a_json_schema_object_is_refused_before_anything_is_sent(
    connect: Connect, invoice: Path, convilyn_sandbox: Sandbox, schema: Any, kind: str | None
) -> None:
    before = convilyn_sandbox.stats()["requests"]
    human = Human().on("Convilyn will UPLOAD", _decline)
    async with connect(human=human) as conn:
        result = await conn.call("understand", paths=["invoice.md"], schema=schema)
    if kind is None:
        assert result["declined"] is True, result  # got as far as asking
        return
    assert f"schema must be a non-empty JSON Schema object, {kind}" in result["error"], result
    assert '{"type": "object", "properties"' in result["hint"]
    assert human.asked == []
    assert convilyn_sandbox.stats()["requests"] == before


async def test_a_request_the_service_does_not_serve_says_what_to_do(
    connect: Connect, invoice: Path, workspace: Path, convilyn_sandbox: Sandbox
) -> None:
    human = Human().on("Convilyn will UPLOAD", _approve)
    async with connect(human=human) as conn:
        result = await conn.call(
            "understand", paths=["invoice.md", "job.md"], schema=INVOICE_SCHEMA
        )
    assert result["error_type"] == "UnderstandUnavailableError", result
    assert "one file per request" in result["error"]  # the service's reason
    assert result["status_code"] == 400
    assert "nothing ran and nothing was charged" in result["hint"]
    assert "one file per call" in result["hint"]
    assert len(result["uploaded"]) == 2 == _stored_files(convilyn_sandbox)
    assert convilyn_sandbox.stats()["created"].get("goalJobs", 0) == 0


async def test_a_refused_create_returns_the_service_word_and_names_the_uploads(
    connect: Connect, invoice: Path, convilyn_sandbox: Sandbox
) -> None:
    convilyn_sandbox.inject("quota", times=5, path="/api/v1/jobs/goal", method="POST")
    human = Human().on("Convilyn will UPLOAD", _approve)
    async with connect(human=human) as conn:
        result = await conn.call("understand", paths=["invoice.md"], schema=INVOICE_SCHEMA)
    assert result["status_code"] == 402, result
    assert result["code"] == "QUOTA_EXCEEDED"
    assert "convilyn files delete FILE_ID" in result["hint"]
    assert len(result["uploaded"]) == 1 == _stored_files(convilyn_sandbox)
    assert convilyn_sandbox.stats()["created"].get("goalJobs", 0) == 0


async def test_the_tool_asks_for_paths_and_a_schema_object(connect: Connect) -> None:
    async with connect(human=Human()) as conn:
        listed = {tool.name: tool for tool in (await conn.session.list_tools()).tools}
    tool = listed["understand"]
    params = tool.input_schema
    assert set(params["required"]) == {"paths", "schema"}
    assert params["properties"]["schema"]["type"] == "object"
    assert params["properties"]["paths"]["type"] == "array"
    assert tool.annotations is not None
    assert tool.annotations.read_only_hint is False
    assert tool.description is not None
    assert "use convert" in tool.description
    assert "use run_workflow" in tool.description
