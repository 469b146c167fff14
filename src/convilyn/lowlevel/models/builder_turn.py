from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.builder_message import BuilderMessage
    from ..models.builder_pending_slot import BuilderPendingSlot


T = TypeVar("T", bound="BuilderTurn")


@_attrs_define
class BuilderTurn:
    """One Builder turn. `verdict_action`: `request_input`, `stage_draft`, `register` (then `registered_workflow_id`),
    `infeasible`, `recommend_existing`, `missing_tool_call`, `unknown_tool`.

        Attributes:
            messages (list[BuilderMessage]): The messages of this turn (yours, then the Builder's).
            agent_state (str): What the Builder agent is doing.
            stop_reason (str): Why the turn ended.
            verdict_action (None | str | Unset): The turn's outcome (see above).
            failure_type (None | str | Unset): What went wrong, on a failed turn.
            pending_slots (list[BuilderPendingSlot] | Unset): Questions to answer (request_input).
            turn_count (int | None | Unset): Turns so far in the session.
            builder_mode (None | str | Unset): The session's builder mode.
            registered_workflow_id (None | str | Unset): On `register`, the saved workflow (`uw_...`); run it with
                createGoalJob's `userWorkflowId`.
            clarification_question (None | str | Unset): A question to answer in the next message.
            clarification_options (list[str] | Unset): Suggested answers to it.
            error (None | str | Unset): An error message, on a failed turn.
    """

    messages: list[BuilderMessage]
    agent_state: str
    stop_reason: str
    verdict_action: None | str | Unset = UNSET
    failure_type: None | str | Unset = UNSET
    pending_slots: list[BuilderPendingSlot] | Unset = UNSET
    turn_count: int | None | Unset = UNSET
    builder_mode: None | str | Unset = UNSET
    registered_workflow_id: None | str | Unset = UNSET
    clarification_question: None | str | Unset = UNSET
    clarification_options: list[str] | Unset = UNSET
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        agent_state = self.agent_state

        stop_reason = self.stop_reason

        verdict_action: None | str | Unset
        if isinstance(self.verdict_action, Unset):
            verdict_action = UNSET
        else:
            verdict_action = self.verdict_action

        failure_type: None | str | Unset
        if isinstance(self.failure_type, Unset):
            failure_type = UNSET
        else:
            failure_type = self.failure_type

        pending_slots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pending_slots, Unset):
            pending_slots = []
            for pending_slots_item_data in self.pending_slots:
                pending_slots_item = pending_slots_item_data.to_dict()
                pending_slots.append(pending_slots_item)

        turn_count: int | None | Unset
        if isinstance(self.turn_count, Unset):
            turn_count = UNSET
        else:
            turn_count = self.turn_count

        builder_mode: None | str | Unset
        if isinstance(self.builder_mode, Unset):
            builder_mode = UNSET
        else:
            builder_mode = self.builder_mode

        registered_workflow_id: None | str | Unset
        if isinstance(self.registered_workflow_id, Unset):
            registered_workflow_id = UNSET
        else:
            registered_workflow_id = self.registered_workflow_id

        clarification_question: None | str | Unset
        if isinstance(self.clarification_question, Unset):
            clarification_question = UNSET
        else:
            clarification_question = self.clarification_question

        clarification_options: list[str] | Unset = UNSET
        if not isinstance(self.clarification_options, Unset):
            clarification_options = self.clarification_options

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
                "agent_state": agent_state,
                "stop_reason": stop_reason,
            }
        )
        if verdict_action is not UNSET:
            field_dict["verdict_action"] = verdict_action
        if failure_type is not UNSET:
            field_dict["failure_type"] = failure_type
        if pending_slots is not UNSET:
            field_dict["pending_slots"] = pending_slots
        if turn_count is not UNSET:
            field_dict["turn_count"] = turn_count
        if builder_mode is not UNSET:
            field_dict["builder_mode"] = builder_mode
        if registered_workflow_id is not UNSET:
            field_dict["registered_workflow_id"] = registered_workflow_id
        if clarification_question is not UNSET:
            field_dict["clarification_question"] = clarification_question
        if clarification_options is not UNSET:
            field_dict["clarification_options"] = clarification_options
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.builder_message import BuilderMessage
        from ..models.builder_pending_slot import BuilderPendingSlot

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = BuilderMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        agent_state = d.pop("agent_state")

        stop_reason = d.pop("stop_reason")

        def _parse_verdict_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verdict_action = _parse_verdict_action(d.pop("verdict_action", UNSET))

        def _parse_failure_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        failure_type = _parse_failure_type(d.pop("failure_type", UNSET))

        _pending_slots = d.pop("pending_slots", UNSET)
        pending_slots: list[BuilderPendingSlot] | Unset = UNSET
        if _pending_slots is not UNSET:
            pending_slots = []
            for pending_slots_item_data in _pending_slots:
                pending_slots_item = BuilderPendingSlot.from_dict(pending_slots_item_data)

                pending_slots.append(pending_slots_item)

        def _parse_turn_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        turn_count = _parse_turn_count(d.pop("turn_count", UNSET))

        def _parse_builder_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        builder_mode = _parse_builder_mode(d.pop("builder_mode", UNSET))

        def _parse_registered_workflow_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        registered_workflow_id = _parse_registered_workflow_id(
            d.pop("registered_workflow_id", UNSET)
        )

        def _parse_clarification_question(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clarification_question = _parse_clarification_question(
            d.pop("clarification_question", UNSET)
        )

        clarification_options = cast(list[str], d.pop("clarification_options", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        builder_turn = cls(
            messages=messages,
            agent_state=agent_state,
            stop_reason=stop_reason,
            verdict_action=verdict_action,
            failure_type=failure_type,
            pending_slots=pending_slots,
            turn_count=turn_count,
            builder_mode=builder_mode,
            registered_workflow_id=registered_workflow_id,
            clarification_question=clarification_question,
            clarification_options=clarification_options,
            error=error,
        )

        builder_turn.additional_properties = d
        return builder_turn

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
