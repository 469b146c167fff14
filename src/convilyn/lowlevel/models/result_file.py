from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        size = self.size

        mimetype = self.mimetype

        url = self.url

        field_dict: dict[str, Any] = {}

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

        return result_file
