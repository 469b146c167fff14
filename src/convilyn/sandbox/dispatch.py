"""How every API operation is served: the :class:`Dispatcher` and its stages.

authenticate -> per-minute rate limit -> path/query/header parameters -> Idempotency-Key ->
JSON body -> handler (a crash becomes a JSON 500) -> profile reshaping -> headers -> self-check.
Operations the profile hides (:mod:`.profile`) answer 404 before all that; the profile is the
one value the stages consult about how the live service differs.

Handlers are plain async functions, one per operationId, that get a :class:`Ctx` and return a
:class:`Reply` (or raise :class:`ApiError`). Each app owns its registry of them (see
:func:`.routes.handlers`). Everything else -- 401s, 422s, 429s, ``X-RateLimit-*``, idempotent
replays, response self-checks -- lives here, once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from .errors import ApiError, field_error, validation_failed
from .idempotency import StoredResponse, fingerprint
from .limits import TIERS, Window, parse_authorization, quota_state
from .profile import not_found_body
from .spec import Operation
from .state import Account, SandboxState
from .storage import StorageError, multipart_digest
from .timeouts import BodyTimeout, body_chunks
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
    """What a handler gets: the request, the sandbox, the caller, validated inputs."""

    request: Request
    sandbox: SandboxState
    op: Operation
    account: Account
    path: dict[str, Any]
    query: dict[str, Any]
    body: Any
    window: Window | None = None
    upload_digest: str | None = None  # set by an upload handler: its file, for Idempotency-Key

    @property
    def base_url(self) -> str:
        return str(self.request.base_url).rstrip("/")

    @property
    def now(self) -> float:
        return self.sandbox.clock.now()


Handler = Callable[[Ctx], Awaitable[Reply]]

_ANONYMOUS = Account("", "free", "")


def authenticate(header: str | None) -> str:
    """The API key of an ``Authorization`` header, or the 401 refusing it (HTTP and WebSocket)."""
    key, reason = parse_authorization(header)
    if key is None:
        raise _unauthorized(reason, header)
    return key


@dataclass
class _Call:
    """What the stages learn about one request on its way to the handler."""

    request: Request
    op: Operation
    now: float
    account: Account = field(default_factory=lambda: _ANONYMOUS)  # until authenticated
    window: Window | None = None
    headers: dict[str, str] = field(default_factory=dict)
    path: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    raw: bytes = b""
    body: Any = None
    # (api key, Idempotency-Key): the response is stored for replays, or the key released
    idempotency: tuple[str, str] | None = None
    upload_digest: str | None = None

    @property
    def streamed(self) -> bool:
        """A multipart upload: its handler reads the body itself."""
        return any(ct.startswith("multipart/") for ct in self.op.body_content)


class Dispatcher:
    """Serves every spec operation: the stages, then the operation's handler."""

    def __init__(
        self, sandbox: SandboxState, validators: Validators, handlers: Mapping[str, Handler]
    ) -> None:
        self.sandbox = sandbox
        self.validators = validators
        self.handlers = handlers
        self.profile = sandbox.profile

    def endpoint(self, ops: dict[str, Operation]) -> Callable[[Request], Awaitable[Response]]:
        """One Starlette endpoint serving every method of a path."""

        async def serve(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await self.run(request, ops[method])

        return serve

    async def run(self, request: Request, op: Operation) -> Response:
        self._count_request(request, op)
        if self.profile.hides(op.operation_id):
            return self._hidden(request)
        call = _Call(request, op, self.sandbox.clock.now())
        self.sandbox.expire(call.now)
        try:
            replayed = await self._prepare(call)
            if replayed is not None:
                return replayed
            reply = await self._call_handler(call)
        except ApiError as err:
            reply = Reply(err.status, err.body(), dict(err.headers))
        except ClientDisconnect as gone:  # mid-body: its Idempotency-Key is free for the retry
            if call.idempotency is not None:
                self.sandbox.idempotency.abandon(*call.idempotency)
            # 408 for a body too slow; 499, nginx's "client closed request", is for the log
            return Response(status_code=408 if isinstance(gone, BodyTimeout) else 499)
        except Exception:
            reply = _crashed(op)
        response = self._respond(op, reply, call.window)
        self._finish_idempotency(call, reply, response)
        return response

    # stages, in order -------------------------------------------------------------------------
    async def _prepare(self, call: _Call) -> Response | None:
        """Every stage before the handler; the stored response when this is a replay."""
        self._authenticate(call)
        self._limit_rate(call)
        self._parse_parameters(call)
        if not call.streamed:
            call.raw = await _read_body(call.request, self.sandbox.config.body_timeout)
        replayed = self._begin_idempotency(call)
        if replayed is not None and call.upload_digest is not None:
            await self._check_replayed_upload(call)
        if replayed is None and not call.streamed:
            call.body = self.validators.check_json_body(
                call.op, call.raw, call.request.headers.get("content-type", "")
            )
        return replayed

    def _authenticate(self, call: _Call) -> None:
        if not call.op.secured:
            return
        try:
            key = authenticate(call.request.headers.get("authorization"))
        except ApiError:
            free = TIERS["free"].requests_per_minute
            call.window = Window(free, free, int(call.now // 60) * 60 + 60)
            raise
        call.account = self.sandbox.account(key)
        call.request.state.api_key = key

    def _limit_rate(self, call: _Call) -> None:
        """Requests per minute per operation; creation quotas are the handlers' (they come after
        the handler's own checks)."""
        if not call.op.secured:
            return
        sb, op, now = self.sandbox, call.op, call.now
        allowed, window = sb.limiter.per_minute(
            call.account.api_key, op.operation_id, call.account.tier, now
        )
        call.window = window
        if allowed:
            return
        sb.counters.rate_limited += 1
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

    def _parse_parameters(self, call: _Call) -> None:
        request = call.request
        call.headers = {k.lower(): v for k, v in request.headers.items()}
        if not self.profile.honours_idempotency_key:
            call.headers.pop("idempotency-key", None)  # ignored: neither checked nor replayed
        call.path, call.query = self.validators.check_params(
            call.op,
            dict(request.path_params),
            {k: request.query_params.getlist(k) for k in request.query_params},
            call.headers,
        )

    def _begin_idempotency(self, call: _Call) -> Response | None:
        op, account = call.op, call.account
        key = call.headers.get("idempotency-key")
        if not key or op.method not in MUTATING or not op.secured:
            return None
        content_type = call.request.headers.get("content-type", "")
        fp = fingerprint(op.method, call.request.url.path, content_type, call.raw)
        found = self.sandbox.idempotency.begin(account.api_key, key, fp, call.now)
        if found.kind == "replay" and found.response is not None:
            call.request.state.replayed = True
            call.upload_digest = found.upload_digest
            return _replayed(found.response)
        if found.kind == "mismatch":
            raise _idempotency_reused(key)
        if found.kind == "in_progress":
            raise ApiError(
                429,
                "IDEMPOTENCY_IN_PROGRESS",
                "A request with this Idempotency-Key is still being processed",
                {"idempotencyKey": key},
                headers={"Retry-After": "1"},
            )
        call.idempotency = (account.api_key, key)
        return None

    async def _check_replayed_upload(self, call: _Call) -> None:
        """A multipart replay is read (hashed, not stored): another file under the key is a 422."""
        request = call.request
        content_type = request.headers.get("content-type", "")
        try:
            digest = await multipart_digest(
                content_type, body_chunks(request, self.sandbox.config.body_timeout)
            )
        except StorageError as err:
            raise validation_failed([field_error(["body"], err.message, "multipart")]) from err
        if digest != call.upload_digest:
            self.sandbox.idempotency.mismatches += 1
            request.state.replayed = False
            raise _idempotency_reused(call.headers.get("idempotency-key", ""))

    async def _call_handler(self, call: _Call) -> Reply:
        op = call.op
        fn = self.handlers.get(op.operation_id)
        if fn is None:
            raise ApiError(501, "NOT_IMPLEMENTED", f"{op.operation_id} has no handler")
        ctx = Ctx(
            call.request,
            self.sandbox,
            op,
            call.account,
            call.path,
            call.query,
            call.body,
            call.window,
        )
        reply = await fn(ctx)
        call.upload_digest = ctx.upload_digest
        # Only a handler that answers reports the window it moved to (a day's creations); a
        # refusal reports the per-minute one.
        call.window = ctx.window
        return reply

    def _finish_idempotency(self, call: _Call, reply: Reply, response: Response) -> None:
        if call.idempotency is None:
            return
        store = self.sandbox.idempotency
        status = response.status_code
        if status >= 500 or status == 429 or _is_validation(reply):
            store.abandon(*call.idempotency)
            return
        headers = [
            (k, v)
            for k, v in response.headers.items()
            if k.lower() not in ("x-request-id", "content-length")
        ]
        stored = StoredResponse(status, bytes(response.body), headers)
        store.finish(*call.idempotency, stored, call.upload_digest)

    # the response ----------------------------------------------------------------------------
    def _respond(self, op: Operation, reply: Reply, window: Window | None) -> Response:
        headers: dict[str, str] = {}
        if window is not None and op.secured:
            headers.update(window.headers())
            if quota_state(window):
                headers["X-Quota-State"] = "soft_limit"
        headers.update(reply.headers)
        if 200 <= reply.status < 300 and reply.body is not None:
            reply.body = self._reshape(op, reply.status, reply.body)
        if self.sandbox.config.self_check:
            reply = self._self_check(op, reply, headers)
        self._count_reply(reply)
        if reply.body is None:
            return Response(status_code=reply.status, headers=headers)
        data = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode()
        return Response(
            data, status_code=reply.status, headers=headers, media_type="application/json"
        )

    def _reshape(self, op: Operation, status: int, body: Any) -> Any:
        if not self.profile.live_shapes:
            return body
        resp = op.responses.get(str(status))
        schema = resp.content.get("application/json") if resp is not None else None
        if schema is None:
            return body
        return self.profile.reshape(self.validators.spec.document, schema, body, self.sandbox.clock)

    def _self_check(self, op: Operation, reply: Reply, headers: dict[str, str]) -> Reply:
        """The reply, or a loud 500 when it drifts from the spec."""
        content_type = "application/json" if reply.body is not None else None
        probe = {**headers, "X-Request-Id": "probe"}
        drift = self.validators.check_response(op, reply.status, reply.body, content_type, probe)
        if not drift:
            return reply
        self.sandbox.counters.spec_drift += 1
        log.error("SPEC DRIFT in %s %s: %s", op.operation_id, reply.status, "; ".join(drift))
        return Reply(500, drift_error(op, reply.status, drift).body())

    def _count_request(self, request: Request, op: Operation) -> None:
        counters = self.sandbox.counters
        counters.requests += 1
        counters.by_operation[op.operation_id] = counters.by_operation.get(op.operation_id, 0) + 1
        request.state.operation_id = op.operation_id

    def _count_reply(self, reply: Reply) -> None:
        counters = self.sandbox.counters
        status_key = str(reply.status)
        counters.by_status[status_key] = counters.by_status.get(status_key, 0) + 1
        if reply.status >= 400 and isinstance(reply.body, dict) and "code" in reply.body:
            code = str(reply.body["code"])
            counters.error_codes[code] = counters.error_codes.get(code, 0) + 1

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


def _crashed(op: Operation) -> Reply:
    """A handler (or stage) that raised anything but an ApiError: logged, and a JSON 500."""
    log.exception("sandbox handler for %s crashed", op.operation_id)
    return Reply(
        500,
        {
            "code": "INTERNAL_ERROR",
            "message": "The sandbox crashed handling this request; see its log",
            "details": {},
        },
    )


def _idempotency_reused(key: str) -> ApiError:
    return ApiError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used with a different request",
        {"idempotencyKey": key},
        errors=[
            {
                "loc": ["header", "Idempotency-Key"],
                "msg": "reused with a different body",
                "type": "idempotency",
            }
        ],
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


async def _read_body(request: Request, chunk_wait: float) -> bytes:
    chunks = bytearray()
    async for chunk in body_chunks(request, chunk_wait):
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
