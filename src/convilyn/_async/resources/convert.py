"""``client.convert``: turbo-lane conversion jobs (create, poll, download)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convilyn._async._resource import AsyncResource
from convilyn._backends import async_maybe_await
from convilyn._files import (
    ProgressCallback,
    UploadInput,
    check_archive_name,
    download_destination,
    prepare_upload,
    resolve_download_target,
)
from convilyn._formats import ConvertPlan, detect_format, plan_conversion
from convilyn._polling import CONVERT_TERMINAL, PollSchedule, status_text
from convilyn.errors import JobFailedError, JobTimeoutError, NotFoundError
from convilyn.lowlevel.api.convert import create_convert_job, get_convert_job
from convilyn.lowlevel.api.files import list_files
from convilyn.types import ConvertJob, File, FileList

if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["AsyncConvert"]

DEFAULT_TIMEOUT = 300.0


class AsyncConvert(AsyncResource):
    """Document, image and media conversions (the processor is derived from the formats)."""

    @staticmethod
    def plan(
        *,
        target_format: str,
        file: UploadInput | File | None = None,
        file_id: str | None = None,
        source_format: str | None = None,
        quality: str | int | None = None,
        page_range: str | None = None,
    ) -> ConvertPlan:
        """What :meth:`create` would send, checked here and now; sends nothing, needs no key.

        Raises what ``create`` raises before any request: a missing, unreadable, empty or
        oversized local file, an impossible format pair (``UnsupportedConversionError``), a
        parameter the processor does not take. A ``file_id`` needs ``source_format`` here
        (``create`` looks it up from the stored file's name). Also ``Convert.plan(...)``.
        """
        if (file is None) == (file_id is None):
            raise TypeError("plan() takes exactly one of file= or file_id=")
        options: dict[str, Any] = {
            "target_format": target_format,
            "source_format": source_format,
            "quality": quality,
            "page_range": page_range,
        }
        if isinstance(file, File):
            return plan_conversion(
                **options, file_name=file.filename, size=file.size, file_id=file.file_id
            )
        if file is not None:
            source = prepare_upload(file)
            return plan_conversion(**options, file_name=source.filename, size=source.size)
        return plan_conversion(**options, file_id=file_id)

    async def create(
        self,
        *,
        file: UploadInput | File | None = None,
        file_id: str | None = None,
        target_format: str,
        source_format: str | None = None,
        quality: str | int | None = None,
        page_range: str | None = None,
    ) -> ConvertJob:
        """Start a conversion of a local file (uploaded first), a ``File``, or a ``file_id``.

        The processor family (document / image / media) is derived from the source and target
        formats; everything :meth:`plan` checks is refused before any upload. The source format
        comes from ``source_format``, else the file name's extension (a ``file_id``'s stored
        name).
        """
        if file_id is not None and file is None and source_format is None:
            source_format = await self._lookup_format(file_id)
        plan = self.plan(
            file=file,
            file_id=file_id,
            target_format=target_format,
            source_format=source_format,
            quality=quality,
            page_range=page_range,
        )
        stored_id = plan.file_id
        if stored_id is None:  # a local file: plan() has checked it, so it is uploaded now
            assert file is not None
            assert not isinstance(file, File)
            stored_id = (await self._client.files.upload(file, filename=plan.file_name)).file_id
        pipe = self._pipeline
        body = plan.request(stored_id)
        return pipe.parse(ConvertJob, await pipe.call(create_convert_job.asyncio_raw, body=body))

    async def _lookup_format(self, file_id: str) -> str | None:
        """The stored file's format, from the listing (the API has no read of one file); a
        file the listing lacks does not exist for this key: the 404 the create would get."""
        pipe = self._pipeline
        response = await pipe.call(list_files.asyncio_raw)
        for stored in pipe.parse(FileList, response).files:
            if stored.file_id == file_id:
                return stored.file_extension or detect_format(stored.filename)
        error = NotFoundError(
            f"File {file_id} not found among your stored files",
            status_code=404,
            code="FILE_NOT_FOUND",
            details={"fileId": file_id},
            request_id=response.headers.get("x-request-id"),
        )
        error.operation = "createConvertJob"
        raise error

    async def retrieve(self, job_id: str | ConvertJob) -> ConvertJob:
        """The job's current state."""
        jid = job_id.job_id if isinstance(job_id, ConvertJob) else job_id
        pipe = self._pipeline
        return pipe.parse(ConvertJob, await pipe.call(get_convert_job.asyncio_raw, jid))

    async def wait(
        self,
        job: str | ConvertJob | None = None,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        poll_interval: float | None = None,
        on_progress: Callable[[ConvertJob], Any] | None = None,
        job_id: str | None = None,
    ) -> ConvertJob:
        """Poll until the job is ``completed`` (returned) or ``failed`` (``JobFailedError``).

        The interval follows the server's ``suggestedPollIntervalMs`` where given, else backs
        off while nothing changes (``poll_interval`` sets its start);
        ``on_progress(job)`` runs on every change (the async client also accepts a coroutine
        function). ``JobTimeoutError`` after ``timeout`` seconds (``None``: no limit); the job
        keeps running on the server. ``job_id=`` is 4.1's name of ``job``.
        """
        if (job is None) == (job_id is None):
            raise TypeError("wait() takes the job (or its id) or job_id=..., one of them")
        job_id = job.job_id if isinstance(job, ConvertJob) else (job or job_id or "")
        schedule = PollSchedule(
            started_at=self._time.monotonic(), timeout=timeout, poll_interval=poll_interval
        )
        while True:
            current = await self.retrieve(job_id)
            status = status_text(current.status)
            now = self._time.monotonic()
            changed = schedule.observe(
                (status, current.progress), now=now, hint_ms=current.suggested_poll_interval_ms
            )
            if changed and on_progress is not None:
                await async_maybe_await(on_progress(current))
            if status in CONVERT_TERMINAL:
                if status == "failed":
                    raise JobFailedError(current)
                return current
            if schedule.expired(now):
                raise JobTimeoutError(
                    job_id=job_id, elapsed=schedule.elapsed(now), timeout=timeout or 0.0
                )
            await self._time.sleep(schedule.next_delay(now))

    async def create_and_wait(
        self,
        *,
        file: UploadInput | File | None = None,
        file_id: str | None = None,
        target_format: str,
        source_format: str | None = None,
        quality: str | int | None = None,
        page_range: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        poll_interval: float | None = None,
        on_progress: Callable[[ConvertJob], Any] | None = None,
    ) -> ConvertJob:
        """:meth:`create` then :meth:`wait`."""
        job = await self.create(
            file=file,
            file_id=file_id,
            target_format=target_format,
            source_format=source_format,
            quality=quality,
            page_range=page_range,
        )
        return await self.wait(
            job, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )

    async def _completed(self, job: str | ConvertJob) -> ConvertJob:
        current = job if isinstance(job, ConvertJob) else await self.retrieve(job)
        if not current.result_files:
            current = await self.retrieve(current.job_id)
        if status_text(current.status) == "failed":
            raise JobFailedError(current)
        if status_text(current.status) != "completed" or not current.result_files:
            raise ValueError(
                f"Job {current.job_id} is {status_text(current.status)!r} and has no result yet; "
                "call convert.wait() first."
            )
        return current

    async def download_url(self, job: str | ConvertJob) -> str:
        """The presigned URL of the job's (first) result file."""
        current = await self._completed(job)
        assert current.result_files
        return str(current.result_files[0].url)

    async def download_to(
        self,
        job: str | ConvertJob,
        *,
        to: str | os.PathLike[str] | None = None,
        overwrite: bool = False,
        on_progress: ProgressCallback | None = None,
        to_dir: str | os.PathLike[str] | None = None,
    ) -> Path:
        """Download the (first) result file to ``to`` (a file path, or a directory to keep the
        server's file name) and return the path written. ``to_dir=`` (4.1's keyword; one of
        the two) is always a directory, created when missing.

        Streams to a temporary file beside the target and renames it into place; refuses to
        overwrite an existing file unless ``overwrite=True``, to follow a symlink, or to write
        outside the directory. The presigned URL is fetched without the API key.
        """
        where = download_destination(to, to_dir)
        current = await self._completed(job)
        assert current.result_files
        result = current.result_files[0]
        target = resolve_download_target(where, suggested_name=result.filename, overwrite=overwrite)
        check_archive_name(result.mimetype, result.filename, target)
        return await self._pipeline.download(
            str(result.url), target, overwrite=overwrite, on_progress=on_progress
        )
