"""The handwritten base of every generated wire model (see ``_generated.py``).

Generated classes carry the shapes; this module carries the configuration they share and
the few behaviour-free conveniences (``is_terminal``, ``needs_input``),
attached through datamodel-code-generator's ``--base-class-map``.
"""

from __future__ import annotations

from typing import Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator

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

    model_config = ConfigDict(
        frozen=True, validate_by_name=True, validate_by_alias=True, extra="allow"
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
    """Conveniences of ``GoalJob``."""

    @property
    def is_terminal(self) -> bool:
        """True once the job can change no more: completed, partial, failed or cancelled."""
        from convilyn._goal_status import goal_phase

        return goal_phase(self._status_value).is_terminal

    @property
    def needs_input(self) -> bool:
        """True while the job waits for slot answers (``slots_pending``, or an older
        spelling of it such as ``slot_needed``)."""
        from convilyn._goal_status import GoalPhase, goal_phase

        return goal_phase(self._status_value) is GoalPhase.NEEDS_INPUT


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
