"""Downloads: no overwrite without consent, no symlink following, no path escape from a
server-given name (``../``, absolute, Windows drive letters), a size cap, and no partial file
left behind when anything fails."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from convilyn import AsyncConvilyn, ConvilynError, NoRetry
from convilyn import _files as files_mod
from convilyn._files import resolve_download_target, safe_filename
from convilyn.errors import APIConnectionError, DownloadTargetExistsError, UnsafeDownloadError

KEY = "ck_sec_0123456789abcdef"
BASE = "https://api.convilyn.test"
STORAGE = "https://storage.example.com/o/result.zip?sig=1"

BAD_NAMES = [
    "../escape.zip",
    "..",
    ".",
    "a/../../b.zip",
    "sub/dir.zip",
    "/etc/passwd",
    "\\\\server\\share\\x.zip",
    "..\\..\\x.zip",
    "C:\\Windows\\x.zip",
    "C:x.zip",
    "c:/x.zip",
    "nul\x00byte.zip",
    "..hidden-escape",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_server_given_names_cannot_escape(name: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafeDownloadError):
        safe_filename(name)
    with pytest.raises(UnsafeDownloadError):
        resolve_download_target(tmp_path, suggested_name=name, overwrite=True)
    assert list(tmp_path.iterdir()) == []


def test_plain_names_are_kept(tmp_path: Path) -> None:
    target = resolve_download_target(tmp_path, suggested_name="report v2.zip", overwrite=False)
    assert target == tmp_path / "report v2.zip"


def _serve(
    body: bytes | Callable[[], AsyncIterator[bytes]],
    *,
    filename: str = "result.zip",
    headers: dict[str, str] | None = None,
) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "storage.example.com":
            if callable(body):
                return httpx.Response(200, headers=headers, stream=_Stream(body))
            return httpx.Response(200, headers=headers, content=body)
        return httpx.Response(
            200, json={"url": STORAGE, "expiresAt": "2026-01-01T01:00:00Z", "filename": filename}
        )

    return answer


class _Stream(httpx.AsyncByteStream):
    def __init__(self, make: Callable[[], AsyncIterator[bytes]]) -> None:
        self._make = make

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._make():
            yield chunk


def _download(answer: Callable[[httpx.Request], httpx.Response], to: Path, **kwargs: Any) -> Path:
    async def main() -> Path:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
        async with AsyncConvilyn(
            api_key=KEY, base_url=BASE, http_client=http, retry_policy=NoRetry()
        ) as client:
            try:
                return await client.goals.download_to("js_1", to=to, **kwargs)
            finally:
                await http.aclose()

    return asyncio.run(main())


@pytest.fixture(autouse=True)
def _public_storage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files_mod, "_resolve", lambda host, port: ["93.184.216.34"])


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


ZIP = "js_1.zip"  # goals.download_to names the ZIP after the job


def test_no_overwrite_without_consent(tmp_path: Path) -> None:
    existing = tmp_path / ZIP
    existing.write_bytes(b"mine")
    with pytest.raises(DownloadTargetExistsError):
        _download(_serve(b"theirs"), tmp_path)
    assert existing.read_bytes() == b"mine"
    with pytest.raises(DownloadTargetExistsError):
        _download(_serve(b"theirs"), existing)
    assert existing.read_bytes() == b"mine"
    assert _download(_serve(b"theirs"), existing, overwrite=True) == existing
    assert existing.read_bytes() == b"theirs"
    assert _leftovers(tmp_path) == [ZIP]


def test_symlinks_are_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / ZIP).symlink_to(victim)
    for kwargs in ({}, {"overwrite": True}):
        with pytest.raises(UnsafeDownloadError):
            _download(_serve(b"evil"), out, **kwargs)
        with pytest.raises(UnsafeDownloadError):
            _download(_serve(b"evil"), out / ZIP, **kwargs)
    assert victim.read_bytes() == b"precious"
    # A symlinked target directory is not written through either.
    link_dir = tmp_path / "linkdir"
    link_dir.symlink_to(out, target_is_directory=True)
    with pytest.raises(ConvilynError):
        _download(_serve(b"evil"), link_dir, overwrite=True)
    assert _leftovers(out) == [ZIP]
    assert (out / ZIP).is_symlink()


@pytest.mark.parametrize("name", ["../escape.zip", "/tmp/abs.zip", "C:evil.zip", "..\\x.zip"])
def test_the_zip_never_takes_a_server_given_name(name: str, tmp_path: Path) -> None:
    """Into a directory the ZIP is named after the job: an escaping server name goes nowhere
    (server names of artifacts and conversions are refused: test_server_given_names_cannot_escape)."""
    out = tmp_path / "out"
    out.mkdir()
    assert _download(_serve(b"PK", filename=name), out) == out / ZIP
    assert _leftovers(out) == [ZIP]
    assert _leftovers(tmp_path) == ["out"]


def test_size_is_capped_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files_mod, "MAX_DOWNLOAD_BYTES", 1000)
    # Announced too large: refused before writing anything.
    with pytest.raises(UnsafeDownloadError):
        _download(_serve(b"x" * 2000), tmp_path)
    assert _leftovers(tmp_path) == []

    # Not announced (chunked): stopped when it passes the cap, the partial file removed.
    async def endless() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b"x" * 300

    with pytest.raises(UnsafeDownloadError):
        _download(_serve(endless), tmp_path)
    assert _leftovers(tmp_path) == []
    assert _download(_serve(b"x" * 1000), tmp_path).stat().st_size == 1000


def test_a_broken_download_leaves_no_partial_file(tmp_path: Path) -> None:
    async def breaks() -> AsyncIterator[bytes]:
        yield b"x" * 4096
        yield b"y" * 4096
        raise httpx.ReadError("connection reset by peer")

    with pytest.raises(APIConnectionError):
        _download(_serve(breaks), tmp_path)
    assert _leftovers(tmp_path) == []


def test_a_file_appearing_during_the_download_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / ZIP

    async def racing() -> AsyncIterator[bytes]:
        yield b"new"
        target.write_bytes(b"someone else's")  # created while we stream

    with pytest.raises(DownloadTargetExistsError):
        _download(_serve(racing), tmp_path)
    assert target.read_bytes() == b"someone else's"
    assert _leftovers(tmp_path) == [ZIP]


def test_permissions_follow_the_umask(tmp_path: Path) -> None:
    path = _download(_serve(b"PK"), tmp_path)
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
