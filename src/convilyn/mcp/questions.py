"""A goal job's questions, its preview and a spending consent, as MCP elicitation forms.

Each form has one field. A question becomes ``answer``: its allowed answers (the slot's
``choices``) as an enum, several of them for a ``multi_choice`` slot, the service's suggested
value as the default, free text otherwise. A preview or a consent becomes ``approve``, a
boolean. The human's reply comes back as an :class:`Answer`: ``accept`` with the value,
``decline`` (the human refuses: the job is cancelled, or nothing is spent), ``cancel`` (the
human dismissed the form: the job is left waiting), or ``unavailable`` (nobody could be
asked).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from convilyn.types import GoalJob, PendingSlot

__all__ = [
    "Answer",
    "approval_form",
    "preview_message",
    "question_form",
    "question_message",
    "read_answer",
]

Action = Literal["accept", "decline", "cancel", "unavailable"]

#: What the decline and dismiss buttons do, said in every question so the human can choose.
HOW_TO_STOP = (
    "Decline to cancel the job; dismiss this form to leave the job waiting for an answer "
    "later (the assistant can resume it)."
)


@dataclass(frozen=True)
class Answer:
    """The human's reply to one form."""

    action: Action
    content: Mapping[str, Any] | None = None


def _is_multi(slot: PendingSlot) -> bool:
    return slot.slot_type in ("multi_choice", "multiselect", "multi_select")


def question_form(slot: PendingSlot) -> dict[str, Any]:
    """The elicitation schema of one slot: a single ``answer`` field."""
    values = [choice.value for choice in slot.choices]
    labels = [choice.label for choice in slot.choices]
    field: dict[str, Any] = {"title": slot.slot_id}
    if values and _is_multi(slot):
        field |= {"type": "array", "items": {"type": "string", "enum": values}}
    elif values:
        field |= {"type": "string", "enum": values}
        if labels != values:
            field["enumNames"] = labels
    else:
        field["type"] = "string"
    suggested = slot.suggested_value
    if suggested is not None:
        if field["type"] == "array":
            chosen = suggested if isinstance(suggested, list) else [suggested]
            kept = [str(v) for v in chosen if str(v) in values]
            if kept:
                field["default"] = kept
        elif not values or str(suggested) in values:
            field["default"] = str(suggested)
    return {
        "type": "object",
        "properties": {"answer": field},
        "required": ["answer"] if slot.required else [],
    }


def question_message(slot: PendingSlot, job: GoalJob, workflow: str) -> str:
    """The text shown above a question: the workflow, what the job produced so far (at a
    checkpoint), the question, the suggestion, and what declining and dismissing do."""
    lines = [f"Convilyn workflow {workflow} (job {job.job_spec_id}) asks:"]
    preview = job.preview
    if preview and preview != slot.question:
        lines.append(f"So far: {preview}")
    lines.append(slot.question)
    if slot.suggested_value is not None:
        lines.append(f"Suggested: {slot.suggested_value}")
    if not slot.required:
        lines.append("(optional)")
    lines.append(HOW_TO_STOP)
    return "\n".join(lines)


def read_answer(slot: PendingSlot, content: Mapping[str, Any] | None) -> Any:
    """The value to send for ``slot`` from an accepted form, checked against its choices.

    ``ValueError`` for an answer that is missing (a required slot) or not among the choices.
    """
    value = (content or {}).get("answer")
    if value is None or value == "" or value == []:
        if slot.required:
            raise ValueError(f"no answer given for {slot.slot_id}")
        return None
    allowed = {choice.value for choice in slot.choices}
    if _is_multi(slot) and allowed:
        chosen = value if isinstance(value, list) else [value]
        bad = [v for v in chosen if str(v) not in allowed]
        if bad:
            raise ValueError(f"{slot.slot_id}: {bad} not among {sorted(allowed)}")
        return [str(v) for v in chosen]
    if allowed and str(value) not in allowed:
        raise ValueError(f"{slot.slot_id}: {value!r} is not among {sorted(allowed)}")
    return value if isinstance(value, bool | int | float) else str(value)


def approval_form(title: str) -> dict[str, Any]:
    """A single ``approve`` checkbox (the form's accept/decline carries the rest)."""
    return {
        "type": "object",
        "properties": {"approve": {"type": "boolean", "title": title, "default": False}},
        "required": ["approve"],
    }


def approved(answer: Answer) -> bool:
    return answer.action == "accept" and bool((answer.content or {}).get("approve"))


def preview_message(job: GoalJob, workflow: str) -> str:
    """The text shown for a ``ready_with_preview`` job: its preview, and the confirm question."""
    return "\n".join(
        [
            f"Convilyn workflow {workflow} (job {job.job_spec_id}) is ready. It proposes:",
            job.preview or "(no preview text)",
            "Tick approve and accept to run it (this spends credits). Decline to cancel the "
            "job; dismiss this form to leave it waiting for your confirmation.",
        ]
    )
