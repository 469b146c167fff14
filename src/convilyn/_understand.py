"""``goals.understand`` / ``to_markdown`` / ``extract``: the argument checks, the refusal and
artifact decisions and the decoding (pure; driven by :mod:`convilyn._async._understand`).

What stays a builtin and what is a convilyn error follows the vendor's 4.1: an argument that
makes no sense (no files, a schema that is not a dict) or a method called for the wrong kind of
job (one that stops to ask) is a ``ValueError`` / ``TypeError``; what the service says about
the request's shape is :class:`~convilyn.errors.UnderstandUnavailableError`; what went wrong
with the output of a finished, charged job is :class:`~convilyn.errors.GoalArtifactUnusableError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from convilyn._goal_status import normalize_goal_status
from convilyn.errors import (
    APIError,
    GoalArtifactKind,
    GoalArtifactUnusableError,
    UnderstandUnavailableError,
)
from convilyn.types import Artifact, GoalJob

__all__ = [
    "EXTRACT_WORKFLOW_ID",
    "MAX_ARTIFACT_BYTES",
    "ArtifactKind",
    "check_files",
    "check_schema",
    "choose_artifact",
    "decode_artifact",
    "not_single_step",
    "unavailable",
]

# The shape asked for: one name with the error that reports it (4.1 spells it there).
ArtifactKind = GoalArtifactKind

# extract() runs this fixed document-extraction workflow (the vendor's 4.1 EXTRACT_WORKFLOW_ID).
EXTRACT_WORKFLOW_ID = "goal_lane.personal_document_actions"

# The artifact is read into memory to be parsed: past this, download_artifact_to() it instead
# (the vendor's MAX_EXTRACT_JSON_BYTES, for JSON and Markdown alike).
MAX_ARTIFACT_BYTES = 8 * 1024 * 1024

# A create refused with these means "the service does not serve this shape"; 402, 429 and 5xx
# are real conditions and propagate as their own errors. 400 is coarse (a request refused for
# a nameable reason, several files, arrives as a 400 with only a message): the message carries
# the distinction.
UNSERVED_STATUSES = frozenset({400, 404, 422, 501})

_MIME = {"json": "application/json", "markdown": "text/markdown"}

MARKDOWN_UNSERVED = (
    "The connected Convilyn platform does not serve Markdown output (goals.to_markdown) for "
    "this request. For a deterministic document-to-Markdown render, use file conversion "
    "(client.convert, `convilyn convert FILE --to md`): it is free on every plan."
)


def check_files(method: str, files: Sequence[Any] | None) -> None:
    """``files`` must name at least one file (a bare ``ValueError``, before any request)."""
    if not files:
        raise ValueError(
            f"{method}() requires at least one file in files= (File objects or file ids; "
            "upload local files with client.files.upload() first)"
        )


def check_schema(schema: object) -> dict[str, Any]:
    """``schema`` as the dict sent as ``outputSchema`` (a bare ``TypeError`` otherwise)."""
    if not isinstance(schema, Mapping):
        raise TypeError(
            f"understand() requires a JSON Schema dict for schema=, got {type(schema).__name__} "
            '(e.g. {"type": "object", "properties": {"total": {"type": "number"}}})'
        )
    return dict(schema)


def _server_reason(exc: APIError) -> str | None:
    """The refusal's message when the body carried one, not a bare reason phrase."""
    message = (exc.message or "").strip()
    if not message or message == httpx.codes.get_reason_phrase(exc.status_code):
        return None
    return message


def unavailable(exc: APIError, kind: ArtifactKind) -> UnderstandUnavailableError | None:
    """The error a refused create becomes, or ``None`` when it is a real condition."""
    if exc.status_code not in UNSERVED_STATUSES:
        return None
    reason = _server_reason(exc)
    message: str | None
    if kind == "markdown":
        message = MARKDOWN_UNSERVED + (f" The service said: {reason}" if reason else "")
    else:
        message = reason  # None: the class default
    return UnderstandUnavailableError(
        message, status_code=exc.status_code, code=exc.code, request_id=exc.request_id
    )


def not_single_step(method: str, job: GoalJob) -> ValueError:
    """The job stopped for input or for a preview to approve: the wrong method for it."""
    return ValueError(
        f"{method}() expected a single-step job, but goal job {job.job_spec_id} stopped at "
        f"{job.status} (it asks for input or approval); use goals.run(on_slot=..., "
        "on_preview=...) or start()/fill_slots()/confirm() for interactive workflows."
    )


def choose_artifact(job: GoalJob, artifacts: Sequence[Artifact], kind: ArtifactKind) -> Artifact:
    """The artifact of ``kind`` to return (the primary one when flagged), refused when there
    is none or it is over the in-memory cap."""
    status = normalize_goal_status(job.status)
    mime = _MIME[kind]
    found = [a for a in artifacts if (a.mime_type or "").split(";")[0].strip().lower() == mime]
    if not found:
        raise GoalArtifactUnusableError(
            job_spec_id=job.job_spec_id, kind=kind, reason="missing", job_status=status
        )
    art = next((a for a in found if a.is_primary), found[0])
    if art.size_bytes > MAX_ARTIFACT_BYTES:
        raise too_large(job, art, kind, art.size_bytes)
    return art


def too_large(
    job: GoalJob, art: Artifact, kind: ArtifactKind, size: int | None
) -> GoalArtifactUnusableError:
    return GoalArtifactUnusableError(
        job_spec_id=job.job_spec_id,
        kind=kind,
        reason="too_large",
        job_status=normalize_goal_status(job.status),
        artifact_id=art.artifact_id,
        size_bytes=size,
        max_bytes=MAX_ARTIFACT_BYTES,
    )


def decode_artifact(job: GoalJob, art: Artifact, kind: ArtifactKind, data: bytes) -> Any:
    """The parsed JSON, or the Markdown text; ``unparsable`` when the bytes are neither."""
    try:
        text = data.decode("utf-8")
        return json.loads(text) if kind == "json" else text
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoalArtifactUnusableError(
            job_spec_id=job.job_spec_id,
            kind=kind,
            reason="unparsable",
            job_status=normalize_goal_status(job.status),
            artifact_id=art.artifact_id,
            size_bytes=len(data),
            detail=str(exc),
        ) from exc
