"""Slot answers and optimistic-lock rebasing (pure decisions, no I/O).

A 409 version conflict means someone else changed the resource between the caller's read and
write. The facade re-reads the current state and asks this module what to do:

* ``retry``: the caller's change still applies (its slots are still pending; the job is still
  confirmable; the workflow fields it sets were not touched by the other writer): send it again
  against the current version.
* ``done``: the current state already contains the caller's change (the same answers were
  recorded; the job was confirmed): nothing to send, return the current state.
* ``conflict``: applying it now would overwrite or lose something: raise
  ``VersionConflictError`` with both versions.

Never a lost answer (answers are only dropped when the server already holds exactly them), and
never a blind overwrite (nothing is resent unless the state it relies on is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from convilyn._goal_status import (
    GOAL_NEEDS_INPUT,
    GOAL_READY,
    GOAL_RUNNING_AFTER_CONFIRM,
    GOAL_SUCCEEDED,
    GOAL_TERMINAL,
)
from convilyn._goal_status import normalize_goal_status as _norm
from convilyn.errors import VersionConflictError
from convilyn.lowlevel.models import SlotAnswer

__all__ = [
    "MAX_REBASE_ATTEMPTS",
    "RebaseDecision",
    "answers_to_wire",
    "rebase_confirm",
    "rebase_failed",
    "rebase_fill",
    "rebase_patch",
    "split_answers",
]

MAX_REBASE_ATTEMPTS = 3

# Where a job that started executing can be without another confirm: at a checkpoint, or done.
_PAST_CONFIRM = GOAL_NEEDS_INPUT | GOAL_SUCCEEDED

Action = Literal["retry", "done", "conflict"]


@dataclass(frozen=True)
class RebaseDecision:
    action: Action
    version: int | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


def answers_to_wire(answers: Mapping[str, Any]) -> list[SlotAnswer]:
    """``{"tone": "formal"}`` → ``[SlotAnswer(slot_id="tone", value="formal")]``."""
    if not answers:
        raise ValueError("answers must contain at least one slot answer")
    out: list[SlotAnswer] = []
    for slot_id, value in answers.items():
        if not isinstance(slot_id, str) or not slot_id:
            raise ValueError(f"slot ids must be non-empty strings, got {slot_id!r}")
        out.append(SlotAnswer(slot_id=slot_id, value=value))
    return out


def split_answers(
    answers: Mapping[str, Any], pending_ids: Iterable[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(answers for slots still pending, answers for slots not pending)."""
    pending = set(pending_ids)
    applicable = {k: v for k, v in answers.items() if k in pending}
    other = {k: v for k, v in answers.items() if k not in pending}
    return applicable, other


def rebase_fill(
    answers: Mapping[str, Any],
    *,
    status: object,
    current_version: int | None,
    pending_ids: Iterable[str],
    filled: Mapping[str, Any],
) -> RebaseDecision:
    """What to do with slot answers after a 409, given the re-read job."""
    s = _norm(status)
    if s in GOAL_TERMINAL:
        return RebaseDecision("conflict", current_version, reason=f"the job is now {s}")
    applicable, other = split_answers(answers, pending_ids)
    lost = {k for k, v in other.items() if k not in filled or filled[k] != v}
    if lost:
        names = ", ".join(sorted(lost))
        return RebaseDecision(
            "conflict",
            current_version,
            reason=f"slot(s) {names} are no longer pending and hold a different answer",
        )
    if applicable:
        return RebaseDecision("retry", current_version, applicable, reason="slots still pending")
    return RebaseDecision("done", current_version, reason="answers already recorded")


def rebase_confirm(
    *, status: object, current_version: int | None, started: bool = False
) -> RebaseDecision:
    """What to do with a confirm after a 409, given the re-read job.

    ``started``: the job has begun executing (``startedAt`` set), so another writer's confirm
    went through; a job that has since reached a checkpoint or finished counts as confirmed.
    """
    s = _norm(status)
    if s in GOAL_READY:
        return RebaseDecision("retry", current_version, reason="still confirmable")
    if s in GOAL_RUNNING_AFTER_CONFIRM:
        return RebaseDecision("done", current_version, reason=f"already confirmed ({s})")
    if started and s in _PAST_CONFIRM:
        return RebaseDecision("done", current_version, reason=f"already confirmed, now {s}")
    return RebaseDecision("conflict", current_version, reason=f"the job is {s}, not confirmable")


def rebase_patch(
    changes: Mapping[str, Any],
    *,
    current: Mapping[str, Any],
    current_version: int | None,
    base: Mapping[str, Any] | None,
    blocked: Mapping[str, Iterable[Any]] | None = None,
) -> RebaseDecision:
    """What to do with a workflow PATCH after a 409.

    ``changes`` are the fields the caller sets (python names), ``current`` the re-read
    workflow, ``base`` the snapshot at the version the caller's change was based on (when the
    client saw it), ``blocked`` field values of ``current`` that make the change inapplicable
    (publishing an archived workflow).
    """
    for name, values in (blocked or {}).items():
        if current.get(name) in set(values):
            return RebaseDecision(
                "conflict", current_version, reason=f"{name} is now {current.get(name)!r}"
            )
    if all(current.get(k) == v for k, v in changes.items()):
        return RebaseDecision("done", current_version, reason="change already applied")
    if base is None:
        if blocked is not None:
            # An intent with explicit preconditions (publish): they hold, so it still applies.
            return RebaseDecision("retry", current_version, dict(changes), reason="still applies")
        return RebaseDecision(
            "conflict",
            current_version,
            reason="the workflow changed and the SDK has no snapshot of the version your change "
            "was based on; re-read it and apply your change again",
        )
    touched = sorted(k for k in changes if current.get(k) != base.get(k))
    if touched:
        return RebaseDecision(
            "conflict",
            current_version,
            reason=f"field(s) {', '.join(touched)} were changed by another writer",
        )
    return RebaseDecision("retry", current_version, dict(changes), reason="disjoint changes")


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
