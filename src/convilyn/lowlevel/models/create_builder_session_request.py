from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.builder_mode import BuilderMode
from ..models.create_builder_session_request_mode import CreateBuilderSessionRequestMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateBuilderSessionRequest")


@_attrs_define
class CreateBuilderSessionRequest:
    """Start a Builder session (snake_case).

    Attributes:
        mode (CreateBuilderSessionRequestMode): Always `builder`.
        builder_mode (BuilderMode | Unset): `from_scratch`: build a new workflow; `edit`: change `target_workflow_id`;
            `discover`: find an existing workflow (no Pro plan needed).
        target_workflow_id (str | Unset): The workflow of yours to edit (with `builder_mode` edit or omitted).
        title (str | Unset): A title for the session.
        initial_message (str | Unset): A first message stored on the session (not answered).
        locale (str | Unset): Language of the drafts (`en`, `ja`, `ko`, `zh-TW`, `zh-CN`); `en` when omitted.
    """

    mode: CreateBuilderSessionRequestMode
    builder_mode: BuilderMode | Unset = UNSET
    target_workflow_id: str | Unset = UNSET
    title: str | Unset = UNSET
    initial_message: str | Unset = UNSET
    locale: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        builder_mode: str | Unset = UNSET
        if not isinstance(self.builder_mode, Unset):
            builder_mode = self.builder_mode.value

        target_workflow_id = self.target_workflow_id

        title = self.title

        initial_message = self.initial_message

        locale = self.locale

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )
        if builder_mode is not UNSET:
            field_dict["builder_mode"] = builder_mode
        if target_workflow_id is not UNSET:
            field_dict["target_workflow_id"] = target_workflow_id
        if title is not UNSET:
            field_dict["title"] = title
        if initial_message is not UNSET:
            field_dict["initial_message"] = initial_message
        if locale is not UNSET:
            field_dict["locale"] = locale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mode = CreateBuilderSessionRequestMode(d.pop("mode"))

        _builder_mode = d.pop("builder_mode", UNSET)
        builder_mode: BuilderMode | Unset
        if isinstance(_builder_mode, Unset):
            builder_mode = UNSET
        else:
            builder_mode = BuilderMode(_builder_mode)

        target_workflow_id = d.pop("target_workflow_id", UNSET)

        title = d.pop("title", UNSET)

        initial_message = d.pop("initial_message", UNSET)

        locale = d.pop("locale", UNSET)

        create_builder_session_request = cls(
            mode=mode,
            builder_mode=builder_mode,
            target_workflow_id=target_workflow_id,
            title=title,
            initial_message=initial_message,
            locale=locale,
        )

        return create_builder_session_request
