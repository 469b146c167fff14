"""Helpers: ``convilyn mcp serve`` as a subprocess, driven by the ``mcp`` library's own client.

The server reaches a sandbox on loopback through the variables the SDK reads
(``CONVILYN_BASE_URL``, ``CONVILYN_API_KEY``), with its own empty config directory. The
client answers elicitations from a script (:class:`Human`) and declares the test's workspace
as its only root. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

import mcp_types as types
from mcp.client.client import Client
from mcp.client.session import ClientRequestContext, ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.dispatcher import ProgressFnT
from pydantic import FileUrl

from convilyn.sandbox import Sandbox

REPO = Path(__file__).resolve().parents[2]
CALL_TIMEOUT = 120.0

Reply = Callable[[str, dict[str, Any]], types.ElicitResult]


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("convilyn")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "convilyn.cli"]


def server_env(sandbox: Sandbox, config_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVILYN_")}
    env |= {
        "CONVILYN_BASE_URL": sandbox.base_url,
        "CONVILYN_API_KEY": sandbox.api_key,
        "CONVILYN_CONFIG_DIR": str(config_dir),
        "PYTHONPATH": str(REPO / "src"),
        "PYTHONUNBUFFERED": "1",
    }
    return env | extra


def accept(content: Mapping[str, Any]) -> types.ElicitResult:
    return types.ElicitResult(action="accept", content=dict(content))


@dataclass
class Human:
    """Answers each elicitation with the first reply whose trigger occurs in its message."""

    replies: list[tuple[str, Reply]] = field(default_factory=list)
    asked: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def on(self, trigger: str, reply: Reply) -> Human:
        self.replies.append((trigger, reply))
        return self

    async def __call__(
        self, context: ClientRequestContext, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        assert isinstance(params, types.ElicitRequestFormParams)
        schema = dict(params.requested_schema)
        self.asked.append((params.message, schema))
        for trigger, reply in self.replies:
            if trigger in params.message:
                return reply(params.message, schema)
        return types.ErrorData(code=types.INVALID_REQUEST, message="unscripted question")

    def forms(self, needle: str) -> list[dict[str, Any]]:
        return [schema for message, schema in self.asked if needle in message]


class Caller(Protocol):
    """What both clients of the mcp library offer: ``ClientSession`` (the handshake, up to
    2025-11-25) and ``Client`` (which negotiates 2026-07-28, answering between rounds)."""

    async def list_tools(self) -> types.ListToolsResult: ...

    async def call_tool(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        read_timeout_seconds: float | None = None,
        progress_callback: ProgressFnT | None = None,
    ) -> types.CallToolResult: ...


@dataclass
class Connection:
    session: Caller
    progress: list[tuple[float, float | None, str | None]] = field(default_factory=list)

    async def call(self, tool: str, **arguments: Any) -> dict[str, Any]:
        async def on_progress(progress: float, total: float | None, message: str | None) -> None:
            self.progress.append((progress, total, message))

        result = await self.session.call_tool(
            tool, arguments, read_timeout_seconds=CALL_TIMEOUT, progress_callback=on_progress
        )
        assert result.structured_content is not None, result
        payload = dict(result.structured_content)
        assert result.is_error == ("error" in payload), payload
        return payload


def _roots_callback(roots: Sequence[Path]) -> Any:
    async def list_roots(context: ClientRequestContext) -> types.ListRootsResult:
        return types.ListRootsResult(
            roots=[types.Root(uri=FileUrl(root.as_uri())) for root in roots]
        )

    return list_roots


@contextlib.asynccontextmanager
async def _session(
    streams: Any, human: Human | None, roots: Sequence[Path] | None
) -> AsyncIterator[Connection]:
    read, write = streams
    async with ClientSession(
        read,
        write,
        read_timeout_seconds=CALL_TIMEOUT,
        elicitation_callback=human,
        list_roots_callback=_roots_callback(roots) if roots is not None else None,
    ) as session:
        await session.initialize()
        yield Connection(session)


@contextlib.asynccontextmanager
async def stdio_connection(
    env: Mapping[str, str],
    *,
    cwd: Path,
    human: Human | None,
    roots: Sequence[Path] | None,
    args: Sequence[str] = (),
    errlog: TextIO | None = None,
) -> AsyncIterator[Connection]:
    command, *prefix = server_command()
    params = StdioServerParameters(
        command=command, args=[*prefix, "mcp", "serve", *args], env=dict(env), cwd=cwd
    )
    async with (
        stdio_client(params, errlog=errlog or sys.stderr) as streams,
        _session(streams, human, roots) as conn,
    ):
        yield conn


@contextlib.contextmanager
def http_server(env: Mapping[str, str], *, cwd: Path, args: Sequence[str] = ()) -> Iterator[str]:
    """``convilyn mcp serve --http`` on an ephemeral loopback port; yields its URL."""
    log = cwd / "mcp-http.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [*server_command(), "mcp", "serve", "--http", *args],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 60
        url = None
        while url is None:
            for line in log.read_text().splitlines():
                if "streamable HTTP on " in line:
                    url = line.split("streamable HTTP on ", 1)[1].strip()
            if url is None:
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, f"no URL announced:\n{log.read_text()}"
                time.sleep(0.05)
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
            proc.kill()
            proc.wait(10)


@contextlib.asynccontextmanager
async def http_connection(
    url: str, *, human: Human | None, roots: Sequence[Path] | None
) -> AsyncIterator[Connection]:
    async with streamable_http_client(url) as streams, _session(streams, human, roots) as conn:
        yield conn


@contextlib.asynccontextmanager
async def per_request_connection(
    target: StdioServerParameters | str, *, human: Human | None, roots: Sequence[Path] | None
) -> AsyncIterator[Connection]:
    """The mcp library's high-level ``Client``: it negotiates 2026-07-28, where the server
    asks between rounds of a call instead of sending requests."""
    client = Client(
        target,
        read_timeout_seconds=CALL_TIMEOUT,
        elicitation_callback=human,
        list_roots_callback=_roots_callback(roots) if roots is not None else None,
        input_required_max_rounds=20,
    )
    async with client:
        assert client.session.protocol_version == "2026-07-28"
        yield Connection(client)


def stdio_parameters(env: Mapping[str, str], *, cwd: Path) -> StdioServerParameters:
    command, *prefix = server_command()
    return StdioServerParameters(
        command=command, args=[*prefix, "mcp", "serve"], env=dict(env), cwd=cwd
    )
