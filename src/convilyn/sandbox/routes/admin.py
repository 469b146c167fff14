"""The sandbox's control routes, outside the spec: ``GET /_sandbox/stats``, ``POST /_sandbox/reset``
and ``POST /_sandbox/chaos`` (what :class:`~convilyn.sandbox.Sandbox`'s ``stats``, ``reset`` and
``inject`` call).

They take no API key, so they refuse whatever a web page the developer opens could send to
loopback: a ``Host`` other than a loopback name with this server's port (DNS rebinding: the
page's own name, resolved to 127.0.0.1), and a POST that is not ``application/json`` (a
cross-site form or ``text/plain`` fetch; a JSON one needs a CORS preflight, never granted here).
Arguments are checked before anything changes: a fault that matches no request breaks nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from ..chaos import ALL_FAULTS, FORCED_ONLY
from ..errors import ApiError, field_error, validation_failed
from ..state import SandboxState

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
_HOST = re.compile(r"(\[[0-9a-fA-F:.]+\]|[^:\[\]]+)(?::([0-9]{1,5}))?")
_METHOD = re.compile(r"[A-Za-z]{1,16}")
MAX_TIMES = 1_000_000


def _check_host(request: Request) -> None:
    host = request.headers.get("host", "")
    match = _HOST.fullmatch(host)
    server = request.scope.get("server") or ("", None)
    if match is None or match[1].lower() not in LOOPBACK_NAMES or int(match[2] or 80) != server[1]:
        raise ApiError(
            403,
            "HOST_NOT_ALLOWED",
            f"The control routes answer only to Host 127.0.0.1, localhost or [::1] with port {server[1]}",
            {"host": host},
        )


async def _arguments(request: Request, known: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object a control POST carries (an empty body is ``{}``), names checked."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Control POSTs must be Content-Type: application/json",
            {"contentType": media},
        )
    raw = await request.body()
    try:
        args = json.loads(raw) if raw.strip() else {}
    except (ValueError, RecursionError) as exc:  # nested past the parser's depth: RecursionError
        raise validation_failed(
            [field_error(["body"], "Body is not valid JSON (or nested too deep)", "json_invalid")]
        ) from exc
    if not isinstance(args, dict):
        raise validation_failed([field_error(["body"], "Body must be a JSON object", "type")])
    unknown = [name for name in args if name not in known]
    if unknown:
        raise validation_failed(
            [field_error(["body", name], f"unknown argument {name!r}", "extra") for name in unknown]
        )
    return args


def _chaos_problems(args: dict[str, Any]) -> list[dict[str, Any]]:
    fault, times = args.get("fault"), args.get("times", 1)
    path, method = args.get("path"), args.get("method")
    problems = []
    if not isinstance(fault, str) or fault not in (*ALL_FAULTS, *FORCED_ONLY):
        msg = f"unknown fault {fault!r}; known: {', '.join((*ALL_FAULTS, *FORCED_ONLY))}"
        problems.append(field_error(["body", "fault"], msg, "enum"))
    if type(times) is not int or not 1 <= times <= MAX_TIMES:
        msg = f"times must be a whole number from 1 to {MAX_TIMES}"
        problems.append(field_error(["body", "times"], msg, "int"))
    if path is not None and not (isinstance(path, str) and path.startswith("/")):
        msg = "path must be null or a path prefix starting with /"
        problems.append(field_error(["body", "path"], msg, "string"))
    if method is not None and not (isinstance(method, str) and _METHOD.fullmatch(method)):
        msg = "method must be null or an HTTP method such as POST"
        problems.append(field_error(["body", "method"], msg, "string"))
    return problems


def _stats_of(sb: SandboxState) -> dict[str, Any]:
    injected = dict(sb.chaos.counts)
    return {
        **sb.counters.as_dict(),
        "chaos": {
            "config": asdict(sb.chaos.config),
            "seed": sb.chaos.seed,
            "injected": injected,
            "total": sum(v for k, v in injected.items() if k != "latency"),
            "pendingForced": [asdict(f) for f in sb.chaos.forced],
        },
        "idempotency": {
            "replays": sb.idempotency.replays,
            "mismatches": sb.idempotency.mismatches,
            "stored": sb.idempotency.stored,
        },
        "speed": sb.clock.speed,
        "selfCheck": sb.config.self_check,
        "profile": sb.config.profile,
        "rateLimits": sb.config.rate_limits,
        "accounts": len(sb.accounts),
        "auth": dict(sb.auth.counts),
        "stores": sb.store_sizes(),
    }


Control = Callable[[Request, SandboxState], Awaitable[Response]]


def _control(endpoint: Control) -> Callable[[Request], Awaitable[Response]]:
    """``endpoint`` behind the Host check, its refusals in the API's error shape."""

    async def serve(request: Request) -> Response:
        try:
            _check_host(request)
            return await endpoint(request, request.app.state.sandbox)
        except ApiError as err:
            return JSONResponse(err.body(), status_code=err.status, headers=err.headers)
        except ClientDisconnect:  # 499, nginx's "client closed request", is for the log
            return Response(status_code=499)

    return serve


@_control
async def stats(request: Request, sb: SandboxState) -> Response:
    return JSONResponse(_stats_of(sb))


@_control
async def reset(request: Request, sb: SandboxState) -> Response:
    await _arguments(request, ())
    sb.reset()
    return Response(status_code=204)


@_control
async def chaos(request: Request, sb: SandboxState) -> Response:
    args = await _arguments(request, ("fault", "times", "path", "method"))
    problems = _chaos_problems(args)
    if problems:
        raise validation_failed(problems)
    sb.chaos.inject(args["fault"], args.get("times", 1), args.get("path"), args.get("method"))
    return Response(status_code=204)
