"""Exit codes and the CLI's own exceptions (no third-party imports).

The exit codes are part of the command's contract: scripts branch on them.

====  ==========================================================================
code  meaning
====  ==========================================================================
0     success
1     usage or configuration error (bad flag, missing key, unreadable file, local refusal)
2     API error (the server answered with an error, or could not be reached)
3     job failed (a conversion or goal job ended failed/cancelled, or did not finish in time)
4     needs input (a goal job waits for slot answers or a confirm, and no answer was possible)
130   interrupted (Ctrl-C)
====  ==========================================================================
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

__all__ = ["CLIError", "ExitCode", "JobOutcomeError", "NeedsInputError", "UsageError"]


class ExitCode(enum.IntEnum):
    OK = 0
    USAGE = 1
    API = 2
    JOB_FAILED = 3
    NEEDS_INPUT = 4
    INTERRUPTED = 130


class CLIError(Exception):
    """An error the CLI reports as one line, with an exit code and an optional hint."""

    exit_code: ExitCode = ExitCode.USAGE
    kind: str = "cli_error"

    def __init__(self, message: str, *, hint: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.extra: dict[str, Any] = extra


class UsageError(CLIError):
    """Bad arguments or configuration: exit 1."""

    exit_code = ExitCode.USAGE
    kind = "usage_error"


class NeedsInputError(CLIError):
    """A goal job waits for answers the CLI could not get (stdin is not a terminal): exit 4."""

    exit_code = ExitCode.NEEDS_INPUT
    kind = "needs_input"

    def __init__(
        self,
        message: str,
        *,
        job_spec_id: str,
        status: str,
        slots: Sequence[str] = (),
        hint: str | None = None,
    ) -> None:
        super().__init__(
            message, hint=hint, job_spec_id=job_spec_id, status=status, pending_slots=list(slots)
        )
        self.job_spec_id = job_spec_id
        self.status = status
        self.slots = list(slots)


class JobOutcomeError(CLIError):
    """A job ended in a state that is not success (cancelled, for instance): exit 3."""

    exit_code = ExitCode.JOB_FAILED
    kind = "job_failed"
