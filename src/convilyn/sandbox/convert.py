"""The turbo-lane conversion job: ``queued -> processing -> completed | failed``. Pure.

Unsupported format pairs are accepted (202) and then fail, as the live service does, with
``error.code == "UNSUPPORTED_CONVERSION"``. A source file whose name contains ``__fail__``
fails with ``PROCESSING_ERROR``.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from typing import Any

from .clock import Clock

QUEUED_SECONDS = 0.3
PROCESSING_SECONDS = 1.5

DOCUMENT_PAIRS: dict[str, frozenset[str]] = {
    "docx": frozenset({"pdf", "txt", "md", "html", "odt"}),
    "doc": frozenset({"pdf", "docx"}),
    "pdf": frozenset({"docx", "txt", "png", "jpg", "html"}),
    "md": frozenset({"pdf", "html", "docx"}),
    "html": frozenset({"pdf", "md", "docx"}),
    "txt": frozenset({"pdf", "docx"}),
    "pptx": frozenset({"pdf", "png"}),
    "xlsx": frozenset({"csv", "pdf"}),
    "csv": frozenset({"xlsx", "pdf"}),
    "odt": frozenset({"pdf", "docx"}),
}
IMAGE_FORMATS = frozenset({"png", "jpg", "jpeg", "webp", "gif", "bmp", "tiff", "heic"})
IMAGE_OUTPUTS = frozenset({"png", "jpg", "jpeg", "webp", "gif", "pdf"})
AUDIO = frozenset({"mp3", "wav", "m4a", "flac", "ogg", "aac"})
VIDEO = frozenset({"mp4", "mov", "webm", "mkv", "avi"})
MEDIA_OUTPUTS = {"audio": AUDIO, "video": VIDEO | AUDIO}

EXTRA_TYPES = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "webp": "image/webp",
    "heic": "image/heic",
    "m4a": "audio/mp4",
}


def mime_for(ext: str) -> str:
    ext = ext.lower().lstrip(".")
    return EXTRA_TYPES.get(ext) or mimetypes.types_map.get("." + ext) or "application/octet-stream"


def extension(file_name: str) -> str:
    _, dot, ext = file_name.rpartition(".")
    return ext.lower() if dot else ""


def supported(processor: str, source: str, target: str) -> bool:
    source, target = source.lower(), target.lower()
    if processor == "document_conversion":
        return target in DOCUMENT_PAIRS.get(source, frozenset())
    if processor == "image_conversion":
        return source in IMAGE_FORMATS and target in IMAGE_OUTPUTS and source != target
    if processor == "media_processing":
        kind = "audio" if source in AUDIO else "video" if source in VIDEO else None
        return kind is not None and target in MEDIA_OUTPUTS[kind]
    return False


@dataclass
class ResultRecord:
    filename: str
    mime_type: str
    object_key: str
    size: int = 0


@dataclass
class ConvertRun:
    job_id: str
    processor_type: str
    params: dict[str, Any]
    source_file_id: str
    source_name: str
    source_format: str
    target_format: str
    created_at: float
    next_at: float | None = None
    status: str = "queued"
    progress: int = 0
    updated_at: float = 0.0
    started_at: float | None = None
    completed_at: float | None = None
    error_code: str | None = None
    error_message: str | None = None
    warnings: list[str] = field(default_factory=list)
    results: list[ResultRecord] = field(default_factory=list)
    materialized: bool = False

    @property
    def is_terminal(self) -> bool:
        return self.status in ("completed", "failed")

    def result_name(self) -> str:
        stem = self.source_name.rsplit(".", 1)[0] if "." in self.source_name else self.source_name
        return f"{stem}.{self.target_format.lower()}"


def new_convert(run: ConvertRun, clock: Clock) -> ConvertRun:
    run.updated_at = run.created_at
    run.next_at = clock.later(run.created_at, QUEUED_SECONDS)
    if run.source_format.lower() != extension(run.source_name) and extension(run.source_name):
        run.warnings.append(
            f"source_format {run.source_format!r} differs from the file's extension {extension(run.source_name)!r}"
        )
    return run


def advance_convert(run: ConvertRun, clock: Clock) -> None:
    now = clock.now()
    while run.next_at is not None and run.next_at <= now:
        t = run.next_at
        run.next_at = None
        run.updated_at = t
        if run.status == "queued":
            run.status = "processing"
            run.started_at = t
            run.progress = 5
            if not supported(run.processor_type, run.source_format, run.target_format):
                _fail(
                    run,
                    t,
                    "UNSUPPORTED_CONVERSION",
                    f"Converting {run.source_format} to {run.target_format} is not supported by {run.processor_type}",
                )
            elif "__fail__" in run.source_name:
                _fail(run, t, "PROCESSING_ERROR", "The converter crashed on this input")
            else:
                run.next_at = clock.later(t, PROCESSING_SECONDS)
        elif run.status == "processing":
            run.status = "completed"
            run.progress = 100
            run.completed_at = t
            name = run.result_name()
            run.results = [
                ResultRecord(name, mime_for(run.target_format), f"results/{run.job_id}/{name}")
            ]


def progress_message(run: ConvertRun) -> str:
    return {
        "queued": "Waiting for a worker",
        "processing": f"Converting {run.source_format} to {run.target_format}",
        "completed": "Done",
        "failed": "Failed",
    }[run.status]


def convert_progress_at(run: ConvertRun, now: float, clock: Clock) -> int:
    if run.status != "processing" or run.started_at is None:
        return run.progress
    span = clock.real_seconds(PROCESSING_SECONDS)
    frac = 1.0 if span <= 0 else min(1.0, (now - run.started_at) / span)
    return max(run.progress, min(99, 5 + int(94 * frac)))


def _fail(run: ConvertRun, t: float, code: str, message: str) -> None:
    run.status = "failed"
    run.completed_at = t
    run.error_code = code
    run.error_message = message
