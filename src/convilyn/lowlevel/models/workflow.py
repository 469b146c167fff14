from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_visibility import WorkflowVisibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_stats import WorkflowStats


T = TypeVar("T", bound="Workflow")


@_attrs_define
class Workflow:
    """Full detail of one user or community workflow.

    Attributes:
        workflow_id (str): Identifier of the workflow; run it via createGoalJob's `userWorkflowId`.
        spec_id (str): Spec identifier; use as `sourceSpecId` when forking.
        name (str): Name.
        visibility (WorkflowVisibility): `private` (owner only), `public` (listed in community search), `archived`
            (hidden).
        tags (list[str]): Tags.
        stats (WorkflowStats): Usage counters of a workflow.
        item_version (int): Optimistic-lock version; required by patchWorkflow.
        owner_id (None | str | Unset): Owner's user id.
        source_spec_id (None | str | Unset): Spec this workflow was forked from.
        source_type (None | str | Unset): Origin of the workflow: `curated`, `user` or `blank`.
        description (None | str | Unset): Description.
    """

    workflow_id: str
    spec_id: str
    name: str
    visibility: WorkflowVisibility
    tags: list[str]
    stats: WorkflowStats
    item_version: int
    owner_id: None | str | Unset = UNSET
    source_spec_id: None | str | Unset = UNSET
    source_type: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        spec_id = self.spec_id

        name = self.name

        visibility = self.visibility.value

        tags = self.tags

        stats = self.stats.to_dict()

        item_version = self.item_version

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        source_spec_id: None | str | Unset
        if isinstance(self.source_spec_id, Unset):
            source_spec_id = UNSET
        else:
            source_spec_id = self.source_spec_id

        source_type: None | str | Unset
        if isinstance(self.source_type, Unset):
            source_type = UNSET
        else:
            source_type = self.source_type

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflowId": workflow_id,
                "specId": spec_id,
                "name": name,
                "visibility": visibility,
                "tags": tags,
                "stats": stats,
                "itemVersion": item_version,
            }
        )
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if source_spec_id is not UNSET:
            field_dict["sourceSpecId"] = source_spec_id
        if source_type is not UNSET:
            field_dict["sourceType"] = source_type
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_stats import WorkflowStats

        d = dict(src_dict)
        workflow_id = d.pop("workflowId")

        spec_id = d.pop("specId")

        name = d.pop("name")

        visibility = WorkflowVisibility(d.pop("visibility"))

        tags = cast(list[str], d.pop("tags"))

        stats = WorkflowStats.from_dict(d.pop("stats"))

        item_version = d.pop("itemVersion")

        def _parse_owner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_id = _parse_owner_id(d.pop("ownerId", UNSET))

        def _parse_source_spec_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_spec_id = _parse_source_spec_id(d.pop("sourceSpecId", UNSET))

        def _parse_source_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_type = _parse_source_type(d.pop("sourceType", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        workflow = cls(
            workflow_id=workflow_id,
            spec_id=spec_id,
            name=name,
            visibility=visibility,
            tags=tags,
            stats=stats,
            item_version=item_version,
            owner_id=owner_id,
            source_spec_id=source_spec_id,
            source_type=source_type,
            description=description,
        )

        workflow.additional_properties = d
        return workflow

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
