"""What a failed send was, and the typed error it becomes (pure; the retry loop of
``_async/_http.py`` and its sync twin use it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from convilyn._logging import redact
from convilyn._retry import FailureKind
from convilyn.errors import APIConnectionError, APITimeoutError
from convilyn.lowlevel.operations import Replay

__all__ = ["CallTarget", "describe", "transport_failure"]


@dataclass(frozen=True)
class CallTarget:
    """What a logical call is, for replay decisions and the ambiguous-write error."""

    method: str
    path: str
    operation: str  # the spec's operation id; "" for a raw request to an undeclared path
    replay: Replay
    key: str | None  # the Idempotency-Key of every attempt


_URL_QUERY = re.compile(r"""(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#'"<>]*)\?[^\s#'"<>]*""")


def describe(exc: Exception) -> str:
    # A transport error may quote the URL: a presigned URL's query string is its signature.
    text = _URL_QUERY.sub(r"\1?[query removed]", redact(str(exc)))
    return f"{type(exc).__name__}: {text}"


def _target(exc: httpx.HTTPError, method: str, label: str, spec: CallTarget) -> tuple[str, str]:
    """(method, label) for a failed request: a generated endpoint's call is known only by its
    operation name until httpx built the request, which names the real method and URL (the
    query left out: it is not needed to tell which call failed); a bound that ended it before
    then leaves the operation's method and path."""
    if method != "CALL":
        return method, label
    try:
        request = exc.request
    except RuntimeError:
        return spec.method, spec.path
    return request.method, str(request.url.copy_with(query=None, fragment=None))


def transport_failure(
    exc: httpx.HTTPError, method: str, label: str, spec: CallTarget
) -> tuple[FailureKind, APIConnectionError]:
    """What a failed send was (for the retry policy) and the typed error it becomes; raises
    at once for a failure no retry can mend (a bad URL, a decoding error).

    The httpx exception is not chained (``from None``): its text, which a proxy or transport
    may fill with header values, reaches the message only redacted."""
    verb, where = _target(exc, method, label, spec)
    if isinstance(exc, httpx.TimeoutException):
        # A connect or pool timeout never sent the request: not processed.
        unsent = isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
        timeout = APITimeoutError(f"{verb} {where} timed out: {describe(exc)}", url=where)
        return ("connect" if unsent else "timeout"), timeout
    failed = APIConnectionError(f"{verb} {where} failed: {describe(exc)}", url=where)
    if isinstance(exc, httpx.ConnectError):
        return "connect", failed
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return "network", failed
    raise failed from None
