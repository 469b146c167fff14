from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalErrorDetail")


@_attrs_define
class GoalErrorDetail:
    """Structured reason of a goal job failure.

    Attributes:
        reason (str): Machine-readable reason, e.g. `max_iterations_reached`.
        limit (int | None | Unset): The limit that was hit, when the reason is a limit.
        reached (int | None | Unset): The value reached, when the reason is a limit.
    """

    reason: str
    limit: int | None | Unset = UNSET
    reached: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        reached: int | None | Unset
        if isinstance(self.reached, Unset):
            reached = UNSET
        else:
            reached = self.reached

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if limit is not UNSET:
            field_dict["limit"] = limit
        if reached is not UNSET:
            field_dict["reached"] = reached

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        def _parse_reached(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reached = _parse_reached(d.pop("reached", UNSET))

        goal_error_detail = cls(
            reason=reason,
            limit=limit,
            reached=reached,
        )

        goal_error_detail.additional_properties = d
        return goal_error_detail

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
