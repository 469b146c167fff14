from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_visibility import WorkflowVisibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_workflow_detail_spec_json_type_0 import (
        UserWorkflowDetailSpecJsonType0,
    )
    from ..models.workflow_stats import WorkflowStats


T = TypeVar("T", bound="UserWorkflowDetail")


@_attrs_define
class UserWorkflowDetail:
    """Full owner-facing detail of one of your workflows. Builder-only fields (tool palette, canvas layout) may come along
    and are not described here.

        Attributes:
            workflow_id (str): Identifier (`uw_...`); run it with createGoalJob's `userWorkflowId`.
            owner_id (str): Your user id.
            spec_id (str): Spec identifier.
            name (str): Name.
            visibility (WorkflowVisibility): `private` (owner only), `public` (listed in community search), `archived`
                (hidden).
            stats (WorkflowStats): Usage counters of a workflow.
            created_at (str): When it was created (ISO 8601, UTC).
            updated_at (str): When it last changed (ISO 8601, UTC).
            item_version (int): Optimistic-lock version (see patchWorkflow).
            owner_display_name (None | str | Unset): Your display name.
            source_spec_id (None | str | Unset): Spec this workflow was forked from.
            source_type (None | str | Unset): Origin: `builder`, `user` (forked), `curated` or `blank`.
            source_version (None | str | Unset): Version of the source it was made from.
            description (None | str | Unset): Description.
            system_prompt (None | str | Unset): The system prompt the workflow runs with.
            spec_json (None | Unset | UserWorkflowDetailSpecJsonType0): The compiled workflow spec (opaque).
            tags (list[str] | Unset): Tags.
            founding_intent (None | str | Unset): What it was first built for (the Builder's first request).
    """

    workflow_id: str
    owner_id: str
    spec_id: str
    name: str
    visibility: WorkflowVisibility
    stats: WorkflowStats
    created_at: str
    updated_at: str
    item_version: int
    owner_display_name: None | str | Unset = UNSET
    source_spec_id: None | str | Unset = UNSET
    source_type: None | str | Unset = UNSET
    source_version: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    spec_json: None | Unset | UserWorkflowDetailSpecJsonType0 = UNSET
    tags: list[str] | Unset = UNSET
    founding_intent: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_workflow_detail_spec_json_type_0 import (
            UserWorkflowDetailSpecJsonType0,
        )

        workflow_id = self.workflow_id

        owner_id = self.owner_id

        spec_id = self.spec_id

        name = self.name

        visibility = self.visibility.value

        stats = self.stats.to_dict()

        created_at = self.created_at

        updated_at = self.updated_at

        item_version = self.item_version

        owner_display_name: None | str | Unset
        if isinstance(self.owner_display_name, Unset):
            owner_display_name = UNSET
        else:
            owner_display_name = self.owner_display_name

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

        source_version: None | str | Unset
        if isinstance(self.source_version, Unset):
            source_version = UNSET
        else:
            source_version = self.source_version

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        system_prompt: None | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        else:
            system_prompt = self.system_prompt

        spec_json: dict[str, Any] | None | Unset
        if isinstance(self.spec_json, Unset):
            spec_json = UNSET
        elif isinstance(self.spec_json, UserWorkflowDetailSpecJsonType0):
            spec_json = self.spec_json.to_dict()
        else:
            spec_json = self.spec_json

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        founding_intent: None | str | Unset
        if isinstance(self.founding_intent, Unset):
            founding_intent = UNSET
        else:
            founding_intent = self.founding_intent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflowId": workflow_id,
                "ownerId": owner_id,
                "specId": spec_id,
                "name": name,
                "visibility": visibility,
                "stats": stats,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "itemVersion": item_version,
            }
        )
        if owner_display_name is not UNSET:
            field_dict["ownerDisplayName"] = owner_display_name
        if source_spec_id is not UNSET:
            field_dict["sourceSpecId"] = source_spec_id
        if source_type is not UNSET:
            field_dict["sourceType"] = source_type
        if source_version is not UNSET:
            field_dict["sourceVersion"] = source_version
        if description is not UNSET:
            field_dict["description"] = description
        if system_prompt is not UNSET:
            field_dict["systemPrompt"] = system_prompt
        if spec_json is not UNSET:
            field_dict["specJson"] = spec_json
        if tags is not UNSET:
            field_dict["tags"] = tags
        if founding_intent is not UNSET:
            field_dict["foundingIntent"] = founding_intent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_workflow_detail_spec_json_type_0 import (
            UserWorkflowDetailSpecJsonType0,
        )
        from ..models.workflow_stats import WorkflowStats

        d = dict(src_dict)
        workflow_id = d.pop("workflowId")

        owner_id = d.pop("ownerId")

        spec_id = d.pop("specId")

        name = d.pop("name")

        visibility = WorkflowVisibility(d.pop("visibility"))

        stats = WorkflowStats.from_dict(d.pop("stats"))

        created_at = d.pop("createdAt")

        updated_at = d.pop("updatedAt")

        item_version = d.pop("itemVersion")

        def _parse_owner_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_display_name = _parse_owner_display_name(d.pop("ownerDisplayName", UNSET))

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

        def _parse_source_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_version = _parse_source_version(d.pop("sourceVersion", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_system_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("systemPrompt", UNSET))

        def _parse_spec_json(data: object) -> None | Unset | UserWorkflowDetailSpecJsonType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                spec_json_type_0 = UserWorkflowDetailSpecJsonType0.from_dict(data)

                return spec_json_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserWorkflowDetailSpecJsonType0, data)

        spec_json = _parse_spec_json(d.pop("specJson", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_founding_intent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        founding_intent = _parse_founding_intent(d.pop("foundingIntent", UNSET))

        user_workflow_detail = cls(
            workflow_id=workflow_id,
            owner_id=owner_id,
            spec_id=spec_id,
            name=name,
            visibility=visibility,
            stats=stats,
            created_at=created_at,
            updated_at=updated_at,
            item_version=item_version,
            owner_display_name=owner_display_name,
            source_spec_id=source_spec_id,
            source_type=source_type,
            source_version=source_version,
            description=description,
            system_prompt=system_prompt,
            spec_json=spec_json,
            tags=tags,
            founding_intent=founding_intent,
        )

        user_workflow_detail.additional_properties = d
        return user_workflow_detail

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
