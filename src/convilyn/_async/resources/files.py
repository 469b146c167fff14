"""``client.files``: upload (presign → storage POST → confirm), list, delete."""

from __future__ import annotations

import os
from collections.abc import Sequence

from convilyn._async._resource import AsyncResource
from convilyn._files import ProgressCallback, UploadInput, prepare_upload
from convilyn.lowlevel.api.files import (
    confirm_upload,
    delete_file,
    list_files,
    presign_upload,
)
from convilyn.lowlevel.models import ConfirmUploadRequest as _ConfirmUploadRequest
from convilyn.lowlevel.models import PresignRequest as _PresignRequest
from convilyn.models import PresignResponse
from convilyn.types import File, FileList

__all__ = ["AsyncFiles"]


class AsyncFiles(AsyncResource):
    """Upload and manage input files."""

    @staticmethod
    def check(files: Sequence[UploadInput]) -> None:
        """Check local inputs as :meth:`upload` would (each exists, is a regular file, not
        empty, within the size limit), all of them before any is sent: call it before
        uploading several, so that the last one missing leaves no orphan of the first."""
        for file in files:
            prepare_upload(file)

    async def upload(
        self,
        file: UploadInput | None = None,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        on_progress: ProgressCallback | None = None,
        path: str | os.PathLike[str] | None = None,
        content: bytes | None = None,
    ) -> File:
        """Upload a file and return its record.

        ``file`` is a path, ``bytes``, or a binary file object (seekable); 4.1's keywords
        ``path=`` and ``content=`` (bytes) say the same, one of the three. The input is checked
        (exists, is a regular file, not empty, within the size limit) before any request. The
        content is streamed to storage straight from the file (memory stays flat) through a
        presigned URL that never receives the API key. ``on_progress(sent, total)`` reports
        bytes as they go.
        """
        given = [v for v in (file, path, content) if v is not None]
        if len(given) != 1:
            raise TypeError(
                "upload() takes one input: a path or bytes as its first argument, or path=... "
                f"or content=... ({len(given)} given)"
            )
        source = prepare_upload(given[0], filename=filename, content_type=content_type)
        pipe = self._pipeline
        response = await pipe.call(
            presign_upload.asyncio_raw,
            body=_PresignRequest(
                file_name=source.filename, file_size=source.size, content_type=source.content_type
            ),
        )
        presign = pipe.parse(PresignResponse, response)
        await pipe.upload_to_storage(
            str(presign.upload_url), presign.fields, source, on_progress=on_progress
        )
        response = await pipe.call(
            confirm_upload.asyncio_raw,
            body=_ConfirmUploadRequest(
                file_id=presign.file_id,
                file_name=source.filename,
                file_size=source.size,
                content_type=source.content_type,
                s_3_key=presign.s3_key,
            ),
        )
        return pipe.parse(File, response)

    async def list(self) -> FileList:
        """Your stored files and storage usage."""
        pipe = self._pipeline
        return pipe.parse(FileList, await pipe.call(list_files.asyncio_raw))

    async def delete(self, file_id: str | File) -> None:
        """Delete a file. Raises ``FileInUseError`` (409) while a job references it."""
        fid = file_id.file_id if isinstance(file_id, File) else file_id
        if not fid:
            raise ValueError("file_id is empty")
        await self._pipeline.call(delete_file.asyncio_raw, fid)
