"""The goal-job status vocabulary, derived from the spec's ``GoalJobStatusValue`` (pure).

Every status the spec lists is in exactly one group below (the groups are built from the
generated enum's members; ``tests/unit/test_goal_status.py`` fails on a status the spec
adds and no group holds). ``GOAL_ALIASES`` is the one table of other spellings (older docs
and servers: ``slot_needed``, ``canceled``, ...), read as their canonical status by
:func:`normalize_goal_status`. A status that is neither is classified as running, never as an
error: a newer API must not crash a poll.

Everything that reads a goal status asks here: ``wait()``, ``run()``, the rebase decisions,
the models' ``is_terminal`` / ``needs_input``, the event stream's end, the CLI's hints.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from convilyn._polling import status_text
from convilyn.models import GoalEventType as _Event
from convilyn.models import GoalJobStatusValue as _S

__all__ = [
    "GOAL_ALIASES",
    "GOAL_CANCELLED",
    "GOAL_EVENT_TERMINAL",
    "GOAL_FAILED",
    "GOAL_GROUPS",
    "GOAL_NEEDS_INPUT",
    "GOAL_PREPARING",
    "GOAL_READY",
    "GOAL_RUNNING_AFTER_CONFIRM",
    "GOAL_SUCCEEDED",
    "GOAL_TERMINAL",
    "GoalPhase",
    "ends_event_stream",
    "goal_phase",
    "normalize_goal_status",
]


class GoalPhase(enum.Enum):
    RUNNING = "running"  # preparing, or confirmed and on its way; also an unknown status
    NEEDS_INPUT = "needs_input"
    READY = "ready"
    SUCCEEDED = "succeeded"  # completed or partial
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in {GoalPhase.SUCCEEDED, GoalPhase.FAILED, GoalPhase.CANCELLED}


# The groups: every status of the spec in exactly one.
GOAL_PREPARING = frozenset({_S.draft, _S.created, _S.analyzing})
GOAL_NEEDS_INPUT = frozenset({_S.slots_pending})  # before execution or at a checkpoint
GOAL_READY = frozenset({_S.ready, _S.ready_with_preview})  # waits for a confirm
GOAL_RUNNING_AFTER_CONFIRM = frozenset({_S.confirmed, _S.queued, _S.executing})
GOAL_SUCCEEDED = frozenset({_S.completed, _S.partial})
GOAL_FAILED = frozenset({_S.failed})
GOAL_CANCELLED = frozenset({_S.cancelled})

_PHASE_OF_GROUP: tuple[tuple[frozenset[_S], GoalPhase], ...] = (
    (GOAL_PREPARING, GoalPhase.RUNNING),
    (GOAL_NEEDS_INPUT, GoalPhase.NEEDS_INPUT),
    (GOAL_READY, GoalPhase.READY),
    (GOAL_RUNNING_AFTER_CONFIRM, GoalPhase.RUNNING),
    (GOAL_SUCCEEDED, GoalPhase.SUCCEEDED),
    (GOAL_FAILED, GoalPhase.FAILED),
    (GOAL_CANCELLED, GoalPhase.CANCELLED),
)
GOAL_GROUPS: tuple[frozenset[_S], ...] = tuple(group for group, _ in _PHASE_OF_GROUP)
_PHASES: Mapping[str, GoalPhase] = MappingProxyType(
    {status.value: phase for group, phase in _PHASE_OF_GROUP for status in group}
)
GOAL_TERMINAL = frozenset(s for group, phase in _PHASE_OF_GROUP if phase.is_terminal for s in group)

# Other spellings of the same states, from older docs and servers (``pending``, ``confirming``,
# ``slot_needed``, as the spec's GoalJobStatusValue names them), ``running``, ``canceled``.
GOAL_ALIASES: Mapping[str, _S] = MappingProxyType(
    {
        "pending": _S.created,
        "confirming": _S.confirmed,
        "slot_needed": _S.slots_pending,
        "running": _S.executing,
        "canceled": _S.cancelled,
    }
)

# Event types that end a stream (the spec's x-websocket), and ``cancelled``, which earlier
# versions of this SDK ended on too though the spec lists no such event type.
GOAL_EVENT_TERMINAL = frozenset({_Event.completed.value, _Event.failed.value, _S.cancelled.value})
# A terminal status announced by its own closing event: its ``status`` event comes first and
# does not end the stream. A terminal status without one (cancelled) ends it with its ``status``.
_CLOSED_BY_EVENT = frozenset({GoalPhase.SUCCEEDED, GoalPhase.FAILED})


def normalize_goal_status(status: object) -> str:
    """The canonical spelling of ``status`` (a plain string; unknown values pass through)."""
    text = status_text(status).strip().lower()
    alias = GOAL_ALIASES.get(text)
    return alias.value if alias is not None else text


def goal_phase(status: object) -> GoalPhase:
    return _PHASES.get(normalize_goal_status(status), GoalPhase.RUNNING)


def ends_event_stream(event_type: object, data: Mapping[str, Any] | None = None) -> bool:
    """Whether a goal event is the last of its stream: a ``completed`` or ``failed`` event, or
    the ``status`` event of a terminal status no closing event follows (``cancelled``)."""
    kind = status_text(event_type)
    if kind in GOAL_EVENT_TERMINAL:
        return True
    if kind != _Event.status.value or not data:
        return False
    phase = goal_phase(data.get("status", ""))
    return phase.is_terminal and phase not in _CLOSED_BY_EVENT
