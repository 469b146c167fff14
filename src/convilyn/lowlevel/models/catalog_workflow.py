from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.catalog_slot import CatalogSlot


T = TypeVar("T", bound="CatalogWorkflow")


@_attrs_define
class CatalogWorkflow:
    """A curated workflow you can start with createGoalJob's `workflowId`.

    Attributes:
        workflow_id (str): Identifier to pass as `workflowId`, e.g. `goal_lane.cover_letter`.
        name (str): Human-readable name.
        description (str): What the workflow does.
        supported_input_types (list[str]): Input kinds accepted, e.g. `document`, `image`.
        category (str): Catalog category.
        required_slot_count (int): Number of slots that must be answered before execution.
        status (str): Availability, e.g. `active`, `beta`.
        icon (None | str | Unset): Icon name or URL.
        supported_input_formats (list[str] | None | Unset): Accepted extensions without dot, e.g. `["pdf", "docx"]`;
            null = any.
        subcategory (None | str | Unset): Finer grouping inside the category.
        sku_group (None | str | Unset): Billing group of the workflow.
        supported_locales (list[str] | None | Unset): Locales the workflow can answer in, e.g. `["en", "de"]`; null =
            any.
        required_slots (list[CatalogSlot] | None | Unset): The slots asked before execution, when known.
        max_input_size_bytes (int | None | Unset): Maximum total input size in bytes; check before uploading.
        min_file_count (int | None | Unset): Minimum number of input files.
        tier (None | str | Unset): Lowest plan tier that may run it, e.g. `free`, `pro`.
        free_tier_allowed (bool | None | Unset): Whether free-tier keys may run it.
    """

    workflow_id: str
    name: str
    description: str
    supported_input_types: list[str]
    category: str
    required_slot_count: int
    status: str
    icon: None | str | Unset = UNSET
    supported_input_formats: list[str] | None | Unset = UNSET
    subcategory: None | str | Unset = UNSET
    sku_group: None | str | Unset = UNSET
    supported_locales: list[str] | None | Unset = UNSET
    required_slots: list[CatalogSlot] | None | Unset = UNSET
    max_input_size_bytes: int | None | Unset = UNSET
    min_file_count: int | None | Unset = UNSET
    tier: None | str | Unset = UNSET
    free_tier_allowed: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        description = self.description

        supported_input_types = self.supported_input_types

        category = self.category

        required_slot_count = self.required_slot_count

        status = self.status

        icon: None | str | Unset
        if isinstance(self.icon, Unset):
            icon = UNSET
        else:
            icon = self.icon

        supported_input_formats: list[str] | None | Unset
        if isinstance(self.supported_input_formats, Unset):
            supported_input_formats = UNSET
        elif isinstance(self.supported_input_formats, list):
            supported_input_formats = self.supported_input_formats

        else:
            supported_input_formats = self.supported_input_formats

        subcategory: None | str | Unset
        if isinstance(self.subcategory, Unset):
            subcategory = UNSET
        else:
            subcategory = self.subcategory

        sku_group: None | str | Unset
        if isinstance(self.sku_group, Unset):
            sku_group = UNSET
        else:
            sku_group = self.sku_group

        supported_locales: list[str] | None | Unset
        if isinstance(self.supported_locales, Unset):
            supported_locales = UNSET
        elif isinstance(self.supported_locales, list):
            supported_locales = self.supported_locales

        else:
            supported_locales = self.supported_locales

        required_slots: list[dict[str, Any]] | None | Unset
        if isinstance(self.required_slots, Unset):
            required_slots = UNSET
        elif isinstance(self.required_slots, list):
            required_slots = []
            for required_slots_type_0_item_data in self.required_slots:
                required_slots_type_0_item = required_slots_type_0_item_data.to_dict()
                required_slots.append(required_slots_type_0_item)

        else:
            required_slots = self.required_slots

        max_input_size_bytes: int | None | Unset
        if isinstance(self.max_input_size_bytes, Unset):
            max_input_size_bytes = UNSET
        else:
            max_input_size_bytes = self.max_input_size_bytes

        min_file_count: int | None | Unset
        if isinstance(self.min_file_count, Unset):
            min_file_count = UNSET
        else:
            min_file_count = self.min_file_count

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        free_tier_allowed: bool | None | Unset
        if isinstance(self.free_tier_allowed, Unset):
            free_tier_allowed = UNSET
        else:
            free_tier_allowed = self.free_tier_allowed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflowId": workflow_id,
                "name": name,
                "description": description,
                "supportedInputTypes": supported_input_types,
                "category": category,
                "requiredSlotCount": required_slot_count,
                "status": status,
            }
        )
        if icon is not UNSET:
            field_dict["icon"] = icon
        if supported_input_formats is not UNSET:
            field_dict["supportedInputFormats"] = supported_input_formats
        if subcategory is not UNSET:
            field_dict["subcategory"] = subcategory
        if sku_group is not UNSET:
            field_dict["skuGroup"] = sku_group
        if supported_locales is not UNSET:
            field_dict["supportedLocales"] = supported_locales
        if required_slots is not UNSET:
            field_dict["requiredSlots"] = required_slots
        if max_input_size_bytes is not UNSET:
            field_dict["maxInputSizeBytes"] = max_input_size_bytes
        if min_file_count is not UNSET:
            field_dict["minFileCount"] = min_file_count
        if tier is not UNSET:
            field_dict["tier"] = tier
        if free_tier_allowed is not UNSET:
            field_dict["freeTierAllowed"] = free_tier_allowed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.catalog_slot import CatalogSlot

        d = dict(src_dict)
        workflow_id = d.pop("workflowId")

        name = d.pop("name")

        description = d.pop("description")

        supported_input_types = cast(list[str], d.pop("supportedInputTypes"))

        category = d.pop("category")

        required_slot_count = d.pop("requiredSlotCount")

        status = d.pop("status")

        def _parse_icon(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        icon = _parse_icon(d.pop("icon", UNSET))

        def _parse_supported_input_formats(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                supported_input_formats_type_0 = cast(list[str], data)

                return supported_input_formats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        supported_input_formats = _parse_supported_input_formats(
            d.pop("supportedInputFormats", UNSET)
        )

        def _parse_subcategory(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subcategory = _parse_subcategory(d.pop("subcategory", UNSET))

        def _parse_sku_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku_group = _parse_sku_group(d.pop("skuGroup", UNSET))

        def _parse_supported_locales(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                supported_locales_type_0 = cast(list[str], data)

                return supported_locales_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        supported_locales = _parse_supported_locales(d.pop("supportedLocales", UNSET))

        def _parse_required_slots(data: object) -> list[CatalogSlot] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_slots_type_0 = []
                _required_slots_type_0 = data
                for required_slots_type_0_item_data in _required_slots_type_0:
                    required_slots_type_0_item = CatalogSlot.from_dict(
                        required_slots_type_0_item_data
                    )

                    required_slots_type_0.append(required_slots_type_0_item)

                return required_slots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CatalogSlot] | None | Unset, data)

        required_slots = _parse_required_slots(d.pop("requiredSlots", UNSET))

        def _parse_max_input_size_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_input_size_bytes = _parse_max_input_size_bytes(d.pop("maxInputSizeBytes", UNSET))

        def _parse_min_file_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_file_count = _parse_min_file_count(d.pop("minFileCount", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_free_tier_allowed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        free_tier_allowed = _parse_free_tier_allowed(d.pop("freeTierAllowed", UNSET))

        catalog_workflow = cls(
            workflow_id=workflow_id,
            name=name,
            description=description,
            supported_input_types=supported_input_types,
            category=category,
            required_slot_count=required_slot_count,
            status=status,
            icon=icon,
            supported_input_formats=supported_input_formats,
            subcategory=subcategory,
            sku_group=sku_group,
            supported_locales=supported_locales,
            required_slots=required_slots,
            max_input_size_bytes=max_input_size_bytes,
            min_file_count=min_file_count,
            tier=tier,
            free_tier_allowed=free_tier_allowed,
        )

        catalog_workflow.additional_properties = d
        return catalog_workflow

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
