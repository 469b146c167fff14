"""Request bodies are built with the generated models' constructors (mypy checks every field
name and type); this is the one adapter they need."""

from __future__ import annotations

from typing import TypeVar

from convilyn.lowlevel.types import UNSET, Unset

__all__ = ["given"]

T = TypeVar("T")


def given(value: T | None) -> T | Unset:
    """An optional argument as a body field: ``None`` (not given) leaves the field out."""
    return UNSET if value is None else value
