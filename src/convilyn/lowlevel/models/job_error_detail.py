from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobErrorDetail")


@_attrs_define
class JobErrorDetail:
    """Structured diagnostics of a failed conversion job.

    Attributes:
        reason (str): Machine-readable reason, e.g. `unsupported_pair`.
        sheet_count (int | None | Unset): Number of sheets in the source, for spreadsheet failures.
        faithful_targets (list[str] | None | Unset): Target formats the source converts to faithfully.
    """

    reason: str
    sheet_count: int | None | Unset = UNSET
    faithful_targets: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        sheet_count: int | None | Unset
        if isinstance(self.sheet_count, Unset):
            sheet_count = UNSET
        else:
            sheet_count = self.sheet_count

        faithful_targets: list[str] | None | Unset
        if isinstance(self.faithful_targets, Unset):
            faithful_targets = UNSET
        elif isinstance(self.faithful_targets, list):
            faithful_targets = self.faithful_targets

        else:
            faithful_targets = self.faithful_targets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if sheet_count is not UNSET:
            field_dict["sheetCount"] = sheet_count
        if faithful_targets is not UNSET:
            field_dict["faithfulTargets"] = faithful_targets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_sheet_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sheet_count = _parse_sheet_count(d.pop("sheetCount", UNSET))

        def _parse_faithful_targets(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                faithful_targets_type_0 = cast(list[str], data)

                return faithful_targets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        faithful_targets = _parse_faithful_targets(d.pop("faithfulTargets", UNSET))

        job_error_detail = cls(
            reason=reason,
            sheet_count=sheet_count,
            faithful_targets=faithful_targets,
        )

        job_error_detail.additional_properties = d
        return job_error_detail

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
