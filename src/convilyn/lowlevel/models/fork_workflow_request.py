from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ForkWorkflowRequest")


@_attrs_define
class ForkWorkflowRequest:
    """Fork a public workflow into your account.

    Attributes:
        source_spec_id (str): The `specId` of the workflow to fork.
        name (str | Unset): Name of the copy; the source's name when omitted.
    """

    source_spec_id: str
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_spec_id = self.source_spec_id

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sourceSpecId": source_spec_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        source_spec_id = d.pop("sourceSpecId")

        name = d.pop("name", UNSET)

        fork_workflow_request = cls(
            source_spec_id=source_spec_id,
            name=name,
        )

        return fork_workflow_request
