"""``convilyn api METHOD PATH``: any endpoint, through the SDK's auth, retry and error pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._app import Commands, Context
from ._exit import UsageError
from ._values import parse_assignments, parse_header

DESCRIPTION = """\
Call any v1 endpoint with the SDK's auth, retries and error handling (client.api.<method>).
PATH may omit the /api/v1 prefix. The body is printed as is (JSON pretty-printed).

  convilyn api GET /files
  convilyn api POST /workflows/cost-preview --data '{"toolNames": ["summarizer"]}'
  convilyn api GET /workflows/community --query sort=popular --query limit=5 --include
  convilyn api PATCH /jobs/goal/JOB/slots --data @answers.json

--data takes JSON text, @FILE or @- (stdin); --input sends a file's raw bytes (- for stdin).
With --include the status line and response headers come first. With --json the output is
{"status_code", "headers", "body"}. An error status exits 2 with the server's code and message.
"""

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def register(commands: Commands) -> None:
    p = commands.command(
        "api",
        "call any API endpoint (client.api.get/post/patch/delete)",
        _api,
        description=DESCRIPTION,
    )
    p.add_argument("method", metavar="METHOD", help=", ".join(METHODS))
    p.add_argument("path", metavar="PATH", help="e.g. /files or /api/v1/files")
    body = p.add_mutually_exclusive_group()
    body.add_argument("--data", "-d", metavar="JSON|@FILE", help="a JSON request body")
    body.add_argument("--input", metavar="FILE", help="send a file's bytes as the body (- stdin)")
    p.add_argument(
        "--query", "-q", action="append", default=[], metavar="KEY=VALUE", help="query parameter"
    )
    p.add_argument(
        "--header", "-H", action="append", default=[], metavar="NAME:VALUE", help="extra header"
    )
    p.add_argument(
        "--include", "-i", action="store_true", help="print the status line and headers first"
    )


def _api_path(raw: str) -> str:
    path = raw.strip()
    if path.startswith(("http://", "https://")):
        raise UsageError(
            "PATH is a path, not a URL", hint="use --base-url for the host, e.g. /api/v1/files"
        )
    if not path.startswith("/"):
        path = "/" + path
    if not path.startswith("/api/"):
        path = "/api/v1" + path
    return path


def _read_source(ctx: Context, ref: str) -> bytes:
    if ref == "-":
        return (
            ctx.out.stdin.buffer.read()
            if hasattr(ctx.out.stdin, "buffer")
            else (ctx.out.stdin.read().encode())
        )
    return Path(ref).read_bytes()


def _api(ctx: Context) -> int:
    args = ctx.args
    method = args.method.upper()
    if method not in METHODS:
        raise UsageError(f"unknown method {args.method!r}", hint=f"one of {', '.join(METHODS)}")
    path = _api_path(args.path)
    ctx.action = f"{method} {path}"
    kwargs: dict[str, Any] = {}
    params = {
        k: v if isinstance(v, str) else json.dumps(v)
        for k, v in parse_assignments(args.query, flag="--query").items()
    }
    if params:
        kwargs["params"] = params
    headers = dict(parse_header(h) for h in args.header)
    if headers:
        kwargs["headers"] = headers
    if args.data is not None:
        raw = _read_source(ctx, args.data[1:]) if args.data.startswith("@") else args.data.encode()
        try:
            kwargs["json"] = json.loads(raw)
        except ValueError as exc:
            raise UsageError(f"--data is not JSON: {exc}", hint="check the quoting") from None
    elif args.input is not None:
        kwargs["content"] = _read_source(ctx, args.input)
    client = ctx.client()
    response = client.api.request(method, path, **kwargs)
    status, reason = response.status_code, response.reason_phrase
    resp_headers = dict(response.headers.items())
    text = response.text
    body: Any
    try:
        body = response.json() if text.strip() else None
        is_json = True
    except ValueError:
        body, is_json = text, False
    if ctx.out.json_mode:
        ctx.out.print_json({"status_code": status, "headers": resp_headers, "body": body})
        return 0
    if args.include:
        ctx.out.raw(f"HTTP {status} {reason}\n")
        for name, value in resp_headers.items():
            ctx.out.raw(f"{name}: {value}\n")
        ctx.out.raw("\n")
    if is_json and body is not None:
        ctx.out.raw(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    elif text:
        ctx.out.raw(text if text.endswith("\n") else text + "\n")
    return 0
