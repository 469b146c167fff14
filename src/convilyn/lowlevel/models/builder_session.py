from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.builder_session_working_memory_summary_type_0 import (
        BuilderSessionWorkingMemorySummaryType0,
    )


T = TypeVar("T", bound="BuilderSession")


@_attrs_define
class BuilderSession:
    """A chat session in Builder mode.

    Attributes:
        chat_id (str): Identifier of the session.
        status (str): `active` or `closed`.
        mode (str): Always `builder` here.
        message_count (int): Messages in the transcript.
        agent_state (str): What the Builder agent is doing.
        created_at (datetime.datetime): When the session started (UTC).
        user_id (None | str | Unset): Your user id.
        title (None | str | Unset): Title.
        builder_mode (None | str | Unset): The session's builder mode (see BuilderMode).
        working_memory_summary (BuilderSessionWorkingMemorySummaryType0 | None | Unset): The Builder's notes on the
            draft (opaque).
        last_message_at (datetime.datetime | None | Unset): When the last message was sent (UTC).
    """

    chat_id: str
    status: str
    mode: str
    message_count: int
    agent_state: str
    created_at: datetime.datetime
    user_id: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    builder_mode: None | str | Unset = UNSET
    working_memory_summary: BuilderSessionWorkingMemorySummaryType0 | None | Unset = UNSET
    last_message_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.builder_session_working_memory_summary_type_0 import (
            BuilderSessionWorkingMemorySummaryType0,
        )

        chat_id = self.chat_id

        status = self.status

        mode = self.mode

        message_count = self.message_count

        agent_state = self.agent_state

        created_at = self.created_at.isoformat()

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        builder_mode: None | str | Unset
        if isinstance(self.builder_mode, Unset):
            builder_mode = UNSET
        else:
            builder_mode = self.builder_mode

        working_memory_summary: dict[str, Any] | None | Unset
        if isinstance(self.working_memory_summary, Unset):
            working_memory_summary = UNSET
        elif isinstance(self.working_memory_summary, BuilderSessionWorkingMemorySummaryType0):
            working_memory_summary = self.working_memory_summary.to_dict()
        else:
            working_memory_summary = self.working_memory_summary

        last_message_at: None | str | Unset
        if isinstance(self.last_message_at, Unset):
            last_message_at = UNSET
        elif isinstance(self.last_message_at, datetime.datetime):
            last_message_at = self.last_message_at.isoformat()
        else:
            last_message_at = self.last_message_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chat_id": chat_id,
                "status": status,
                "mode": mode,
                "message_count": message_count,
                "agent_state": agent_state,
                "created_at": created_at,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if title is not UNSET:
            field_dict["title"] = title
        if builder_mode is not UNSET:
            field_dict["builder_mode"] = builder_mode
        if working_memory_summary is not UNSET:
            field_dict["working_memory_summary"] = working_memory_summary
        if last_message_at is not UNSET:
            field_dict["last_message_at"] = last_message_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.builder_session_working_memory_summary_type_0 import (
            BuilderSessionWorkingMemorySummaryType0,
        )

        d = dict(src_dict)
        chat_id = d.pop("chat_id")

        status = d.pop("status")

        mode = d.pop("mode")

        message_count = d.pop("message_count")

        agent_state = d.pop("agent_state")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_builder_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        builder_mode = _parse_builder_mode(d.pop("builder_mode", UNSET))

        def _parse_working_memory_summary(
            data: object,
        ) -> BuilderSessionWorkingMemorySummaryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                working_memory_summary_type_0 = BuilderSessionWorkingMemorySummaryType0.from_dict(
                    data
                )

                return working_memory_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BuilderSessionWorkingMemorySummaryType0 | None | Unset, data)

        working_memory_summary = _parse_working_memory_summary(
            d.pop("working_memory_summary", UNSET)
        )

        def _parse_last_message_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_message_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_message_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_message_at = _parse_last_message_at(d.pop("last_message_at", UNSET))

        builder_session = cls(
            chat_id=chat_id,
            status=status,
            mode=mode,
            message_count=message_count,
            agent_state=agent_state,
            created_at=created_at,
            user_id=user_id,
            title=title,
            builder_mode=builder_mode,
            working_memory_summary=working_memory_summary,
            last_message_at=last_message_at,
        )

        builder_session.additional_properties = d
        return builder_session

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
