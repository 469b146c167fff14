"""The ASGI application: routes built from the spec, storage, admin, events, middleware.

Outermost to innermost: :class:`RequestContext` (``X-Request-Id``, one log line per request),
:class:`~.chaos.ChaosMiddleware`, then Starlette routing into :class:`~.dispatch.Dispatcher`.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import Message, Receive, Scope, Send

from convilyn.config import mask_key

from .chaos import ChaosMiddleware, server_transport
from .config import SandboxConfig
from .dispatch import Dispatcher, Handler
from .events import goal_events
from .profile import LIVE_EXTRA_FIELD
from .routes import admin
from .routes import auth as auth_routes
from .routes import handlers as all_handlers
from .routes import storage as storage_routes
from .spec import Operation, Spec, load_spec
from .state import SandboxState
from .validation import Validators

log = logging.getLogger("convilyn.sandbox")


class RequestContext:
    """Gives every request an id (``X-Request-Id``) and logs one line when it ends."""

    def __init__(self, app: Any, *, log_requests: bool) -> None:
        self.app = app
        self.log_requests = log_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        rid = "req_" + secrets.token_hex(8)
        state["request_id"] = rid
        state["transport"] = server_transport(send)
        status = [0]

        async def send_with_id(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.http.response.start"):
                status[0] = message["status"]
                MutableHeaders(scope=message)["X-Request-Id"] = rid
            elif message["type"] == "websocket.accept":
                status[0] = 101
            await send(message)

        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.log_requests:
                _log_line(scope, state, status[0], start)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _escape(match: re.Match[str]) -> str:
    return f"%{ord(match[0]):02X}"


def _log_line(scope: Scope, state: dict[str, Any], status: int, start: float) -> None:
    key = state.get("api_key")
    who = mask_key(key) if key else "-"
    parts = [
        scope.get("method", "WS"),
        _CONTROL.sub(_escape, scope.get("path", "")),  # a decoded %0a would forge a log line
        str(status or "reset"),
        f"{(time.perf_counter() - start) * 1000:.1f}ms",
        state.get("request_id", ""),
        f"op={state.get('operation_id', '-')}",
        f"key={who}",
    ]
    if "chaos" in state:
        parts.append(f"chaos={state['chaos']}")
    if state.get("replayed"):
        parts.append("replayed")
    log.info(" ".join(parts))


class SandboxApp:
    """The complete ASGI app plus handles on its state (what :class:`~.server.Sandbox` runs)."""

    def __init__(
        self, config: SandboxConfig, *, handlers: Mapping[str, Handler] | None = None
    ) -> None:
        """``handlers`` replaces the handlers of some operations (operationId -> handler)."""
        self.config = config
        self.spec: Spec = load_spec()
        self.sandbox = SandboxState(config)
        # The self-check reads response objects closed; the live profile's extra field is
        # there on purpose.
        added = (LIVE_EXTRA_FIELD[0],) if self.sandbox.profile.live_shapes else ()
        self.validators = Validators(self.spec, tolerated=added)
        self.handlers = all_handlers(handlers)
        self.dispatcher = Dispatcher(self.sandbox, self.validators, self.handlers)
        self.starlette = Starlette(
            routes=self._routes(),
            exception_handlers={HTTPException: _http_error},
        )
        self.starlette.state.sandbox = self.sandbox
        self.starlette.state.spec = self.spec
        self._spec_json = json.dumps(self.spec.document).encode()
        self._asgi = RequestContext(
            ChaosMiddleware(self.starlette, self.sandbox.chaos), log_requests=config.log_requests
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._asgi(scope, receive, send)

    def close(self) -> None:
        self.sandbox.close()

    # routes -----------------------------------------------------------------------------------
    def _routes(self) -> list[BaseRoute]:
        by_path: dict[str, dict[str, Operation]] = {}
        for op in self.spec.operations:
            by_path.setdefault(op.path, {})[op.method] = op
        ordered = sorted(by_path.items(), key=lambda kv: (kv[0].count("{"), kv[0]))
        api: list[BaseRoute] = [
            Route(path, self.dispatcher.endpoint(ops), methods=list(ops)) for path, ops in ordered
        ]
        return [
            WebSocketRoute("/api/v1/jobs/goal/{jobSpecId}/events", goal_events),
            *api,
            *auth_routes.routes(),
            Route("/_storage/upload", storage_routes.upload, methods=["POST"]),
            Route("/_storage/objects/{key:path}", storage_routes.download, methods=["GET"]),
            Route("/_sandbox/stats", admin.stats, methods=["GET"]),
            Route("/_sandbox/reset", admin.reset, methods=["POST"]),
            Route("/_sandbox/chaos", admin.chaos, methods=["POST"]),
            Route("/openapi.json", self._openapi_json, methods=["GET"]),
            Route("/openapi.yaml", self._openapi_yaml, methods=["GET"]),
            Route("/", self._index, methods=["GET"]),
        ]

    def missing_handlers(self) -> list[str]:
        return sorted(
            op.operation_id for op in self.spec.operations if op.operation_id not in self.handlers
        )

    async def _openapi_json(self, request: Request) -> Response:
        return Response(self._spec_json, media_type="application/json")

    async def _openapi_yaml(self, request: Request) -> Response:
        return Response(self.spec.text, media_type="application/yaml")

    async def _index(self, request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(
            {
                "name": "convilyn sandbox",
                "baseUrl": base,
                "openapi": f"{base}/openapi.json",
                "stats": f"{base}/_sandbox/stats",
                "auth": "Authorization: Bearer ck_<tier>_<anything>; tiers from ck_free_, ck_pro_, ck_business_",
            }
        )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "HTTP_ERROR")
    return JSONResponse(
        {
            "code": code,
            "message": f"{exc.detail}: {request.method} {request.url.path}",
            "details": {},
        },
        status_code=exc.status_code,
        headers=dict(exc.headers or {}),
    )
