"""``goals.understand`` / ``to_markdown`` / ``extract``: create the job, drive it to its end
(confirming the ``ready`` a schema- or format-routed job lands on), and hand back its primary
JSON or Markdown artifact. Decisions are :mod:`convilyn._understand`'s."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convilyn._async._goal_run import AsyncGoalRun
from convilyn._backends import async_off_loop
from convilyn._bodies import given
from convilyn._goal_status import GOAL_CANCELLED, normalize_goal_status
from convilyn._understand import (
    MAX_ARTIFACT_BYTES,
    ArtifactKind,
    choose_artifact,
    decode_artifact,
    not_single_step,
    too_large,
    unavailable,
)
from convilyn.errors import APIError, GoalArtifactUnusableError
from convilyn.lowlevel.api.goals import create_goal_job
from convilyn.lowlevel.models import CreateGoalJobRequest as _CreateGoalJobRequest
from convilyn.lowlevel.models import (
    CreateGoalJobRequestOutputFormat as _OutputFormat,
)
from convilyn.lowlevel.models import (
    CreateGoalJobRequestOutputSchema as _OutputSchema,
)
from convilyn.types import GoalJob

if TYPE_CHECKING:
    from convilyn._async.resources.goals import AsyncGoals

__all__ = ["create_understand_job", "finish", "run_understand"]

MAX_ROUNDS = 100


async def create_understand_job(
    goals: AsyncGoals,
    file_ids: list[str],
    *,
    schema: dict[str, Any] | None = None,
    instructions: str | None = None,
    kind: ArtifactKind,
) -> GoalJob:
    """The create: ``outputSchema`` (+ ``instructions``) for JSON, ``outputFormat: markdown``
    for Markdown; a refusal of the shape becomes ``UnderstandUnavailableError``."""
    body = _CreateGoalJobRequest(
        file_ids=file_ids,
        output_schema=_OutputSchema.from_dict(schema) if schema is not None else given(None),
        instructions=given(instructions),
        output_format=_OutputFormat.MARKDOWN if kind == "markdown" else given(None),
    )
    pipe = goals._pipeline
    try:
        response = await pipe.call(create_goal_job.asyncio_raw, body=body)
    except APIError as exc:
        refusal = unavailable(exc, kind)
        if refusal is not None:
            raise refusal from exc
        raise
    return pipe.parse(GoalJob, response)


async def finish(
    goals: AsyncGoals,
    job: GoalJob,
    *,
    method: str,
    kind: ArtifactKind,
    timeout: float | None,  # noqa: ASYNC109 (a polling budget)
    poll_interval: float | None,
    idle_timeout: float | None,
) -> Any:
    """Drive ``job`` to its end (a ``ready`` job is confirmed, as ``goals.run`` does) and
    return its artifact of ``kind``, parsed (JSON) or decoded (Markdown)."""
    if not job.is_terminal:
        drive = AsyncGoalRun(
            goals,
            goals._time,
            answers={},
            on_slot=None,
            on_preview=None,
            on_progress=None,
            timeout=timeout,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
            started=goals._time.monotonic(),
        )
        job = await drive.drive(job, MAX_ROUNDS)
    if not job.is_terminal:
        raise not_single_step(method, job)
    if normalize_goal_status(job.status) in GOAL_CANCELLED:
        raise GoalArtifactUnusableError(
            job_spec_id=job.job_spec_id, kind=kind, reason="missing", job_status="cancelled"
        )
    art = choose_artifact(job, await goals.artifacts(job.job_spec_id), kind)
    info = await goals.download_artifact_url(job.job_spec_id, art.artifact_id)
    with tempfile.TemporaryDirectory(prefix=".convilyn-") as tmp:
        path = await goals._pipeline.download(
            str(info.download_url), Path(tmp) / "artifact", overwrite=True
        )
        size = path.stat().st_size
        if size > MAX_ARTIFACT_BYTES:  # bigger than it said it was
            raise too_large(job, art, kind, size)
        data = await async_off_loop(path.read_bytes)
    return decode_artifact(job, art, kind, data)


async def run_understand(
    goals: AsyncGoals,
    file_ids: list[str],
    *,
    method: str,
    kind: ArtifactKind,
    schema: dict[str, Any] | None = None,
    instructions: str | None = None,
    timeout: float | None,  # noqa: ASYNC109 (a polling budget)
    poll_interval: float | None,
    idle_timeout: float | None,
) -> Any:
    job = await create_understand_job(
        goals, file_ids, schema=schema, instructions=instructions, kind=kind
    )
    return await finish(
        goals,
        job,
        method=method,
        kind=kind,
        timeout=timeout,
        poll_interval=poll_interval,
        idle_timeout=idle_timeout,
    )
