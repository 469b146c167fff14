"""Which turbo-lane processor a conversion needs, derived from its two formats (pure).

The processor family is the one whose vocabulary contains both the source and the target
format (``gif`` is an image next to ``png`` and a video next to ``mp4``). An impossible pair is
refused here, before anything is uploaded. Whether the service can actually produce a given
pair within a family stays the service's decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from convilyn.errors import UnsupportedConversionError
from convilyn.lowlevel.models import (
    CreateConvertJobRequest,
    DocumentConversionParams,
    ImageConversionParams,
    MediaConversionParams,
    ProcessorType,
)
from convilyn.lowlevel.types import UNSET

__all__ = [
    "ConversionFamily",
    "ConvertPlan",
    "build_convert_request",
    "detect_format",
    "normalize_format",
    "plan_conversion",
]

DOCUMENT_FORMATS = frozenset(
    {
        "pdf", "docx", "doc", "odt", "rtf", "txt", "md", "html", "epub",
        "pptx", "ppt", "odp", "xlsx", "xls", "ods", "csv", "json", "xml",
    }
)  # fmt: skip
IMAGE_FORMATS = frozenset(
    {"png", "jpg", "webp", "gif", "bmp", "tiff", "heic", "avif", "ico", "svg", "pdf"}
)
MEDIA_FORMATS = frozenset(
    {
        "mp4", "mov", "avi", "mkv", "webm", "mp3", "wav", "flac", "aac", "ogg", "m4a",
        "opus", "gif",
    }
)  # fmt: skip

_ALIASES = {
    "jpeg": "jpg",
    "jpe": "jpg",
    "tif": "tiff",
    "htm": "html",
    "markdown": "md",
    "text": "txt",
    "heif": "heic",
}


@dataclass(frozen=True)
class ConversionFamily:
    name: str
    processor_type: str
    formats: frozenset[str]


FAMILIES = (
    ConversionFamily("document", "document_conversion", DOCUMENT_FORMATS),
    ConversionFamily("image", "image_conversion", IMAGE_FORMATS),
    ConversionFamily("media", "media_processing", MEDIA_FORMATS),
)


def normalize_format(raw: str) -> str:
    token = raw.strip().lower().lstrip(".")
    return _ALIASES.get(token, token)


def detect_format(filename: str | None) -> str | None:
    if not filename:
        return None
    suffix = PurePath(filename).suffix
    return normalize_format(suffix) if suffix.strip(". ") else None


def resolve_family(source_format: str | None, target_format: str) -> ConversionFamily:
    target = normalize_format(target_format)
    if not target:
        raise UnsupportedConversionError(
            "target_format is empty", source_format=source_format, target_format=target_format
        )
    if source_format is None:
        raise UnsupportedConversionError(
            "Cannot tell the source format (the file name has no extension): pass "
            "source_format=...",
            source_format=None,
            target_format=target,
        )
    source = normalize_format(source_format)
    if source == target:
        raise UnsupportedConversionError(
            f"Source and target are both {source!r}: that is not a conversion.",
            source_format=source,
            target_format=target,
        )
    matches = [f for f in FAMILIES if source in f.formats and target in f.formats]
    if len(matches) == 1:
        return matches[0]
    unknown = [t for t in (source, target) if not any(t in f.formats for f in FAMILIES)]
    if unknown:
        names = " and ".join(repr(u) for u in unknown)
        message = f"{names} is not a format the convert lane handles (document, image, media)."
    else:
        message = (
            f"No conversion from {source!r} to {target!r}: they belong to different families "
            f"({_families(source)} vs {_families(target)})."
        )
    raise UnsupportedConversionError(message, source_format=source, target_format=target)


def _families(token: str) -> str:
    return "/".join(f.name for f in FAMILIES if token in f.formats)


def _image_quality(quality: str | int) -> int:
    """Image conversions take an integer quality 1-100 (``"80"`` from a command line too)."""
    try:
        number = int(quality)
    except (TypeError, ValueError):
        number = 0
    if isinstance(quality, bool) or not 1 <= number <= 100 or str(number) != str(quality).strip():
        raise ValueError(
            f"quality={quality!r}: image conversions take an integer quality from 1 to 100 "
            "(the preset names such as 'high' belong to document and media conversions)."
        )
    return number


def build_convert_request(
    *,
    file_id: str,
    source_format: str | None,
    target_format: str,
    quality: str | int | None = None,
    page_range: str | None = None,
) -> CreateConvertJobRequest:
    """The ``POST /jobs`` body: the processor the formats imply, and its parameters."""
    family = resolve_family(source_format, target_format)
    target = normalize_format(target_format)
    params: DocumentConversionParams | ImageConversionParams | MediaConversionParams
    if family.processor_type == "document_conversion":
        assert source_format is not None
        params = DocumentConversionParams(
            source_file_id=file_id,
            source_format=normalize_format(source_format),
            target_format=target,
            quality=UNSET if quality is None else str(quality),
            page_range=UNSET if page_range is None else page_range,
        )
    elif page_range is not None:
        raise ValueError(
            f"page_range applies to document conversions; {target!r} makes this an "
            f"{family.name} conversion."
        )
    elif family.name == "image":
        image_quality = UNSET if quality is None else _image_quality(quality)
        params = ImageConversionParams(file_id=file_id, output_format=target, quality=image_quality)
    else:
        media_quality = UNSET if quality is None else str(quality)
        params = MediaConversionParams(file_id=file_id, output_format=target, quality=media_quality)
    return CreateConvertJobRequest(
        processor_type=ProcessorType(family.processor_type), params=params
    )


@dataclass(frozen=True)
class ConvertPlan:
    """What ``convert.create`` will send, checked locally: formats, processor, parameters, and
    the file (a local one's name and size, or a stored file's id). Building one sends nothing."""

    source_format: str
    target_format: str
    processor_type: str
    file_name: str | None = None
    size: int | None = None
    file_id: str | None = None
    quality: str | int | None = None
    page_range: str | None = None

    def request(self, file_id: str) -> CreateConvertJobRequest:
        """The ``POST /jobs`` body for the (uploaded or stored) file ``file_id``."""
        return build_convert_request(
            file_id=file_id,
            source_format=self.source_format,
            target_format=self.target_format,
            quality=self.quality,
            page_range=self.page_range,
        )


def plan_conversion(
    *,
    target_format: str,
    source_format: str | None,
    file_name: str | None = None,
    size: int | None = None,
    file_id: str | None = None,
    quality: str | int | None = None,
    page_range: str | None = None,
) -> ConvertPlan:
    """Check a conversion the way the service would, before anything is uploaded or paid for:
    ``UnsupportedConversionError`` for an impossible pair, ``ValueError`` for a parameter the
    processor does not take. The source format is ``source_format``, else ``file_name``'s."""
    fmt = normalize_format(source_format) if source_format else detect_format(file_name)
    body = build_convert_request(
        file_id=file_id or "-",
        source_format=fmt,
        target_format=target_format,
        quality=quality,
        page_range=page_range,
    )
    assert fmt is not None  # resolve_family refused an unknown source format
    return ConvertPlan(
        source_format=fmt,
        target_format=normalize_format(target_format),
        processor_type=body.processor_type.value,
        file_name=file_name,
        size=size,
        file_id=file_id,
        quality=quality,
        page_range=page_range,
    )
