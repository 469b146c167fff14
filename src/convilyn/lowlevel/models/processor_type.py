from enum import StrEnum


class ProcessorType(StrEnum):
    DOCUMENT_CONVERSION = "document_conversion"
    IMAGE_CONVERSION = "image_conversion"
    MEDIA_PROCESSING = "media_processing"

    def __str__(self) -> str:
        return str(self.value)
