from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GoalJobDownload")


@_attrs_define
class GoalJobDownload:
    """A presigned download URL for a ZIP of all outputs of a goal job (valid 1 hour).

    Attributes:
        url (str): Presigned URL; fetch it without the API key.
        expires_at (datetime.datetime): When the URL stops working (UTC).
        filename (str): Suggested file name, usually `output.zip`.
    """

    url: str
    expires_at: datetime.datetime
    filename: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        expires_at = self.expires_at.isoformat()

        filename = self.filename

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "expiresAt": expires_at,
                "filename": filename,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expiresAt"))

        filename = d.pop("filename")

        goal_job_download = cls(
            url=url,
            expires_at=expires_at,
            filename=filename,
        )

        goal_job_download.additional_properties = d
        return goal_job_download

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
