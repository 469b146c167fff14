"""Turn any exception into one human line, an exit code and a JSON error document.

A line reads ``convilyn: <what failed>: <status> <CODE>: <message> (request id <id>). Try: <hint>``
and is the only thing printed for an error unless ``CONVILYN_DEBUG=1`` is set (then the traceback
follows). With ``--json`` the same facts are also printed on stdout as ``{"error": {...}}``.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from convilyn import errors as E

from ._exit import CLIError, ExitCode

__all__ = ["Failure", "describe"]

_V = TypeVar("_V")


@dataclass
class Failure:
    """What the CLI prints and returns for an exception."""

    exit_code: ExitCode
    kind: str
    message: str
    hint: str | None = None
    status_code: int | None = None
    code: str | None = None
    request_id: str | None = None
    exception: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def line(self, action: str | None) -> str:
        what = f"{action} failed" if action else "error"
        text = f"convilyn: {what}: "
        if self.status_code is not None:
            text += f"{self.status_code} {self.code}: " if self.code else f"{self.status_code}: "
        elif self.code:
            text += f"{self.code}: "
        text += self.message.rstrip(".")
        if self.request_id:
            text += f" (request id {self.request_id})"
        text += "."
        if self.hint:
            text += f" Try: {self.hint.rstrip('.')}."
        return " ".join(text.split())  # one line, whatever the server sent

    def document(self, action: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "exit_code": int(self.exit_code),
            "kind": self.kind,
            "type": self.exception,
            "action": action,
            "message": self.message,
            "status_code": self.status_code,
            "code": self.code,
            "request_id": self.request_id,
            "hint": self.hint,
        }
        body.update(self.extra)
        return {"error": body}


# One hint per operation a 404 can answer; any other 404 gets ``_NOT_FOUND``.
_JOB_NOT_FOUND = "check the job id; `convilyn goals status JOB_ID` reads a job this key can see"
_FILE_NOT_FOUND = "check the file id (`convilyn files list`)"
_CATALOG_NOT_FOUND = (
    "check the workflow id (`convilyn workflows catalog`, `convilyn workflows search`)"
)
_NOT_FOUND = "check the id: it does not exist, or this key cannot see it"
_NOT_FOUND_BY_OPERATION: dict[str, str] = {
    "getGoalJob": _JOB_NOT_FOUND,
    "getGoalJobStatus": _JOB_NOT_FOUND,
    "updateGoalJobSlots": _JOB_NOT_FOUND,
    "confirmGoalJob": _JOB_NOT_FOUND,
    "cancelGoalJob": _JOB_NOT_FOUND,
    "retryGoalJob": _JOB_NOT_FOUND,
    "listGoalJobArtifacts": _JOB_NOT_FOUND,
    "getGoalJobDownload": _JOB_NOT_FOUND,
    "getGoalJobArtifactDownload": "check the artifact id with `convilyn goals artifacts JOB_ID`",
    "confirmUpload": _FILE_NOT_FOUND,
    "deleteFile": _FILE_NOT_FOUND,
    "createConvertJob": _FILE_NOT_FOUND,
    "getConvertJob": "check the conversion job id",
    # The workflows the catalog and the community search list; a user workflow
    # (``createGoalJob``) or one being edited (``patchWorkflow``) is not found there.
    "getWorkflow": _CATALOG_NOT_FOUND,
    "forkWorkflow": _CATALOG_NOT_FOUND,
    "likeWorkflow": _CATALOG_NOT_FOUND,
    "previewWorkflowCost": _CATALOG_NOT_FOUND,
    **dict.fromkeys(
        (
            "getUserWorkflow",
            "deleteUserWorkflow",
            "exportUserWorkflow",
            "getUserWorkflowGroundedContract",
            "listUserWorkflowRuns",
        ),
        "check the workflow id (`convilyn user-workflows list`)",
    ),
    **dict.fromkeys(
        ("getBuilderSession", "sendBuilderMessage", "listBuilderMessages"),
        "check the chat id; `convilyn builder start` opens a new session",
    ),
    "createBuilderSession": "check --edit: `convilyn user-workflows list` shows your workflows",
}


def _plan_hint(exc: E.PlanRequiredError) -> str:
    url = exc.upgrade_url
    return f"upgrade to {exc.required_plan}" + (f" at {url}" if url else "")


def _quota_hint(exc: E.QuotaExceededError) -> str:
    when = f" (resets {exc.reset_at})" if exc.reset_at else ""
    url = f", or upgrade at {exc.upgrade_url}" if exc.upgrade_url else ""
    return f"wait for the quota to reset{when}{url}"


def _credits_hint(exc: E.InsufficientCreditsError) -> str:
    need = exc.shortfall_credits
    more = f" ({need} more credits needed)" if need else ""
    return f"top up credits{more}; see `convilyn account balance`"


def _free_tier_hint(exc: E.FreeTierBlockedError) -> str:
    url = exc.upgrade_url
    return "this needs a paid plan" + (f": {url}" if url else "")


def _not_found_hint(exc: E.NotFoundError) -> str:
    return _NOT_FOUND_BY_OPERATION.get(exc.operation, _NOT_FOUND)


def _conflict_hint(exc: E.ConflictError) -> str:
    if exc.code == "ALREADY_TERMINAL":
        return "the job already ended; see how with `convilyn goals status {job}`"
    return "check the resource's current state and retry"


def _rate_limit_hint(exc: E.RateLimitError) -> str:
    after = f" in {exc.retry_after:.0f}s" if exc.retry_after is not None else " later"
    if exc.operation == "sendBuilderMessage":  # the Builder's turn budget, not the API's rate
        return f"your Builder turns are used up; try again{after} (`convilyn builder quota`)"
    return f"rate limited after retries; run again{after} or raise --max-retries"


# The hint of an API error: its class's entry, else the nearest base class's (``_resolve``).
# Classes without one (PaymentRequiredError, BillingError, APIError) print no hint.
_API_HINTS: dict[type[E.APIError], str | Callable[[Any], str]] = {
    E.AuthenticationError: (
        "check the key with `convilyn doctor --ping`, or store a new one with `convilyn login`"
    ),
    E.PlanRequiredError: _plan_hint,
    E.QuotaExceededError: _quota_hint,
    E.InsufficientCreditsError: _credits_hint,
    E.FreeTierBlockedError: _free_tier_hint,
    E.SpecNotPricedError: (
        "this workflow cannot be run yet; choose another one (`convilyn workflows catalog`)"
    ),
    E.ChargeUnavailableError: "billing is briefly unavailable; run the command again in a minute",
    E.PermissionDeniedError: (
        "this key is not allowed to do that; check its scopes in your account settings"
    ),
    E.NotFoundError: _not_found_hint,
    E.VersionConflictError: (
        "the resource changed meanwhile; read it again (`convilyn goals status {job}`) and retry"
    ),
    E.FileInUseError: (
        "a job still uses this file; wait for it to finish or cancel it, then delete again"
    ),
    E.WorkflowIsPublicError: "archive it first: `convilyn user-workflows delete ID --archive`",
    E.ContractNotDerivableError: (
        "the workflow has no extract stage; change it with `convilyn builder start --edit ID`"
    ),
    E.GroundedContractUnavailableError: (
        "grounded contracts are switched off on this service; there is nothing to retry"
    ),
    E.ConflictError: _conflict_hint,
    E.BadRequestError: "check the job's current state with `convilyn goals status {job}`",
    E.UnprocessableEntityError: "fix the fields named above and run again",
    E.RateLimitError: _rate_limit_hint,
    E.StorageUploadError: "the storage upload was refused; run the upload again",
    E.InternalServerError: (
        "the service failed after retries; run again later and quote the request id"
    ),
}


def _resolve(table: Mapping[type, _V], exc: BaseException) -> _V | None:
    """The entry of the most specific class of ``exc`` the table names (its MRO order)."""
    return next((table[cls] for cls in type(exc).__mro__ if cls in table), None)


def _api_hint(exc: E.APIError) -> str | None:
    hint = _resolve(_API_HINTS, exc)
    return hint(exc) if callable(hint) else hint


def _api_message(exc: E.APIError) -> str:
    message = exc.message or ""
    extra = [fe for fe in exc.field_errors if fe.msg and fe.msg not in message]
    if extra:
        fields = "; ".join(f"{fe.field or 'request'}: {fe.msg}" for fe in extra)
        message = f"{message} ({fields})" if message else fields
    if isinstance(exc, E.VersionConflictError) and (
        exc.expected_version is not None or exc.current_version is not None
    ):
        message += f" [expected version {exc.expected_version}, current {exc.current_version}]"
    return message or "the API refused the request"


def _api_failure(exc: E.APIError) -> Failure:
    return Failure(
        ExitCode.API,
        "api_error",
        _api_message(exc),
        hint=_api_hint(exc),
        status_code=exc.status_code,
        code=exc.code,
        request_id=exc.request_id,
    )


def _cli_failure(exc: CLIError) -> Failure:
    return Failure(exc.exit_code, exc.kind, exc.message, hint=exc.hint, extra=exc.extra)


def _connection_failure(exc: E.APIConnectionError) -> Failure:
    where = f" ({exc.url})" if exc.url and exc.url not in str(exc) else ""
    return Failure(
        ExitCode.API,
        "connection_error",
        f"{exc}{where}",
        hint="check --base-url and the network with `convilyn doctor --ping`",
    )


def _response_failure(exc: E.ResponseValidationError) -> Failure:
    return Failure(
        ExitCode.API,
        "response_error",
        str(exc),
        hint="the API sent something this version cannot read; upgrade convilyn",
        request_id=exc.request_id,
    )


def _goal_failed(exc: E.GoalJobFailedError) -> Failure:
    hint = (
        f"`convilyn goals retry {exc.job_spec_id}`"
        if exc.retryable
        else f"see `convilyn goals status {exc.job_spec_id}`"
    )
    return Failure(
        ExitCode.JOB_FAILED,
        "job_failed",
        f"goal job {exc.job_spec_id} failed: {exc.message}",
        hint=hint,
        code=exc.code,
        extra={"job_spec_id": exc.job_spec_id},
    )


def _job_failed(exc: E.JobFailedError) -> Failure:
    return Failure(
        ExitCode.JOB_FAILED,
        "job_failed",
        f"conversion job {exc.job_id} failed: {exc.message}",
        hint="check the input file, or convert to another format",
        code=exc.code,
        extra={"job_id": exc.job_id},
    )


def _goal_timeout(exc: E.GoalJobTimeoutError) -> Failure:
    return Failure(
        ExitCode.JOB_FAILED,
        "job_timeout",
        str(exc),
        hint=f"keep waiting with `convilyn goals wait {exc.job_spec_id}`",
        extra={"job_spec_id": exc.job_spec_id},
    )


def _job_timeout(exc: E.JobTimeoutError) -> Failure:
    return Failure(
        ExitCode.JOB_FAILED,
        "job_timeout",
        str(exc),
        hint="raise --wait-timeout",
        extra={"job_id": exc.job_id},
    )


def _artifact_unusable(exc: E.GoalArtifactUnusableError) -> Failure:
    job = exc.job_spec_id
    hint = (
        f"`convilyn goals download {job} --artifact {exc.artifact_id} -o FILE` saves it as it is"
        if exc.artifact_id
        else f"see what the job produced: `convilyn goals artifacts {job}`"
    )
    return Failure(
        ExitCode.JOB_FAILED,
        "artifact_unusable",
        str(exc),
        hint=hint,
        code=exc.reason,
        extra={"job_spec_id": job, "reason": exc.reason, "artifact_id": exc.artifact_id},
    )


def _understand_unavailable(exc: E.UnderstandUnavailableError) -> Failure:
    return Failure(
        ExitCode.API,
        "api_error",
        exc.message,
        hint="send one file per request; or run a workflow instead (`convilyn goals run`)",
        status_code=exc.status_code,
        code=exc.code,
        request_id=exc.request_id,
    )


def _os_failure(exc: OSError) -> Failure:
    target = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    hint = None
    if exc.errno == errno.ENOENT or isinstance(exc, FileNotFoundError):
        hint = "check the path"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        hint = "check the file's permissions"
    return Failure(
        ExitCode.USAGE,
        "local_error",
        f"cannot use{target}: {reason}" if target else reason,
        hint=hint,
    )


def _plain(
    exit_code: ExitCode, kind: str, hint: str | None = None, *, default: str = ""
) -> Callable[[BaseException], Failure]:
    """A failure that prints the exception's own text (``default`` when it has none)."""
    return lambda exc: Failure(exit_code, kind, str(exc) or default, hint=hint)


# What the CLI prints for an exception: its class's entry, else the nearest base class's.
_FAILURES: dict[type[BaseException], Callable[[Any], Failure]] = {
    KeyboardInterrupt: lambda _: Failure(ExitCode.INTERRUPTED, "interrupted", "interrupted"),
    CLIError: _cli_failure,  # NeedsInputError too
    E.APIError: _api_failure,
    E.APITimeoutError: _plain(
        ExitCode.API,
        "connection_error",
        "raise --timeout, or check the network and `convilyn doctor --ping`",
        default="the request timed out",
    ),
    E.APIConnectionError: _connection_failure,
    E.ResponseValidationError: _response_failure,
    E.GoalJobFailedError: _goal_failed,
    E.JobFailedError: _job_failed,
    E.GoalJobTimeoutError: _goal_timeout,
    E.GoalArtifactUnusableError: _artifact_unusable,
    E.UnderstandUnavailableError: _understand_unavailable,
    E.JobTimeoutError: _job_timeout,
    E.DownloadTargetExistsError: _plain(
        ExitCode.USAGE, "local_error", "pass --overwrite, or choose another -o"
    ),
    E.AuthError: _plain(
        ExitCode.USAGE,
        "config_error",
        "run `convilyn login`, pass --api-key, or set CONVILYN_API_KEY",
    ),
    E.UnsupportedConversionError: _plain(
        ExitCode.USAGE,
        "local_error",
        "pick a --to of the same family (document, image or media)",
    ),
    E.UnsuitableInputError: _plain(
        ExitCode.USAGE,
        "local_error",
        "see what the workflow accepts in `convilyn workflows catalog --json`",
    ),
    E.ConvilynError: _plain(ExitCode.USAGE, "local_error"),  # ConfigurationError, UnsafeDownload...
    ValueError: _plain(ExitCode.USAGE, "usage_error"),  # the SDK's own argument checks
    OSError: _os_failure,
}


def _unexpected(exc: BaseException) -> Failure:
    return Failure(
        ExitCode.USAGE,
        "internal_error",
        f"unexpected {type(exc).__name__}: {exc}",
        hint="set CONVILYN_DEBUG=1 for a traceback and report it",
    )


def describe(exc: BaseException, *, job_id: str | None = None) -> Failure:
    """The :class:`Failure` for an exception (never raises); hints name ``job_id``, the job
    the command was driving, when there is one."""
    failure = (_resolve(_FAILURES, exc) or _unexpected)(exc)
    failure.exception = type(exc).__name__
    if failure.hint:
        failure.hint = failure.hint.replace("{job}", job_id or "ID")
    return failure
