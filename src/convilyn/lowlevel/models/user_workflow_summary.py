from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_visibility import WorkflowVisibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_stats import WorkflowStats


T = TypeVar("T", bound="UserWorkflowSummary")


@_attrs_define
class UserWorkflowSummary:
    """A light row of one of your workflows (no system prompt or spec; see getUserWorkflow).

    Attributes:
        workflow_id (str): Identifier (`uw_...`); run it with createGoalJob's `userWorkflowId`.
        spec_id (str): Spec identifier.
        name (str): Name.
        visibility (WorkflowVisibility): `private` (owner only), `public` (listed in community search), `archived`
            (hidden).
        stats (WorkflowStats): Usage counters of a workflow.
        updated_at (str): When it last changed (ISO 8601, UTC).
        description_preview (None | str | Unset): The start of the description.
        tags (list[str] | Unset): Tags.
        source_type (None | str | Unset): Origin: `builder`, `user` (forked), `curated` or `blank`.
        source_spec_id (None | str | Unset): Spec this workflow was forked from.
        owner_id (None | str | Unset): Your user id.
        owner_display_name (None | str | Unset): Your display name.
    """

    workflow_id: str
    spec_id: str
    name: str
    visibility: WorkflowVisibility
    stats: WorkflowStats
    updated_at: str
    description_preview: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    source_type: None | str | Unset = UNSET
    source_spec_id: None | str | Unset = UNSET
    owner_id: None | str | Unset = UNSET
    owner_display_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        spec_id = self.spec_id

        name = self.name

        visibility = self.visibility.value

        stats = self.stats.to_dict()

        updated_at = self.updated_at

        description_preview: None | str | Unset
        if isinstance(self.description_preview, Unset):
            description_preview = UNSET
        else:
            description_preview = self.description_preview

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        source_type: None | str | Unset
        if isinstance(self.source_type, Unset):
            source_type = UNSET
        else:
            source_type = self.source_type

        source_spec_id: None | str | Unset
        if isinstance(self.source_spec_id, Unset):
            source_spec_id = UNSET
        else:
            source_spec_id = self.source_spec_id

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        owner_display_name: None | str | Unset
        if isinstance(self.owner_display_name, Unset):
            owner_display_name = UNSET
        else:
            owner_display_name = self.owner_display_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflowId": workflow_id,
                "specId": spec_id,
                "name": name,
                "visibility": visibility,
                "stats": stats,
                "updatedAt": updated_at,
            }
        )
        if description_preview is not UNSET:
            field_dict["descriptionPreview"] = description_preview
        if tags is not UNSET:
            field_dict["tags"] = tags
        if source_type is not UNSET:
            field_dict["sourceType"] = source_type
        if source_spec_id is not UNSET:
            field_dict["sourceSpecId"] = source_spec_id
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if owner_display_name is not UNSET:
            field_dict["ownerDisplayName"] = owner_display_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_stats import WorkflowStats

        d = dict(src_dict)
        workflow_id = d.pop("workflowId")

        spec_id = d.pop("specId")

        name = d.pop("name")

        visibility = WorkflowVisibility(d.pop("visibility"))

        stats = WorkflowStats.from_dict(d.pop("stats"))

        updated_at = d.pop("updatedAt")

        def _parse_description_preview(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description_preview = _parse_description_preview(d.pop("descriptionPreview", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_source_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_type = _parse_source_type(d.pop("sourceType", UNSET))

        def _parse_source_spec_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_spec_id = _parse_source_spec_id(d.pop("sourceSpecId", UNSET))

        def _parse_owner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_id = _parse_owner_id(d.pop("ownerId", UNSET))

        def _parse_owner_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_display_name = _parse_owner_display_name(d.pop("ownerDisplayName", UNSET))

        user_workflow_summary = cls(
            workflow_id=workflow_id,
            spec_id=spec_id,
            name=name,
            visibility=visibility,
            stats=stats,
            updated_at=updated_at,
            description_preview=description_preview,
            tags=tags,
            source_type=source_type,
            source_spec_id=source_spec_id,
            owner_id=owner_id,
            owner_display_name=owner_display_name,
        )

        user_workflow_summary.additional_properties = d
        return user_workflow_summary

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
