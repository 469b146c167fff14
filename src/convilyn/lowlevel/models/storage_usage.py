from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StorageUsage")


@_attrs_define
class StorageUsage:
    """Storage used by the account (snake_case on the wire).

    Attributes:
        used_bytes (int): Bytes currently stored.
        free_bytes (int): Bytes still available under the plan's storage quota.
        over_quota (bool): True when uploads are refused until files are deleted.
    """

    used_bytes: int
    free_bytes: int
    over_quota: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        used_bytes = self.used_bytes

        free_bytes = self.free_bytes

        over_quota = self.over_quota

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "used_bytes": used_bytes,
                "free_bytes": free_bytes,
                "over_quota": over_quota,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        used_bytes = d.pop("used_bytes")

        free_bytes = d.pop("free_bytes")

        over_quota = d.pop("over_quota")

        storage_usage = cls(
            used_bytes=used_bytes,
            free_bytes=free_bytes,
            over_quota=over_quota,
        )

        storage_usage.additional_properties = d
        return storage_usage

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
