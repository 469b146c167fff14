from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_visibility import WorkflowVisibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_stats import WorkflowStats


T = TypeVar("T", bound="WorkflowSummary")


@_attrs_define
class WorkflowSummary:
    """A light community-search row of a workflow.

    Attributes:
        workflow_id (str): Identifier; pass to getWorkflow / likeWorkflow.
        spec_id (str): Spec identifier; pass as `sourceSpecId` to forkWorkflow.
        name (str): Name.
        tags (list[str]): Tags.
        stats (WorkflowStats): Usage counters of a workflow.
        visibility (WorkflowVisibility): `private` (owner only), `public` (listed in community search), `archived`
            (hidden).
        description (None | str | Unset): Description.
        owner_id (None | str | Unset): Owner's user id.
        created_at (datetime.datetime | None | Unset): When the workflow was created (UTC).
    """

    workflow_id: str
    spec_id: str
    name: str
    tags: list[str]
    stats: WorkflowStats
    visibility: WorkflowVisibility
    description: None | str | Unset = UNSET
    owner_id: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        spec_id = self.spec_id

        name = self.name

        tags = self.tags

        stats = self.stats.to_dict()

        visibility = self.visibility.value

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflowId": workflow_id,
                "specId": spec_id,
                "name": name,
                "tags": tags,
                "stats": stats,
                "visibility": visibility,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_stats import WorkflowStats

        d = dict(src_dict)
        workflow_id = d.pop("workflowId")

        spec_id = d.pop("specId")

        name = d.pop("name")

        tags = cast(list[str], d.pop("tags"))

        stats = WorkflowStats.from_dict(d.pop("stats"))

        visibility = WorkflowVisibility(d.pop("visibility"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_owner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_id = _parse_owner_id(d.pop("ownerId", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        workflow_summary = cls(
            workflow_id=workflow_id,
            spec_id=spec_id,
            name=name,
            tags=tags,
            stats=stats,
            visibility=visibility,
            description=description,
            owner_id=owner_id,
            created_at=created_at,
        )

        workflow_summary.additional_properties = d
        return workflow_summary

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
