"""``client.files``: taken from the vendor's ``tests/unit/resources/test_files.py``.

The vendor uploads with ``upload(path)`` or ``upload(content=..., filename=...)``; so do these
calls (ours also takes the bytes as the first argument). The wire is the same three hops:
presign, the presigned multipart POST to storage, confirm.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from exchange import Ctx, Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import (
    AuthenticationError,
    File,
    FileInUseError,
    FileList,
    NotFoundError,
    S3UploadError,
    UnprocessableEntityError,
)

F = "test_files.py"
PRESIGN_URL = "https://example-bucket.s3.amazonaws.com/key?signature=abc"
S3_KEY = "input/job_test/file_xyz/example.txt"
POST_FIELDS = {
    "Content-Type": "text/plain",
    "key": S3_KEY,
    "policy": "eyJleHBpcmF0aW9uIjogIn0=",
    "x-amz-signature": "sigsigsig",
}
CONFIRM_RESPONSE = {
    "fileId": "file_xyz",
    "fileName": "report.txt",
    "fileSize": 11,
    "mimeType": "text/plain",
    "isInput": True,
    "createdAt": "2026-05-20T12:00:00Z",
    "jobId": None,
}


def _presign(file_id: str = "file_xyz", expires_in: int = 3600) -> Reply:
    return ok(
        {
            "uploadUrl": PRESIGN_URL,
            "fields": POST_FIELDS,
            "fileId": file_id,
            "s3Key": S3_KEY,
            "expiresIn": expires_in,
        }
    )


def _upload_path(x: Ctx) -> Any:
    return x.client.files.upload(x.write("report.txt", b"hello world"))


def _happy(
    *,
    presign: Expect | None = None,
    s3: Expect | None = None,
    confirm_payload: dict[str, Any] = CONFIRM_RESPONSE,
    counts: bool = False,
    s3_status: int = 200,
    expires_in: int = 3600,
    file_id: str = "file_xyz",
) -> tuple[Route, ...]:
    once = 1 if counts else None
    return (
        Route(
            "POST",
            "/api/v1/upload/presign",
            (_presign(file_id, expires_in),),
            expect=presign or Expect(),
            calls=once,
        ),
        Route("POST", PRESIGN_URL, (Reply(s3_status),), expect=s3 or Expect(), calls=once),
        Route("POST", "/api/v1/upload/confirm", (ok(confirm_payload),), calls=once),
    )


# What our SDK sends to storage: a length-bearing multipart body (S3 refuses chunked bodies:
# the vendor's TestUploadBodyRegression), never the API key.
LENGTH_BEARING = Expect(
    headers_present=("content-length",),
    headers_absent=("transfer-encoding", "authorization"),
    content_type_prefix="multipart/form-data",
)


def _stored_file_wire(**overrides: object) -> dict[str, Any]:
    base: dict[str, Any] = {
        "file_id": "file_1",
        "file_name": "invoice.pdf",
        "file_size": 2048,
        "mime_type": "application/pdf",
        "file_extension": "pdf",
        "created_at": "2026-07-12T10:00:00Z",
    }
    base.update(overrides)
    return base


EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{F}::TestUploadLogic::test_path_upload_returns_file",
        call=_upload_path,
        routes=_happy(s3=LENGTH_BEARING),
        outcome=Returns(
            File,
            {
                "file_id": "file_xyz",
                "filename": "report.txt",
                "size": 11,
                "content_type": "text/plain",
                "created_at": datetime(2026, 5, 20, 12, 0, tzinfo=UTC),
            },
        ),
    ),
    Exchange(
        id=f"{F}::TestUploadLogic::test_content_upload_returns_file",
        call=lambda x: x.client.files.upload(content=b"hello", filename="hello.txt"),
        routes=_happy(s3=LENGTH_BEARING),
        outcome=Returns(File, {"file_id": "file_xyz"}),
    ),
    Exchange(
        id=f"{F}::TestUploadBoundary::test_unknown_extension_falls_back_to_octet_stream",
        call=lambda x: x.client.files.upload(content=b"data", filename="blob.unknownext"),
        routes=_happy(
            presign=Expect(text_has=("application/octet-stream",)),
            file_id="f1",
            confirm_payload={
                "fileId": "f1",
                "fileName": "blob.unknownext",
                "fileSize": 4,
                "mimeType": "application/octet-stream",
                "isInput": True,
                "createdAt": "2026-05-20T12:00:00Z",
            },
        ),
        outcome=Returns(File, {"file_id": "f1", "content_type": "application/octet-stream"}),
    ),
    Exchange(
        id=f"{F}::TestUploadErrors::test_presign_unauthorized_raises_api_error",
        call=_upload_path,
        routes=(
            Route(
                "POST",
                "/api/v1/upload/presign",
                (err(401, {"code": "AUTH_REQUIRED", "message": "Bad key"}),),
            ),
        ),
        client={"api_key": "ck_bad"},
        outcome=Raises(AuthenticationError, {"status_code": 401, "code": "AUTH_REQUIRED"}),
    ),
    Exchange(
        # Ours retries a 503 from storage (the presigned POST is safe to repeat) before it
        # gives up with the same typed error.
        id=f"{F}::TestUploadErrors::test_s3_put_failure_raises_s3_upload_error",
        call=_upload_path,
        routes=_happy(s3_status=503, file_id="f1")[:2],
        outcome=Raises(S3UploadError, {"status_code": 503}),
    ),
    Exchange(
        id=f"{F}::TestUploadErrors::test_confirm_failure_raises_api_error",
        call=_upload_path,
        routes=(
            *_happy(file_id="f1")[:2],
            Route(
                "POST",
                "/api/v1/upload/confirm",
                (err(422, {"code": "BAD_KEY", "message": "x"}),),
                # The confirm carries what the presign granted.
                expect=Expect(body_has={"fileId": "f1", "s3Key": S3_KEY, "fileName": "report.txt"}),
            ),
        ),
        outcome=Raises(UnprocessableEntityError, {"status_code": 422, "code": "BAD_KEY"}),
    ),
    Exchange(
        id=f"{F}::TestUploadPostGrant::test_post_grant_uploads_via_multipart_post",
        call=_upload_path,
        routes=(
            Route("POST", "/api/v1/upload/presign", (_presign(expires_in=900),)),
            Route("POST", PRESIGN_URL, (Reply(204),), calls=1),
            Route("POST", "/api/v1/upload/confirm", (ok(CONFIRM_RESPONSE),)),
        ),
        outcome=Returns(File, {"file_id": "file_xyz"}),
    ),
    Exchange(
        id=f"{F}::TestUploadPostGrant::test_post_grant_form_carries_fields_verbatim_and_file_last",
        call=_upload_path,
        routes=(
            Route("POST", "/api/v1/upload/presign", (_presign(expires_in=900),)),
            Route(
                "POST",
                PRESIGN_URL,
                (Reply(204),),
                expect=Expect(form_fields_before_file=POST_FIELDS),
            ),
            Route("POST", "/api/v1/upload/confirm", (ok(CONFIRM_RESPONSE),)),
        ),
        outcome=Returns(File),
    ),
    Exchange(
        id=f"{F}::TestUploadPostGrant::test_post_grant_s3_403_raises_s3_upload_error",
        call=_upload_path,
        routes=(
            Route("POST", "/api/v1/upload/presign", (_presign("f1", 900),)),
            Route("POST", PRESIGN_URL, (Reply(403),)),
        ),
        outcome=Raises(S3UploadError, {"status_code": 403}),
    ),
    Exchange(
        id=f"{F}::TestUploadPostGrant::test_content_upload_streaming_body_materialised_for_post",
        call=lambda x: x.client.files.upload(
            content=b"hello world", filename="report.txt", content_type="text/plain"
        ),
        routes=(
            Route("POST", "/api/v1/upload/presign", (_presign(expires_in=900),)),
            Route("POST", PRESIGN_URL, (Reply(204),), expect=LENGTH_BEARING, calls=1),
            Route("POST", "/api/v1/upload/confirm", (ok(CONFIRM_RESPONSE),)),
        ),
        outcome=Returns(File),
    ),
    Exchange(
        id=f"{F}::TestUploadObjectState::test_three_steps_called_in_order",
        call=_upload_path,
        routes=_happy(counts=True),
        in_order=True,
        outcome=Returns(File),
    ),
    Exchange(
        id=f"{F}::TestDelete::test_delete_calls_endpoint_and_returns_none",
        call=lambda x: x.client.files.delete("file_xyz"),
        routes=(Route("DELETE", "/api/v1/files/file_xyz", (Reply(204),), calls=1),),
        outcome=Returns(type(None)),
    ),
    Exchange(
        id=f"{F}::TestDelete::test_delete_unowned_surfaces_404",
        call=lambda x: x.client.files.delete("file_other"),
        routes=(
            Route(
                "DELETE",
                "/api/v1/files/file_other",
                (err(404, {"code": "NOT_FOUND", "message": "File not found"}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "NOT_FOUND"}),
    ),
    Exchange(
        id=f"{F}::TestDelete::test_delete_in_use_surfaces_409",
        call=lambda x: x.client.files.delete("file_busy"),
        routes=(
            Route(
                "DELETE",
                "/api/v1/files/file_busy",
                (err(409, {"code": "FILE_IN_USE", "message": "job still running"}),),
            ),
        ),
        outcome=Raises(FileInUseError, {"status_code": 409, "code": "FILE_IN_USE"}),
    ),
    Exchange(
        # The listing is snake_case on the wire. The vendor reads a row as ``.filename`` /
        # ``.content_type``; our StoredFile keeps the wire's names (``file_name``,
        # ``mime_type``): same values, other attribute names.
        id=f"{F}::TestList::test_list_returns_typed_files_and_usage",
        call=lambda x: x.client.files.list(),
        routes=(
            Route(
                "GET",
                "/api/v1/files",
                (
                    ok(
                        {
                            "files": [_stored_file_wire()],
                            "usage": {
                                "used_bytes": 2048,
                                "free_bytes": 524288000,
                                "over_quota": False,
                            },
                        }
                    ),
                ),
            ),
        ),
        outcome=Returns(
            FileList,
            {
                "files.0.filename": "invoice.pdf",
                "files.0.content_type": "application/pdf",
                "usage.used_bytes": 2048,
                "usage.over_quota": False,
            },
        ),
    ),
    Exchange(
        id=f"{F}::TestList::test_list_empty_returns_empty_files",
        call=lambda x: x.client.files.list(),
        routes=(
            Route(
                "GET",
                "/api/v1/files",
                (
                    ok(
                        {
                            "files": [],
                            "usage": {"used_bytes": 0, "free_bytes": 0, "over_quota": False},
                        }
                    ),
                ),
            ),
        ),
        outcome=Returns(FileList, {"files": []}),
    ),
)
