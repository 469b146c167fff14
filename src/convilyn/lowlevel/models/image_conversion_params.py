from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageConversionParams")


@_attrs_define
class ImageConversionParams:
    """Parameters of an `image_conversion` job (snake_case on the wire).

    Attributes:
        file_id (str): Identifier of the uploaded source file.
        output_format (str): Output format (extension without dot), e.g. `webp`.
        quality (int | None | Unset): Optional quality, 1 to 100; the server's default (80) when omitted.
    """

    file_id: str
    output_format: str
    quality: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        output_format = self.output_format

        quality: int | None | Unset
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

        def _parse_quality(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))

        image_conversion_params = cls(
            file_id=file_id,
            output_format=output_format,
            quality=quality,
        )

        return image_conversion_params
