"""What a hostile or broken server answers must end in a typed error, never in a saved file,
a leaked key, or a raw Python exception: redirects (never followed, never success), bodies
that echo the API key, JSON nested past what can be read, server-given file names that would
disguise themselves or not fit on disk."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import KEY, call, file_record, goal_job
from test_facade_files import CONVERT_DONE, PRESIGN, STORAGE

from convilyn import (
    APIError,
    DownloadWriteError,
    RedirectError,
    ResponseValidationError,
    UnexpectedFieldError,
)
from convilyn._files import AtomicDownload, safe_filename

pytestmark = pytest.mark.anyio

S3_REDIRECT = (
    b"<?xml version='1.0'?><Error><Code>TemporaryRedirect</Code>"
    b"<Message>Please re-send this request to the specified temporary endpoint.</Message></Error>"
)


def _shows(exc: BaseException) -> str:
    """Everything a user can see of an error: its str, its repr and its traceback."""
    return "\n".join([str(exc), repr(exc), *traceback.format_exception(exc)])


async def test_a_redirected_download_saves_nothing_and_names_where_it_pointed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    storage = mock.get(STORAGE + "/o").mock(
        return_value=httpx.Response(
            307,
            headers={"Location": "https://other-bucket.test/o?X-Amz-Signature=secret"},
            content=S3_REDIRECT,
        )
    )
    elsewhere = mock.get(url__startswith="https://other-bucket.test").mock(
        return_value=httpx.Response(200, content=b"%PDF")
    )
    with pytest.raises(RedirectError) as caught:
        await call(make_client(kind).convert.download_to("cj_1", to=tmp_path))
    error = caught.value
    assert error.status_code == 307
    assert error.location_host == "other-bucket.test"
    assert error.location == "https://other-bucket.test/o"
    assert "307 Temporary Redirect, a redirect to other-bucket.test" in str(error)
    assert "Nothing was saved" in str(error)
    assert "secret" not in _shows(error)
    assert storage.called
    assert not elsewhere.called
    assert os.listdir(tmp_path) == []


async def test_a_redirected_storage_upload_is_not_stored(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"hello")
    mock.post("/api/v1/upload/presign").mock(return_value=httpx.Response(200, json=PRESIGN))
    mock.post(STORAGE).mock(
        return_value=httpx.Response(301, headers={"Location": "https://mirror.test/bucket"})
    )
    confirm = mock.post("/api/v1/upload/confirm").mock(
        return_value=httpx.Response(200, json=file_record())
    )
    with pytest.raises(RedirectError, match=r"storage upload answered 301.*mirror\.test.*not"):
        await call(make_client(kind).files.upload(path))
    assert not confirm.called  # a redirect is not "stored": nothing is confirmed


async def test_a_redirect_from_the_api_is_an_error_and_the_key_does_not_follow(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(
            307, headers={"Location": "https://evil.test/steal"}, json=goal_job()
        )
    )
    evil = mock.get(url__startswith="https://evil.test").mock(return_value=httpx.Response(200))
    # An injected client that would follow redirects does not make the SDK follow one.
    http: Any = (httpx.AsyncClient if kind == "async" else httpx.Client)(follow_redirects=True)
    client = make_client(kind, http_client=http)
    with pytest.raises(RedirectError, match=r"307 .*evil\.test.*base_url") as caught:
        await call(client.goals.retrieve("job_1"))
    assert caught.value.operation == "getGoalJob"
    assert not evil.called
    await call(http.aclose() if kind == "async" else http.close())


async def test_a_body_echoing_the_key_never_shows_it(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    echo = f"debug: Authorization: Bearer {KEY}"
    mock.get("/api/v1/jobs/goal/job_1").mock(return_value=httpx.Response(200, text=echo))
    client = make_client(kind)
    with pytest.raises(ResponseValidationError) as not_json:
        await call(client.goals.retrieve("job_1"))
    assert "Bearer [REDACTED]" in str(not_json.value)
    assert KEY not in _shows(not_json.value)

    mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(200, json=goal_job(**{KEY: "x"}))
    )
    strict = make_client(kind, strict=True)
    with pytest.raises(UnexpectedFieldError) as unknown:
        await call(strict.goals.retrieve("job_1"))
    assert KEY not in _shows(unknown.value)
    assert KEY not in unknown.value.field


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("status", [200, 500])
async def test_json_nested_past_reading_is_a_typed_error(
    status: int, kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    body = b'{"detail": ' + _nested(100_000) + b"}"
    mock.get("/api/v1/jobs/goal/job_1").mock(return_value=httpx.Response(status, content=body))
    client = make_client(kind, max_retries=0)
    if status == 200:
        with pytest.raises(ResponseValidationError, match="nested too deep"):
            await call(client.goals.retrieve("job_1"))
    else:
        with pytest.raises(APIError, match="500 HTTP_500: Internal Server Error"):
            await call(client.goals.retrieve("job_1"))


@pytest.mark.parametrize(
    ("given", "saved"),
    [
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a right-to-left override hides ".exe"
        ("report\x1b[2J.pdf", "report[2J.pdf"),  # a terminal escape
        ("zero\u200bwidth.md", "zerowidth.md"),
    ],
)
def test_server_names_lose_their_disguises(given: str, saved: str) -> None:
    assert safe_filename(given) == saved


def test_a_server_name_too_long_for_the_disk_is_shortened_keeping_its_extension(
    tmp_path: Path,
) -> None:
    name = safe_filename("é" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode()) <= 200
    with AtomicDownload(tmp_path / name, overwrite=False) as sink:
        sink.write(b"%PDF")
        assert sink.commit().read_bytes() == b"%PDF"


def test_a_refused_write_is_a_typed_error_naming_the_target() -> None:
    target = Path("/proc/self/not-writable.pdf")  # no file can be created here, even by root
    with pytest.raises(DownloadWriteError, match=r"not-writable\.pdf.*to= / --output") as caught:
        AtomicDownload(target, overwrite=False)
    assert isinstance(caught.value, OSError)
    assert caught.value.errno is not None
