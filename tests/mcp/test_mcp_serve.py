"""``convilyn mcp serve`` end to end: the mcp library's client, over stdio and streamable HTTP,
against a sandbox. The human is the client's elicitation callback."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import mcp_types as types
import pytest
from mcp_helpers import (
    Connection,
    Human,
    accept,
    http_connection,
    http_server,
    per_request_connection,
    server_env,
    stdio_connection,
    stdio_parameters,
)

from convilyn import Convilyn
from convilyn.sandbox import Sandbox
from convilyn.types import GoalJobStatusValue

pytestmark = pytest.mark.anyio

TOOLS = {
    "run_workflow",
    "convert",
    "understand",
    "workflows",
    "job_status",
    "resume_job",
    "account",
}

Connect = Callable[..., contextlib.AbstractAsyncContextManager[Connection]]


@pytest.fixture(params=["stdio", "http", "stdio-2026", "http-2026"])
def connect(
    request: pytest.FixtureRequest,
    convilyn_sandbox: Sandbox,
    config_dir: Path,
    workspace: Path,
) -> Iterator[Connect]:
    env = server_env(convilyn_sandbox, config_dir)
    cwd = workspace.parent
    if request.param.endswith("-2026"):  # the client answers between rounds of a call
        with contextlib.ExitStack() as stack:
            target: Any = (
                stdio_parameters(env, cwd=cwd)
                if request.param == "stdio-2026"
                else stack.enter_context(http_server(env, cwd=cwd))
            )

            def per_request(
                *, human: Human | None = None, roots: list[Path] | None = None
            ) -> contextlib.AbstractAsyncContextManager[Connection]:
                return per_request_connection(target, human=human, roots=roots)

            yield per_request
        return
    if request.param == "stdio":

        def over_stdio(
            *,
            human: Human | None = None,
            roots: list[Path] | None = None,
            args: tuple[str, ...] = (),
        ) -> contextlib.AbstractAsyncContextManager[Connection]:
            return stdio_connection(env, cwd=cwd, human=human, roots=roots, args=args)

        yield over_stdio
        return
    with http_server(env, cwd=cwd) as url:

        def over_http(
            *,
            human: Human | None = None,
            roots: list[Path] | None = None,
            args: tuple[str, ...] = (),
        ) -> contextlib.AbstractAsyncContextManager[Connection]:
            assert not args, "start another server for other flags"
            return http_connection(url, human=human, roots=roots)

        yield over_http


def _approve(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return accept({"approve": True})


def _decline(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return types.ElicitResult(action="decline")


def _default(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return accept({"answer": schema["properties"]["answer"]["default"]})


def _text(value: str) -> Callable[[str, dict[str, Any]], types.ElicitResult]:
    return lambda message, schema: accept({"answer": value})


async def test_lists_the_tools_with_when_to_use_them(connect: Connect, workspace: Path) -> None:
    async with connect(roots=[workspace]) as conn:
        listed = (await conn.session.list_tools()).tools
    assert {tool.name for tool in listed} == TOOLS
    for tool in listed:
        assert tool.description is not None
        assert "When to use" in tool.description
        assert "When NOT to use" in tool.description
        assert "api_key" not in str(tool.input_schema)


async def test_runs_a_workflow_asking_the_human_before_and_at_the_checkpoint(
    connect: Connect, workspace: Path, convilyn_sandbox: Sandbox
) -> None:
    human = (
        Human()
        .on("Convilyn will UPLOAD", _approve)
        .on("Which role", _text("Staff Engineer"))
        .on("Which tone", _default)
        .on("Which job titles", _text("Senior Engineer"))
        .on("is ready. It proposes", _approve)
    )
    async with connect(human=human, roots=[workspace]) as conn:
        result = await conn.call(
            "run_workflow", workflow_id="goal_lane.resume_tailor", paths=["resume.md"]
        )
        progress = list(conn.progress)
    assert result["ok"] is True, result
    assert result["status"] == "completed"
    check_the_forms(human)
    # progress notifications reached the client: the job's status, out of 100
    statuses = {status.value for status in GoalJobStatusValue}
    assert progress
    assert all(total == 100 for _, total, _ in progress)
    assert all((message or "").split(" ")[0] in statuses for _, _, message in progress)
    # the outputs are in the workspace, their paths returned
    assert result["files"]
    for path in map(Path, result["files"]):
        assert path.is_file(), path
        assert path.is_relative_to(workspace), path
    assert Path(result["output_dir"]) == workspace / "convilyn-results" / result["job_spec_id"]
    job = convilyn_sandbox_job(convilyn_sandbox, result["job_spec_id"])
    assert job["filledSlots"]["target_role"] == "Staff Engineer"
    assert job["filledSlots"]["tone"] == "professional"
    assert job["filledSlots"]["confirmed_titles"] == "Senior Engineer"


def check_the_forms(human: Human) -> None:
    """The questions came as forms built from the slots (choices as an enum, the suggestion
    as the default, free text otherwise), consent first, then the questions before
    execution, then the checkpoint's."""
    (tone,) = human.forms("Which tone")
    assert tone["properties"]["answer"]["enum"] == ["professional", "friendly", "bold"]
    assert tone["properties"]["answer"]["default"] == "professional"
    (role,) = human.forms("Which role")
    assert role["properties"]["answer"] == {"title": "target_role", "type": "string"}
    (titles,) = human.forms("Which job titles")
    assert "So far:" in next(m for m, _ in human.asked if "Which job titles" in m)
    assert titles["properties"]["answer"]["type"] == "string"
    # consent first, then the questions before execution, then the checkpoint's
    order = ["Convilyn will UPLOAD", "Which role", "Which tone", "Which job titles"]
    asked = [next(i for i, (m, _) in enumerate(human.asked) if t in m) for t in order]
    assert asked == sorted(asked)
    (preview,) = human.forms("is ready. It proposes")
    assert preview["properties"]["approve"]["type"] == "boolean"


def convilyn_sandbox_job(sandbox: Sandbox, job_spec_id: str) -> dict[str, Any]:
    """The job as the service holds it (wire names)."""
    with Convilyn(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        return client.goals.retrieve(job_spec_id).model_dump(mode="json", by_alias=True)


async def test_declined_consent_creates_nothing(
    connect: Connect, workspace: Path, convilyn_sandbox: Sandbox
) -> None:
    human = Human().on("Convilyn will UPLOAD", _decline)
    before = convilyn_sandbox.stats()["created"]
    async with connect(human=human, roots=[workspace]) as conn:
        result = await conn.call(
            "run_workflow", workflow_id="goal_lane.resume_tailor", paths=["resume.md"]
        )
    assert result["ok"] is False, result
    assert result.get("declined") is True
    assert "nothing was uploaded" in result["error"]
    assert len(human.asked) == 1
    assert convilyn_sandbox.stats()["created"] == before


async def test_a_path_outside_the_roots_is_refused(
    connect: Connect, workspace: Path, tmp_path: Path, convilyn_sandbox: Sandbox
) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("not in the workspace")
    (workspace / "link.md").symlink_to(outside)
    human = Human().on("Convilyn will UPLOAD", _approve)
    before = convilyn_sandbox.stats()["created"]
    async with connect(human=human, roots=[workspace]) as conn:
        direct = await conn.call(
            "run_workflow", workflow_id="goal_lane.resume_tailor", paths=[str(outside)]
        )
        linked = await conn.call(
            "run_workflow", workflow_id="goal_lane.resume_tailor", paths=["link.md"]
        )
        secret = await conn.call("convert", path=".env", to="pdf")
    assert "outside this session's workspace" in direct["error"]
    assert "outside this session's workspace" in linked["error"]
    assert "credential" in secret["error"]
    assert human.asked == []  # refused before anyone is asked
    assert convilyn_sandbox.stats()["created"] == before
