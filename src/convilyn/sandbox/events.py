"""The goal-job event stream: ``GET /api/v1/jobs/goal/{jobSpecId}/events`` (WebSocket).

One JSON ``GoalEvent`` per text frame, ``seq`` strictly increasing per job (keepalives repeat
the last ``seq`` and are not stored); ``?afterSeq=N`` resumes after event N. Authentication is
the handshake's ``Authorization: Bearer ck_...`` header, checked as for any HTTP request (the
same 401s); a key in the URL is refused. Refusals are JSON HTTP denial responses (401 / 404 /
422), not a bare close, so clients see why. The stream closes (1000) after the job's terminal
event, and ends promptly when the client goes away or the server shuts down. The ``live``
profile refuses every ``ck_`` key with a 403 (see :mod:`.profile`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.responses import JSONResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

from . import goals
from .dispatch import authenticate
from .errors import ApiError
from .profile import consumer_key_refusal
from .state import SandboxState
from .wire import event_wire, keepalive_wire

log = logging.getLogger("convilyn.sandbox")

IDLE_POLL_SECONDS = 0.1  # while waiting for the client's own PATCH / confirm
_URL_KEY_PARAMS = {"api_key", "apikey", "key", "token", "access_token", "authorization", "bearer"}


async def _deny(ws: WebSocket, err: ApiError) -> None:
    sb: SandboxState = ws.app.state.sandbox
    sb.counters.ws_refused += 1
    await ws.send_denial_response(
        JSONResponse(err.body(), status_code=err.status, headers=err.headers)
    )


async def goal_events(ws: WebSocket) -> None:
    sb: SandboxState = ws.app.state.sandbox
    query = ws.query_params
    # every value of a repeated parameter, not only the last one .values() would give
    if any(k.lower() in _URL_KEY_PARAMS or v.startswith("ck_") for k, v in query.multi_items()):
        await _deny(
            ws,
            ApiError(
                401,
                "KEY_IN_URL",
                "Never put an API key in a URL: send Authorization: Bearer ck_... with the handshake",
            ),
        )
        return
    try:
        key = authenticate(ws.headers.get("authorization"))
    except ApiError as err:
        await _deny(ws, err)
        return
    if not sb.profile.events_accept_consumer_keys:
        await _deny(ws, ApiError(*consumer_key_refusal()))
        return
    acct = sb.account(key)
    job_spec_id = ws.path_params["jobSpecId"]
    run = sb.goal(acct, job_spec_id)
    if run is None:
        await _deny(ws, ApiError(404, "JOB_NOT_FOUND", f"Goal job {job_spec_id} not found"))
        return
    raw_after = query.get("afterSeq", "0")
    # ASCII digits only ("²".isdigit() and int() refuses it), and few enough for int() to take
    if not (raw_after.isascii() and raw_after.isdigit()) or len(raw_after) > 18:
        await _deny(
            ws, ApiError(422, "VALIDATION_ERROR", "afterSeq must be a non-negative integer")
        )
        return
    await ws.accept()
    sb.counters.ws_connections += 1
    with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):  # client gone mid-send
        await _stream(ws, sb, run, acct_key=key, last=int(raw_after))


async def _stream(
    ws: WebSocket, sb: SandboxState, run: goals.GoalRun, *, acct_key: str, last: int
) -> None:
    acct = sb.account(acct_key)
    gone = asyncio.create_task(_until_disconnect(ws))
    loop = asyncio.get_running_loop()
    last_sent = loop.time()
    try:
        while True:
            sb.settle_goal(acct, run)
            for ev in [e for e in run.events if e.seq > last]:
                await ws.send_json(event_wire(run, ev))
                sb.counters.ws_events_sent += 1
                last = ev.seq
                last_sent = loop.time()
            if run.is_terminal:
                await ws.close(1000)
                return
            nxt = goals.next_change_in(run, sb.clock.now())
            wait = IDLE_POLL_SECONDS if nxt is None else min(max(nxt, 0.0), 1.0)
            keepalive_due = last_sent + sb.config.keepalive_seconds - loop.time()
            wait = max(0.0, min(wait, keepalive_due))
            done, _ = await asyncio.wait({gone}, timeout=wait)
            if done:
                return  # client disconnected or the server is shutting down
            if loop.time() - last_sent >= sb.config.keepalive_seconds:
                await ws.send_json(keepalive_wire(run.job_spec_id, last, sb.clock.now()))
                last_sent = loop.time()
    finally:
        gone.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await gone


async def _until_disconnect(ws: WebSocket) -> None:
    while True:
        message = await ws.receive()
        if message["type"] == "websocket.disconnect":
            return
