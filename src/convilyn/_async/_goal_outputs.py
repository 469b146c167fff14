"""The outputs of a goal job: its artifacts, one at a time or as one ZIP (a part of
:class:`~convilyn._async.resources.goals.AsyncGoals`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from convilyn._async._resource import AsyncResource
from convilyn._backends import async_off_loop
from convilyn._files import ProgressCallback, resolve_download_target, zip_into
from convilyn.errors import NotFoundError
from convilyn.lowlevel.api.goals import (
    get_goal_job_artifact_download,
    get_goal_job_download,
    list_goal_job_artifacts,
)
from convilyn.types import Artifact, ArtifactDownload, ArtifactList, GoalJobDownload

__all__ = ["AsyncGoalOutputs"]


class AsyncGoalOutputs(AsyncResource):
    async def artifacts(self, job_spec_id: str) -> list[Artifact]:
        """The outputs of a ``completed`` / ``partial`` job."""
        pipe = self._pipeline
        response = await pipe.call(list_goal_job_artifacts.asyncio_raw, job_spec_id)
        return list(pipe.parse(ArtifactList, response).artifacts)

    async def download_artifact_url(self, job_spec_id: str, artifact_id: str) -> ArtifactDownload:
        """A fresh presigned URL (valid 1 h) for one artifact."""
        pipe = self._pipeline
        response = await pipe.call(
            get_goal_job_artifact_download.asyncio_raw, job_spec_id, artifact_id
        )
        return pipe.parse(ArtifactDownload, response)

    async def download_artifact_to(
        self,
        job_spec_id: str,
        artifact_id: str,
        *,
        to: str | os.PathLike[str],
        overwrite: bool = False,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        """Download one artifact to ``to`` (file path, or a directory to keep its name)."""
        info = await self.download_artifact_url(job_spec_id, artifact_id)
        target = resolve_download_target(to, suggested_name=info.file_name, overwrite=overwrite)
        return await self._pipeline.download(
            str(info.download_url), target, overwrite=overwrite, on_progress=on_progress
        )

    async def download_to(
        self,
        job_spec_id: str,
        *,
        to: str | os.PathLike[str],
        overwrite: bool = False,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        """Download all outputs as one ZIP to ``to`` (file path, or a directory, where it is
        named after the job: ``js_….zip``, so the results of several jobs never collide).

        Where the service has no ZIP endpoint (the live service answers 404 for it), the ZIP
        is assembled here from the per-artifact downloads: the same file either way.
        """
        pipe = self._pipeline
        absent = pipe.shared.absent_operations
        if "getGoalJobDownload" in absent:
            return await self._zip_artifacts(job_spec_id, to, overwrite, on_progress)
        try:
            response = await pipe.call(get_goal_job_download.asyncio_raw, job_spec_id)
        except NotFoundError:
            path = await self._zip_artifacts(job_spec_id, to, overwrite, on_progress)
            absent.add("getGoalJobDownload")  # the job exists: the server lacks /download
            return path
        info = pipe.parse(GoalJobDownload, response)
        # The server names every ZIP alike (output.zip): named after the job instead.
        target = resolve_download_target(
            to, suggested_name=f"{job_spec_id}.zip", overwrite=overwrite
        )
        return await pipe.download(
            str(info.url), target, overwrite=overwrite, on_progress=on_progress
        )

    async def _zip_artifacts(
        self,
        job_spec_id: str,
        to: str | os.PathLike[str],
        overwrite: bool,
        on_progress: ProgressCallback | None,
    ) -> Path:
        artifacts = await self.artifacts(job_spec_id)  # a missing job raises NotFoundError here
        target = resolve_download_target(
            to, suggested_name=f"{job_spec_id}.zip", overwrite=overwrite
        )
        total = sum(max(0, a.size_bytes or 0) for a in artifacts)
        done = 0

        def progress(written: int, _size: int) -> None:
            if on_progress is not None:
                on_progress(done + written, max(total, done + written))

        with tempfile.TemporaryDirectory(prefix=".convilyn-", dir=target.parent) as tmp:
            members: list[tuple[str, Path]] = []
            for index, artifact in enumerate(artifacts):
                folder = Path(tmp) / str(index)
                folder.mkdir()
                path = await self.download_artifact_to(
                    job_spec_id, artifact.artifact_id, to=folder, on_progress=progress
                )
                done += path.stat().st_size
                taken = {name for name, _ in members}
                name = path.name if path.name not in taken else f"{index}_{path.name}"
                members.append((name, path))
            return await async_off_loop(lambda: zip_into(target, members, overwrite=overwrite))
