"""Uploads checked before any request; downloads safe (atomic, no overwrite, no symlink, no
escape) and presigned URLs fetched without the API key."""

from __future__ import annotations

import io
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import KEY, call, file_record

from convilyn import (
    DownloadTargetExistsError,
    File,
    StorageUploadError,
    UnsafeDownloadError,
)
from convilyn._files import (
    AtomicDownload,
    check_transfer_url,
    prepare_upload,
    resolve_download_target,
    safe_filename,
)

pytestmark = pytest.mark.anyio

STORAGE = "https://storage.test/bucket"
PRESIGN = {
    "uploadUrl": STORAGE,
    "fields": {"key": "uploads/abc", "policy": "p", "x-amz-signature": "s"},
    "fileId": "file_1",
    "s3Key": "uploads/abc",
    "expiresIn": 900,
}


# -- local checks -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        prepare_upload(tmp_path / "nope.pdf")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        prepare_upload(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.pdf").write_bytes(b"")
    with pytest.raises(ValueError, match="empty"):
        prepare_upload(tmp_path / "e.pdf")


def test_too_large(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * 11)
    with pytest.raises(ValueError, match="limit"):
        prepare_upload(tmp_path / "big.bin", max_size=10)


def test_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7 hello")
    src = prepare_upload(path)
    assert (src.filename, src.size, src.content_type) == ("a.pdf", 14, "application/pdf")
    src2 = prepare_upload(b"abc", filename="x.txt")
    assert (src2.size, src2.content_type) == (3, "text/plain")
    buf = io.BytesIO(b"0123456789")
    buf.seek(4)
    src3 = prepare_upload(buf, filename="n.bin")
    assert src3.size == 6
    assert src3.open().read() == b"456789"
    with pytest.raises(TypeError):
        prepare_upload(io.StringIO("text"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="filename"):
        prepare_upload(io.BytesIO(b"x"))
    with pytest.raises(TypeError):
        prepare_upload(42)  # type: ignore[arg-type]


async def test_upload_checks_before_any_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    presign = mock.post("/api/v1/upload/presign")
    client = make_client(kind)
    with pytest.raises(FileNotFoundError):
        await call(client.files.upload(tmp_path / "missing.pdf"))
    assert presign.call_count == 0


async def test_upload_flow_never_sends_the_key_to_storage(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"hello")
    mock.post("/api/v1/upload/presign").mock(return_value=httpx.Response(200, json=PRESIGN))
    storage = mock.post(STORAGE).mock(return_value=httpx.Response(204))
    confirm = mock.post("/api/v1/upload/confirm").mock(
        return_value=httpx.Response(200, json=file_record())
    )
    seen: list[tuple[int, int]] = []
    client = make_client(kind)
    f = await call(
        client.files.upload(path, on_progress=lambda done, total: seen.append((done, total)))
    )
    assert isinstance(f, File)
    assert f.filename == "doc.pdf"
    assert f.size == 5
    request = storage.calls[0].request
    assert "authorization" not in request.headers
    # The client's API headers stay on the API: storage hears only who is uploading.
    assert "x-convilyn-client" not in request.headers
    assert request.headers["accept"] == "*/*"
    assert request.headers["user-agent"].startswith("convilyn-python/")
    body = request.content
    assert body.index(b'name="key"') < body.index(b'name="file"')  # fields first, file last
    assert b"hello" in body
    assert seen
    assert seen[-1] == (5, 5)
    confirm_body = confirm.calls[0].request.content
    assert b'"s3Key":"uploads/abc"' in confirm_body.replace(b" ", b"")


async def test_storage_hops_have_their_own_budget(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"hello")
    presign = mock.post("/api/v1/upload/presign").mock(
        return_value=httpx.Response(200, json=PRESIGN)
    )
    storage = mock.post(STORAGE).mock(return_value=httpx.Response(204))
    mock.post("/api/v1/upload/confirm").mock(return_value=httpx.Response(200, json=file_record()))
    await call(make_client(kind).files.upload(path))
    api_budget = presign.calls[0].request.extensions["timeout"]
    storage_budget = storage.calls[0].request.extensions["timeout"]
    assert (api_budget["read"], api_budget["connect"]) == (30.0, 10.0)
    assert storage_budget == {"connect": 30.0, "read": 300.0, "write": 300.0, "pool": 300.0}
    await call(make_client(kind, storage_timeout=45).files.upload(path))
    assert storage.calls[1].request.extensions["timeout"]["read"] == 45.0


async def test_storage_failure_is_typed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"hello")
    mock.post("/api/v1/upload/presign").mock(return_value=httpx.Response(200, json=PRESIGN))
    mock.post(STORAGE).mock(
        return_value=httpx.Response(403, text="<Error><Code>AccessDenied</Code></Error>")
    )
    client = make_client(kind)
    with pytest.raises(StorageUploadError) as info:
        await call(client.files.upload(path))
    assert info.value.status_code == 403


async def test_http_storage_url_refused_for_remote_api(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"hello")
    mock.post("/api/v1/upload/presign").mock(
        return_value=httpx.Response(200, json={**PRESIGN, "uploadUrl": "http://storage.test/b"})
    )
    client = make_client(kind)
    with pytest.raises(UnsafeDownloadError):
        await call(client.files.upload(path))


# -- download targets -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../evil", "/etc/passwd", "a/b", "..", "a\\b", "x\x00y"])
def test_server_names_cannot_escape(name: str) -> None:
    with pytest.raises(UnsafeDownloadError):
        safe_filename(name)


def test_target_resolution(tmp_path: Path) -> None:
    assert resolve_download_target(tmp_path, suggested_name="out.pdf", overwrite=False) == (
        tmp_path / "out.pdf"
    )
    assert resolve_download_target(tmp_path / "x.pdf", suggested_name="y", overwrite=False) == (
        tmp_path / "x.pdf"
    )
    (tmp_path / "exists.pdf").write_text("keep")
    with pytest.raises(DownloadTargetExistsError):
        resolve_download_target(tmp_path / "exists.pdf", suggested_name=None, overwrite=False)
    assert resolve_download_target(tmp_path / "exists.pdf", suggested_name=None, overwrite=True)
    with pytest.raises(FileNotFoundError):
        resolve_download_target(tmp_path / "no" / "x.pdf", suggested_name=None, overwrite=False)


def test_symlink_targets_are_refused_even_with_overwrite(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.pdf"
    os.symlink(victim, link)
    with pytest.raises(UnsafeDownloadError):
        resolve_download_target(link, suggested_name=None, overwrite=True)
    assert victim.read_text() == "precious"


def test_atomic_download_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"

    def broken_download() -> None:
        with AtomicDownload(target, overwrite=False) as sink:
            sink.write(b"partial")
            raise RuntimeError("network died")

    with pytest.raises(RuntimeError):
        broken_download()
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_atomic_download_does_not_clobber_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with AtomicDownload(target, overwrite=False) as sink:
        sink.write(b"new")
        target.write_bytes(b"someone else's")
        with pytest.raises(DownloadTargetExistsError):
            sink.commit()
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


@pytest.mark.parametrize(
    ("url", "loopback", "ok"),
    [
        ("https://s3.example.com/x", False, True),
        ("http://s3.example.com/x", False, False),
        ("http://s3.example.com/x", True, False),
        ("http://127.0.0.1:9000/x", True, True),
        ("http://127.0.0.1:9000/x", False, False),
        ("file:///etc/passwd", True, False),
        ("ftp://x/y", False, False),
    ],
)
def test_transfer_urls(url: str, loopback: bool, ok: bool) -> None:
    if ok:
        check_transfer_url(url, allow_loopback_http=loopback)
    else:
        with pytest.raises(UnsafeDownloadError):
            check_transfer_url(url, allow_loopback_http=loopback)


CONVERT_DONE: dict[str, Any] = {
    "jobId": "cj_1",
    "status": "completed",
    "processorType": "document_conversion",
    "progress": 100,
    "params": {},
    "resultFiles": [
        {"filename": "out.pdf", "size": 4, "mimetype": "application/pdf", "url": STORAGE + "/o"}
    ],
    "warnings": [],
    "error": None,
    "retryCount": 0,
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}


async def test_download_to_streams_without_key(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    dl = mock.get(STORAGE + "/o").mock(return_value=httpx.Response(200, content=b"%PDF"))
    client = make_client(kind)
    path = await call(client.convert.download_to("cj_1", to=tmp_path))
    assert path == tmp_path / "out.pdf"
    assert path.read_bytes() == b"%PDF"
    assert "authorization" not in dl.calls[0].request.headers
    assert "x-convilyn-client" not in dl.calls[0].request.headers
    assert KEY not in str(dl.calls[0].request.url)
    with pytest.raises(DownloadTargetExistsError):
        await call(client.convert.download_to("cj_1", to=tmp_path))
    path.write_bytes(b"old")
    await call(client.convert.download_to("cj_1", to=path, overwrite=True))
    assert path.read_bytes() == b"%PDF"


async def test_download_with_an_escaping_server_name(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    bad = {**CONVERT_DONE, "resultFiles": [{**CONVERT_DONE["resultFiles"][0], "filename": "../x"}]}
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=bad))
    client = make_client(kind)
    with pytest.raises(UnsafeDownloadError):
        await call(client.convert.download_to("cj_1", to=tmp_path))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
@pytest.mark.parametrize("overwrite", [False, True])
async def test_downloads_get_normal_permissions(
    umask: int,
    overwrite: bool,
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    tmp_path: Path,
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    mock.get(STORAGE + "/o").mock(return_value=httpx.Response(200, content=b"%PDF"))
    if overwrite:
        (tmp_path / "out.pdf").write_bytes(b"old")
    client = make_client(kind)
    previous = os.umask(umask)
    try:
        path = await call(client.convert.download_to("cj_1", to=tmp_path, overwrite=overwrite))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_atomic_download_temp_name_never_follows_a_planted_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    names = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    (tmp_path / ".out.bin.aaaa.part").symlink_to(victim)
    with AtomicDownload(tmp_path / "out.bin", overwrite=False) as sink:
        sink.write(b"new")
        sink.commit()
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.bin").read_bytes() == b"new"


async def test_upload_is_streamed_in_chunks(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    size = 1024 * 1024 + 7
    path = tmp_path / "big.pdf"
    path.write_bytes(b"x" * size)
    mock.post("/api/v1/upload/presign").mock(return_value=httpx.Response(200, json=PRESIGN))
    mock.post(STORAGE).mock(return_value=httpx.Response(204))
    mock.post("/api/v1/upload/confirm").mock(
        return_value=httpx.Response(200, json=file_record(fileSize=size))
    )
    seen: list[int] = []
    client = make_client(kind)
    await call(client.files.upload(path, on_progress=lambda done, total: seen.append(done)))
    steps = [b - a for a, b in zip([0, *seen], seen, strict=False)]
    assert seen[-1] == size
    assert len(seen) >= 16  # read piecewise, never in one gulp
    assert max(steps) <= 64 * 1024


async def test_the_presigned_host_lookup_runs_off_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    import anyio

    from convilyn import AsyncConvilyn

    lookup_started, loop_ran = threading.Event(), threading.Event()

    def resolve(host: str, port: int) -> list[str]:
        lookup_started.set()
        # On the event loop's own thread this wait could never end early: the loop is blocked.
        assert loop_ran.wait(timeout=5), "the host lookup blocked the event loop"
        return ["93.184.216.34"]

    monkeypatch.setattr("convilyn._files._resolve", resolve)
    async with (
        AsyncConvilyn(api_key=KEY, base_url="https://api.test") as client,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(client._pipeline.check_transfer_url, "https://storage.test/o")
        await anyio.to_thread.run_sync(lambda: lookup_started.wait(5))
        loop_ran.set()


async def test_a_target_ending_in_a_separator_is_a_directory(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    mock.get(STORAGE + "/o").mock(return_value=httpx.Response(200, content=b"%PDF"))
    client = make_client(kind)
    path = await call(client.convert.download_to("cj_1", to=f"{tmp_path}/converted/"))
    assert path == tmp_path / "converted" / "out.pdf"  # not a file named "converted"
    assert path.read_bytes() == b"%PDF"
