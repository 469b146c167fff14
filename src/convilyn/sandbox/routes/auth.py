"""Sign-in routes outside the v1 API spec (see :mod:`..auth`): the desktop authorize page and
token exchange, the email sign-in, and the key-minting console endpoint."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..auth import AuthState
from ..errors import ApiError, field_error, validation_failed

__all__ = ["routes"]


def _state(request: Request) -> AuthState:
    auth: AuthState = request.app.state.sandbox.auth
    return auth


async def _json(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError):
        problem = field_error(["body"], "Body is not valid JSON", "json_invalid")
        raise validation_failed([problem]) from None


def _refused(err: ApiError) -> Response:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers)


async def authorize(request: Request) -> Response:
    try:
        location = _state(request).authorize(dict(request.query_params))
    except ApiError as err:
        return _refused(err)
    return RedirectResponse(location, status_code=302)


async def token(request: Request) -> Response:
    try:
        return JSONResponse(_state(request).exchange(await _json(request)))
    except ApiError as err:
        return _refused(err)


async def signin(request: Request) -> Response:
    try:
        return JSONResponse(_state(request).signin(await _json(request)))
    except ApiError as err:
        return _refused(err)


async def mint_key(request: Request) -> Response:
    try:
        header = request.headers.get("authorization")
        return JSONResponse(_state(request).mint(header, await _json(request)), status_code=201)
    except ApiError as err:
        return _refused(err)


def routes() -> list[Route]:
    return [
        Route("/api/v1/auth/desktop/authorize", authorize, methods=["GET"]),
        Route("/api/v1/auth/desktop/token", token, methods=["POST"]),
        Route("/api/v1/auth/signin", signin, methods=["POST"]),
        Route("/api/v1/console/keys", mint_key, methods=["POST"]),
    ]
