"""Turn any exception into one human line, an exit code and a JSON error document.

A line reads ``convilyn: <what failed>: <status> <CODE>: <message> (request id <id>). Try: <hint>``
and is the only thing printed for an error unless ``CONVILYN_DEBUG=1`` is set (then the traceback
follows). With ``--json`` the same facts are also printed on stdout as ``{"error": {...}}``.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Any

from convilyn import errors as E

from ._exit import CLIError, ExitCode, NeedsInputError

__all__ = ["Failure", "describe"]


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


def _api_hint(exc: E.APIError) -> str | None:
    if isinstance(exc, E.AuthenticationError):
        return "check the key with `convilyn doctor`, or store a new one with `convilyn login`"
    if isinstance(exc, E.PlanRequiredError):
        url = exc.upgrade_url
        return f"upgrade to {exc.required_plan}" + (f" at {url}" if url else "")
    if isinstance(exc, E.QuotaExceededError):
        when = f" (resets {exc.reset_at})" if exc.reset_at else ""
        url = f", or upgrade at {exc.upgrade_url}" if exc.upgrade_url else ""
        return f"wait for the quota to reset{when}{url}"
    if isinstance(exc, E.InsufficientCreditsError):
        need = exc.shortfall_credits
        more = f" ({need} more credits needed)" if need else ""
        return f"top up credits{more}; see `convilyn account balance`"
    if isinstance(exc, E.FreeTierBlockedError):
        url = exc.upgrade_url
        return "this needs a paid plan" + (f": {url}" if url else "")
    if isinstance(exc, E.SpecNotPricedError):
        return "this workflow cannot be run yet; choose another one (`convilyn workflows catalog`)"
    if isinstance(exc, E.ChargeUnavailableError):
        return "billing is briefly unavailable; run the command again in a minute"
    if isinstance(exc, E.PermissionDeniedError):
        return "this key is not allowed to do that; check its scopes in your account settings"
    if isinstance(exc, E.NotFoundError):
        return _not_found_hint(exc)
    if isinstance(exc, E.VersionConflictError):
        return (
            "the resource changed meanwhile; read it again (`convilyn goals status ID`) and retry"
        )
    if isinstance(exc, E.FileInUseError):
        return "a job still uses this file; wait for it to finish or cancel it, then delete again"
    if isinstance(exc, E.ConflictError):
        if exc.code == "ALREADY_TERMINAL":
            return "the job already ended; see how with `convilyn goals status ID`"
        return "check the resource's current state and retry"
    if isinstance(exc, E.BadRequestError):
        return "check the job's current state with `convilyn goals status ID`"
    if isinstance(exc, E.UnprocessableEntityError):
        return "fix the fields named above and run again"
    if isinstance(exc, E.RateLimitError):
        after = f" in {exc.retry_after:.0f}s" if exc.retry_after is not None else " later"
        return f"rate limited after retries; run again{after} or raise --max-retries"
    if isinstance(exc, E.StorageUploadError):
        return "the storage upload was refused; run the upload again"
    if isinstance(exc, E.InternalServerError):
        return "the service failed after retries; run again later and quote the request id"
    return None


def _not_found_hint(exc: E.NotFoundError) -> str:
    """What to check depends on what was not found: the code (``FILE_NOT_FOUND``), the details
    (``fileId``, ``resource``) or the message (``Goal job js_... not found``) say which."""
    details = exc.details
    text = " ".join(
        [exc.code or "", str(details.get("resource", "")), *details, exc.message or ""]
    ).lower()
    if "artifact" in text:
        return "check the artifact id with `convilyn goals artifacts JOB_ID`"
    if "workflow" in text:
        return "check the workflow id (`convilyn workflows catalog`, `convilyn workflows search`)"
    if "file" in text or "upload" in text:
        return "check the file id (`convilyn files list`)"
    if "conversion" in text:
        return "check the conversion job id"
    if "job" in text:
        return "check the job id; `convilyn goals status JOB_ID` reads a job this key can see"
    return "check the id (`convilyn files list`, `convilyn workflows catalog`)"


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


def describe(exc: BaseException) -> Failure:
    """The :class:`Failure` for an exception (never raises)."""
    name = type(exc).__name__
    if isinstance(exc, KeyboardInterrupt):
        return Failure(ExitCode.INTERRUPTED, "interrupted", "interrupted", exception=name)
    if isinstance(exc, NeedsInputError):
        return Failure(
            exc.exit_code, exc.kind, exc.message, hint=exc.hint, exception=name, extra=exc.extra
        )
    if isinstance(exc, CLIError):
        return Failure(
            exc.exit_code, exc.kind, exc.message, hint=exc.hint, exception=name, extra=exc.extra
        )
    if isinstance(exc, E.APIError):
        return Failure(
            ExitCode.API,
            "api_error",
            _api_message(exc),
            hint=_api_hint(exc),
            status_code=exc.status_code,
            code=exc.code,
            request_id=exc.request_id,
            exception=name,
        )
    if isinstance(exc, E.APITimeoutError):
        return Failure(
            ExitCode.API,
            "connection_error",
            str(exc) or "the request timed out",
            hint="raise --timeout, or check the network and `convilyn doctor`",
            exception=name,
        )
    if isinstance(exc, E.APIConnectionError):
        where = f" ({exc.url})" if exc.url and exc.url not in str(exc) else ""
        return Failure(
            ExitCode.API,
            "connection_error",
            f"{exc}{where}",
            hint="check --base-url and the network with `convilyn doctor`",
            exception=name,
        )
    if isinstance(exc, E.ResponseValidationError):
        return Failure(
            ExitCode.API,
            "response_error",
            str(exc),
            hint="the API sent something this version cannot read; upgrade convilyn",
            request_id=exc.request_id,
            exception=name,
        )
    if isinstance(exc, E.GoalJobFailedError):
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
            exception=name,
            extra={"job_spec_id": exc.job_spec_id},
        )
    if isinstance(exc, E.JobFailedError):
        return Failure(
            ExitCode.JOB_FAILED,
            "job_failed",
            f"conversion job {exc.job_id} failed: {exc.message}",
            hint="check the input file, or convert to another format",
            code=exc.code,
            exception=name,
            extra={"job_id": exc.job_id},
        )
    if isinstance(exc, E.GoalJobTimeoutError):
        return Failure(
            ExitCode.JOB_FAILED,
            "job_timeout",
            str(exc),
            hint=f"keep waiting with `convilyn goals wait {exc.job_spec_id}`",
            exception=name,
            extra={"job_spec_id": exc.job_spec_id},
        )
    if isinstance(exc, E.JobTimeoutError):
        return Failure(
            ExitCode.JOB_FAILED,
            "job_timeout",
            str(exc),
            hint="raise --wait-timeout",
            exception=name,
            extra={"job_id": exc.job_id},
        )
    if isinstance(exc, E.DownloadTargetExistsError):
        return Failure(
            ExitCode.USAGE,
            "local_error",
            str(exc),
            hint="pass --overwrite, or choose another -o",
            exception=name,
        )
    if isinstance(exc, E.AuthError):
        return Failure(
            ExitCode.USAGE,
            "config_error",
            str(exc),
            hint="run `convilyn login`, pass --api-key, or set CONVILYN_API_KEY",
            exception=name,
        )
    if isinstance(exc, E.UnsupportedConversionError):
        return Failure(
            ExitCode.USAGE,
            "local_error",
            str(exc),
            hint="pick a --to of the same family (document, image or media)",
            exception=name,
        )
    if isinstance(exc, E.ConvilynError):  # ConfigurationError, UnsafeDownload, ...
        return Failure(ExitCode.USAGE, "local_error", str(exc), exception=name)
    if isinstance(exc, ValueError):  # the SDK's own argument checks (limit out of range...)
        return Failure(ExitCode.USAGE, "usage_error", str(exc), exception=name)
    if isinstance(exc, OSError):
        target = f" {exc.filename}" if exc.filename else ""
        reason = exc.strerror or str(exc)
        os_hint = None
        if exc.errno == errno.ENOENT or isinstance(exc, FileNotFoundError):
            os_hint = "check the path"
        elif exc.errno in (errno.EACCES, errno.EPERM):
            os_hint = "check the file's permissions"
        return Failure(
            ExitCode.USAGE,
            "local_error",
            f"cannot use{target}: {reason}" if target else reason,
            hint=os_hint,
            exception=name,
        )
    return Failure(
        ExitCode.USAGE,
        "internal_error",
        f"unexpected {name}: {exc}",
        hint="set CONVILYN_DEBUG=1 for a traceback and report it",
        exception=name,
    )
