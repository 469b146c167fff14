"""Files: presigned upload through the sandbox's own storage, one-step upload, list, delete."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from convilyn.models import File, FileList, PresignResponse
from convilyn.sandbox import Sandbox

from .conftest import Api


def presign(api: Api, name: str, data: bytes) -> dict[str, Any]:
    r = api.post(
        "/upload/presign",
        json={"fileName": name, "fileSize": len(data), "contentType": "text/plain"},
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    PresignResponse.model_validate(body)
    return body


def store(p: dict[str, Any], data: bytes, name: str = "notes.txt", **kw: Any) -> httpx.Response:
    return httpx.post(p["uploadUrl"], data=p["fields"], files={"file": (name, data)}, **kw)


def test_presign_store_confirm(api: Api) -> None:
    data = b"hello sandbox\n" * 1000
    p = presign(api, "notes.txt", data)
    assert p["uploadUrl"].startswith(api.sandbox.base_url + "/_storage/")
    assert store(p, data).status_code == 204
    r = api.post(
        "/upload/confirm",
        json={
            "fileId": p["fileId"],
            "fileName": "notes.txt",
            "fileSize": len(data),
            "contentType": "text/plain",
            "s3Key": p["s3Key"],
        },
    )
    assert r.status_code == 200, r.text
    f = File.model_validate(r.json())
    assert (f.file_id, f.filename, f.size, f.content_type, f.is_input) == (
        p["fileId"],
        "notes.txt",
        len(data),
        "text/plain",
        True,
    )
    listed = FileList.model_validate(api.get("/files").json())
    assert [x.file_id for x in listed.files] == [p["fileId"]]
    assert listed.usage.used_bytes == len(data)


def test_storage_refuses_the_api_key_and_bad_signatures(api: Api) -> None:
    data = b"abc"
    p = presign(api, "a.txt", data)
    with_key = store(p, data, headers={"Authorization": f"Bearer {api.key}"})
    assert with_key.status_code == 400
    tampered = dict(p["fields"], key=p["fields"]["key"] + "x")
    assert (
        httpx.post(p["uploadUrl"], data=tampered, files={"file": ("a.txt", data)}).status_code
        == 403
    )
    bad_sig = dict(p["fields"], **{"x-amz-signature": "0" * 64})
    assert (
        httpx.post(p["uploadUrl"], data=bad_sig, files={"file": ("a.txt", data)}).status_code == 403
    )
    too_big = store(p, data + b"more")
    assert too_big.status_code == 400
    # nothing stored: confirm finds no object
    r = api.post(
        "/upload/confirm",
        json={
            "fileId": p["fileId"],
            "fileName": "a.txt",
            "fileSize": 3,
            "contentType": "text/plain",
            "s3Key": p["s3Key"],
        },
    )
    assert r.status_code == 404


def test_expired_presigned_urls_are_refused(convilyn_sandbox_factory, make_api) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(url_ttl=0)
    api = make_api("pro", sandbox)
    p = presign(api, "a.txt", b"abc")
    r = store(p, b"abc")
    assert r.status_code == 403
    assert "expired" in r.json()["message"]


def test_download_urls_are_signed_and_refuse_the_api_key(api: Api) -> None:
    job = api.goal()
    api.confirm(job["jobSpecId"])
    url = api.get(f"/jobs/goal/{job['jobSpecId']}/download").json()["url"]
    assert httpx.get(url).status_code == 200
    assert httpx.get(url, headers={"Authorization": f"Bearer {api.key}"}).status_code == 400
    assert httpx.get(url.replace("sig=", "sig=0")).status_code == 403


def test_confirm_checks_key_and_size(api: Api) -> None:
    data = b"12345"
    p = presign(api, "a.txt", data)
    store(p, data)
    wrong_size = api.post(
        "/upload/confirm",
        json={
            "fileId": p["fileId"],
            "fileName": "a.txt",
            "fileSize": 4,
            "contentType": "text/plain",
            "s3Key": p["s3Key"],
        },
    )
    assert wrong_size.status_code == 422
    assert wrong_size.json()["errors"][0]["loc"] == ["body", "fileSize"]
    wrong_key = api.post(
        "/upload/confirm",
        json={
            "fileId": p["fileId"],
            "fileName": "a.txt",
            "fileSize": 5,
            "contentType": "text/plain",
            "s3Key": "uploads/other",
        },
    )
    assert wrong_key.status_code == 422
    unknown = api.post(
        "/upload/confirm",
        json={
            "fileId": "file_nope",
            "fileName": "a.txt",
            "fileSize": 5,
            "contentType": "text/plain",
            "s3Key": p["s3Key"],
        },
    )
    assert unknown.status_code == 404


def test_one_step_upload(api: Api) -> None:
    r = api.post("/upload", files={"file": ("../../etc/passwd", b"root:x", "text/plain")})
    assert r.status_code == 200
    body = r.json()
    assert body["file_id"] == body["fileId"]
    assert body["fileName"] == "passwd"
    missing = api.post("/upload", files={"other": ("a.txt", b"x")})
    assert missing.status_code == 422
    not_multipart = api.post("/upload", json={"file": "x"})
    assert not_multipart.status_code == 422


def test_delete_and_file_in_use(api: Api) -> None:
    files = [api.upload("cv.pdf"), api.upload("jd.pdf")]
    job = api.goal(files=files)
    r = api.delete(f"/files/{files[0]}")
    assert r.status_code == 409
    assert r.json()["code"] == "FILE_IN_USE"
    assert r.json()["details"]["jobSpecId"] == job["jobSpecId"]
    api.confirm(job["jobSpecId"])
    assert api.job(job["jobSpecId"])["status"] == "completed"
    assert api.delete(f"/files/{files[0]}").status_code == 204
    assert api.delete(f"/files/{files[0]}").status_code == 404
    assert [f["file_id"] for f in api.get("/files").json()["files"]] == [files[1]]


def test_storage_quota(make_api) -> None:  # type: ignore[no-untyped-def]
    free = make_api("free")
    r = free.post(
        "/upload/presign",
        json={
            "fileName": "huge.bin",
            "fileSize": 2 * 1024**3,
            "contentType": "application/octet-stream",
        },
    )
    assert r.status_code == 402
    assert r.json()["code"] == "QUOTA_EXCEEDED"


def test_presign_validation(api: Api) -> None:
    r = api.post(
        "/upload/presign", json={"fileName": "a.txt", "fileSize": 0, "contentType": "text/plain"}
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "fileSize"]


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _send_half(url: str, fields: dict[str, str], headers: str, blobs: Path) -> None:
    """POST a 1 MB upload but only half of its body: once the server has begun writing the
    file's blob, the client goes away."""
    request = httpx.Request("POST", url, data=fields, files={"file": ("n.txt", b"x" * 1_000_000)})
    body = request.read()
    parts = urlsplit(url)
    head = (
        f"POST {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.netloc}\r\n{headers}"
        f"Content-Type: {request.headers['content-type']}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection((str(parts.hostname), int(parts.port or 80)), timeout=30) as sock:
        sock.sendall(head + body[: len(body) // 2])
        _wait_for(lambda: bool(list(blobs.glob(".part-*"))), "the partial blob")


@pytest.mark.convilyn_sandbox(log_requests=True)
@pytest.mark.parametrize("route", ["/_storage/upload", "/api/v1/upload"])
def test_an_abandoned_upload_leaves_no_partial_blob_and_no_crash(
    api: Api, route: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = api.sandbox.app
    assert app is not None
    blobs = app.sandbox.blobs.root
    if route == "/_storage/upload":
        p = presign(api, "notes.txt", b"x" * 1_000_000)
        url, fields, headers = p["uploadUrl"], p["fields"], ""
    else:
        url, fields = api.sandbox.base_url + route, {}
        headers = f"Authorization: Bearer {api.key}\r\nIdempotency-Key: 0b5c4d2e-8a1f-4c3b-9d7e-6f5a4b3c2d1e\r\n"
    caplog.set_level(logging.INFO)
    uvicorn_errors = logging.getLogger("uvicorn.error")
    uvicorn_errors.addHandler(caplog.handler)  # uvicorn's loggers do not propagate to the root
    try:
        _send_half(url, fields, headers, blobs)
        _wait_for(lambda: any(f"POST {route} " in m for m in caplog.messages), "its log line")
        _wait_for(lambda: not list(blobs.glob(".part-*")), "the partial blob to go")
    finally:
        uvicorn_errors.removeHandler(caplog.handler)
    assert not [m for m in caplog.messages if "crashed" in m or "Exception" in m], caplog.text
    if route == "/api/v1/upload":  # the key was released, not left "in progress" (a 429)
        r = api.post(
            "/upload",
            files={"file": ("n.txt", b"x")},
            headers={"Idempotency-Key": "0b5c4d2e-8a1f-4c3b-9d7e-6f5a4b3c2d1e"},
        )
        assert r.status_code == 200, r.text
