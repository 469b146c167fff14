"""``convilyn mcp serve``: the MCP server for AI assistants (extra ``convilyn[mcp]``).

Started by the assistant (see ``convilyn agent install``), not by hand: stdio by default,
streamable HTTP on a loopback address with ``--http``. The ``mcp`` library is imported only
here, inside the command, so the base install never needs it.
"""

from __future__ import annotations

import sys

from ._app import Commands, Context
from ._exit import UsageError

MCP_EXTRA_HINT = "pip install 'convilyn[mcp]'"


def register(commands: Commands) -> None:
    group = commands.group("mcp", "the MCP server for AI assistants (Claude Code, Codex, ...)")
    p = group.command(
        "serve",
        "speak MCP on stdin/stdout (or streamable HTTP with --http) for an AI assistant",
        _serve,
        description=(
            "Serve Convilyn's tools over MCP: run_workflow, convert, understand, workflows,\n"
            "job_status, resume_job, account. Your assistant starts this (`convilyn agent install`\n"
            "registers it). The key comes from CONVILYN_API_KEY or `convilyn login`, never\n"
            "from the command line. Billed tools ask you to approve the cost through the\n"
            "assistant first; --yes waives that."
        ),
    )
    p.add_argument(
        "--http",
        action="store_true",
        help="serve streamable HTTP on a loopback address instead of stdio",
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="loopback address for --http (default 127.0.0.1)"
    )
    p.add_argument(
        "--port", type=int, default=0, help="port for --http (default 0: a free one, printed)"
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help="waive consent: approve every billed run in advance, without asking you",
    )


def _serve(ctx: Context) -> int:
    args = ctx.args
    if args.api_key is not None:
        raise UsageError(
            "convilyn mcp serve takes no --api-key: it would sit in your assistant's config",
            hint="run `convilyn login` (or set CONVILYN_API_KEY), then start it without the key",
        )
    if not args.http and (args.host != "127.0.0.1" or args.port != 0):
        raise UsageError("--host and --port need --http", hint="add --http, or drop them")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port", hint="pass 0..65535")
    try:
        from convilyn.mcp.server import LOOPBACK_HOSTS, build_server, serve_http, serve_stdio
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("mcp", "mcp_types"):
            raise
        raise UsageError(
            "convilyn mcp serve needs the mcp library, which is not installed",
            hint=f"install it with {MCP_EXTRA_HINT}",
        ) from None
    if args.http and args.host not in LOOPBACK_HOSTS:
        raise UsageError(
            f"--host {args.host} is not a loopback address",
            hint=f"use one of {', '.join(LOOPBACK_HOSTS)}: the server is for this machine only",
        )
    options = {
        name: value
        for name, value in (
            ("base_url", args.base_url),
            ("timeout", args.timeout),
            ("max_retries", args.max_retries),
        )
        if value is not None
    }
    server = build_server(consent_waived=bool(args.yes), client_options=options)
    if args.yes:
        print(
            "convilyn mcp: --yes: billed runs start without asking you", file=sys.stderr, flush=True
        )
    if args.http:
        serve_http(server, host=args.host, port=args.port)
    else:
        serve_stdio(server)
    return 0
