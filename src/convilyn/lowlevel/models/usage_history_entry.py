from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsageHistoryEntry")


@_attrs_define
class UsageHistoryEntry:
    """Usage of one metric over one billing period (snake_case on the wire).

    Attributes:
        metric (str): What was counted, e.g. `job_creations`, `credits`.
        period_start (datetime.datetime): Start of the period (UTC).
        period_end (datetime.datetime): End of the period (UTC).
        used (int): Amount used in the period.
        limit (int | None | Unset): The plan's limit for the period; null = unlimited.
    """

    metric: str
    period_start: datetime.datetime
    period_end: datetime.datetime
    used: int
    limit: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        used = self.used

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "period_start": period_start,
                "period_end": period_end,
                "used": used,
            }
        )
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        metric = d.pop("metric")

        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))

        used = d.pop("used")

        def _parse_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        usage_history_entry = cls(
            metric=metric,
            period_start=period_start,
            period_end=period_end,
            used=used,
            limit=limit,
        )

        usage_history_entry.additional_properties = d
        return usage_history_entry

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
