"""Request bodies are built with the generated models' constructors (mypy checks every field
name and type); these are the adapters they need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from convilyn.lowlevel.models import SlotAnswer
from convilyn.lowlevel.types import UNSET, Unset

__all__ = ["answers_to_wire", "given"]

T = TypeVar("T")


def given(value: T | None) -> T | Unset:
    """An optional argument as a body field: ``None`` (not given) leaves the field out."""
    return UNSET if value is None else value


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
