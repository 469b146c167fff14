"""The MCP server: the tools of :mod:`convilyn.mcp.tools` on the ``mcp`` library (2.x).

The only module of this package that imports ``mcp``; the CLI imports it inside
``convilyn mcp serve``, so ``import convilyn`` and the base install never need the extra.

Per tool call: the workspace is the client's roots (asked with ``roots/list``), else the
working directory; the human is the client's elicitation (questions, previews, consent) and
its progress token; the client is an ``AsyncConvilyn`` from the usual configuration (the
environment, then the file ``convilyn login`` writes): no tool takes a key, and the key is
masked out of every result.

How the human is reached depends on the protocol version the client negotiated. Up to
2025-11-25 (the handshake versions assistants speak today) elicitation and ``roots/list`` are
requests to the client on the tool call's own stream, on stdio and on streamable HTTP alike.
From 2026-07-28 (the per-request versions) the server sends no requests: the tool returns an
``InputRequiredResult`` with the question, and the client calls it again with the answer and
the server's sealed ``request_state`` (what the call did so far: the job it started, the
consent given), so the drive goes on where it stopped. A client that declares no elicitation,
or cannot be reached, is treated as one that cannot ask: billed tools refuse, questions leave
the job waiting.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Awaitable, Callable, Mapping
from typing import Annotated, Any, Literal

import mcp_types as types
from mcp.server.mcpserver import Context, MCPServer
from mcp.shared.message import ServerMessageMetadata
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import Field

from convilyn import AsyncConvilyn, __version__
from convilyn.config import mask_key, resolve_settings
from convilyn.errors import AuthError, ConvilynError
from convilyn.mcp import jobs, tools, understand
from convilyn.mcp.descriptions import DESCRIPTIONS, INSTRUCTIONS, TITLES
from convilyn.mcp.fence import FenceError, Workspace, paths_of_roots
from convilyn.mcp.questions import Answer

__all__ = ["LOOPBACK_HOSTS", "build_server", "run_stdio", "serve_http", "serve_stdio"]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

_ELICITATION = types.ClientCapabilities(elicitation=types.ElicitationCapability())
_ROOTS = types.ClientCapabilities(roots=types.RootsCapability())

_READ_ONLY = types.ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=True)
_SPENDS = types.ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=True
)


class _ClientHuman:
    """The person behind the MCP client, reached through elicitation and progress."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._can_ask: bool = bool(ctx.session.check_client_capability(_ELICITATION))

    @property
    def can_ask(self) -> bool:
        return self._can_ask

    async def ask(self, message: str, form: dict[str, Any], *, key: str) -> Answer:
        try:
            result = await self._ctx.session.elicit_form(
                message, form, related_request_id=self._ctx.request_id
            )
        except Exception:  # no way back to the client: nobody was asked
            self._can_ask = False
            return Answer("unavailable")
        return Answer(result.action, result.content)

    async def progress(self, progress: float, total: float | None, message: str) -> None:
        await self._ctx.report_progress(progress, total, message)


class _RoundsHuman(_ClientHuman):
    """The human of a per-request (2026-07-28) client: a question is answered between rounds
    of the call; an answer is used once (a rejected one is asked again)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self._responses = dict(ctx.input_responses or {})

    async def ask(self, message: str, form: dict[str, Any], *, key: str) -> Answer:
        response = self._responses.pop(key, None)
        if isinstance(response, types.ElicitResult):
            return Answer(response.action, response.content)
        raise tools.InputNeeded(key, message, form)


def _is_per_request(ctx: Context) -> bool:
    return ctx.session.protocol_version in MODERN_PROTOCOL_VERSIONS


async def _workspace(ctx: Context) -> Workspace:
    """The client's declared roots, else the working directory."""
    if not bool(ctx.session.check_client_capability(_ROOTS)):
        return Workspace.of([])
    try:
        result = await ctx.session.send_request(
            types.ListRootsRequest(),
            types.ListRootsResult,
            metadata=ServerMessageMetadata(related_request_id=ctx.request_id),
        )
    except Exception:  # the client did not answer: the narrower boundary
        return Workspace.of([])
    return Workspace.of(paths_of_roots(str(root.uri) for root in result.roots))


def _scrubbed(payload: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The payload with the API key masked wherever it appears (it should appear nowhere)."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
    if key and key in text:
        text = text.replace(key, mask_key(key))
    result: dict[str, Any] = json.loads(text)
    return result


def _result(payload: dict[str, Any]) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=json.dumps(payload, ensure_ascii=False))],
        structured_content=payload,
        is_error="error" in payload,
    )


ToolBody = Callable[..., Awaitable[dict[str, Any]]]


class _Runner:
    """Builds each call's session (client, workspace, human) and turns failures into results."""

    def __init__(self, *, consent_waived: bool, client_options: Mapping[str, Any]) -> None:
        self.consent_waived = consent_waived
        self.client_options = dict(client_options)

    async def __call__(
        self, ctx: Context, body: ToolBody, **arguments: Any
    ) -> types.CallToolResult | types.InputRequiredResult:
        key = resolve_settings(base_url=self.client_options.get("base_url")).api_key.value
        try:
            payload = await self._run(ctx, body, arguments)
        except _AskBetweenRounds as pending:
            return pending.result
        except AuthError as exc:
            payload = tools.refusal(
                exc,
                hint="run `convilyn login` in a terminal (or set CONVILYN_API_KEY where your "
                "assistant starts `convilyn mcp serve`); never paste the key into the chat",
            )
        except FenceError as exc:
            payload = tools.refusal(exc)
        except (ConvilynError, ValueError, TypeError, OSError) as exc:
            payload = tools.refusal(exc)
        return _result(_scrubbed(payload, key))

    async def _run(self, ctx: Context, body: ToolBody, arguments: dict[str, Any]) -> dict[str, Any]:
        state: _RoundState | None = None
        if _is_per_request(ctx):
            state = _RoundState.of(ctx)
            workspace = state.workspace(ctx)
            human: _ClientHuman = _RoundsHuman(ctx)
        else:
            workspace, human = await _workspace(ctx), _ClientHuman(ctx)
        async with AsyncConvilyn(**self.client_options) as client:
            session = tools.Session(
                client,
                workspace,
                human,
                consent_waived=self.consent_waived,
                memo=state.memo if state is not None else {},
            )
            try:
                payload = await body(session, **arguments)
            except tools.InputNeeded as need:
                assert state is not None  # only the rounds human asks for input
                raise _AskBetweenRounds(state.ask(need)) from None
        if self.consent_waived and body in _BILLED:
            payload["consent"] = "waived: the server runs with --yes"
        return payload


class _AskBetweenRounds(Exception):
    def __init__(self, result: types.InputRequiredResult) -> None:
        super().__init__("input required")
        self.result = result


class _RoundState:
    """What a per-request call carries between rounds (sealed by the mcp library's request
    state boundary): the client's roots, and the call's :attr:`tools.Session.memo`."""

    def __init__(self, roots: list[str] | None, memo: dict[str, Any]) -> None:
        self.roots = roots
        self.memo = memo

    @classmethod
    def of(cls, ctx: Context) -> _RoundState:
        try:
            data = json.loads(ctx.request_state or "{}")
        except ValueError:
            data = {}
        roots = data.get("roots")
        answered = (ctx.input_responses or {}).get("roots")
        if isinstance(answered, types.ListRootsResult):
            roots = [str(root.uri) for root in answered.roots]
        return cls(roots if isinstance(roots, list) else None, dict(data.get("memo") or {}))

    def workspace(self, ctx: Context) -> Workspace:
        """The client's roots; asked first (a round of its own) when it declares them."""
        if self.roots is None and bool(ctx.session.check_client_capability(_ROOTS)):
            raise _AskBetweenRounds(
                types.InputRequiredResult(
                    input_requests={"roots": types.ListRootsRequest()},
                    request_state=self._dumped(),
                )
            )
        return Workspace.of(paths_of_roots(self.roots or []))

    def ask(self, need: tools.InputNeeded) -> types.InputRequiredResult:
        question = types.ElicitRequest(
            params=types.ElicitRequestFormParams(message=need.message, requested_schema=need.form)
        )
        return types.InputRequiredResult(
            input_requests={need.key: question}, request_state=self._dumped()
        )

    def _dumped(self) -> str:
        return json.dumps({"roots": self.roots, "memo": self.memo})


_BILLED = (jobs.run_workflow, tools.convert, jobs.resume_job, understand.understand)

Paths = Annotated[
    list[str],
    Field(description="Workspace files to upload (relative to the workspace, or absolute)."),
]
Answers = Annotated[
    dict[str, Any] | None,
    Field(
        description="Answers the user already gave, {slot_id: value}; the rest is asked of the "
        "user. Never invent answers."
    ),
]
OutputDir = Annotated[
    str | None, Field(description="Workspace folder for the outputs (created when missing).")
]
JobId = Annotated[str, Field(description="The job id (js_...) from an earlier result.")]


def build_server(
    *, consent_waived: bool = False, client_options: Mapping[str, Any] | None = None
) -> MCPServer:
    """The configured server, not running. ``consent_waived`` is ``--yes``;
    ``client_options`` go to ``AsyncConvilyn`` (the base URL, timeouts; never a key)."""
    if client_options and "api_key" in client_options:
        raise ValueError("the MCP server takes its key from the usual configuration only")
    run = _Runner(consent_waived=consent_waived, client_options=client_options or {})
    server: MCPServer = MCPServer(
        name="convilyn", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
    )

    def tool(name: str, annotations: types.ToolAnnotations) -> Callable[[Any], Any]:
        return server.tool(
            name=name,
            title=TITLES[name],
            description=DESCRIPTIONS[name],
            annotations=annotations,
            structured_output=False,
        )

    @tool("run_workflow", _SPENDS)
    async def run_workflow(
        ctx: Context,
        workflow_id: Annotated[str, Field(description="A catalog workflow id (workflows tool).")],
        paths: Paths,
        answers: Answers = None,
        output_dir: OutputDir = None,
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(
            ctx,
            jobs.run_workflow,
            workflow_id=workflow_id,
            paths=paths,
            answers=answers,
            output_dir=output_dir,
        )

    @tool("convert", _SPENDS)
    async def convert(
        ctx: Context,
        path: Annotated[str, Field(description="The workspace file to convert.")],
        to: Annotated[str, Field(description="Target format, e.g. 'pdf', 'docx', 'webp', 'mp3'.")],
        output_dir: OutputDir = None,
        quality: Annotated[
            str | None, Field(description="Optional quality preset, e.g. 'high'.")
        ] = None,
        page_range: Annotated[
            str | None, Field(description="Optional pages of a document, e.g. '1-3'.")
        ] = None,
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(
            ctx,
            tools.convert,
            path=path,
            to=to,
            output_dir=output_dir,
            quality=quality,
            page_range=page_range,
        )

    @tool("understand", _SPENDS)
    async def understand_(
        ctx: Context,
        paths: Annotated[
            list[str],
            Field(description="Workspace files to extract from (today: one file per call)."),
        ],
        schema: Annotated[
            Any,
            Field(
                description="A JSON Schema object describing the JSON to return.",
                json_schema_extra={"type": "object"},
            ),
        ],
        instructions: Annotated[
            str | None,
            Field(description="Extra guidance, e.g. 'the total is the figure after tax'."),
        ] = None,
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(
            ctx, understand.understand, paths=paths, schema=schema, instructions=instructions
        )

    @tool("workflows", _READ_ONLY)
    async def workflows(
        ctx: Context,
        query: Annotated[str | None, Field(description="Words to look for.")] = None,
        source: Annotated[
            Literal["catalog", "marketplace", "all"], Field(description="Where to look.")
        ] = "all",
        tag: Annotated[str | None, Field(description="Marketplace tag.")] = None,
        sort: Annotated[
            Literal["recent", "popular"], Field(description="Marketplace order.")
        ] = "popular",
        limit: Annotated[int, Field(description="At most this many of each (1-50).")] = 20,
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(
            ctx, tools.workflows, query=query, source=source, tag=tag, sort=sort, limit=limit
        )

    @tool("job_status", _READ_ONLY)
    async def job_status(
        ctx: Context, job_spec_id: JobId
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(ctx, jobs.job_status, job_spec_id=job_spec_id)

    @tool("resume_job", _SPENDS)
    async def resume_job(
        ctx: Context, job_spec_id: JobId, answers: Answers = None, output_dir: OutputDir = None
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(
            ctx, jobs.resume_job, job_spec_id=job_spec_id, answers=answers, output_dir=output_dir
        )

    @tool("account", _READ_ONLY)
    async def account(
        ctx: Context,
        workflow_id: Annotated[
            str | None, Field(description="A catalog workflow to check the plan against.")
        ] = None,
    ) -> types.CallToolResult | types.InputRequiredResult:
        return await run(ctx, tools.account, workflow_id=workflow_id)

    return server


def serve_stdio(server: MCPServer) -> None:
    """Speak MCP on stdin/stdout until the client closes them."""
    server.run(transport="stdio")


def run_stdio() -> None:
    """The default server on stdio (the name 4.1's ``convilyn.mcp.server`` has)."""
    serve_stdio(build_server())


def serve_http(
    server: MCPServer,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve streamable HTTP on a loopback address (``port`` 0: a free one) until stopped;
    ``announce(url)`` is called once it listens."""
    import anyio
    import uvicorn

    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"--host must be a loopback address ({', '.join(LOOPBACK_HOSTS)})")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)  # connections wait in the backlog until uvicorn serves them
    bound = sock.getsockname()[1]
    app = server.streamable_http_app(host=host)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    http = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/mcp"

    async def main() -> None:
        (announce or _announce)(url)
        await http.serve(sockets=[sock])

    try:
        anyio.run(main)
    finally:
        sock.close()


def _announce(url: str) -> None:
    print(f"convilyn mcp: streamable HTTP on {url}", file=sys.stderr, flush=True)
