"""The sandbox's own object storage (not part of the API spec): presigned POST and GET."""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response

from ..state import SandboxState
from ..storage import BlobWriter, StorageError, receive_multipart
from ..timeouts import BodyTimeout, body_chunks


def _refuse_auth(request: Request) -> None:
    if "authorization" in request.headers:
        raise StorageError(
            400,
            "InvalidArgument",
            "Only one auth mechanism allowed: presigned URLs carry their own signature; send no Authorization header",
        )


def _error(err: StorageError) -> Response:
    return JSONResponse(err.body(), status_code=err.status)


async def upload(request: Request) -> Response:
    sb: SandboxState = request.app.state.sandbox
    try:
        _refuse_auth(request)
        now = sb.clock.now()

        def on_file(fields: dict[str, str], filename: str, content_type: str) -> BlobWriter:
            object_key, max_size = sb.signer.check_upload(fields, now)
            return sb.blobs.writer(object_key, max_size=max_size)

        content_type = request.headers.get("content-type", "")
        chunks = body_chunks(request, sb.config.body_timeout)
        stream = await receive_multipart(content_type, chunks, on_file)
        if stream.file is None:
            raise StorageError(
                400, "InvalidArgument", "POST requires a 'file' part (after the policy fields)"
            )
    except StorageError as err:
        return _error(err)
    except (
        ClientDisconnect
    ) as gone:  # mid-body; 499 (nginx's "client closed request") is for the log
        return Response(status_code=408 if isinstance(gone, BodyTimeout) else 499)
    return Response(status_code=204)


async def download(request: Request) -> Response:
    sb: SandboxState = request.app.state.sandbox
    object_key = request.path_params["key"]
    try:
        _refuse_auth(request)
        filename, mime = sb.signer.check_download(
            object_key, dict(request.query_params), sb.clock.now()
        )
    except StorageError as err:
        return _error(err)
    if not sb.blobs.exists(object_key):
        return _error(StorageError(404, "NoSuchKey", "The object does not exist"))
    return FileResponse(sb.blobs.path(object_key), media_type=mime, filename=filename)
