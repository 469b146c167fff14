from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.workflow_visibility import WorkflowVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchWorkflowRequest")


@_attrs_define
class PatchWorkflowRequest:
    """Change your workflow. Only the fields sent are changed; `visibility: public` publishes it.

    Attributes:
        item_version (int): The `itemVersion` you last read; a mismatch is 409 VERSION_CONFLICT.
        name (str | Unset): New name.
        description (str | Unset): New description.
        visibility (WorkflowVisibility | Unset): `private` (owner only), `public` (listed in community search),
            `archived` (hidden).
        tags (list[str] | Unset): New tags (replaces the list).
    """

    item_version: int
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    visibility: WorkflowVisibility | Unset = UNSET
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        item_version = self.item_version

        name = self.name

        description = self.description

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "itemVersion": item_version,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        item_version = d.pop("itemVersion")

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: WorkflowVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = WorkflowVisibility(_visibility)

        tags = cast(list[str], d.pop("tags", UNSET))

        patch_workflow_request = cls(
            item_version=item_version,
            name=name,
            description=description,
            visibility=visibility,
            tags=tags,
        )

        return patch_workflow_request
