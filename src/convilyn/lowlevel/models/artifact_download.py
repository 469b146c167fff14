from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ArtifactDownload")


@_attrs_define
class ArtifactDownload:
    """A presigned download URL for one artifact (valid 1 hour).

    Attributes:
        download_url (str): Presigned URL; fetch it without the API key.
        file_name (str): Suggested file name.
        size_bytes (int): Size in bytes.
        mime_type (str): MIME type.
        expires_at (datetime.datetime): When the URL stops working (UTC).
    """

    download_url: str
    file_name: str
    size_bytes: int
    mime_type: str
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        download_url = self.download_url

        file_name = self.file_name

        size_bytes = self.size_bytes

        mime_type = self.mime_type

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "downloadUrl": download_url,
                "fileName": file_name,
                "sizeBytes": size_bytes,
                "mimeType": mime_type,
                "expiresAt": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        download_url = d.pop("downloadUrl")

        file_name = d.pop("fileName")

        size_bytes = d.pop("sizeBytes")

        mime_type = d.pop("mimeType")

        expires_at = datetime.datetime.fromisoformat(d.pop("expiresAt"))

        artifact_download = cls(
            download_url=download_url,
            file_name=file_name,
            size_bytes=size_bytes,
            mime_type=mime_type,
            expires_at=expires_at,
        )

        artifact_download.additional_properties = d
        return artifact_download

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
