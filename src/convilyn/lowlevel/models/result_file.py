from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResultFile")


@_attrs_define
class ResultFile:
    """One output file of a completed conversion job.

    Attributes:
        filename (str): Output file name.
        size (int): Size in bytes.
        mimetype (str): MIME type of the output.
        url (str): Presigned download URL (fetch it without the API key; it expires).
    """

    filename: str
    size: int
    mimetype: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        size = self.size

        mimetype = self.mimetype

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "filename": filename,
                "size": size,
                "mimetype": mimetype,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        filename = d.pop("filename")

        size = d.pop("size")

        mimetype = d.pop("mimetype")

        url = d.pop("url")

        result_file = cls(
            filename=filename,
            size=size,
            mimetype=mimetype,
            url=url,
        )

        result_file.additional_properties = d
        return result_file

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
