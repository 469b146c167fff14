"""The ``understand`` tool: workspace files extracted into the caller's JSON Schema, over
``client.goals.understand``; the parsed JSON is returned, nothing is written.

The free checks come first (the fence, the schema, the local files), then the consent (it
spends credits), then the upload and the job. Every failure the SDK names comes back as a
refusal saying what to do: the service does not serve the shape (nothing ran), the finished
job's JSON was unusable (``reason``), the job failed or is still running.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convilyn.errors import (
    ConvilynError,
    GoalArtifactUnusableError,
    GoalJobFailedError,
    GoalJobTimeoutError,
    UnderstandUnavailableError,
)
from convilyn.mcp.tools import Session, consent, cost_lines, refusal

__all__ = ["check_schema", "failure", "understand", "unusable_refusal"]

SCHEMA_EXAMPLE = '{"type": "object", "properties": {"total": {"type": "number"}}}'
_STORED = "(`convilyn files list`, `convilyn files delete FILE_ID`)"


def check_schema(schema: object) -> dict[str, Any] | None:
    """``schema`` as a JSON Schema object, or ``None`` when it is not one (not a JSON
    object, or an empty one)."""
    if not isinstance(schema, Mapping) or not schema:
        return None
    return dict(schema)


def _fields(schema: Mapping[str, Any]) -> str:
    props = schema.get("properties")
    if isinstance(props, Mapping) and props:
        return "the fields " + ", ".join(str(name) for name in props)
    return "your schema"


def _not_a_schema(schema: object) -> dict[str, Any]:
    kind = "an empty object" if isinstance(schema, Mapping) else type(schema).__name__
    return refusal(
        f"schema must be a non-empty JSON Schema object, got {kind}; nothing was uploaded",
        hint=f"pass a JSON Schema object describing the JSON to return, e.g. {SCHEMA_EXAMPLE}",
    )


def _what(files: Sequence[Path], schema: Mapping[str, Any], instructions: str | None) -> str:
    """What the human approves: the uploads, what is extracted, that it spends."""
    steer = f" following your instructions ({instructions!r})" if instructions else ""
    return (
        f"Convilyn will UPLOAD {len(files)} file(s) ({', '.join(p.name for p in files)}) and "
        f"extract {_fields(schema)} from them on the hosted service{steer}; this spends "
        "credits (one understanding job). The JSON is returned to your assistant; no file is "
        "written."
    )


async def understand(
    s: Session,
    *,
    paths: Sequence[str],
    schema: object,
    instructions: str | None = None,
) -> dict[str, Any]:
    """Upload ``paths``, extract them into ``schema`` on the service, return the JSON."""
    if not paths:
        return refusal(
            "no paths given", hint="pass the workspace file to extract from, e.g. paths=['a.pdf']"
        )
    files = [s.workspace.readable(p) for p in paths]
    body_schema = check_schema(schema)
    if body_schema is None:
        return _not_a_schema(schema)
    s.client.files.check(files)
    refused = await consent(s, _what(files, body_schema, instructions), await cost_lines(s.client))
    if refused is not None:
        return refused
    uploaded = [await s.client.files.upload(p) for p in files]
    file_ids = [f.file_id for f in uploaded]
    try:
        result = await s.client.goals.understand(
            uploaded, schema=body_schema, instructions=instructions
        )
    except ConvilynError as exc:
        return failure(exc, file_ids)
    return {"ok": True, "result": result, "files": [p.name for p in files]}


def failure(exc: ConvilynError, file_ids: Sequence[str]) -> dict[str, Any]:
    """What a failed ``goals.understand`` call tells the model: why, and what to do."""
    if isinstance(exc, UnderstandUnavailableError):
        return refusal(
            exc,
            status_code=exc.status_code,
            code=exc.code,
            request_id=exc.request_id,
            uploaded=list(file_ids),
            hint="nothing ran and nothing was charged: change what the service's reason names "
            "(several files: send one file per call); for a document's plain text use convert "
            f"(to 'md'). The uploaded files stay in your storage {_STORED}",
        )
    if isinstance(exc, GoalArtifactUnusableError):
        return unusable_refusal(exc)
    if isinstance(exc, GoalJobFailedError):
        job = exc.job_spec_id
        return refusal(
            exc,
            job_spec_id=job,
            status="failed",
            hint=f"the job failed on the service; retry it with `convilyn goals retry {job}`",
        )
    if isinstance(exc, GoalJobTimeoutError):
        job = exc.job_spec_id
        return refusal(
            exc,
            job_spec_id=job,
            status="running",
            hint=f"the job is still running; see it with job_status(job_spec_id='{job}') and "
            f"fetch its result later with `convilyn goals download {job} -o DIR`",
        )
    # a 402 / 429 / 5xx: the service's own word, and the uploads
    return refusal(
        exc, uploaded=list(file_ids), hint=f"the uploaded files stay in your storage {_STORED}"
    )


_UNUSABLE_HINTS = {
    "missing": "the job finished (and was charged) without a JSON result, often because the "
    "run was partial; see what it produced with job_status(job_spec_id='{job}')",
    "unparsable": "the job's JSON artifact could not be parsed; save it as it is with "
    "`convilyn goals download {job} --artifact {artifact} -o DIR`",
    "too_large": "the JSON result is too large to return here; save it with "
    "`convilyn goals download {job} --artifact {artifact} -o DIR`",
}


def unusable_refusal(exc: GoalArtifactUnusableError) -> dict[str, Any]:
    """The finished (charged) job's JSON could not be handed back: why, and where it is."""
    hint = _UNUSABLE_HINTS.get(exc.reason, _UNUSABLE_HINTS["missing"])
    return refusal(
        exc,
        job_spec_id=exc.job_spec_id,
        reason=exc.reason,
        job_status=exc.job_status,
        hint=hint.format(job=exc.job_spec_id, artifact=exc.artifact_id),
    )
