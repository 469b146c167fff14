"""Small holes: slow clients, S3's pre-file field limit, quota at storage time, daily windows,
another file under one Idempotency-Key, forged log lines, the python-multipart floor."""

from __future__ import annotations

import logging
import socket
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from convilyn.sandbox import Sandbox
from convilyn.sandbox.limits import RateLimiter
from convilyn.sandbox.state import FileRecord

from .conftest import Api

Factory = Callable[..., Sandbox]
ROOT = Path(__file__).resolve().parents[2]


def _connect(sb: Sandbox) -> socket.socket:
    url = urlsplit(sb.base_url)
    sock = socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (bounded: 10 s of silence fails the test)."""
    got = b""
    while chunk := sock.recv(65536):
        got += chunk
    return got


def test_half_sent_request_headers_lose_their_connection(convilyn_sandbox_factory: Factory) -> None:
    sb = convilyn_sandbox_factory(header_timeout=0.5)
    with _connect(sb) as sock:
        sock.sendall(b"GET /api/v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        assert _read_until_closed(sock) == b""


@pytest.mark.parametrize("path", ["/api/v1/workflows/cost-preview", "/_storage/upload"])
def test_a_body_that_never_comes_is_408(convilyn_sandbox_factory: Factory, path: str) -> None:
    sb = convilyn_sandbox_factory(body_timeout=0.5)
    ctype = "application/json" if path.startswith("/api") else "multipart/form-data; boundary=b"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {sb.api_key}\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: 1000\r\n\r\n"
    )
    if path.startswith("/_storage"):
        head = head.replace(f"Authorization: Bearer {sb.api_key}\r\n", "")
    with _connect(sb) as sock:
        sock.sendall(head.encode() + b"--b\r\n")  # then nothing more
        assert _read_until_closed(sock).startswith(b"HTTP/1.1 408 ")


def _presign(api: Api, size: int) -> dict[str, object]:
    r = api.post(
        "/upload/presign",
        json={"fileName": "n.txt", "fileSize": size, "contentType": "text/plain"},
    )
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_fields_before_the_file_over_20_kib_are_refused_as_s3_does(api: Api) -> None:
    p = _presign(api, 5)
    fields = {**p["fields"], "x-amz-meta-note": "a" * 21 * 1024}  # type: ignore[dict-item]
    r = httpx.post(str(p["uploadUrl"]), data=fields, files={"file": ("n.txt", b"hello")})
    assert (r.status_code, r.json()["code"]) == (400, "MaxPostPreDataLengthExceeded")
    small = {**p["fields"], "x-amz-meta-note": "a" * 1024}  # type: ignore[dict-item]
    ok = httpx.post(str(p["uploadUrl"]), data=small, files={"file": ("n.txt", b"hello")})
    assert ok.status_code == 204


def test_quota_is_checked_again_when_the_bytes_are_confirmed(sb: Sandbox, make_api) -> None:  # type: ignore[no-untyped-def]
    api: Api = make_api("free")
    data = b"x" * 100
    p = _presign(api, len(data))  # fits: nothing stored yet
    assert sb.app is not None
    acct = sb.app.sandbox.accounts[api.key]
    # meanwhile another presigned upload filled the quota (not reserved at presign)
    acct.files["file_other"] = FileRecord(
        "file_other", "big.bin", acct.storage_limit - 50, "application/octet-stream", 0.0, "k"
    )
    stored = httpx.post(str(p["uploadUrl"]), data=p["fields"], files={"file": ("n.txt", data)})  # type: ignore[arg-type]
    assert stored.status_code == 204
    body = {
        "fileId": p["fileId"],
        "fileName": "n.txt",
        "fileSize": len(data),
        "contentType": "text/plain",
        "s3Key": p["s3Key"],
    }
    r = api.post("/upload/confirm", json=body)
    assert (r.status_code, r.json()["code"]) == (422, "QUOTA_EXCEEDED")  # the spec's 4xx here
    assert api.post("/upload", files={"file": ("d.txt", data)}).status_code == 402


def test_pruning_old_windows_keeps_the_day_of_creations() -> None:
    limiter, day = RateLimiter(), 1_767_225_600.0  # a UTC midnight
    for _ in range(10):
        assert limiter.per_day("ck_free_someone", "free", day)[0]
    for i in range(50_001):  # many other keys' minute windows, two minutes later
        limiter.per_minute(f"ck_pro_k{i}", "listFiles", "pro", day + 120)
    limiter.per_minute("ck_pro_late", "listFiles", "pro", day + 200)
    assert limiter.per_day("ck_free_someone", "free", day + 200, consume=False)[0] is False
    assert limiter.windows() <= 3  # the day's window and the last minute's: the rest forgotten


def test_another_file_under_the_same_idempotency_key_is_refused(api: Api) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = api.post("/upload", files={"file": ("a.txt", b"first")}, headers=key)
    assert first.status_code == 200, first.text
    same = api.post("/upload", files={"file": ("a.txt", b"first")}, headers=key)
    assert same.headers.get("Idempotent-Replayed") == "true"
    assert same.json()["fileId"] == first.json()["fileId"]
    other = api.post("/upload", files={"file": ("a.txt", b"second")}, headers=key)
    assert (other.status_code, other.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")
    renamed = api.post("/upload", files={"file": ("b.txt", b"first")}, headers=key)
    assert renamed.status_code == 422
    assert [f["file_id"] for f in api.get("/files").json()["files"]] == [first.json()["fileId"]]


def _lines_with(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


def test_control_characters_in_a_path_cannot_forge_log_lines(
    convilyn_sandbox_factory: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    sb = convilyn_sandbox_factory(log_requests=True)
    with caplog.at_level(logging.INFO, logger="convilyn.sandbox"):
        httpx.get(sb.base_url + "/api/v1/files%0aGET%20/forged%20200%0d")
        # The line is written when the request has ended, on the server's thread: after the
        # client has its response.
        deadline = time.monotonic() + 10
        while not _lines_with(caplog, "forged") and time.monotonic() < deadline:
            time.sleep(0.01)
    lines = _lines_with(caplog, "forged")
    assert len(lines) == 1
    assert "\n" not in lines[0]
    assert "\r" not in lines[0]
    assert "/api/v1/files%0AGET /forged 200%0D" in lines[0]


def test_the_sandbox_extra_needs_a_python_multipart_that_caps_part_headers() -> None:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    spec = next(d for d in extra["optional-dependencies"]["sandbox"] if "multipart" in d)
    floor = tuple(int(x) for x in spec.split(">=")[1].split(",")[0].strip().split("."))
    assert floor >= (0, 0, 27), spec  # max_header_count / max_header_size (CVE-2026-42561)
