from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.presign_response_fields import PresignResponseFields


T = TypeVar("T", bound="PresignResponse")


@_attrs_define
class PresignResponse:
    """A presigned storage POST: where and how to upload the file bytes.

    Attributes:
        upload_url (str): Storage URL to POST the file to (multipart/form-data, every `fields` entry first, then the
            `file` part last; no Authorization header).
        fields (PresignResponseFields): Form fields to send verbatim, in order, before the `file` part.
        file_id (str): Identifier of the file; pass it to confirmUpload.
        s_3_key (str): Storage key of the object; pass it to confirmUpload.
        expires_in (int): Seconds until `uploadUrl` stops accepting the upload.
    """

    upload_url: str
    fields: PresignResponseFields
    file_id: str
    s_3_key: str
    expires_in: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_url = self.upload_url

        fields = self.fields.to_dict()

        file_id = self.file_id

        s_3_key = self.s_3_key

        expires_in = self.expires_in

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uploadUrl": upload_url,
                "fields": fields,
                "fileId": file_id,
                "s3Key": s_3_key,
                "expiresIn": expires_in,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.presign_response_fields import PresignResponseFields

        d = dict(src_dict)
        upload_url = d.pop("uploadUrl")

        fields = PresignResponseFields.from_dict(d.pop("fields"))

        file_id = d.pop("fileId")

        s_3_key = d.pop("s3Key")

        expires_in = d.pop("expiresIn")

        presign_response = cls(
            upload_url=upload_url,
            fields=fields,
            file_id=file_id,
            s_3_key=s_3_key,
            expires_in=expires_in,
        )

        presign_response.additional_properties = d
        return presign_response

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
