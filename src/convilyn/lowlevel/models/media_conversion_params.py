from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MediaConversionParams")


@_attrs_define
class MediaConversionParams:
    """Parameters of a `media_processing` job (snake_case on the wire).

    Attributes:
        file_id (str): Identifier of the uploaded source file.
        output_format (str): Output format (extension without dot), e.g. `webp`, `mp3`.
        quality (None | str | Unset): Optional quality preset; the server's default when omitted.
    """

    file_id: str
    output_format: str
    quality: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        output_format = self.output_format

        quality: None | str | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        else:
            quality = self.quality

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_id": file_id,
                "output_format": output_format,
            }
        )
        if quality is not UNSET:
            field_dict["quality"] = quality

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_id = d.pop("file_id")

        output_format = d.pop("output_format")

        def _parse_quality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))

        media_conversion_params = cls(
            file_id=file_id,
            output_format=output_format,
            quality=quality,
        )

        return media_conversion_params
