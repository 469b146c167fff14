"""Asking a person for a slot answer on the terminal (prompt on stderr, answer on stdin)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from convilyn.types import SlotChoice

from ._output import JobBar, Output, preview_of
from ._values import parse_value, render_value

__all__ = ["ask_slot"]


def _match_option(answer: str, options: Sequence[SlotChoice]) -> tuple[bool, Any]:
    text = answer.strip()
    if text.isdigit() and 1 <= int(text) <= len(options):
        return True, options[int(text) - 1].value
    folded = text.casefold()
    for option in options:
        if folded in {option.value.casefold(), option.label.casefold()}:
            return True, option.value
    return False, None


def _shown(option: SlotChoice) -> str:
    return option.value if option.label == option.value else f"{option.label} ({option.value})"


def _question_lines(
    slot: Any, job: Any, bar: JobBar | None, options: Sequence[SlotChoice]
) -> list[str]:
    """The checkpoint preview (unless a live bar shows it), the question and its options."""
    suggested = getattr(slot, "suggested_value", None)
    title, preview = preview_of(job)
    lines = []
    if preview and (bar is None or not bar.live):
        lines.append(f"[{title}] {preview}")
    kind = getattr(slot, "slot_type", None) or getattr(slot, "type", None) or "text"
    lines.append(f"? {getattr(slot, 'question', None) or slot.slot_id}  ({slot.slot_id}, {kind})")
    for index, option in enumerate(options, 1):
        picked = suggested is not None and option.value == suggested
        lines.append(f"  {index}) {_shown(option)}{'  (suggested)' if picked else ''}")
    return lines


def _read_answer(out: Output, prompt: str, options: Sequence[SlotChoice], fallback: Any) -> Any:
    """Ask until the answer is usable; an empty one is ``fallback`` (``_REQUIRED``: ask on)."""
    while True:
        answer = out.ask(prompt)
        if not answer.strip():
            if fallback is not _REQUIRED:
                return fallback
            out.stderr.write("  an answer is required\n")
            continue
        if not options:
            return parse_value(answer)
        ok, value = _match_option(answer, options)
        if ok:
            return value
        out.stderr.write(f"  pick 1-{len(options)} or type one of the values\n")


_REQUIRED = object()


def ask_slot(out: Output, slot: Any, job: Any, bar: JobBar | None = None) -> Any:
    """Show the slot's question (and the checkpoint preview, options, suggested default) and
    read an answer. Options can be picked by number or by value; free text is read as a JSON
    value when it is one, else as a string (the same rule as ``--slot``)."""
    options: list[SlotChoice] = list(getattr(slot, "choices", ()))  # a checkpoint's: none
    suggested = getattr(slot, "suggested_value", None)
    required = bool(getattr(slot, "required", True))
    default = f" [{render_value(suggested)}]" if suggested is not None else ""
    optional = " (optional, Enter to skip)" if not required and suggested is None else ""
    fallback = _REQUIRED if required else None  # what an empty answer means
    if suggested is not None:
        fallback = suggested
    context = bar.paused() if bar is not None else contextlib.nullcontext()
    with context:
        out.stderr.write("\n".join(_question_lines(slot, job, bar, options)) + "\n")
        return _read_answer(out, f"  answer{default}{optional}: ", options, fallback)
