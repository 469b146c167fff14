"""Files: presign -> storage POST -> confirm, one-step multipart upload, list, delete."""

from __future__ import annotations

import re
from typing import Any

from convilyn.models import FileList, PresignResponse

from .. import convert as conv
from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError, field_error, validation_failed
from ..state import FileRecord, PendingUpload
from ..storage import BlobWriter, StorageError, receive_multipart
from ..timeouts import body_chunks
from ..wire import dump, file_wire, stored_file, uploaded_file_wire
from .common import UPGRADE_URL, unprocessable


def safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload.bin"
    return re.sub(r"[^A-Za-z0-9._ -]", "_", base)[:200] or "upload.bin"


def _quota_error(used: int, limit: int, wanted: int) -> ApiError:
    return ApiError(
        402,
        "QUOTA_EXCEEDED",
        f"Storage quota exceeded: {used} of {limit} bytes used, {wanted} more requested",
        {
            "usedBytes": used,
            "limitBytes": limit,
            "requestedBytes": wanted,
            "upgradeUrl": UPGRADE_URL,
        },
    )


async def presign_upload(ctx: Ctx) -> Reply:
    acct, body, sb = ctx.account, ctx.body, ctx.sandbox
    size = int(body["fileSize"])
    if acct.storage_used + size > acct.storage_limit:
        raise _quota_error(acct.storage_used, acct.storage_limit, size)
    file_id = sb.new_id("file")
    name = safe_name(str(body["fileName"]))
    object_key = f"uploads/{acct.user_id}/{file_id}/{name}"
    expires = int(ctx.now) + sb.config.url_ttl
    sb.add_upload(
        acct, PendingUpload(file_id, object_key, name, size, str(body["contentType"]), expires)
    )
    fields = sb.signer.upload_fields(object_key, str(body["contentType"]), size, expires)
    data = {
        "uploadUrl": f"{ctx.base_url}/_storage/upload",
        "fields": fields,
        "fileId": file_id,
        "s3Key": object_key,
        "expiresIn": sb.config.url_ttl,
    }
    return Reply(200, dump(PresignResponse, data))


async def confirm_upload(ctx: Ctx) -> Reply:
    acct, body, sb = ctx.account, ctx.body, ctx.sandbox
    file_id = str(body["fileId"])
    existing = acct.files.get(file_id)
    if existing is not None and existing.object_key == body["s3Key"]:
        return Reply(200, file_wire(existing))  # confirming twice is harmless
    pending = acct.uploads.get(file_id)
    if pending is None:
        raise ApiError(
            404, "UPLOAD_NOT_FOUND", f"No presigned upload {file_id}", {"fileId": file_id}
        )
    if body["s3Key"] != pending.object_key:
        raise unprocessable(
            "S3_KEY_MISMATCH",
            "s3Key does not belong to this fileId",
            ["body", "s3Key"],
            "value_error",
        )
    if not sb.blobs.exists(pending.object_key):
        raise ApiError(
            404,
            "OBJECT_NOT_FOUND",
            "Nothing was uploaded to the presigned URL yet: POST the file to uploadUrl first",
            {"fileId": file_id, "s3Key": pending.object_key},
        )
    actual = sb.blobs.size(pending.object_key)
    if acct.storage_used + actual > acct.storage_limit:
        # presigns reserve nothing, so two that each fit can overflow the quota together: the
        # bytes become the account's here. The spec gives confirmUpload no 402, hence a 422
        # (the stored bytes stay until the presign expires: delete files, confirm again).
        raise unprocessable(
            "QUOTA_EXCEEDED",
            f"Storage quota exceeded: {acct.storage_used} of {acct.storage_limit} bytes used, "
            f"{actual} more stored",
            ["body", "fileSize"],
            "value_error",
            usedBytes=acct.storage_used,
            limitBytes=acct.storage_limit,
            requestedBytes=actual,
            upgradeUrl=UPGRADE_URL,
        )
    if actual != int(body["fileSize"]):
        raise unprocessable(
            "SIZE_MISMATCH",
            f"fileSize {body['fileSize']} does not match the {actual} bytes stored",
            ["body", "fileSize"],
            "value_error",
            storedBytes=actual,
        )
    record = FileRecord(
        file_id=file_id,
        file_name=safe_name(str(body["fileName"])),
        size=actual,
        mime_type=str(body["contentType"]) or conv.mime_for(conv.extension(pending.file_name)),
        created_at=ctx.now,
        object_key=pending.object_key,
    )
    del acct.uploads[file_id]
    sb.add_file(acct, record)
    sb.counters.created["files"] += 1
    return Reply(200, file_wire(record))


async def upload_file(ctx: Ctx) -> Reply:
    acct, sb, request = ctx.account, ctx.sandbox, ctx.request
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise validation_failed(
            [
                field_error(
                    ["body"], "Expected multipart/form-data with a 'file' part", "content_type"
                )
            ]
        )
    file_id = sb.new_id("file")
    free = max(0, acct.storage_limit - acct.storage_used)
    chosen: dict[str, Any] = {}

    def on_file(fields: dict[str, str], filename: str, part_type: str) -> BlobWriter:
        name = safe_name(filename)
        chosen["name"], chosen["type"] = name, part_type
        chosen["key"] = f"uploads/{acct.user_id}/{file_id}/{name}"
        writer = sb.blobs.writer(chosen["key"], max_size=free, filename=filename)
        chosen["writer"] = writer
        return writer

    try:
        chunks = body_chunks(request, sb.config.body_timeout)
        stream = await receive_multipart(content_type, chunks, on_file)
    except StorageError as err:
        if err.code == "EntityTooLarge":
            raise _quota_error(acct.storage_used, acct.storage_limit, free + 1) from err
        raise validation_failed([field_error(["body"], err.message, "multipart")]) from err
    if stream.file is None:
        raise validation_failed(
            [field_error(["body", "file"], "The 'file' part is required", "missing")]
        )
    if acct.storage_used + stream.file.size > acct.storage_limit:  # another upload was quicker
        sb.blobs.delete(chosen["key"])
        raise _quota_error(acct.storage_used, acct.storage_limit, stream.file.size)
    ctx.upload_digest = chosen["writer"].hexdigest()
    mime = chosen["type"]
    if not mime or mime == "application/octet-stream":
        mime = conv.mime_for(conv.extension(chosen["name"]))
    record = FileRecord(file_id, chosen["name"], stream.file.size, mime, ctx.now, chosen["key"])
    sb.add_file(acct, record)
    sb.counters.created["files"] += 1
    return Reply(200, uploaded_file_wire(record))


async def list_files(ctx: Ctx) -> Reply:
    acct = ctx.account
    files = sorted(acct.files.values(), key=lambda f: (f.created_at, f.file_id))
    used, limit = acct.storage_used, acct.storage_limit
    data = {
        "files": [stored_file(f) for f in files],
        "usage": {
            "used_bytes": used,
            "free_bytes": max(0, limit - used),
            "over_quota": used > limit,
        },
    }
    return Reply(200, dump(FileList, data))


async def delete_file(ctx: Ctx) -> Reply:
    acct, sb = ctx.account, ctx.sandbox
    file_id = str(ctx.path["fileId"])
    record = acct.files.get(file_id)
    if record is None:
        raise ApiError(404, "FILE_NOT_FOUND", f"File {file_id} not found", {"fileId": file_id})
    job = sb.files_in_use(acct, file_id)
    if job is not None:
        raise ApiError(
            409,
            "FILE_IN_USE",
            f"File {file_id} is an input of running job {job}",
            {"fileId": file_id, "jobSpecId" if job.startswith("js_") else "jobId": job},
        )
    sb.forget_file(acct, record)
    return Reply(204)


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "presignUpload": presign_upload,
        "confirmUpload": confirm_upload,
        "uploadFile": upload_file,
        "listFiles": list_files,
        "deleteFile": delete_file,
    }
