"""The pure mapping from an HTTP error response to the typed error of :mod:`convilyn.errors`.

No I/O, no httpx: :func:`error_from_response` decodes every error body shape the v1 wire is known
to produce (see WIRE.md, "Error bodies") and picks the class from a ``(status, code)`` table.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, cast

from convilyn.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ChargeUnavailableError,
    ConflictError,
    ContractNotDerivableError,
    FieldError,
    FileInUseError,
    FreeTierBlockedError,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    PlanRequiredError,
    QuotaExceededError,
    RateLimitError,
    RedirectError,
    RequestTimeoutError,
    RetryExhaustedError,
    SpecNotPricedError,
    UnprocessableEntityError,
    VersionConflictError,
    WorkflowIsPublicError,
    _float_or_none,
    _operand,
    _snake,
)

__all__ = ["error_from_response", "mark_exhausted", "parse_retry_after", "redirect_error"]

# Codes are matched upper-cased. ITEM_VERSION_MISMATCH: the live workflow PATCH (the vendor's
# recorded publish conflict).
_BY_CODE: dict[tuple[int, str], type[APIError]] = {
    (402, "TIER_REQUIRED"): PlanRequiredError,
    (402, "PRO_TIER_REQUIRED"): PlanRequiredError,
    (402, "BUSINESS_TIER_REQUIRED"): PlanRequiredError,
    (402, "ENTERPRISE_TIER_REQUIRED"): PlanRequiredError,
    (402, "QUOTA_EXCEEDED"): QuotaExceededError,
    (402, "INSUFFICIENT_CREDITS"): InsufficientCreditsError,
    (403, "SPEC_NOT_ALLOWED_ON_FREE"): FreeTierBlockedError,
    (403, "FREE_COST_CAP_EXCEEDED"): FreeTierBlockedError,
    (409, "VERSION_CONFLICT"): VersionConflictError,
    (409, "VERSION_MISMATCH"): VersionConflictError,
    (409, "ITEM_VERSION_CONFLICT"): VersionConflictError,
    (409, "ITEM_VERSION_MISMATCH"): VersionConflictError,
    (409, "SPEC_NOT_PRICED"): SpecNotPricedError,
    (409, "CHARGE_UNAVAILABLE"): ChargeUnavailableError,
    (409, "FILE_IN_USE"): FileInUseError,
    (409, "WORKFLOW_IS_PUBLIC_USE_ARCHIVE"): WorkflowIsPublicError,
    (409, "CONTRACT_NOT_DERIVABLE"): ContractNotDerivableError,
}
# A code the table above does not name: the status decides; any other 5xx is a server error.
_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

# The billing operands: the live service puts them beside ``code`` or in ``details``, in
# camelCase or snake_case. ``_decode_envelope`` lifts the top-level ones into ``details``.
_OPERANDS = (
    "upgradeUrl",
    "estimatedMicroU",
    "thresholdMicroU",
    "requiredCredits",
    "availableCredits",
    "retryAfterSeconds",
    "resetAt",
)
_VERSION_IN_MESSAGE_RE = re.compile(r"expected\s+(\d+)\s*,\s*got\s+(\d+)", re.IGNORECASE)


def _error_class(status: int, code: str | None) -> type[APIError]:
    cls = _BY_CODE.get((status, (code or "").upper())) or _BY_STATUS.get(status)
    if cls is not None:
        return cls
    return InternalServerError if status >= 500 else APIError


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP date.

    ``now`` is the current epoch time (injected, for tests). Garbage, negative or NaN values
    give ``None``; a date in the past gives ``0.0``.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        from email.utils import parsedate_to_datetime  # rare (HTTP dates); heavy to import

        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when is None:  # pragma: no cover - older Pythons returned None
            return None
        if when.tzinfo is None:
            return None
        return max(0.0, when.timestamp() - now)
    if seconds != seconds or seconds < 0 or seconds == float("inf"):
        return None
    return seconds


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown Status"


def _decode_body(body: bytes) -> object:
    if not body or not body.strip():
        return None
    try:
        return json.loads(body)
    except RecursionError:
        return None  # nested past what can be read: the reason phrase says more
    except (ValueError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def _field_errors(items: object) -> list[FieldError]:
    out: list[FieldError] = []
    if not isinstance(items, list):
        return out
    for item in items:
        if not isinstance(item, Mapping):
            continue
        raw_loc = item.get("loc", item.get("field", ()))
        if isinstance(raw_loc, str):
            loc: tuple[str | int, ...] = tuple(raw_loc.split("."))
        elif isinstance(raw_loc, list | tuple):
            loc = tuple(p if isinstance(p, int | str) else str(p) for p in raw_loc)
        else:
            loc = ()
        out.append(
            FieldError(
                loc=loc,
                msg=str(item.get("msg", item.get("message", ""))),
                type=str(item.get("type", item.get("code", ""))),
            )
        )
    return out


@dataclass
class _Decoded:
    code: str | None = None
    message: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    field_errors: list[FieldError] = field(default_factory=list)


def _decode_error(payload: object) -> _Decoded:
    """Understand every error body shape of WIRE.md."""
    if isinstance(payload, str):
        text = payload.strip()
        if not text or text.startswith("<"):
            return _Decoded()  # HTML error page: the reason phrase says more than the markup
        return _Decoded(message=text[:500])
    if not isinstance(payload, Mapping):
        return _Decoded()
    if "detail" in payload and not ({"code", "message", "error"} & set(payload)):
        return _decode_detail(payload["detail"])
    raw_error = payload.get("error")
    if isinstance(raw_error, Mapping) and not _text(payload.get("code")):
        return _decode_error(raw_error)
    return _decode_envelope(payload)


def _decode_detail(inner: object) -> _Decoded:
    """``{"detail": {...same envelope...}}`` / ``{"detail": "text"}`` /
    ``{"detail": [{loc, msg, type}]}``."""
    if isinstance(inner, Mapping):
        return _decode_error(inner)
    if isinstance(inner, str):
        return _Decoded(message=inner)
    if isinstance(inner, list):
        errors = _field_errors(inner)
        summary = "; ".join(f"{e.field or 'request'}: {e.msg}" for e in errors if e.msg)
        return _Decoded(message=summary or "Validation failed", field_errors=errors)
    return _Decoded()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _decode_envelope(payload: Mapping[str, Any]) -> _Decoded:
    # older envelopes name the code "error": {"error": "version_conflict", "code": 409}
    code = _text(payload.get("code")) or _text(payload.get("error"))
    message = next((m for k in ("message", "msg") if isinstance(m := payload.get(k), str)), None)
    raw_details = payload.get("details")
    details: dict[str, Any] = dict(raw_details) if isinstance(raw_details, Mapping) else {}
    for name in _OPERANDS:
        for key in (name, _snake(name)):
            if payload.get(key) is not None and _operand(details, name) is None:
                details[key] = payload[key]
    return _Decoded(code, message, details, _field_errors(payload.get("errors")))


def _versions_from_message(
    message: str, details: Mapping[str, Any]
) -> tuple[int | None, int | None]:
    """(expected, current) from a message "itemVersion mismatch: expected 5, got 3": the
    server expected its current version (5) and got the caller's (3). Only without details:
    structured ones are read by the class itself."""
    match = _VERSION_IN_MESSAGE_RE.search(message)
    if not match or details:
        return None, None
    return int(match.group(2)), int(match.group(1))


def _retry_after(
    headers: Mapping[str, str], details: Mapping[str, Any], now: float
) -> float | None:
    seconds = parse_retry_after(headers.get("retry-after"), now=now)
    if seconds is None:
        seconds = _float_or_none(_operand(details, "retryAfterSeconds"))
    return seconds


def _scrub(value: Any, secrets: tuple[str, ...]) -> Any:
    """``value`` with every secret replaced, through nested JSON (keys and values)."""
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "[REDACTED]")
        return value
    if isinstance(value, dict):
        return {_scrub(k, secrets): _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    return value


def error_from_response(
    status_code: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float | None = None,
    secrets: Iterable[str] = (),
) -> APIError:
    """Build the typed :class:`~convilyn.errors.APIError` for an error response.

    Pure: takes the status, the headers (any mapping; names are matched case-insensitively)
    and the raw body bytes. ``secrets`` are scrubbed from the message and body text (an API
    key a proxy echoed back must not end up in a log through an exception). ``now`` (epoch
    seconds) resolves an HTTP-date ``Retry-After``.
    """
    secrets = tuple(s for s in secrets if s)
    lower = {k.lower(): _scrub(v, secrets) for k, v in headers.items()}
    try:
        payload = _scrub(_decode_body(body), secrets)
    except RecursionError:  # deep enough to decode, too deep to walk
        payload = None
    decoded = _decode_error(payload)
    message = decoded.message or _reason_phrase(status_code)
    cls = _error_class(status_code, decoded.code)
    common: dict[str, Any] = {
        "status_code": status_code,
        "code": decoded.code,
        "details": decoded.details,
        "request_id": lower.get("x-request-id"),
        "headers": lower,
        "body": payload,
        "field_errors": decoded.field_errors,
    }
    if cls is VersionConflictError:
        expected, current = _versions_from_message(message, decoded.details)
        return VersionConflictError(
            message, expected_version=expected, current_version=current, **common
        )
    if cls is RateLimitError:
        when = time.time() if now is None else now
        return RateLimitError(
            message, retry_after=_retry_after(lower, decoded.details, when), **common
        )
    return cls(message, **common)


# What a redirect means where it came from, and what to do about it.
_REDIRECT_ADVICE = {
    None: (
        "the API",
        "The SDK never follows redirects (the API key must not travel): set base_url "
        "(or CONVILYN_BASE_URL) to the API's own address.",
    ),
    "download": (
        "The download URL",
        "Nothing was saved; redirects are not followed. Ask for a fresh download URL "
        "and download again.",
    ),
    "upload": (
        "The storage upload",
        "The file was not stored; redirects are not followed. Upload it again.",
    ),
}


def redirect_error(
    status_code: int, headers: Mapping[str, str], *, storage: str | None = None
) -> RedirectError:
    """The typed error for a 3xx answer, naming the status and where it pointed (its query
    left out: a presigned URL's query is its signature)."""
    from urllib.parse import urlsplit

    lower = {k.lower(): v for k, v in headers.items()}
    raw = lower.get("location", "").strip()
    location = urlsplit(raw)._replace(query="", fragment="").geturl() if raw else None
    host = urlsplit(raw).hostname if raw else None
    where = host or ("a path on the same host" if raw else "no location")
    source, advice = _REDIRECT_ADVICE[storage]
    return RedirectError(
        f"{source[0].upper()}{source[1:]} answered {status_code} {_reason_phrase(status_code)}, "
        f"a redirect to {where}. {advice}",
        location=location,
        status_code=status_code,
        code=f"HTTP_{status_code}",
        request_id=lower.get("x-request-id"),
        headers=lower,
    )


_EXHAUSTED: dict[type[APIError], type[RetryExhaustedError]] = {}


def mark_exhausted(error: APIError, attempts: int) -> RetryExhaustedError:
    """Give ``error`` (the answer of the last of ``attempts`` attempts, more than one) the
    :class:`RetryExhaustedError` class too, and its ``attempt_count``."""
    if not isinstance(error, RetryExhaustedError):
        cls = type(error)
        combined = _EXHAUSTED.get(cls)
        if combined is None:
            if cls is APIError:
                combined = RetryExhaustedError
            else:
                names = {
                    "__module__": cls.__module__,
                    "__qualname__": cls.__qualname__,
                    "_plain_class": cls,
                }
                combined = cast(
                    "type[RetryExhaustedError]",
                    type(cls.__name__, (cls, RetryExhaustedError), names),
                )
            _EXHAUSTED[cls] = combined
        error.__class__ = combined
    assert isinstance(error, RetryExhaustedError)
    error.attempt_count = attempts
    return error
