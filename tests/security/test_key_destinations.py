"""The API key goes to the API host only: never to presigned storage URLs, never across a
redirect to another origin, never into a WebSocket URL. Presigned URLs: https only (loopback
http only while the API is on loopback), never to internal addresses, and their signatures are
not echoed into exception messages."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from convilyn import AsyncConvilyn, ConfigurationError, ConvilynError, NoRetry, RedirectError
from convilyn._files import check_transfer_url
from convilyn.errors import UnsafeDownloadError

KEY = "ck_sec_0123456789abcdef"
BASE = "https://api.convilyn.test"
SIG = "X-Amz-Signature=5ecre7519a7ure0000deadbeef"
STORAGE = f"https://storage.example.com/bucket/obj?X-Amz-Credential=abc&{SIG}"


class Recorder:
    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)

    def with_key(self) -> list[str]:
        return [
            str(r.url)
            for r in self.requests
            if KEY in r.headers.get("authorization", "") or KEY in str(r.url)
        ]


def _client(rec: Recorder, **kwargs: Any) -> AsyncConvilyn:
    http = httpx.AsyncClient(transport=httpx.MockTransport(rec), **kwargs)
    return AsyncConvilyn(api_key=KEY, base_url=BASE, http_client=http, retry_policy=NoRetry())


def _json(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=data)


def test_presigned_upload_and_download_never_carry_the_key(
    fake_dns: Callable[[str, str], None], tmp_path: Path
) -> None:
    fake_dns("storage.example.com", "93.184.216.34")

    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.url.host == "storage.example.com":
            return httpx.Response(204 if request.method == "POST" else 200, content=b"PK\x05\x06")
        if path.endswith("/upload/presign"):
            return _json(
                {
                    "uploadUrl": STORAGE,
                    "fields": {"key": "k", "policy": "p"},
                    "fileId": "f_1",
                    "s3Key": "k",
                    "expiresIn": 3600,
                }
            )
        if path.endswith("/upload/confirm"):
            return _json(
                {
                    "fileId": "f_1",
                    "fileName": "a.pdf",
                    "fileSize": 3,
                    "mimeType": "application/pdf",
                    "createdAt": "2026-01-01T00:00:00Z",
                    "isInput": True,
                }
            )
        if path.endswith("/download"):
            return _json({"url": STORAGE, "expiresAt": "2026-01-01T01:00:00Z", "filename": "r.zip"})
        return _json({}, 404)

    rec = Recorder(answer)

    async def main() -> None:
        async with _client(rec, headers={"Authorization": f"Bearer {KEY}", "Cookie": "s=1"}) as c:
            await c.files.upload(b"abc", filename="a.pdf")
            await c.goals.download_to("js_1", to=tmp_path)

    asyncio.run(main())
    storage = [r for r in rec.requests if r.url.host == "storage.example.com"]
    assert [r.method for r in storage] == ["POST", "GET"]
    for r in storage:
        assert "authorization" not in r.headers
        assert "cookie" not in r.headers
    api = [r for r in rec.requests if r.url.host == "api.convilyn.test"]
    assert api
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in api)
    assert all(r.url.host == "api.convilyn.test" for r in rec.requests if KEY in str(r.headers))


def test_cross_origin_redirect_is_not_followed_with_the_key() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.convilyn.test":
            return httpx.Response(307, headers={"location": "https://evil.example/steal"})
        return _json({"jobSpecId": "x"})

    # The SDK's own client does not follow redirects: the 307 is an error, nothing is sent on.
    rec = Recorder(answer)

    async def main(client: AsyncConvilyn) -> None:
        async with client:
            with pytest.raises(RedirectError, match=r"evil\.example"):
                await client.goals.retrieve("js_1")

    asyncio.run(main(_client(rec)))
    assert {r.url.host for r in rec.requests} == {"api.convilyn.test"}

    # A caller's client set to follow redirects does not make the SDK follow one either.
    rec2 = Recorder(answer)
    asyncio.run(main(_client(rec2, follow_redirects=True)))
    assert {r.url.host for r in rec2.requests} == {"api.convilyn.test"}
    assert rec2.with_key() == ["https://api.convilyn.test/api/v1/jobs/goal/js_1"]


def test_escape_hatch_refuses_other_hosts() -> None:
    rec = Recorder(lambda r: _json({}))

    async def main() -> None:
        async with _client(rec) as c:
            for url in ("https://evil.example/api/v1/files", "http://api.convilyn.test/x"):
                with pytest.raises(ConfigurationError):
                    await c.api.get(url)

    asyncio.run(main())
    assert rec.requests == []


@pytest.mark.anyio
async def test_websocket_handshake_goes_to_the_api_host_with_the_key_in_a_header_only(
    convilyn_sandbox: Any,
) -> None:
    seen: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request)

    key = convilyn_sandbox.api_key
    async with (
        httpx.AsyncClient(event_hooks={"request": [hook]}) as http,
        AsyncConvilyn(api_key=key, base_url=convilyn_sandbox.base_url, http_client=http) as c,
    ):
        upload = await c.files.upload(b"PK resume", filename="r.docx")
        job = await c.goals.start(workflow_id="goal_lane.document_summary", files=[upload])
        async with contextlib.aclosing(c.goals.events(job.job_spec_id, transport="websocket")) as s:
            async for _ in s:
                break
    ws = [r for r in seen if r.headers.get("upgrade", "").lower() == "websocket"]
    assert ws, "no WebSocket handshake was made"
    base_host = httpx.URL(convilyn_sandbox.base_url).host
    for r in seen:
        assert key not in str(r.url)
        if key in r.headers.get("authorization", ""):
            assert r.url.host == base_host
    assert all(r.url.host == base_host for r in ws)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("url", "loopback_base"),
    [
        ("http://storage.example.com/x", False),  # plain http
        ("http://storage.example.com/x", True),
        ("http://127.0.0.1:9/x", False),  # loopback http only when the API is on loopback
        ("https://127.0.0.1/x", False),
        ("https://localhost/x", False),
        ("https://10.0.0.8/x", True),
        ("https://172.16.3.4/x", False),
        ("https://192.168.1.1/x", False),
        ("https://169.254.169.254/latest/meta-data/", False),  # cloud metadata
        ("https://169.254.169.254/latest/meta-data/", True),
        ("https://100.100.100.200/", False),  # shared address space (Alibaba metadata)
        ("https://[fd00:ec2::254]/", False),  # AWS IPv6 metadata (ULA)
        ("https://[fe80::1]/", False),
        ("https://[::ffff:10.0.0.1]/", False),  # IPv4-mapped private
        ("https://0.0.0.0/", False),
        ("https://224.0.0.1/", False),
        ("https://internal.corp/", False),  # resolves to a private address (fake DNS)
        ("https://metadata.google.internal/", False),  # resolves to link-local (fake DNS)
        ("ftp://storage.example.com/x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_presigned_url_policy_refuses(
    url: str, loopback_base: bool, fake_dns: Callable[[str, str], None]
) -> None:
    fake_dns("internal.corp", "10.1.2.3")
    fake_dns("metadata.google.internal", "169.254.169.254")
    with pytest.raises(UnsafeDownloadError):
        check_transfer_url(url, allow_loopback_http=loopback_base)


@pytest.mark.parametrize(
    ("url", "loopback_base"),
    [
        ("https://storage.example.com/x?sig=1", False),
        ("https://93.184.216.34/x", False),
        ("http://127.0.0.1:8000/_storage/x", True),  # the sandbox
        ("https://127.0.0.1:8000/x", True),
        ("https://unresolvable.example/x", False),  # fails later with a connection error
    ],
)
def test_presigned_url_policy_allows(
    url: str, loopback_base: bool, fake_dns: Callable[[str, str], None]
) -> None:
    fake_dns("storage.example.com", "93.184.216.34")
    check_transfer_url(url, allow_loopback_http=loopback_base)


def test_presigned_signature_is_not_echoed_into_errors(
    fake_dns: Callable[[str, str], None], tmp_path: Path
) -> None:
    fake_dns("storage.example.com", "93.184.216.34")
    xml = (
        "<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message>"
        f"<SignatureProvided>{SIG}</SignatureProvided><StringToSign>{STORAGE}</StringToSign></Error>"
    )

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "storage.example.com":
            if request.method == "GET":
                raise httpx.ConnectError(f"cannot reach {request.url}")
            return httpx.Response(403, content=xml.encode(), headers={"content-type": "text/xml"})
        if request.url.path.endswith("/upload/presign"):
            return _json(
                {"uploadUrl": STORAGE, "fields": {}, "fileId": "f", "s3Key": "k", "expiresIn": 1}
            )
        return _json({"url": STORAGE, "expiresAt": "2026-01-01T01:00:00Z", "filename": "r.zip"})

    rec = Recorder(answer)
    errors: list[BaseException] = []

    async def main() -> None:
        async with _client(rec) as c:
            for op in (
                c.files.upload(b"abc", filename="a.pdf"),
                c.goals.download_to("js_1", to=tmp_path),
            ):
                try:
                    await op
                except ConvilynError as exc:
                    errors.append(exc)

    asyncio.run(main())
    assert len(errors) == 2
    for exc in errors:
        text = f"{exc}\n{exc!r}"
        assert "5ecre7519a7ure" not in text, text
        assert "X-Amz-Credential" not in text, text
    # Refusals of internal URLs name the host, never the query string.
    with pytest.raises(UnsafeDownloadError) as info:
        check_transfer_url(f"http://storage.example.com/o?{SIG}", allow_loopback_http=False)
    assert "5ecre7519a7ure" not in str(info.value)
