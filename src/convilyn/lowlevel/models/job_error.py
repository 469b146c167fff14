from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_error_detail import JobErrorDetail


T = TypeVar("T", bound="JobError")


@_attrs_define
class JobError:
    """Why a conversion job failed.

    Attributes:
        code (str): Machine-readable failure code, e.g. `UNSUPPORTED_FORMAT`.
        message (str): Human-readable explanation.
        detail (JobErrorDetail | None | Unset): Structured diagnostics, when available.
    """

    code: str
    message: str
    detail: JobErrorDetail | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error_detail import JobErrorDetail

        code = self.code

        message = self.message

        detail: dict[str, Any] | None | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        elif isinstance(self.detail, JobErrorDetail):
            detail = self.detail.to_dict()
        else:
            detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_error_detail import JobErrorDetail

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        def _parse_detail(data: object) -> JobErrorDetail | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                detail_type_0 = JobErrorDetail.from_dict(data)

                return detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobErrorDetail | None | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        job_error = cls(
            code=code,
            message=message,
            detail=detail,
        )

        job_error.additional_properties = d
        return job_error

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
