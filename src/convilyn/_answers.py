"""What an attempt's answer becomes, for the sync and async retry loops alike (pure): the
headers they watch, the typed error of a status, a refused redirect, a write not re-sent."""

from __future__ import annotations

from typing import Literal

import httpx

from convilyn._error_decoding import error_from_response, redirect_error
from convilyn._replay import CHECK_HINTS, is_ambiguous, may_replay
from convilyn._retry import RetryContext
from convilyn._transport_errors import CallTarget
from convilyn.errors import (
    AmbiguousWriteError,
    APIError,
    ConvilynError,
    RedirectError,
    StorageUploadError,
)

__all__ = [
    "Storage",
    "ambiguous_write_error",
    "must_not_resend",
    "refused_redirect",
    "sent_path",
    "status_error",
    "watched_headers",
]

# Which presigned storage hop an exchange is (None: an API call).
Storage = Literal["upload", "download"] | None

# The answer headers the loops read. One pass over the raw list: each httpx.Headers lookup
# scans and decodes every header, and a dict of them all costs more than the rest of it.
_WATCHED = frozenset(
    {b"x-ratelimit-limit", b"x-ratelimit-remaining", b"x-ratelimit-reset", b"retry-after"}
    | {b"x-quota-state"}
)


def watched_headers(response: httpx.Response) -> dict[str, str]:
    """The rate-limit and quota headers of an answer, names lower-cased."""
    return {
        name.decode("latin-1"): value.decode("latin-1")
        for key, value in response.headers.raw
        if (name := key.lower()) in _WATCHED
    }


def sent_path(response: httpx.Response, default: str) -> str:
    """The path the response answered (``/api/v1/jobs/goal/js_1``), for log lines."""
    try:
        return response.request.url.path
    except RuntimeError:
        return default


def refused_redirect(
    response: httpx.Response, storage: Storage, target: CallTarget
) -> RedirectError:
    error = redirect_error(response.status_code, response.headers, storage=storage)
    error.operation = target.operation
    return error


def must_not_resend(target: CallTarget, ctx: RetryContext, *, trust_keys: bool) -> bool:
    """True when this failure may have been processed and re-sending could repeat it."""
    return is_ambiguous(ctx) and not may_replay(target.replay, trust_idempotency_keys=trust_keys)


def ambiguous_write_error(target: CallTarget, cause: ConvilynError) -> AmbiguousWriteError:
    hint = CHECK_HINTS.get(target.operation, "check the resource's state before re-sending")
    return AmbiguousWriteError(
        f"{target.method} {target.path} ({target.operation or 'a write'}) may have been "
        f"processed: {cause}. It was not re-sent: the service may ignore its "
        f"Idempotency-Key ({target.key}), and a second request could create and bill it "
        f"twice. To check: {hint}. Where the server honours the key, "
        "trust_idempotency_keys=True re-sends such requests automatically.",
        operation=target.operation,
        method=target.method,
        path=target.path,
        idempotency_key=target.key,
        cause=cause,
    )


def status_error(
    response: httpx.Response,
    body: bytes,
    *,
    storage: Storage,
    now: float,
    secrets: tuple[str, ...],
) -> APIError:
    """The typed error of an error status (the storage's own for an upload), ``secrets``
    scrubbed from what it quotes of the body."""
    err = error_from_response(
        response.status_code, response.headers, body, now=now, secrets=secrets
    )
    if storage == "upload":
        return StorageUploadError(
            f"Storage answered {response.status_code}: {err.message}",
            status_code=response.status_code,
            code=err.code,
            details=err.details,
            request_id=err.request_id,
            headers=err.headers,
            body=err.body,
        )
    return err
