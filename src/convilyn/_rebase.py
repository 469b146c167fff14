"""Optimistic-lock rebasing: what to do with a write the server refused as stale (pure, no I/O).

A 409 version conflict means someone else changed the resource between the caller's read and
write. The write loop (``_async/_rebase.py``) re-reads the current state and asks one of the
``decide_*`` functions here, which answer with what the decision carries:

* :class:`Resend`: the caller's change still applies (its slots are still pending; the job is
  still confirmable; the workflow fields it sets were not touched by the other writer); it
  carries the part of the change to send again against the current version.
* :class:`AlreadyApplied`: the current state already contains the caller's change (the same
  answers were recorded; the job was confirmed): nothing to send, the current state is the
  result.
* :class:`Refused`: applying it now would overwrite or lose something; it carries the reason
  that ``VersionConflictError`` reports with both versions.

Never a lost answer (answers are only dropped when the server already holds exactly them), and
never a blind overwrite (nothing is resent unless the state it relies on is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from convilyn._goal_status import (
    GOAL_NEEDS_INPUT,
    GOAL_READY,
    GOAL_RUNNING_AFTER_CONFIRM,
    GOAL_SUCCEEDED,
    GOAL_TERMINAL,
)
from convilyn._goal_status import normalize_goal_status as _norm
from convilyn.errors import VersionConflictError

__all__ = [
    "MAX_REBASE_ATTEMPTS",
    "AlreadyApplied",
    "Decision",
    "Refused",
    "Resend",
    "decide_confirm",
    "decide_fill",
    "decide_patch",
    "rebase_failed",
]

MAX_REBASE_ATTEMPTS = 3

# Where a job that started executing can be without another confirm: at a checkpoint, or done.
_PAST_CONFIRM = GOAL_NEEDS_INPUT | GOAL_SUCCEEDED

Change = TypeVar("Change")


@dataclass(frozen=True)
class Resend(Generic[Change]):
    """Send ``change`` (what of the caller's change still applies) against the current version."""

    change: Change
    reason: str


@dataclass(frozen=True)
class AlreadyApplied:
    reason: str


@dataclass(frozen=True)
class Refused:
    reason: str


Decision = Resend[Change] | AlreadyApplied | Refused


def decide_fill(
    answers: Mapping[str, Any],
    *,
    status: object,
    pending_ids: Iterable[str],
    filled: Mapping[str, Any],
) -> Decision[dict[str, Any]]:
    """Slot answers after a 409, given the re-read job: resend those still pending."""
    s = _norm(status)
    if s in GOAL_TERMINAL:
        return Refused(f"the job is now {s}")
    pending = set(pending_ids)
    applicable = {k: v for k, v in answers.items() if k in pending}
    lost = sorted(
        k for k, v in answers.items() if k not in pending and (k not in filled or filled[k] != v)
    )
    if lost:
        return Refused(
            f"slot(s) {', '.join(lost)} are no longer pending and hold a different answer"
        )
    if applicable:
        return Resend(applicable, "slots still pending")
    return AlreadyApplied("answers already recorded")


def decide_confirm(*, status: object, started: bool = False) -> Decision[None]:
    """A confirm after a 409, given the re-read job.

    ``started``: the job has begun executing (``startedAt`` set), so another writer's confirm
    went through; a job that has since reached a checkpoint or finished counts as confirmed.
    """
    s = _norm(status)
    if s in GOAL_READY:
        return Resend(None, "still confirmable")
    if s in GOAL_RUNNING_AFTER_CONFIRM:
        return AlreadyApplied(f"already confirmed ({s})")
    if started and s in _PAST_CONFIRM:
        return AlreadyApplied(f"already confirmed, now {s}")
    return Refused(f"the job is {s}, not confirmable")


def decide_patch(
    fields: Mapping[str, Any],
    *,
    current: Mapping[str, Any],
    base: Mapping[str, Any] | None,
    blocked: Mapping[str, Iterable[Any]] | None = None,
) -> Decision[dict[str, Any]]:
    """A workflow PATCH after a 409 (a three-way merge).

    ``fields`` are the workflow fields the caller sets, ``current`` the re-read workflow,
    ``base`` the snapshot at the version the caller's change was based on (when the client saw
    it), ``blocked`` field values of ``current`` that make the change inapplicable (publishing
    an archived workflow).
    """
    for name, values in (blocked or {}).items():
        if current.get(name) in set(values):
            return Refused(f"{name} is now {current.get(name)!r}")
    if all(current.get(k) == v for k, v in fields.items()):
        return AlreadyApplied("change already applied")
    if base is None:
        if blocked is not None:
            # An intent with explicit preconditions (publish): they hold, so it still applies.
            return Resend(dict(fields), "still applies")
        return Refused(
            "the workflow changed and the SDK has no snapshot of the version your change was "
            "based on; re-read it and apply your change again"
        )
    touched = sorted(k for k in fields if current.get(k) != base.get(k))
    if touched:
        return Refused(f"field(s) {', '.join(touched)} were changed by another writer")
    return Resend(dict(fields), "disjoint changes")


def rebase_failed(
    what: str,
    reason: str | None,
    *,
    expected_version: int | None,
    current_version: int | None,
    current: object,
    cause: VersionConflictError,
) -> VersionConflictError:
    """The error when a conflicting write cannot be re-applied (``reason``) or the state kept
    changing through every attempt (no ``reason``)."""
    return VersionConflictError(
        f"Could not {what}: {reason or 'it kept changing'}",
        expected_version=expected_version,
        current_version=current_version,
        current=current,
        code=cause.code,  # the server's own (ITEM_VERSION_MISMATCH on a workflow PATCH)
        request_id=cause.request_id,
        details=cause.details,
    )
