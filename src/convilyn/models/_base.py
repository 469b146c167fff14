"""The handwritten base of every generated wire model (see ``_generated/``).

Generated classes carry the shapes; this module carries the configuration they share and
the few behaviour-free conveniences (``is_terminal``, ``needs_input``),
attached through datamodel-code-generator's ``--base-class-map``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator

if TYPE_CHECKING:
    from convilyn._goal_status import GoalPhase

_CONVERT_TERMINAL = frozenset({"completed", "failed"})


def _empty_container(annotation: Any) -> list[Any] | dict[str, Any] | None:
    """The empty value for a non-nullable list or dict field, else None."""
    origin = get_origin(annotation) or annotation
    if origin is list:
        return []
    if origin is dict:
        return {}
    return None


class WireModel(BaseModel):
    """Frozen, populated by wire alias or Python name, tolerant of the live service.

    The live service sends ``null`` for empty lists and maps; reading it as empty keeps
    the declared types honest (``list[PendingSlot]``, never ``list | None``).

    A field the model does not declare is kept, readable in ``model_extra``: a field the
    service adds tomorrow must not break a poll loop today (the vendor's own client
    ignores unknown fields, and the live wire's record shows why).
    :func:`convilyn._parse.parse_model` reports each new field once at debug level, or raises
    :class:`~convilyn.errors.UnexpectedFieldError` in strict mode.
    """

    # defer_build: a model's validator is built when it first validates, not at import (most
    # programs read a handful of the ~70 models; building them all was most of the import).
    model_config = ConfigDict(
        frozen=True, validate_by_name=True, validate_by_alias=True, extra="allow", defer_build=True
    )

    _null_as_empty: ClassVar[dict[str, list[Any] | dict[str, Any]]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        empties: dict[str, list[Any] | dict[str, Any]] = {}
        for name, field in cls.model_fields.items():
            if type(None) in get_args(field.annotation):
                continue
            empty = _empty_container(field.annotation)
            if empty is not None:
                empties[field.alias or name] = empty
                empties[name] = empty
        cls._null_as_empty = empties

    @model_validator(mode="before")
    @classmethod
    def _read_null_as_empty(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not cls._null_as_empty:
            return data
        nulls = [k for k, v in data.items() if v is None and k in cls._null_as_empty]
        if not nulls:
            return data
        patched = dict(data)
        for key in nulls:
            patched[key] = type(cls._null_as_empty[key])()
        return patched


class OpenWireModel(WireModel):
    """A model whose schema says ``additionalProperties: true``: fields beyond the declared
    ones are part of its shape (marketplace, billing and event objects), so strict mode
    does not report them."""


class _HasStatus(WireModel):
    @property
    def _status_value(self) -> str:
        return str(getattr(self, "status", ""))


# The goal vocabulary (convilyn._goal_status) is built from the generated enums, and the
# generated module imports this one: it is imported when first asked, not at import time.


class GoalJobBase(_HasStatus):
    """Conveniences of ``GoalJob`` and ``GoalJobStatus``."""

    @property
    def phase(self) -> GoalPhase:
        """What the status means: running, needs input, ready to confirm, succeeded, failed
        or cancelled (an unknown status reads as running)."""
        from convilyn._goal_status import goal_phase

        return goal_phase(self._status_value)

    @property
    def is_terminal(self) -> bool:
        """True once the job can change no more: completed, partial, failed or cancelled."""
        return self.phase.is_terminal

    @property
    def needs_input(self) -> bool:
        """True while the job waits for slot answers (``slots_pending``, or an older
        spelling of it such as ``slot_needed``)."""
        from convilyn._goal_status import GoalPhase

        return self.phase is GoalPhase.NEEDS_INPUT

    @property
    def preview(self) -> str | None:
        """The text to show before answering or confirming: a checkpoint's step output, or
        the agent's message while the job waits for input or for a confirm of its preview."""
        from convilyn._goal_status import GoalPhase, normalize_goal_status

        checkpoint = getattr(self, "checkpoint", None)
        text = getattr(checkpoint, "step_output_preview", None)
        if text:
            return str(text)
        message = getattr(self, "agent_message", None)
        status = normalize_goal_status(getattr(self, "status", ""))
        waiting = self.phase is GoalPhase.NEEDS_INPUT or status == "ready_with_preview"
        return str(message) if message and waiting else None


@dataclass(frozen=True)
class SlotChoice:
    """One allowed answer of a slot: ``value`` is what to send, ``label`` what to show."""

    value: str
    label: str


def _choice(option: object) -> SlotChoice:
    root = getattr(option, "root", option)
    if not isinstance(root, Mapping):
        return SlotChoice(str(root), str(root))
    value = next((root[k] for k in ("value", "id", "key") if k in root), None)
    if value is None:
        value = next(iter(root.values()), "")
    label = root.get("label") or root.get("name") or value
    return SlotChoice(str(value), str(label))


class PendingSlotBase(WireModel):
    """Conveniences of ``PendingSlot``."""

    @property
    def choices(self) -> list[SlotChoice]:
        """The allowed answers, plain or structured on the wire, as (value, label) pairs;
        empty for a free-text question."""
        return [_choice(option) for option in getattr(self, "options", None) or ()]


class ConvertJobBase(_HasStatus):
    """Conveniences of ``ConvertJob``."""

    @property
    def is_terminal(self) -> bool:
        """True when the conversion is completed or failed."""
        return self._status_value in _CONVERT_TERMINAL


class GoalEventBase(OpenWireModel):
    """Conveniences of ``GoalEvent``."""

    @property
    def is_terminal(self) -> bool:
        """True for the event that ends a stream: ``completed``, ``failed``, or the ``status``
        event of a job that was cancelled."""
        from convilyn._goal_status import ends_event_stream

        return ends_event_stream(getattr(self, "type", ""), getattr(self, "data", None))
