from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuilderQuota")


@_attrs_define
class BuilderQuota:
    """Your Builder turn budget in the current window.

    Attributes:
        used (int): Turns used in this window.
        limit (int): Turns allowed per window.
        remaining (int): Turns left.
        window_seconds (int): Length of the window.
        retry_after_seconds (int | Unset): Seconds until the window resets when no turn is left; 0 otherwise. Default:
            0.
    """

    used: int
    limit: int
    remaining: int
    window_seconds: int
    retry_after_seconds: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        used = self.used

        limit = self.limit

        remaining = self.remaining

        window_seconds = self.window_seconds

        retry_after_seconds = self.retry_after_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "used": used,
                "limit": limit,
                "remaining": remaining,
                "window_seconds": window_seconds,
            }
        )
        if retry_after_seconds is not UNSET:
            field_dict["retry_after_seconds"] = retry_after_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        used = d.pop("used")

        limit = d.pop("limit")

        remaining = d.pop("remaining")

        window_seconds = d.pop("window_seconds")

        retry_after_seconds = d.pop("retry_after_seconds", UNSET)

        builder_quota = cls(
            used=used,
            limit=limit,
            remaining=remaining,
            window_seconds=window_seconds,
            retry_after_seconds=retry_after_seconds,
        )

        builder_quota.additional_properties = d
        return builder_quota

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
