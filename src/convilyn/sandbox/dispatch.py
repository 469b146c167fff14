"""The request pipeline every API operation goes through.

auth -> rate limit -> parameters -> Idempotency-Key -> body -> handler -> profile reshaping ->
headers -> self-check. Operations the profile hides (:mod:`.profile`) answer 404 before all that.

Handlers are plain async functions registered per operationId (``@handler("getGoalJob")``);
they get a :class:`Ctx` and return a :class:`Reply` (or raise :class:`ApiError`). Everything
else -- 401s, 422s, 429s, ``X-RateLimit-*``, idempotent replays, response self-checks -- lives
here, once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .errors import ApiError
from .idempotency import StoredResponse, fingerprint
from .limits import TIERS, Window, parse_authorization, quota_state
from .profile import not_found_body
from .spec import Operation
from .state import Account, SandboxState
from .validation import Validators, drift_error

log = logging.getLogger("convilyn.sandbox")

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_JSON_BODY = 1024 * 1024


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    request: Request
    sandbox: SandboxState
    op: Operation
    account: Account
    path: dict[str, Any]
    query: dict[str, Any]
    body: Any
    window: Window | None = None

    @property
    def base_url(self) -> str:
        return str(self.request.base_url).rstrip("/")

    @property
    def now(self) -> float:
        return self.sandbox.clock.now()


Handler = Callable[[Ctx], Awaitable[Reply]]
HANDLERS: dict[str, Handler] = {}


def handler(operation_id: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        if operation_id in HANDLERS:
            raise RuntimeError(f"two handlers for {operation_id}")
        HANDLERS[operation_id] = fn
        return fn

    return register


_ANONYMOUS = Account("", "free", "")


class Pipeline:
    def __init__(self, sandbox: SandboxState, validators: Validators) -> None:
        self.sandbox = sandbox
        self.validators = validators

    def endpoint(self, ops: dict[str, Operation]) -> Callable[[Request], Awaitable[Response]]:
        """One Starlette endpoint serving every method of a path."""

        async def serve(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await self.run(request, ops[method])

        return serve

    async def run(self, request: Request, op: Operation) -> Response:
        sb = self.sandbox
        counters = sb.counters
        counters.requests += 1
        counters.by_operation[op.operation_id] = counters.by_operation.get(op.operation_id, 0) + 1
        request.state.operation_id = op.operation_id
        profile = sb.profile
        if profile.hides(op.operation_id):
            return self._hidden(request)
        now = sb.clock.now()
        window: Window | None = None
        account = _ANONYMOUS
        idem: tuple[str, str] | None = None
        try:
            if op.secured:
                key, reason = parse_authorization(request.headers.get("authorization"))
                if key is None:
                    window = Window(
                        TIERS["free"].requests_per_minute,
                        TIERS["free"].requests_per_minute,
                        int(now // 60) * 60 + 60,
                    )
                    raise _unauthorized(reason, request.headers.get("authorization"))
                account = sb.account(key)
                request.state.api_key = key
                allowed, window = sb.limiter.per_minute(key, op.operation_id, account.tier, now)
                if not allowed:
                    counters.rate_limited += 1
                    raise ApiError(
                        429,
                        "RATE_LIMITED",
                        f"Rate limit of {window.limit} requests per minute for {op.operation_id} exceeded",
                        {
                            "limit": window.limit,
                            "window": "minute",
                            "retry_after_seconds": window.retry_after(now),
                        },
                        headers={"Retry-After": str(window.retry_after(now))},
                    )
            req_headers = {k.lower(): v for k, v in request.headers.items()}
            if not profile.honours_idempotency_key:
                req_headers.pop("idempotency-key", None)  # ignored: neither checked nor replayed
            params = self.validators.check_params(
                op,
                dict(request.path_params),
                {k: request.query_params.getlist(k) for k in request.query_params},
                req_headers,
            )
            content_type = request.headers.get("content-type", "")
            streamed = any(ct.startswith("multipart/") for ct in op.body_content)
            raw = b"" if streamed else await _read_body(request)
            idem_key = req_headers.get("idempotency-key")
            if idem_key and op.method in MUTATING and op.secured:
                fp = fingerprint(op.method, request.url.path, content_type, raw)
                found = sb.idempotency.begin(account.api_key, idem_key, fp, now)
                if found.kind == "replay" and found.response is not None:
                    request.state.replayed = True
                    return _replayed(found.response)
                if found.kind == "mismatch":
                    raise ApiError(
                        422,
                        "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was already used with a different request",
                        {"idempotencyKey": idem_key},
                        errors=[
                            {
                                "loc": ["header", "Idempotency-Key"],
                                "msg": "reused with a different body",
                                "type": "idempotency",
                            }
                        ],
                    )
                if found.kind == "in_progress":
                    raise ApiError(
                        429,
                        "IDEMPOTENCY_IN_PROGRESS",
                        "A request with this Idempotency-Key is still being processed",
                        {"idempotencyKey": idem_key},
                        headers={"Retry-After": "1"},
                    )
                idem = (account.api_key, idem_key)
            body = None if streamed else self.validators.check_json_body(op, raw, content_type)
            fn = HANDLERS.get(op.operation_id)
            if fn is None:
                raise ApiError(501, "NOT_IMPLEMENTED", f"{op.operation_id} has no handler")
            ctx = Ctx(request, sb, op, account, params, params, body, window)
            reply = await fn(ctx)
            window = ctx.window
        except ApiError as err:
            reply = Reply(err.status, err.body(), dict(err.headers))
        except Exception:
            log.exception("sandbox handler for %s crashed", op.operation_id)
            reply = Reply(
                500,
                {
                    "code": "INTERNAL_ERROR",
                    "message": "The sandbox crashed handling this request; see its log",
                    "details": {},
                },
            )
        response = self._respond(op, reply, window)
        if idem is not None:
            if response.status_code >= 500 or response.status_code == 429 or _is_validation(reply):
                sb.idempotency.abandon(*idem)
            else:
                headers = [
                    (k, v)
                    for k, v in response.headers.items()
                    if k.lower() not in ("x-request-id", "content-length")
                ]
                sb.idempotency.finish(
                    *idem, StoredResponse(response.status_code, bytes(response.body), headers)
                )
        return response

    def _respond(self, op: Operation, reply: Reply, window: Window | None) -> Response:
        headers: dict[str, str] = {}
        if window is not None and op.secured:
            headers.update(window.headers())
            if quota_state(window):
                headers["X-Quota-State"] = "soft_limit"
        headers.update(reply.headers)
        content_type = "application/json" if reply.body is not None else None
        if 200 <= reply.status < 300 and reply.body is not None:
            reply.body = self._reshape(op, reply.status, reply.body)
        if self.sandbox.config.self_check:
            probe = {**headers, "X-Request-Id": "probe"}
            drift = self.validators.check_response(
                op, reply.status, reply.body, content_type, probe
            )
            if drift:
                self.sandbox.counters.spec_drift += 1
                log.error(
                    "SPEC DRIFT in %s %s: %s", op.operation_id, reply.status, "; ".join(drift)
                )
                err = drift_error(op, reply.status, drift)
                reply = Reply(500, err.body())
                content_type = "application/json"
        status_key = str(reply.status)
        counters = self.sandbox.counters
        counters.by_status[status_key] = counters.by_status.get(status_key, 0) + 1
        if reply.status >= 400 and isinstance(reply.body, dict) and "code" in reply.body:
            code = str(reply.body["code"])
            counters.error_codes[code] = counters.error_codes.get(code, 0) + 1
        if reply.body is None:
            return Response(status_code=reply.status, headers=headers)
        data = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode()
        return Response(data, status_code=reply.status, headers=headers, media_type=content_type)

    def _reshape(self, op: Operation, status: int, body: Any) -> Any:
        profile = self.sandbox.profile
        if not profile.live_shapes:
            return body
        resp = op.responses.get(str(status))
        schema = resp.content.get("application/json") if resp is not None else None
        if schema is None:
            return body
        return profile.reshape(self.validators.spec.document, schema, body, self.sandbox.clock)

    def _hidden(self, request: Request) -> Response:
        """An operation this profile does not serve: the router's 404, as for any unknown path."""
        counters = self.sandbox.counters
        counters.by_status["404"] = counters.by_status.get("404", 0) + 1
        counters.error_codes["NOT_FOUND"] = counters.error_codes.get("NOT_FOUND", 0) + 1
        body = not_found_body(request.method, request.url.path)
        return Response(
            json.dumps(body, separators=(",", ":")).encode(),
            status_code=404,
            media_type="application/json",
        )


def _is_validation(reply: Reply) -> bool:
    return (
        reply.status == 422
        and isinstance(reply.body, dict)
        and reply.body.get("code") == "VALIDATION_ERROR"
    )


def _replayed(stored: StoredResponse) -> Response:
    headers = dict(stored.headers)
    headers["Idempotent-Replayed"] = "true"
    media = headers.pop("content-type", None)
    return Response(
        stored.body or None, status_code=stored.status, headers=headers, media_type=media
    )


def _unauthorized(reason: str, header: str | None) -> ApiError:
    if reason == "missing":
        msg = "Missing API key: send Authorization: Bearer ck_..."
    elif header and any(header.split(" ")[-1].startswith(p) for p in ("cvl_", "cvi_")):
        msg = "cvl_/cvi_ keys belong to another product; use a ck_ consumer key"
    else:
        msg = "Malformed API key: expected Authorization: Bearer ck_ followed by at least 8 letters, digits or _"
    return ApiError(
        401,
        "UNAUTHORIZED",
        msg,
        {"reason": reason},
        headers={"WWW-Authenticate": 'Bearer realm="convilyn"'},
    )


async def _read_body(request: Request) -> bytes:
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > MAX_JSON_BODY:
            raise ApiError(
                422,
                "VALIDATION_ERROR",
                "Request body too large for a JSON operation",
                errors=[
                    {
                        "loc": ["body"],
                        "msg": f"larger than {MAX_JSON_BODY} bytes",
                        "type": "too_large",
                    }
                ],
            )
    return bytes(chunks)
