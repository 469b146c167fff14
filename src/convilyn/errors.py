"""Every exception the SDK raises, and the pure mapping from an HTTP error response to one.

Hierarchy::

    ConvilynError
    ├── ConfigurationError (also ValueError)    bad base URL, bad option
    │   └── AuthError                           missing / refused API key (before any request)
    ├── APIError                                the API answered with an error status
    │   ├── BadRequestError                     400 (e.g. an invalid state transition)
    │   ├── AuthenticationError                 401
    │   ├── PaymentRequiredError                402
    │   │   ├── PlanRequiredError               402 TIER_REQUIRED / PRO_… / BUSINESS_… / ENTERPRISE_…
    │   │   ├── QuotaExceededError              402 QUOTA_EXCEEDED
    │   │   └── InsufficientCreditsError        402 INSUFFICIENT_CREDITS
    │   ├── PermissionDeniedError               403
    │   │   └── FreeTierBlockedError            403 spec_not_allowed_on_free / free_cost_cap_exceeded
    │   ├── NotFoundError                       404
    │   ├── RequestTimeoutError                 408
    │   ├── ConflictError                       409
    │   │   ├── VersionConflictError            409 optimistic-lock conflict (both versions)
    │   │   ├── SpecNotPricedError              409 SPEC_NOT_PRICED (permanent)
    │   │   ├── ChargeUnavailableError          409 CHARGE_UNAVAILABLE (transient)
    │   │   └── FileInUseError                  409 FILE_IN_USE
    │   ├── UnprocessableEntityError            422 (``field_errors``)
    │   ├── RateLimitError                      429 (``retry_after``)
    │   ├── InternalServerError                 5xx
    │   └── StorageUploadError                  the presigned storage POST failed (S3UploadError)
    ├── APIConnectionError                      the request never got an HTTP answer
    │   └── APITimeoutError
    ├── AmbiguousWriteError                     a create may have happened; not re-sent
    ├── ResponseValidationError                 a 2xx body the SDK cannot read as its model
    │   └── UnexpectedFieldError                an unknown field, in strict mode
    ├── UnsafeDownloadError (also ValueError)   a download target or URL that is refused
    ├── DownloadTargetExistsError (also FileExistsError)
    ├── UnsupportedConversionError (also ValueError)
    ├── JobFailedError / JobTimeoutError (also TimeoutError)
    └── GoalJobFailedError / GoalJobTimeoutError (also TimeoutError)

The billing errors (``PlanRequiredError`` …) also derive from ``BillingError`` so one ``except``
catches every refusal that wants a payment decision. The names of the official SDK
(``AuthError``, ``PlanRequiredError``, ``QuotaExceededError``, ``InsufficientCreditsError``,
``FreeTierBlockedError``, ``SpecNotPricedError``, ``ChargeUnavailableError``, ``S3UploadError``)
are kept so code written against it keeps working.

This module is pure: no I/O, no httpx. :func:`error_from_response` decodes every error body shape
the v1 wire is known to produce (see WIRE.md, "Error bodies").
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from convilyn.models import ConvertJob, GoalJob

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AmbiguousWriteError",
    "AuthError",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "ChargeUnavailableError",
    "ConfigurationError",
    "ConflictError",
    "ConvilynError",
    "ConvilynWarning",
    "DownloadTargetExistsError",
    "FieldError",
    "FileInUseError",
    "FreeTierBlockedError",
    "GoalJobFailedError",
    "GoalJobTimeoutError",
    "InsufficientCreditsError",
    "InternalServerError",
    "JobFailedError",
    "JobTimeoutError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PlanRequiredError",
    "QuotaExceededError",
    "QuotaSoftLimitWarning",
    "RateLimitError",
    "RequestTimeoutError",
    "ResponseValidationError",
    "S3UploadError",
    "SpecNotPricedError",
    "StorageUploadError",
    "UnexpectedFieldError",
    "UnprocessableEntityError",
    "UnsafeDownloadError",
    "UnsupportedConversionError",
    "VersionConflictError",
    "error_from_response",
    "parse_retry_after",
]


# ---------------------------------------------------------------------------------------------
# Warnings
# ---------------------------------------------------------------------------------------------


class ConvilynWarning(UserWarning):
    """Base class of the warnings the SDK emits."""


class QuotaSoftLimitWarning(ConvilynWarning):
    """The API answered with ``X-Quota-State: soft_limit``: close to the plan's quota."""


# ---------------------------------------------------------------------------------------------
# Base and local errors
# ---------------------------------------------------------------------------------------------


class ConvilynError(Exception):
    """Base class of every error the SDK raises: ``except ConvilynError`` covers them all."""


class ConfigurationError(ConvilynError, ValueError):
    """The client was configured with a value it cannot use (base URL, timeout, option)."""


class AuthError(ConfigurationError):
    """No usable API key: missing, or a key of another product (``cvl_`` / ``cvi_``).

    Raised when the client is constructed, before any request is sent.
    """


class UnsafeDownloadError(ConvilynError, ValueError):
    """A download was refused: a symlink target, a path escaping the target directory, or a
    URL that is not https (plain http is allowed only when the API itself is on loopback)."""


class DownloadTargetExistsError(ConvilynError, FileExistsError):
    """The download target exists and ``overwrite=True`` was not given."""


class UnsupportedConversionError(ConvilynError, ValueError):
    """The source and target formats name no conversion the ``convert`` lane performs.

    Raised before anything is uploaded.
    """

    def __init__(self, message: str, *, source_format: str | None, target_format: str) -> None:
        super().__init__(message)
        self.source_format = source_format
        self.target_format = target_format


# ---------------------------------------------------------------------------------------------
# API errors
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldError:
    """One field-level validation error of a 422 answer."""

    loc: tuple[str | int, ...]
    msg: str
    type: str

    @property
    def field(self) -> str:
        """The location as a dotted path, without the leading ``body`` / ``query`` part."""
        parts = [str(p) for p in self.loc]
        if parts and parts[0] in {"body", "query", "path", "header"}:
            parts = parts[1:]
        return ".".join(parts)


class APIError(ConvilynError):
    """The API answered with an error status.

    Attributes:
        status_code: the HTTP status.
        code: the machine-readable error code (``"QUOTA_EXCEEDED"``); when the body has none,
            ``"HTTP_<status>"``.
        message: the human-readable message (the reason phrase when the body has none).
        details: the structured details object (empty when absent).
        request_id: the ``X-Request-Id`` of the response: quote it to support.
        headers: the response headers (lower-cased names).
        body: the decoded JSON body, or the text of a non-JSON body.
        field_errors: field-level errors (mostly on 422).
        replayed: True when this answered a re-send of a request whose first attempt may
            have been processed (a 400/409 then can mean "already done": re-read the state).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: object = None,
        field_errors: Iterable[FieldError] = (),
    ) -> None:
        self.status_code = status_code
        self.code = code or f"HTTP_{status_code}"
        self.message = message
        self.details: dict[str, Any] = dict(details or {})
        self.request_id = request_id
        self.headers: dict[str, str] = {k.lower(): v for k, v in (headers or {}).items()}
        self.body = body
        self.field_errors: tuple[FieldError, ...] = tuple(field_errors)
        self.replayed = False
        super().__init__(self._summary())

    def _summary(self) -> str:
        text = f"{self.status_code} {self.code}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class BadRequestError(APIError):
    """400: the request is not valid in the resource's current state."""


class AuthenticationError(APIError):
    """401: the API key was not accepted."""


class PaymentRequiredError(APIError):
    """402: the action needs a plan, quota or credits the account does not have."""


class BillingError(APIError):
    """Base of the billing refusals (402 plan / quota / credits, 403 free-tier gates, 409
    pricing and charging): each wants a payment or plan decision, not a retry loop."""

    @property
    def upgrade_url(self) -> str | None:
        """The in-app pricing page, when the server sent one."""
        value = _operand(self.details, "upgradeUrl")
        return str(value) if value else None


class PlanRequiredError(BillingError, PaymentRequiredError):
    """402 ``TIER_REQUIRED`` / ``PRO_TIER_REQUIRED`` / ``BUSINESS_TIER_REQUIRED`` /
    ``ENTERPRISE_TIER_REQUIRED``."""

    @property
    def required_plan(self) -> str:
        """``"business"`` / ``"enterprise"`` for their codes, else ``"pro"``."""
        for plan in ("business", "enterprise"):
            if self.code.upper().startswith(plan.upper()):
                return plan
        return "pro"


class QuotaExceededError(BillingError, PaymentRequiredError):
    """402 ``QUOTA_EXCEEDED``: the period's cost cap is spent."""

    @property
    def estimated_micro_u(self) -> int | None:
        return _int_or_none(_operand(self.details, "estimatedMicroU"))

    @property
    def threshold_micro_u(self) -> int | None:
        return _int_or_none(_operand(self.details, "thresholdMicroU"))

    @property
    def retry_after_seconds(self) -> float | None:
        return _float_or_none(_operand(self.details, "retryAfterSeconds"))

    @property
    def reset_at(self) -> str | None:
        value = _operand(self.details, "resetAt")
        return str(value) if value is not None else None


class InsufficientCreditsError(BillingError, PaymentRequiredError):
    """402 ``INSUFFICIENT_CREDITS``: the balance cannot fund this run."""

    @property
    def required_credits(self) -> int | None:
        return _int_or_none(_operand(self.details, "requiredCredits"))

    @property
    def available_credits(self) -> int | None:
        return _int_or_none(_operand(self.details, "availableCredits"))

    @property
    def shortfall_credits(self) -> int | None:
        """How many credits are missing, or ``None`` when unknown."""
        if self.required_credits is None or self.available_credits is None:
            return None
        return max(0, self.required_credits - self.available_credits)


class PermissionDeniedError(APIError):
    """403: the key may not do this."""


class FreeTierBlockedError(BillingError, PermissionDeniedError):
    """403 ``spec_not_allowed_on_free`` / ``free_cost_cap_exceeded``: a Free-plan gate."""


class NotFoundError(APIError):
    """404: no such resource (or not visible to this key)."""


class RequestTimeoutError(APIError):
    """408: the server timed out waiting for the request."""


class ConflictError(APIError):
    """409: the request conflicts with the resource's current state."""


class VersionConflictError(ConflictError):
    """409 optimistic-lock conflict that the SDK could not (or must not) resolve by itself.

    Attributes:
        expected_version: the version the request was based on.
        current_version: the version the server holds.
        current: the re-read resource (``GoalJob`` / ``Workflow``) when the SDK fetched it.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 409,
        code: str | None = "VERSION_CONFLICT",
        details: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: object = None,
        field_errors: Iterable[FieldError] = (),
        expected_version: int | None = None,
        current_version: int | None = None,
        current: object = None,
    ) -> None:
        details = dict(details or {})
        if expected_version is None:
            expected_version = _int_or_none(details.get("expectedVersion"))
        if current_version is None:
            current_version = _int_or_none(details.get("currentVersion"))
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = current
        super().__init__(
            message,
            status_code=status_code,
            code=code,
            details=details,
            request_id=request_id,
            headers=headers,
            body=body,
            field_errors=field_errors,
        )

    def _summary(self) -> str:
        text = super()._summary()
        if self.expected_version is not None or self.current_version is not None:
            text += f" [expected version {self.expected_version}, current {self.current_version}]"
        return text


class SpecNotPricedError(BillingError, ConflictError):
    """409 ``SPEC_NOT_PRICED``: this workflow has no price; permanent, do not retry."""


class ChargeUnavailableError(BillingError, ConflictError):
    """409 ``CHARGE_UNAVAILABLE``: billing could not charge right now; transient."""


class FileInUseError(ConflictError):
    """409 ``FILE_IN_USE``: the file is referenced by a job and cannot be deleted."""


class UnprocessableEntityError(APIError):
    """422: the request failed validation; see ``field_errors``."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` (seconds) says when to try again, if known."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class InternalServerError(APIError):
    """5xx: the service failed (already retried, when the retry policy allows)."""


class StorageUploadError(APIError):
    """The presigned storage POST of an upload failed (the API key is never sent there)."""


S3UploadError = StorageUploadError


class APIConnectionError(ConvilynError):
    """The request got no HTTP answer: DNS, refused connection, TLS, broken stream."""

    def __init__(self, message: str = "Connection error.", *, url: str | None = None) -> None:
        self.url = url
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""

    def __init__(self, message: str = "Request timed out.", *, url: str | None = None) -> None:
        super().__init__(message, url=url)


class AmbiguousWriteError(ConvilynError):
    """A create (a job, an upload, a fork, a like) failed in a way that leaves its outcome
    unknown, and was not re-sent: the request went out, but a timeout, a reset connection or
    a 500/502/504 hides whether the server did the work. A blind re-send could do it twice
    (and bill it twice) where the server ignores ``Idempotency-Key``.

    Attributes:
        operation: the spec's operation id (``"createGoalJob"``).
        method, path: the request, e.g. ``POST /api/v1/jobs/goal``.
        idempotency_key: the key the request carried; re-sending with it is safe where the
            server honours it (``client.api.post(path, json=..., idempotency_key=...)``).
        status_code, request_id: of the failed answer, when there was one.
        cause: the typed error of the failed attempt (also ``__cause__``).
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        method: str,
        path: str,
        idempotency_key: str | None,
        cause: ConvilynError,
    ) -> None:
        self.operation = operation
        self.method = method
        self.path = path
        self.idempotency_key = idempotency_key
        self.cause = cause
        self.status_code: int | None = getattr(cause, "status_code", None)
        self.request_id: str | None = getattr(cause, "request_id", None)
        super().__init__(message)


class ResponseValidationError(ConvilynError):
    """A successful response whose body does not match the model the SDK expects.

    Attributes:
        model: the model name (``"GoalJob"``).
        errors: the validation problems, as ``(location, message)`` pairs.
    """

    def __init__(
        self,
        message: str,
        *,
        model: str,
        errors: Iterable[tuple[str, str]] = (),
        request_id: str | None = None,
    ) -> None:
        self.model = model
        self.errors: tuple[tuple[str, str], ...] = tuple(errors)
        self.request_id = request_id
        super().__init__(message)


class UnexpectedFieldError(ResponseValidationError):
    """Strict mode only (``strict=True`` or ``CONVILYN_STRICT=1``): a response carried a field
    its model does not declare. ``model`` names the model, ``field`` the path from the
    response root. Outside strict mode such fields are kept in ``model_extra``."""

    def __init__(
        self,
        message: str,
        *,
        model: str,
        field: str,
        errors: Iterable[tuple[str, str]] = (),
        request_id: str | None = None,
    ) -> None:
        self.field = field
        super().__init__(message, model=model, errors=errors, request_id=request_id)


# ---------------------------------------------------------------------------------------------
# Job outcome errors
# ---------------------------------------------------------------------------------------------


class JobFailedError(ConvilynError):
    """A conversion job finished ``failed``. ``job`` is the final ``ConvertJob``."""

    def __init__(self, job: ConvertJob) -> None:
        self.job = job
        self.job_id: str = job.job_id
        self.processor_type: str = str(job.processor_type)
        err = job.error
        self.code: str = err.code if err is not None else "JOB_FAILED"
        self.message: str = err.message if err is not None else "the job failed without an error"
        super().__init__(
            f"Job {self.job_id} ({self.processor_type}) failed [{self.code}]: {self.message}"
        )


class JobTimeoutError(ConvilynError, TimeoutError):
    """``convert.wait`` gave up; the job may still finish on the server."""

    def __init__(self, *, job_id: str, elapsed: float, timeout: float) -> None:
        self.job_id = job_id
        self.elapsed = elapsed
        self.timeout = timeout
        super().__init__(
            f"Job {job_id} did not finish within {timeout:g}s (waited {elapsed:.1f}s); "
            "it may still complete: call convert.retrieve() or convert.wait() again."
        )


class GoalJobFailedError(ConvilynError):
    """A goal job finished ``failed``. ``job`` is the final ``GoalJob``; ``retryable`` tells
    whether ``goals.retry()`` (free, same job) is the server's suggested next step."""

    def __init__(self, job: GoalJob) -> None:
        self.job = job
        self.job_spec_id: str = job.job_spec_id
        self.code: str = job.error_code or "GOAL_JOB_FAILED"
        self.message: str = job.error_message or "the job failed without an error message"
        self.detail = job.error_detail
        self.suggested_action: str | None = job.suggested_action
        super().__init__(f"Goal job {self.job_spec_id} failed [{self.code}]: {self.message}")

    @property
    def retryable(self) -> bool:
        return self.suggested_action == "retry"


class GoalJobTimeoutError(ConvilynError, TimeoutError):
    """``goals.wait`` / ``goals.run`` gave up.

    ``reason`` is ``"total"`` (the overall ``timeout``), ``"idle"`` (nothing changed for
    ``idle_timeout``) or ``"rounds"`` (``run`` hit its interaction-round bound). The job may
    still be healthy: ``retrieve()`` it before assuming failure.
    """

    def __init__(
        self,
        *,
        job_spec_id: str,
        elapsed: float,
        timeout: float,
        reason: str = "total",
        last_status: str | None = None,
    ) -> None:
        self.job_spec_id = job_spec_id
        self.elapsed = elapsed
        self.timeout = timeout
        self.reason = reason
        self.last_status = last_status
        what = {
            "idle": f"showed no change for {timeout:g}s",
            "rounds": f"needed more than {timeout:g} interaction rounds",
        }.get(reason, f"did not finish within {timeout:g}s")
        status = f" (last status {last_status!r})" if last_status else ""
        super().__init__(f"Goal job {job_spec_id} {what}{status}; waited {elapsed:.1f}s.")


# ---------------------------------------------------------------------------------------------
# Mapping a response to an error (pure)
# ---------------------------------------------------------------------------------------------

_PLAN_CODES = {
    "TIER_REQUIRED",
    "PRO_TIER_REQUIRED",
    "BUSINESS_TIER_REQUIRED",
    "ENTERPRISE_TIER_REQUIRED",
}
# The billing operands: the live service puts them beside ``code`` or in ``details``, in
# camelCase or snake_case. ``_decode_error`` lifts the top-level ones into ``details``.
_OPERANDS = (
    "upgradeUrl",
    "estimatedMicroU",
    "thresholdMicroU",
    "requiredCredits",
    "availableCredits",
    "retryAfterSeconds",
    "resetAt",
)
_SNAKE_RE = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(name: str) -> str:
    return _SNAKE_RE.sub("_", name).lower()


def _operand(details: Mapping[str, Any], name: str) -> Any:
    """``details[name]``, else its snake_case spelling (``upgrade_url``), else ``None``."""
    value = details.get(name)
    return value if value is not None else details.get(_snake(name))


_FREE_TIER_CODES = {"SPEC_NOT_ALLOWED_ON_FREE", "FREE_COST_CAP_EXCEEDED"}
# ITEM_VERSION_MISMATCH: the live workflow PATCH (the vendor's recorded publish conflict).
_VERSION_CODES = {
    "VERSION_CONFLICT",
    "VERSION_MISMATCH",
    "ITEM_VERSION_CONFLICT",
    "ITEM_VERSION_MISMATCH",
}
_SEED_VERSION_RE = re.compile(r"expected\s+(\d+)\s*,\s*got\s+(\d+)", re.IGNORECASE)


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _float_or_none(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


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
    code: str | None
    message: str | None
    details: dict[str, Any]
    field_errors: list[FieldError]


def _decode_error(payload: object) -> _Decoded:
    """Understand every error body shape of WIRE.md."""
    empty = _Decoded(None, None, {}, [])
    if isinstance(payload, str):
        text = payload.strip()
        if not text or text.lstrip().startswith("<"):
            return empty  # HTML error page: the reason phrase says more than the markup
        return _Decoded(None, text[:500], {}, [])
    if not isinstance(payload, Mapping):
        return empty
    # {"detail": {...same envelope...}} / {"detail": "text"} / {"detail": [{loc,msg,type}]}
    if "detail" in payload and not ({"code", "message", "error"} & set(payload)):
        inner = payload["detail"]
        if isinstance(inner, Mapping):
            return _decode_error(inner)
        if isinstance(inner, str):
            return _Decoded(None, inner, {}, [])
        if isinstance(inner, list):
            errors = _field_errors(inner)
            summary = "; ".join(f"{e.field or 'request'}: {e.msg}" for e in errors if e.msg)
            return _Decoded(None, summary or "Validation failed", {}, errors)
        return empty
    code: str | None = None
    raw_code = payload.get("code")
    raw_error = payload.get("error")
    if isinstance(raw_code, str) and raw_code:
        code = raw_code
    elif isinstance(raw_error, str) and raw_error:
        code = raw_error  # seed 002: {"error": "version_conflict", "code": 409}
    elif isinstance(raw_error, Mapping):
        return _decode_error(raw_error)
    message: str | None = None
    for key in ("message", "msg"):
        candidate = payload.get(key)
        if isinstance(candidate, str):
            message = candidate
            break
    raw_details = payload.get("details")
    details: dict[str, Any] = dict(raw_details) if isinstance(raw_details, Mapping) else {}
    for name in _OPERANDS:
        for key in (name, _snake(name)):
            if payload.get(key) is not None and _operand(details, name) is None:
                details[key] = payload[key]
    errors = _field_errors(payload.get("errors"))
    return _Decoded(code, message, details, errors)


def _error_class(status: int, code: str | None) -> type[APIError]:
    norm = (code or "").upper()
    if status == 400:
        return BadRequestError
    if status == 401:
        return AuthenticationError
    if status == 402:
        if norm in _PLAN_CODES:
            return PlanRequiredError
        if norm == "QUOTA_EXCEEDED":
            return QuotaExceededError
        if norm == "INSUFFICIENT_CREDITS":
            return InsufficientCreditsError
        return PaymentRequiredError
    if status == 403:
        if norm in _FREE_TIER_CODES:
            return FreeTierBlockedError
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 408:
        return RequestTimeoutError
    if status == 409:
        if norm in _VERSION_CODES:
            return VersionConflictError
        if norm == "SPEC_NOT_PRICED":
            return SpecNotPricedError
        if norm == "CHARGE_UNAVAILABLE":
            return ChargeUnavailableError
        if norm == "FILE_IN_USE":
            return FileInUseError
        return ConflictError
    if status == 422:
        return UnprocessableEntityError
    if status == 429:
        return RateLimitError
    if status >= 500:
        return InternalServerError
    return APIError


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
    """Build the typed :class:`APIError` for an error response.

    Pure: takes the status, the headers (any mapping; names are matched case-insensitively)
    and the raw body bytes. ``secrets`` are scrubbed from the message and body text (an API
    key a proxy echoed back must not end up in a log through an exception). ``now`` (epoch
    seconds) resolves an HTTP-date ``Retry-After``.
    """
    secrets = tuple(s for s in secrets if s)
    lower = {k.lower(): _scrub(v, secrets) for k, v in headers.items()}
    payload = _scrub(_decode_body(body), secrets)
    decoded = _decode_error(payload)
    message = decoded.message or _reason_phrase(status_code)
    code = decoded.code
    request_id = lower.get("x-request-id")
    cls = _error_class(status_code, code)
    common: dict[str, Any] = {
        "status_code": status_code,
        "code": code,
        "details": decoded.details,
        "request_id": request_id,
        "headers": lower,
        "body": payload,
        "field_errors": decoded.field_errors,
    }
    if cls is VersionConflictError:
        expected = current = None
        match = _SEED_VERSION_RE.search(message)
        if match and not decoded.details:
            # seed 002: "itemVersion mismatch: expected 5, got 3": the server expected its
            # current version (5) and got the caller's (3).
            current, expected = int(match.group(1)), int(match.group(2))
        return VersionConflictError(
            message, expected_version=expected, current_version=current, **common
        )
    if cls is RateLimitError:
        retry_after = parse_retry_after(
            lower.get("retry-after"), now=time.time() if now is None else now
        )
        if retry_after is None:
            retry_after = _float_or_none(_operand(decoded.details, "retryAfterSeconds"))
        return RateLimitError(message, retry_after=retry_after, **common)
    return cls(message, **common)
