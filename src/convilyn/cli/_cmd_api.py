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
  convilyn api HEAD /health                      # the status line and headers only
  convilyn api GET /files -o files.json          # the body into a file, as received

--data takes JSON text, @FILE or @- (stdin); --input sends a file's raw bytes (- for stdin).
With --include the status line and response headers come first (HEAD always shows them).
-o FILE writes the body's bytes to FILE instead of stdout; an existing FILE is refused before
anything is sent unless --overwrite. With --json the output is {"status_code", "headers",
"body"} (with -o: "body" is null and "output" is {"path", "bytes", "sha256"}). An error status
exits 2 with the server's code and message, and writes nothing.
"""

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


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
    p.add_argument("-o", "--output", metavar="FILE", help="write the body to FILE, not stdout")
    p.add_argument("--overwrite", action="store_true", help="with -o: replace an existing FILE")


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


def _request_kwargs(ctx: Context) -> dict[str, Any]:
    """The request's query, headers and body, from the flags (read before anything is sent)."""
    args = ctx.args
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
    return kwargs


def _api(ctx: Context) -> int:
    args = ctx.args
    method = args.method.upper()
    if method not in METHODS:
        raise UsageError(f"unknown method {args.method!r}", hint=f"one of {', '.join(METHODS)}")
    path = _api_path(args.path)
    ctx.action = f"{method} {path}"
    kwargs = _request_kwargs(ctx)
    target = _output_target(args)
    response = ctx.client().api.request(method, path, **kwargs)
    show_head = args.include or method == "HEAD"
    if target is not None:
        ctx.action = f"write {target}"
        written = _write(target, response.content, overwrite=args.overwrite)
        if ctx.out.json_mode:
            ctx.out.print_json({**_document(response, None), "output": written})
            return 0
        if show_head:
            _print_head(ctx, response)
        ctx.out.note(f"wrote {target} ({written['bytes']} bytes, {response.status_code})")
        return 0
    text = response.text
    body: Any
    try:
        body = response.json() if text.strip() else None
        is_json = True
    except ValueError:
        body, is_json = text, False
    if ctx.out.json_mode:
        ctx.out.print_json(_document(response, body))
        return 0
    if show_head:
        _print_head(ctx, response)
    if is_json and body is not None:
        ctx.out.raw(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    elif text:
        ctx.out.raw(text if text.endswith("\n") else text + "\n")
    return 0


def _document(response: Any, body: Any) -> dict[str, Any]:
    return {
        "status_code": response.status_code,
        "headers": dict(response.headers.items()),
        "body": body,
    }


def _print_head(ctx: Context, response: Any) -> None:
    ctx.out.raw(f"HTTP {response.status_code} {response.reason_phrase}\n")
    for name, value in response.headers.items():
        ctx.out.raw(f"{name}: {value}\n")
    ctx.out.raw("\n")


def _output_target(args: Any) -> Path | None:
    """``-o FILE``, checked before anything is sent: not a directory, not an existing file
    (unless --overwrite), in a directory that exists."""
    if not args.output:
        return None
    target = Path(args.output).expanduser()
    if target.is_dir():
        raise UsageError(f"-o {target} is a directory", hint="give a file name, e.g. -o body.json")
    if target.exists() and not args.overwrite:
        raise UsageError(f"{target} already exists", hint="pass --overwrite, or choose another -o")
    if not target.parent.is_dir():
        raise UsageError(f"no directory {target.parent} for -o", hint="create it first")
    return target


def _write(target: Path, data: bytes, *, overwrite: bool) -> dict[str, Any]:
    """The body into ``target``, whole or not at all (a temporary file renamed into place)."""
    import contextlib
    import hashlib
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # fails when a file appeared meanwhile: never replaced
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return {"path": str(target), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
