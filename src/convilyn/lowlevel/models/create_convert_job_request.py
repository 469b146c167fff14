from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.processor_type import ProcessorType

if TYPE_CHECKING:
    from ..models.document_conversion_params import DocumentConversionParams
    from ..models.image_conversion_params import ImageConversionParams
    from ..models.media_conversion_params import MediaConversionParams


T = TypeVar("T", bound="CreateConvertJobRequest")


@_attrs_define
class CreateConvertJobRequest:
    """Create a turbo-lane conversion job (snake_case on the wire).

    Attributes:
        processor_type (ProcessorType): Turbo-lane processor: `document_conversion` takes DocumentConversionParams,
            `image_conversion` ImageConversionParams, `media_processing` MediaConversionParams.
        params (DocumentConversionParams | ImageConversionParams | MediaConversionParams): DocumentConversionParams for
            `document_conversion`, ImageConversionParams for `image_conversion`, MediaConversionParams for
            `media_processing`.
    """

    processor_type: ProcessorType
    params: DocumentConversionParams | ImageConversionParams | MediaConversionParams

    def to_dict(self) -> dict[str, Any]:
        from ..models.document_conversion_params import DocumentConversionParams
        from ..models.image_conversion_params import ImageConversionParams

        processor_type = self.processor_type.value

        params: dict[str, Any]
        if isinstance(self.params, DocumentConversionParams) or isinstance(
            self.params, ImageConversionParams
        ):
            params = self.params.to_dict()
        else:
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "processor_type": processor_type,
                "params": params,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.document_conversion_params import DocumentConversionParams
        from ..models.image_conversion_params import ImageConversionParams
        from ..models.media_conversion_params import MediaConversionParams

        d = dict(src_dict)
        processor_type = ProcessorType(d.pop("processor_type"))

        def _parse_params(
            data: object,
        ) -> DocumentConversionParams | ImageConversionParams | MediaConversionParams:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = DocumentConversionParams.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_1 = ImageConversionParams.from_dict(data)

                return params_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            params_type_2 = MediaConversionParams.from_dict(data)

            return params_type_2

        params = _parse_params(d.pop("params"))

        create_convert_job_request = cls(
            processor_type=processor_type,
            params=params,
        )

        return create_convert_job_request
