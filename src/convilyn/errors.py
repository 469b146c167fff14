"""Every exception the SDK raises.

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
    │   │   └── GroundedContractUnavailableError  404 without a code: grounded contracts are off
    │   ├── RequestTimeoutError                 408
    │   ├── ConflictError                       409
    │   │   ├── VersionConflictError            409 optimistic-lock conflict (both versions)
    │   │   ├── SpecNotPricedError              409 SPEC_NOT_PRICED (permanent)
    │   │   ├── ChargeUnavailableError          409 CHARGE_UNAVAILABLE (transient)
    │   │   ├── FileInUseError                  409 FILE_IN_USE
    │   │   ├── WorkflowIsPublicError           409 WORKFLOW_IS_PUBLIC_USE_ARCHIVE (archive, then delete)
    │   │   └── ContractNotDerivableError       409 CONTRACT_NOT_DERIVABLE (no extract stage)
    │   ├── UnprocessableEntityError            422 (``field_errors``)
    │   ├── RateLimitError                      429 (``retry_after``)
    │   ├── InternalServerError                 5xx
    │   ├── RedirectError                       3xx: never followed (the key must not travel)
    │   ├── RetryExhaustedError                 also mixed into any of these after retries
    │   └── StorageUploadError                  the presigned storage POST failed (S3UploadError)
    ├── ClientClosedError (also RuntimeError)   the client was closed: no retry mends it
    ├── APIConnectionError                      the request never got an HTTP answer
    │   └── APITimeoutError
    ├── AmbiguousWriteError                     a create may have happened; not re-sent
    ├── ResponseTooLargeError                   an answer past the size the SDK reads
    ├── ResponseValidationError                 a 2xx body the SDK cannot read as its model
    │   └── UnexpectedFieldError                an unknown field, in strict mode
    ├── UnsafeDownloadError (also ValueError)   a download target or URL that is refused
    ├── DownloadTargetExistsError (also FileExistsError)
    ├── DownloadWriteError (also OSError)       the disk refused a download (space, rights)
    ├── UnsupportedConversionError (also ValueError)
    ├── JobFailedError / JobTimeoutError (also TimeoutError)
    ├── GoalJobFailedError / GoalJobTimeoutError (also TimeoutError)
    ├── GoalArtifactUnusableError               a finished job's output cannot be handed back
    └── UnderstandUnavailableError              the service does not serve this understand shape

The billing errors (``PlanRequiredError`` …) also derive from ``BillingError`` so one ``except``
catches every refusal that wants a payment decision. The names of the official SDK
(``AuthError``, ``PlanRequiredError``, ``QuotaExceededError``, ``InsufficientCreditsError``,
``FreeTierBlockedError``, ``SpecNotPricedError``, ``ChargeUnavailableError``, ``S3UploadError``)
are kept so code written against it keeps working.

:func:`error_from_response` and :func:`parse_retry_after` are importable from here; they live
in :mod:`convilyn._error_decoding`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from convilyn._error_decoding import error_from_response, parse_retry_after
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
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "ContractNotDerivableError",
    "ConvilynError",
    "ConvilynWarning",
    "DownloadTargetExistsError",
    "DownloadWriteError",
    "FieldError",
    "FileInUseError",
    "FreeTierBlockedError",
    "GoalArtifactKind",
    "GoalArtifactProblem",
    "GoalArtifactUnusableError",
    "GoalJobFailedError",
    "GoalJobTimeoutError",
    "GroundedContractUnavailableError",
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
    "RedirectError",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryExhaustedError",
    "S3UploadError",
    "SpecNotPricedError",
    "StorageUploadError",
    "UnderstandUnavailableError",
    "UnexpectedFieldError",
    "UnprocessableEntityError",
    "UnsafeDownloadError",
    "UnsuitableInputError",
    "UnsupportedConversionError",
    "UnusedAnswersWarning",
    "VersionConflictError",
    "WorkflowIsPublicError",
    "error_from_response",
    "parse_retry_after",
]


# ---------------------------------------------------------------------------------------------
# Warnings
# ---------------------------------------------------------------------------------------------


class ConvilynWarning(UserWarning):
    """Base class of the warnings the SDK emits."""


class UnusedAnswersWarning(ConvilynWarning):
    """``goals.run`` ended with answers in ``slots=`` that no question of the job asked
    (a mistyped key, or a question this workflow does not have); ``unused`` names them."""

    def __init__(self, message: str, *, unused: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.unused = list(unused)


class QuotaSoftLimitWarning(ConvilynWarning):
    """The API answered with ``X-Quota-State: soft_limit``: close to the plan's quota."""


# ---------------------------------------------------------------------------------------------
# Base and local errors
# ---------------------------------------------------------------------------------------------


class ConvilynError(Exception):
    """Base class of every error the SDK raises: ``except ConvilynError`` covers them all.

    Its text never carries a registered API key: a body that echoes the key (a proxy's debug
    page, a field named after it) reaches the message, and so tracebacks, as ``[REDACTED]``.
    """

    def __init__(self, *args: object) -> None:
        from convilyn._logging import redact

        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))


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


class DownloadWriteError(ConvilynError, OSError):
    """The file system refused a download's write (disk full, no permission, a name it
    cannot hold); ``errno`` and ``filename`` are the operating system's. Nothing is left
    half-written: the temporary file is removed."""


class UnsupportedConversionError(ConvilynError, ValueError):
    """The source and target formats name no conversion the ``convert`` lane performs.

    Raised before anything is uploaded.
    """

    def __init__(self, message: str, *, source_format: str | None, target_format: str) -> None:
        super().__init__(message)
        self.source_format = source_format
        self.target_format = target_format


class UnsuitableInputError(ConvilynError, ValueError):
    """Local inputs a catalog workflow would refuse (too few files, a format it does not take,
    too many bytes in all), found by ``goals.check_inputs`` before anything is uploaded."""

    def __init__(self, message: str, *, workflow_id: str) -> None:
        super().__init__(message)
        self.workflow_id = workflow_id


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
        operation: the spec's operation id of the request (``"getWorkflow"``); ``""`` when
            unknown (a raw request to an undeclared path, a storage request).

    4.1's positional form ``APIError(status_code, code, message, details=None)`` is accepted
    too (code written against it, test doubles that raise these errors).
    """

    def __init__(
        self,
        message: str | int,
        *legacy: Any,
        status_code: int | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: object = None,
        field_errors: Iterable[FieldError] = (),
    ) -> None:
        if legacy or isinstance(message, int):
            status_code, code, message, details = _positional_41(message, legacy, details)
        if status_code is None:
            raise TypeError(f"{type(self).__name__}() needs status_code=")
        self.status_code = status_code
        self.code = code or f"HTTP_{status_code}"
        self.message = message
        self.details: dict[str, Any] = dict(details or {})
        self.request_id = request_id
        self.headers: dict[str, str] = {k.lower(): v for k, v in (headers or {}).items()}
        self.body = body
        self.field_errors: tuple[FieldError, ...] = tuple(field_errors)
        self.replayed = False
        self.operation = ""
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

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its state (pickle, copy, a process pool): the constructor's arguments
        # are keyword-only; one that outlived retries is rebuilt as its plain class, marked.
        plain = type(self).__dict__.get("_plain_class", type(self))
        return (_restore_api_error, (plain, self.args, dict(self.__dict__)))


def _restore_api_error(
    cls: type[APIError], args: tuple[Any, ...], state: dict[str, Any]
) -> APIError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    if "attempt_count" in state and not isinstance(error, RetryExhaustedError):
        from convilyn._error_decoding import mark_exhausted

        return mark_exhausted(error, state["attempt_count"])
    return error


def _positional_41(
    first: object, rest: tuple[Any, ...], details: Mapping[str, Any] | None
) -> tuple[int, str | None, str, Mapping[str, Any] | None]:
    """``(status_code, code, message, details)`` of 4.1's ``APIError(402, "CODE", "msg")``."""
    if not isinstance(first, int) or isinstance(first, bool) or not 2 <= len(rest) <= 3:
        raise TypeError(
            "APIError takes (message, status_code=..., code=...), or 4.1's "
            "(status_code, code, message, details=None)"
        )
    extra = rest[2] if len(rest) == 3 else details
    return first, rest[0], str(rest[1]), extra


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


class GroundedContractUnavailableError(NotFoundError):
    """404 without ``WORKFLOW_NOT_FOUND`` from ``user_workflows.grounded_contract``: the service
    has grounded contracts switched off (disabled by default, being withdrawn). Retrying will not
    help; an unknown workflow is a plain :class:`NotFoundError` (``WORKFLOW_NOT_FOUND``)."""


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


class WorkflowIsPublicError(ConflictError):
    """409 ``WORKFLOW_IS_PUBLIC_USE_ARCHIVE``: a public workflow is not deleted. Archive it
    first (``workflows.patch(workflow_id, item_version=..., visibility="archived")``), then
    delete it."""


class ContractNotDerivableError(ConflictError):
    """409 ``CONTRACT_NOT_DERIVABLE``: the workflow has no extract stage, so it has no grounded
    contract. Change the workflow in the Builder, then ask again."""


class UnprocessableEntityError(APIError):
    """422: the request failed validation; see ``field_errors``."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` (seconds) says when to try again, if known."""

    def __init__(
        self, message: str | int, *legacy: Any, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, *legacy, **kwargs)


class RetryExhaustedError(APIError):
    """An API error that survived retries: the answer of the last of ``attempt_count``
    attempts (4.1's name). The error keeps its own class and gains this one, so ``except
    RateLimitError`` and ``except RetryExhaustedError`` both catch a 429 that outlasted the
    retry policy (its ``type().__name__`` stays ``RateLimitError``); an answer of no more
    specific class than ``APIError`` is a plain ``RetryExhaustedError``."""

    attempt_count: int = 1

    def __init__(self, message: str | int, *legacy: Any, attempt_count: int = 1, **kwargs: Any):
        super().__init__(message, *legacy, **kwargs)
        self.attempt_count = attempt_count


class InternalServerError(APIError):
    """5xx: the service failed (already retried, when the retry policy allows)."""


class RedirectError(APIError):
    """3xx: the server (the API, or presigned storage) answered with a redirect. The SDK
    never follows one: the API key, or an upload, must not travel to where it points.

    Attributes:
        location: the ``Location`` it pointed to, its query (a signature) left out.
        location_host: that URL's host, or ``""`` without one.
    """

    def __init__(self, message: str, *, location: str | None = None, **kwargs: Any) -> None:
        self.location = location
        self.location_host = _host_of(location)
        super().__init__(message, **kwargs)


def _host_of(url: str | None) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "") if url else ""


class StorageUploadError(APIError):
    """The presigned storage POST of an upload failed (the API key is never sent there)."""


S3UploadError = StorageUploadError


class ClientClosedError(ConvilynError, RuntimeError):
    """A call on a client that was closed (``close()`` / ``aclose()``, or its ``with``
    block ended): nothing was sent, and a retry cannot help. Use a client that is open."""


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


class ResponseTooLargeError(ConvilynError):
    """An API answer went past ``limit`` bytes (counted decompressed) and was not read on:
    a broken or hostile server, a proxy's endless page, a compression bomb."""

    def __init__(self, message: str, *, limit: int, url: str | None = None) -> None:
        self.limit = limit
        self.url = url
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


_ARTIFACT_LABEL = {"json": "JSON", "markdown": "Markdown"}


# What the caller asked an artifact to be, and what was wrong with it (4.1's names).
GoalArtifactKind = Literal["json", "markdown"]
GoalArtifactProblem = Literal["missing", "unparsable", "too_large"]


class GoalArtifactUnusableError(ConvilynError):
    """``goals.understand`` / ``to_markdown`` / ``extract``: the job finished (and was charged)
    but its output cannot be handed back. Not the caller's mistake, so not a ``ValueError``.

    ``reason`` says which (``kind`` is ``"json"`` or ``"markdown"``, the shape asked for):

    - ``"missing"``: no artifact of that kind; ``job_status`` tells whether the run was
      ``partial`` (the common cause).
    - ``"unparsable"``: the artifact is not valid JSON / UTF-8; ``detail`` is the decoder's word.
    - ``"too_large"``: over the in-memory cap (``max_bytes``, 8 MiB); fetch it with
      ``goals.download_artifact_to(job_spec_id, artifact_id, to=...)`` instead.
    """

    def __init__(
        self,
        *,
        job_spec_id: str,
        kind: GoalArtifactKind,
        reason: GoalArtifactProblem,
        job_status: str | None = None,
        artifact_id: str | None = None,
        size_bytes: int | None = None,
        max_bytes: int | None = None,
        detail: str | None = None,
    ) -> None:
        self.job_spec_id = job_spec_id
        self.kind = kind
        self.reason = reason
        self.job_status = job_status
        self.artifact_id = artifact_id
        self.size_bytes = size_bytes
        self.max_bytes = max_bytes
        self.detail = detail
        super().__init__(self._summary())

    def _summary(self) -> str:
        label = _ARTIFACT_LABEL.get(self.kind, self.kind)
        job, art = self.job_spec_id, self.artifact_id
        if self.reason == "too_large":
            return (
                f"GoalJob {job} artifact {art} is {self.size_bytes} bytes, over this method's "
                f"{self.max_bytes}-byte in-memory cap; fetch it with "
                f"goals.download_artifact_to({job!r}, {art!r}, to=...) instead."
            )
        if self.reason == "unparsable":
            return (
                f"GoalJob {job} artifact {art} is not valid {label}: {self.detail}; "
                f"goals.download_artifact_to({job!r}, {art!r}, to=...) saves it as it is."
            )
        status = f" Job status: {self.job_status}." if self.job_status else ""
        return (
            f"GoalJob {job} did not fail, but produced no {label} artifact: there is no result "
            f"to return.{status} goals.artifacts({job!r}) lists what it did produce."
        )


class UnderstandUnavailableError(ConvilynError):
    """``goals.understand`` / ``to_markdown``: the service refused the request's shape (its
    create answered 400, 404, 422 or 501), so no grounded result exists; nothing ran.

    The message is the service's own reason when it gave one (several files, a file kind with
    no pipeline). ``status_code``, ``code`` and ``request_id`` are the refusal's, and the
    refusing ``APIError`` is ``__cause__``. A 402 / 429 / 5xx is not this: it propagates as
    its own error.
    """

    DEFAULT_MESSAGE = (
        "The connected Convilyn platform does not support schema-grounded understanding "
        "(goals.understand) yet; no grounded result was returned."
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        status_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.request_id = request_id
        self.message = text = message or self.DEFAULT_MESSAGE
        if request_id:
            text += f" (request id {request_id})"
        super().__init__(text)


# ---------------------------------------------------------------------------------------------
# Reading the operands of ``details`` (the billing properties, the decoding)
# ---------------------------------------------------------------------------------------------

_SNAKE_RE = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(name: str) -> str:
    return _SNAKE_RE.sub("_", name).lower()


def _operand(details: Mapping[str, Any], name: str) -> Any:
    """``details[name]``, else its snake_case spelling (``upgrade_url``), else ``None``."""
    value = details.get(name)
    return value if value is not None else details.get(_snake(name))


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


_DECODING = frozenset({"error_from_response", "parse_retry_after"})

if not TYPE_CHECKING:
    # The decoding module imports the classes above, so it cannot be imported at the top of
    # this one; loaded on first use, either module can be imported first.
    def __getattr__(name: str) -> object:
        if name not in _DECODING:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module("convilyn._error_decoding"), name)
        globals()[name] = value
        return value
