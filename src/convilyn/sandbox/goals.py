"""The goal-job state machine, driven by a :class:`~.catalog.WorkflowDef`. Pure: no I/O.

Lifecycle (13 statuses)::

    draft (goal text) | created -> analyzing -> slots_pending (pre-execution slots)
        -> ready | ready_with_preview --confirm--> confirmed -> queued -> executing
        -> [checkpoint: slots_pending --PATCH--> ready_with_preview --confirm--> confirmed ...]
        -> completed | partial | failed;   cancel: any non-terminal -> cancelled
    retry (failed / partial / cancelled): retry_same_thread resumes at the failed step,
    fresh_rerun starts over (checkpoints are asked again).

Timed transitions are scheduled at ``next_at`` (real epoch seconds, from the clock's speed) and
applied lazily by :func:`advance`, with the events they emit stamped at their scheduled time, so
the outcome does not depend on when anyone reads. Every status change and every accepted slot
answer increments ``item_version``.

Test triggers (like a payment sandbox's magic card numbers): an input file name or goal text
containing ``__fail__`` fails the run at its second step on every attempt, ``__fail_once__``
only on the first attempt, ``__partial__`` ends the first attempt ``partial``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from convilyn.models import GoalJobStatusValue as S

from .catalog import CheckpointDef, OutputDef, SlotDef, WorkflowDef
from .clock import Clock

# The status groups, from the spec's enum (the SDK's own, convilyn._goal_status, is not
# imported here; tests/unit/test_goal_status.py checks that the two agree).
FINISHED = frozenset({S.completed, S.partial})  # has artifacts, is charged
TERMINAL = FINISHED | {S.failed, S.cancelled}
RETRYABLE = frozenset({S.failed, S.partial, S.cancelled})
CONFIRMABLE = frozenset({S.ready, S.ready_with_preview})
SLOT_EDITABLE = frozenset({S.draft, S.created, S.analyzing, S.slots_pending}) | CONFIRMABLE
RUNNING = frozenset({S.confirmed, S.queued, S.executing})

# Simulated seconds spent in each timed status (steps carry their own durations).
PHASE_SECONDS = {"draft": 0.3, "created": 0.2, "analyzing": 0.5, "confirmed": 0.2, "queued": 0.3}
SCHEMA_VERSION = 1

FailMode = Literal["fail", "fail_once", "partial"]


class GoalError(Exception):
    """A refused transition; ``kind`` maps to the HTTP status in the route layer."""

    def __init__(
        self,
        kind: Literal["invalid_state", "version_conflict", "already_terminal", "bad_answer"],
        message: str,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details


@dataclass
class GoalEventRecord:
    seq: int
    type: str
    emitted_at: float
    data: dict[str, Any]


@dataclass
class ArtifactRecord:
    artifact_id: str
    output: OutputDef
    object_key: str = ""
    size: int = 0


@dataclass
class GoalRun:
    job_spec_id: str
    workflow: WorkflowDef
    workflow_id: str | None
    goal_text: str | None
    file_ids: list[str]
    created_at: float
    fail_mode: FailMode | None = None
    status: str = "created"
    item_version: int = 1
    progress: int = 0
    attempt: int = 1
    filled_slots: dict[str, Any] = field(default_factory=dict)
    pending: list[SlotDef] = field(default_factory=list)
    checkpoint: CheckpointDef | None = None
    answered_checkpoints: set[str] = field(default_factory=set)
    step_index: int = 0
    step_started_at: float | None = None
    next_at: float | None = None
    updated_at: float = 0.0
    started_at: float | None = None
    completed_at: float | None = None
    agent_message: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    error_reason: str | None = None
    suggested_action: str | None = None
    events: list[GoalEventRecord] = field(default_factory=list)
    artifacts: list[ArtifactRecord] = field(default_factory=list)
    submissions: int = 0
    charged: bool = False
    output_schema: dict[str, Any] | None = None  # outputSchema: the JSON artifact fits it

    @property
    def attempt_id(self) -> str:
        return f"att_{self.job_spec_id.removeprefix('js_')[:12]}_{self.attempt}"

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    @property
    def current_step(self) -> str | None:
        steps = self.workflow.steps
        if self.status == "executing" and self.step_index < len(steps):
            return steps[self.step_index].name
        if self.checkpoint is not None and self.step_index > 0:
            return steps[self.step_index - 1].name
        return None


# --- creation ------------------------------------------------------------------------------


def new_run(
    job_spec_id: str,
    workflow: WorkflowDef,
    *,
    workflow_id: str | None,
    goal_text: str | None,
    file_ids: list[str],
    slot_answers: dict[str, Any],
    fail_mode: FailMode | None,
    clock: Clock,
    output_schema: dict[str, Any] | None = None,
    routed: bool = False,
) -> GoalRun:
    """A new run; ``routed`` (an ``outputSchema`` / ``outputFormat`` create) lands ``ready``
    at once: nothing to analyse or ask, it runs on confirm."""
    now = clock.now()
    run = GoalRun(
        job_spec_id=job_spec_id,
        workflow=workflow,
        workflow_id=workflow_id,
        goal_text=goal_text,
        file_ids=list(file_ids),
        created_at=now,
        updated_at=now,
        fail_mode=fail_mode,
        status="draft" if goal_text is not None else "created",
    )
    valid = {s.slot_id for s in workflow.slots}
    run.filled_slots = {k: v for k, v in slot_answers.items() if k in valid}
    run.output_schema = output_schema
    _emit(run, now, "status", {"status": run.status, "previousStatus": None, "progress": 0})
    if routed:
        _to_ready(run, now)
        return run
    run.next_at = clock.later(now, PHASE_SECONDS[run.status])
    return run


# --- reading -------------------------------------------------------------------------------


def advance(run: GoalRun, clock: Clock) -> None:
    """Apply every timed transition due by now."""
    now = clock.now()
    guard = 0
    while run.next_at is not None and run.next_at <= now:
        t = run.next_at
        run.next_at = None
        _tick(run, t, clock)
        guard += 1
        if guard > 10_000:  # pragma: no cover - a definition bug, never a client's
            raise RuntimeError("goal state machine does not settle")


def progress_at(run: GoalRun, now: float, clock: Clock) -> int:
    """The progress to report at ``now``: interpolated within the running step."""
    if run.status != "executing" or run.step_started_at is None:
        return run.progress
    steps = run.workflow.steps
    step = steps[run.step_index]
    span = clock.real_seconds(step.seconds)
    frac = 1.0 if span <= 0 else min(1.0, max(0.0, (now - run.step_started_at) / span))
    done = sum(s.seconds for s in steps[: run.step_index]) + frac * step.seconds
    return max(run.progress, _progress_for(run.workflow, done))


def next_change_in(run: GoalRun, now: float) -> float | None:
    """Real seconds until the next timed transition (None: waiting for the client or finished)."""
    if run.next_at is None:
        return None
    return max(0.0, run.next_at - now)


def next_stop_in(run: GoalRun, now: float, clock: Clock) -> float | None:
    """Real seconds until the job next stops for its client (input, a confirm) or ends, along
    its timed transitions (None: it waits for the client or has ended). The transitions on the
    way (``analyzing``, ``queued``, the next step) change progress only."""
    left = next_change_in(run, now)
    if left is None:
        return None
    if run.status in ("draft", "created"):
        return left + clock.real_seconds(PHASE_SECONDS["analyzing"])
    if run.status == "analyzing":
        return left
    steps = run.workflow.steps
    index = run.step_index
    if run.status == "confirmed":
        left += clock.real_seconds(PHASE_SECONDS["queued"])
    if run.status == "executing":
        if _stops_after(run, index):
            return left
        index += 1
    for i in range(index, len(steps)):
        left += clock.real_seconds(steps[i].seconds)
        if _stops_after(run, i):
            return left
    return left


def _stops_after(run: GoalRun, index: int) -> bool:
    """Whether the job stops (fails, asks at a checkpoint, or ends) when step ``index`` ends."""
    steps = run.workflow.steps
    cp = steps[index].checkpoint
    return (
        index == len(steps) - 1
        or _fails_at(run, index)
        or (cp is not None and cp.checkpoint_id not in run.answered_checkpoints)
    )


def pending_checkpoint_slots(run: GoalRun) -> list[SlotDef]:
    return list(run.pending) if run.checkpoint is not None else []


# --- client actions ------------------------------------------------------------------------


def fill_slots(
    run: GoalRun, answers: list[tuple[str, Any]], expected_version: int | None, clock: Clock
) -> None:
    now = clock.now()
    if run.is_terminal:
        raise GoalError(
            "invalid_state",
            f"Job {run.job_spec_id} is {run.status}; its slots can no longer change",
            status=run.status,
        )
    _check_version(run, expected_version)
    if run.status not in SLOT_EDITABLE:
        raise GoalError(
            "invalid_state",
            f"Job {run.job_spec_id} is {run.status}; slots can only change before execution or at a checkpoint",
            status=run.status,
        )
    check_answers(_askable_slots(run), answers)
    for slot_id, value in answers:
        run.filled_slots[slot_id] = value
    answered = {a for a, _ in answers}
    run.pending = [s for s in run.pending if s.slot_id not in answered]
    run.item_version += 1
    run.updated_at = now
    if run.status == "slots_pending" and not any(s.required for s in run.pending):
        if run.checkpoint is not None:
            run.agent_message = run.checkpoint.preview
            _set_status(run, now, "ready_with_preview", "checkpoint answered")
        else:
            _to_ready(run, now)


def confirm(run: GoalRun, expected_version: int | None, clock: Clock) -> None:
    now = clock.now()
    _check_version(run, expected_version)
    if run.status not in CONFIRMABLE:
        if run.status == "slots_pending":
            missing = [s.slot_id for s in run.pending if s.required]
            raise GoalError(
                "invalid_state",
                f"Job {run.job_spec_id} still needs slots {missing}",
                status=run.status,
                missingSlots=missing,
            )
        raise GoalError(
            "invalid_state",
            f"Job {run.job_spec_id} is {run.status} and cannot be confirmed",
            status=run.status,
        )
    if run.checkpoint is not None:
        run.answered_checkpoints.add(run.checkpoint.checkpoint_id)
        run.checkpoint = None
    run.submissions += 1
    _set_status(run, now, "confirmed", "confirmed by client")
    run.next_at = clock.later(now, PHASE_SECONDS["confirmed"])


def cancel(run: GoalRun, clock: Clock) -> None:
    now = clock.now()
    if run.is_terminal:
        raise GoalError(
            "already_terminal", f"Job {run.job_spec_id} is already {run.status}", status=run.status
        )
    run.next_at = None
    run.step_started_at = None
    run.pending = []
    run.checkpoint = None
    run.completed_at = now
    _set_status(run, now, "cancelled", "cancelled by client")


def retry(run: GoalRun, mode: str, clock: Clock) -> None:
    now = clock.now()
    if run.status not in RETRYABLE:
        raise GoalError(
            "invalid_state",
            f"Job {run.job_spec_id} is {run.status}; only failed, partial or cancelled jobs can be retried",
            status=run.status,
        )
    run.attempt += 1
    run.submissions += 1
    run.error_code = run.error_message = run.error_reason = run.suggested_action = None
    run.completed_at = None
    run.artifacts = []
    run.charged = False
    steps = run.workflow.steps
    if mode == "fresh_rerun":
        run.step_index = 0
        run.answered_checkpoints = set()
        run.progress = 0
        run.started_at = None
    elif run.step_index >= len(steps):  # partial: redo the last step
        run.step_index = len(steps) - 1
        run.progress = _progress_for(run.workflow, sum(s.seconds for s in steps[:-1]))
    missing = [s for s in run.workflow.slots if s.required and s.slot_id not in run.filled_slots]
    if missing:  # cancelled before its slots were answered: start again from analysis
        run.step_index = 0
        _set_status(run, now, "created", f"{mode} requested")
        run.next_at = clock.later(now, PHASE_SECONDS["created"])
        return
    _set_status(run, now, "queued", f"{mode} requested")
    run.next_at = clock.later(now, PHASE_SECONDS["queued"])


def check_answers(slots: Iterable[SlotDef], answers: list[tuple[str, Any]]) -> None:
    """Refuse (``bad_answer``, with the answer's ``index`` and ``field``) the first answer to a
    slot not among ``slots``, or with a value that slot does not take."""
    known = {s.slot_id: s for s in slots}
    for i, (slot_id, value) in enumerate(answers):
        slot = known.get(slot_id)
        if slot is None:
            raise GoalError(
                "bad_answer",
                f"Unknown slot {slot_id!r}; expected one of {sorted(known)}",
                index=i,
                field="slotId",
            )
        problem = _check_value(slot, value)
        if problem:
            raise GoalError("bad_answer", f"Slot {slot_id!r}: {problem}", index=i, field="value")


# --- internals -----------------------------------------------------------------------------


def _check_version(run: GoalRun, expected: int | None) -> None:
    if expected is not None and expected != run.item_version:
        raise GoalError(
            "version_conflict",
            f"itemVersion mismatch: expected {expected}, current {run.item_version}",
            currentVersion=run.item_version,
            expectedVersion=expected,
        )


def _askable_slots(run: GoalRun) -> list[SlotDef]:
    if run.checkpoint is not None:
        return list(run.checkpoint.slots)
    return list(run.workflow.slots)


def _check_value(slot: SlotDef, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "a value is required"
    if slot.options is None:
        return None
    values = value if slot.slot_type == "multi_choice" and isinstance(value, list) else [value]
    bad = [v for v in values if not isinstance(v, str) or v not in slot.options]
    if bad or not values:
        return f"must be one of {list(slot.options)}"
    return None


def _emit(run: GoalRun, t: float, type_: str, data: dict[str, Any]) -> None:
    seq = run.events[-1].seq + 1 if run.events else 1
    run.events.append(GoalEventRecord(seq, type_, t, data))


def _set_status(run: GoalRun, t: float, new: str, reason: str) -> None:
    old = run.status
    run.status = new
    run.item_version += 1
    run.updated_at = t
    _emit(run, t, "orchestration_transition", {"from": old, "to": new, "reason": reason})
    _emit(run, t, "status", {"status": new, "previousStatus": old, "progress": run.progress})


def _to_ready(run: GoalRun, t: float) -> None:
    preview = run.workflow.preview
    if preview is not None:
        run.agent_message = preview
        _set_status(run, t, "ready_with_preview", "plan ready for review")
    else:
        run.agent_message = None
        _set_status(run, t, "ready", "all slots filled")


def _slot_event(run: GoalRun, t: float) -> None:
    data: dict[str, Any] = {
        "itemVersion": run.item_version,
        "slots": [s.summary() for s in run.pending],
    }
    if run.checkpoint is not None:
        data["checkpointId"] = run.checkpoint.checkpoint_id
        data["stepOutputPreview"] = run.checkpoint.preview
    _emit(run, t, "slot_needed", data)


def _progress_for(wf: WorkflowDef, done_seconds: float) -> int:
    total = sum(s.seconds for s in wf.steps) or 1.0
    return min(99, 5 + int(90 * done_seconds / total))


def _start_step(run: GoalRun, t: float, clock: Clock) -> None:
    steps = run.workflow.steps
    step = steps[run.step_index]
    run.step_started_at = t
    _emit(
        run,
        t,
        "agent_step_started",
        {"step": step.name, "index": run.step_index, "total": len(steps), "attempt": run.attempt},
    )
    _emit(run, t, "tool_started", {"toolName": step.tool, "step": step.name})
    run.next_at = clock.later(t, step.seconds)


def _fails_here(run: GoalRun) -> bool:
    return _fails_at(run, run.step_index)


def _fails_at(run: GoalRun, index: int) -> bool:
    if index != min(1, len(run.workflow.steps) - 1):
        return False
    return run.fail_mode == "fail" or (run.fail_mode == "fail_once" and run.attempt == 1)


def _tick(run: GoalRun, t: float, clock: Clock) -> None:
    status = run.status
    if status in ("draft", "created"):
        _set_status(run, t, "analyzing", "analysing inputs")
        run.next_at = clock.later(t, PHASE_SECONDS["analyzing"])
    elif status == "analyzing":
        run.pending = [s for s in run.workflow.slots if s.slot_id not in run.filled_slots]
        if any(s.required for s in run.pending):
            _set_status(run, t, "slots_pending", "input needed before execution")
            _slot_event(run, t)
        else:
            run.pending = []
            _to_ready(run, t)
    elif status == "confirmed":
        _set_status(run, t, "queued", "waiting for a worker")
        run.next_at = clock.later(t, PHASE_SECONDS["queued"])
    elif status == "queued":
        if run.started_at is None:
            run.started_at = t
        run.progress = max(
            run.progress,
            _progress_for(
                run.workflow, sum(s.seconds for s in run.workflow.steps[: run.step_index])
            ),
        )
        _set_status(run, t, "executing", "worker started")
        _start_step(run, t, clock)
    elif status == "executing":
        _finish_step(run, t, clock)


def _finish_step(run: GoalRun, t: float, clock: Clock) -> None:
    steps = run.workflow.steps
    step = steps[run.step_index]
    duration_ms = int(clock.real_seconds(step.seconds) * 1000)
    run.step_started_at = None
    if _fails_here(run):
        _emit(
            run,
            t,
            "tool_finished",
            {"toolName": step.tool, "step": step.name, "durationMs": duration_ms, "ok": False},
        )
        _emit(
            run,
            t,
            "agent_step_finished",
            {"step": step.name, "index": run.step_index, "total": len(steps), "ok": False},
        )
        run.error_code = "TOOL_ERROR"
        run.error_message = f"The {step.tool} tool failed during {step.name}"
        run.error_reason = "tool_error"
        run.suggested_action = "retry"
        run.completed_at = t
        _set_status(run, t, "failed", f"{step.name} failed")
        _emit(
            run,
            t,
            "failed",
            {
                "errorCode": run.error_code,
                "errorMessage": run.error_message,
                "suggestedAction": run.suggested_action,
                "step": step.name,
                "status": "failed",
            },
        )
        return
    _emit(
        run,
        t,
        "tool_finished",
        {"toolName": step.tool, "step": step.name, "durationMs": duration_ms, "ok": True},
    )
    words = step.text.split(" ")
    half = max(1, len(words) // 2)
    _emit(run, t, "agent_text", {"step": step.name, "text": " ".join(words[:half]) + " "})
    _emit(run, t, "agent_text", {"step": step.name, "text": " ".join(words[half:])})
    _emit(run, t, "agent_text_done", {"step": step.name, "text": step.text})
    _emit(
        run,
        t,
        "agent_step_finished",
        {"step": step.name, "index": run.step_index, "total": len(steps), "ok": True},
    )
    run.step_index += 1
    run.progress = _progress_for(run.workflow, sum(s.seconds for s in steps[: run.step_index]))
    _emit(run, t, "progress", {"progress": run.progress, "currentStep": step.name})
    cp = step.checkpoint
    if cp is not None and cp.checkpoint_id not in run.answered_checkpoints:
        run.checkpoint = cp
        run.pending = list(cp.slots)
        run.agent_message = cp.preview
        _set_status(run, t, "slots_pending", f"checkpoint {cp.checkpoint_id}")
        _slot_event(run, t)
        return
    if run.step_index < len(steps):
        _start_step(run, t, clock)
        return
    partial = run.fail_mode == "partial" and run.attempt == 1
    run.completed_at = t
    run.progress = 100
    run.agent_message = "Finished with some outputs missing." if partial else "All done."
    if partial:
        run.error_code = "PARTIAL_OUTPUT"
        run.error_message = "Some outputs could not be produced"
        run.error_reason = "partial_output"
        run.suggested_action = "retry"
    outputs = run.workflow.outputs[:1] if partial else run.workflow.outputs
    run.artifacts = [
        ArtifactRecord(f"art_{run.job_spec_id.removeprefix('js_')[:12]}_{run.attempt}_{i}", out)
        for i, out in enumerate(outputs)
    ]
    final = "partial" if partial else "completed"
    _set_status(run, t, final, "all steps finished")
    _emit(
        run, t, "completed", {"status": final, "artifactCount": len(run.artifacts), "progress": 100}
    )
