from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentConversionParams")


@_attrs_define
class DocumentConversionParams:
    """Parameters of a `document_conversion` job (snake_case on the wire).

    Attributes:
        source_file_id (str): Identifier of the uploaded source file.
        source_format (str): Source format (extension without dot), e.g. `docx`.
        target_format (str): Target format (extension without dot), e.g. `pdf`.
        quality (None | str | Unset): Optional quality preset, e.g. `high`; the server's default when omitted.
        page_range (None | str | Unset): Optional page selection, e.g. `1-3,5`; all pages when omitted.
    """

    source_file_id: str
    source_format: str
    target_format: str
    quality: None | str | Unset = UNSET
    page_range: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_file_id = self.source_file_id

        source_format = self.source_format

        target_format = self.target_format

        quality: None | str | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        else:
            quality = self.quality

        page_range: None | str | Unset
        if isinstance(self.page_range, Unset):
            page_range = UNSET
        else:
            page_range = self.page_range

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_file_id": source_file_id,
                "source_format": source_format,
                "target_format": target_format,
            }
        )
        if quality is not UNSET:
            field_dict["quality"] = quality
        if page_range is not UNSET:
            field_dict["page_range"] = page_range

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        source_file_id = d.pop("source_file_id")

        source_format = d.pop("source_format")

        target_format = d.pop("target_format")

        def _parse_quality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))

        def _parse_page_range(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        page_range = _parse_page_range(d.pop("page_range", UNSET))

        document_conversion_params = cls(
            source_file_id=source_file_id,
            source_format=source_format,
            target_format=target_format,
            quality=quality,
            page_range=page_range,
        )

        return document_conversion_params
