"""Local file handling: upload input checks, progress-reporting readers, safe download writes.

Everything here runs before (or after) the network: an upload source is checked for
existence, type and size before any request; a download is written to a temporary file beside
the target and renamed into place atomically, refusing to overwrite (unless asked), to follow a
symlink, or to write outside the target directory when the name comes from the server.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import mimetypes
import os
import secrets
import socket
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, cast
from urllib.parse import urlsplit

from convilyn._config import STALL_BYTES, STALL_SECONDS, is_loopback_host
from convilyn.errors import (
    APITimeoutError,
    ConvilynError,
    DownloadTargetExistsError,
    DownloadWriteError,
    UnsafeDownloadError,
)

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "AtomicDownload",
    "ProgressCallback",
    "ProgressReader",
    "StallWatch",
    "UploadSource",
    "check_transfer_url",
    "download_destination",
    "prepare_upload",
    "resolve_download_target",
    "safe_filename",
]

ProgressCallback = Callable[[int, int], object]
"""``on_progress(done_bytes, total_bytes)``."""

MAX_UPLOAD_BYTES = 5 * 1024**3  # 5 GiB: the storage POST limit
MAX_DOWNLOAD_BYTES = 20 * 1024**3  # far above any output; a runaway stream stops here
CHUNK_SIZE = 64 * 1024

UploadInput = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO


@dataclass
class UploadSource:
    """A checked upload input: name, exact size, content type and a way to read it."""

    filename: str
    size: int
    content_type: str
    path: Path | None = None
    data: bytes | None = None
    fileobj: BinaryIO | None = None
    _start: int = 0

    def open(self) -> BinaryIO:
        """A fresh binary stream over the content (caller closes it when owned)."""
        if self.path is not None:
            return self.path.open("rb")
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.fileobj is not None
        self.fileobj.seek(self._start)
        return cast(BinaryIO, _Unclosable(self.fileobj, self._start))

    @property
    def owns_stream(self) -> bool:
        return self.fileobj is None


class _Unclosable(io.RawIOBase):
    """A view of the caller's file object that the SDK must not close; seek(0) goes back to
    where the caller's stream was when it was handed over."""

    def __init__(self, raw: BinaryIO, start: int) -> None:
        super().__init__()
        self._raw = raw
        self._start = start

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._raw.read(size)

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0:
            return self._raw.seek(self._start + offset) - self._start
        return self._raw.seek(offset, whence) - self._start

    def tell(self) -> int:
        return self._raw.tell() - self._start

    def close(self) -> None:  # the caller owns the stream
        pass


def _guess_type(filename: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


def prepare_upload(
    source: UploadInput,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    max_size: int = MAX_UPLOAD_BYTES,
) -> UploadSource:
    """Check an upload input before any request is made.

    Accepts a path (``str`` / ``PathLike``), ``bytes``-like content, or a binary file object
    open for reading (it must be seekable, so its size is known up front). Raises
    ``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``, ``TypeError`` or
    ``ValueError`` (empty, too large, no name) with a message naming the input.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"No such file to upload: {str(path)!r}")
        if path.is_dir():
            raise IsADirectoryError(f"Cannot upload a directory: {str(path)!r}")
        if not path.is_file():
            raise ValueError(f"Not a regular file: {str(path)!r}")
        if not os.access(path, os.R_OK):
            raise PermissionError(f"File is not readable: {str(path)!r}")
        size = path.stat().st_size
        name = filename or path.name
        _check_size(size, name, max_size)
        return UploadSource(name, size, _guess_type(name, content_type), path=path)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename or "upload.bin"
        _check_size(len(data), name, max_size)
        return UploadSource(name, len(data), _guess_type(name, content_type), data=data)
    if isinstance(source, io.TextIOBase):
        raise TypeError("Open the file in binary mode ('rb') to upload it.")
    read = getattr(source, "read", None)
    if not callable(read):
        raise TypeError(
            f"upload() takes a path, bytes, or a binary file object, got {type(source).__name__}"
        )
    fileobj: BinaryIO = source
    seekable = getattr(fileobj, "seekable", None)
    if not (callable(seekable) and seekable()):
        raise ValueError(
            "The file object is not seekable: its size must be known before uploading. "
            "Pass a path or bytes instead."
        )
    start = fileobj.tell()
    end = fileobj.seek(0, io.SEEK_END)
    fileobj.seek(start)
    size = end - start
    raw_name = getattr(fileobj, "name", None)
    name = filename or (os.path.basename(raw_name) if isinstance(raw_name, str) else "")
    if not name:
        raise ValueError("Pass filename=... when uploading a file object without a name.")
    _check_size(size, name, max_size)
    return UploadSource(name, size, _guess_type(name, content_type), fileobj=fileobj, _start=start)


def _check_size(size: int, name: str, max_size: int) -> None:
    if size <= 0:
        raise ValueError(f"{name!r} is empty: nothing to upload.")
    if size > max_size:
        raise ValueError(f"{name!r} is {size} bytes, over the {max_size}-byte upload limit.")


class ProgressReader(io.RawIOBase):
    """A read-only stream that reports ``(bytes_read, total)`` as it is consumed.

    Rewinding (``seek(0)``, as a retried upload does) restarts the count.
    """

    def __init__(self, raw: IO[bytes], total: int, callback: ProgressCallback | None) -> None:
        super().__init__()
        self._raw = raw
        self._total = total
        self._callback = callback
        self._done = 0

    @property
    def name(self) -> str:
        return str(getattr(self._raw, "name", "upload"))

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        if chunk:
            self._done += len(chunk)
            if self._callback is not None:
                self._callback(min(self._done, self._total), self._total)
        return chunk

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        pos = self._raw.seek(offset, whence)
        if whence == 0:
            self._done = pos
        return pos

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._raw.close()
        super().close()


# ---------------------------------------------------------------------------------------------
# Downloads
# ---------------------------------------------------------------------------------------------


def _address_refused(address: str, *, allow_loopback: bool) -> bool:
    """Private, loopback, link-local (cloud metadata), shared, reserved or multicast."""
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
            address.split("%", 1)[0]
        )
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return not allow_loopback
    return not ip.is_global or ip.is_multicast


def _resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (empty when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # the transfer itself will fail with a typed connection error
    return [str(info[4][0]) for info in infos]


def check_transfer_url(url: str, *, allow_loopback_http: bool) -> None:
    """Presigned storage URLs are fetched without the API key, and only over https, and never
    to an internal address.

    Plain http is accepted only for a loopback host while the API itself is on loopback (the
    local sandbox). Hosts that are, or resolve to, private, loopback (unless the API is on
    loopback), link-local (cloud metadata endpoints), shared or reserved addresses are refused,
    so a server-given URL cannot make the SDK reach into the caller's network.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme == "http" and allow_loopback_http and is_loopback_host(host):
        return
    if parts.scheme != "https" or not host:
        raise UnsafeDownloadError(
            f"Refusing to transfer over {parts.scheme or 'an invalid'} URL (host "
            f"{host!r}): presigned URLs must be https."
        )
    try:
        port = parts.port or 443
    except ValueError:
        raise UnsafeDownloadError(
            f"Refusing a presigned URL with an invalid port (host {host!r})"
        ) from None
    literal = True
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        literal = False
    if is_loopback_host(host) and not literal:
        addresses = ["127.0.0.1"]
    else:
        addresses = [host] if literal else _resolve(host, port)
    for address in addresses:
        if _address_refused(address, allow_loopback=allow_loopback_http):
            raise UnsafeDownloadError(
                f"Refusing to transfer to {host!r}: it is or resolves to an internal address "
                f"({address}); presigned URLs must point to public storage."
            )


def safe_filename(name: str | None, *, fallback: str = "download") -> str:
    """A server-given file name reduced to one safe path component, or ValueError."""
    if not name:
        return fallback
    if "\x00" in name:
        raise UnsafeDownloadError(f"Refusing server-given file name {name!r}: NUL byte")
    if (
        "/" in name
        or "\\" in name
        or name in {".", ".."}
        or os.path.isabs(name)
        or (len(name) >= 2 and name[1] == ":" and name[0].isalpha())  # C:x, a Windows drive
    ):
        raise UnsafeDownloadError(
            f"Refusing server-given file name {name!r}: it would write outside the target directory"
        )
    # Control characters, bidi overrides and zero-width marks can disguise a name (an
    # ``exe.pdf`` that reads ``fdp.exe``) or break a terminal: dropped.
    cleaned = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    stripped = _shorten(cleaned.strip())
    if not stripped or stripped.startswith(".."):
        raise UnsafeDownloadError(f"Refusing server-given file name {name!r}")
    return stripped


_MAX_NAME_BYTES = 200  # under every common filesystem's 255, with room for the temp suffix


def _shorten(name: str) -> str:
    """``name`` cut to ``_MAX_NAME_BYTES`` of UTF-8, its extension kept."""
    if len(name.encode()) <= _MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode()) > 16:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = _MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:budget].decode(errors="ignore").rstrip() + suffix


def download_destination(
    to: str | os.PathLike[str] | None, to_dir: str | os.PathLike[str] | None
) -> str | os.PathLike[str]:
    """``to``, or ``to_dir`` (4.1's keyword) as a directory: exactly one of them."""
    if (to is None) == (to_dir is None):
        raise TypeError(
            "Pass to= (a file path, or a directory ending in a separator) or to_dir= (a "
            "directory, keeping the server's file name), one of them."
        )
    if to_dir is not None:
        text = os.fspath(to_dir)
        return text if _names_a_directory(text) else text + os.sep
    assert to is not None
    return to


def check_archive_name(mimetype: str | None, filename: str | None, target: Path) -> None:
    """Refuse to write a ZIP package (a conversion whose output carries assets) under a name
    that does not end in ``.zip``: a ``report.md`` starting with ``PK`` opens nowhere (4.1)."""
    if (mimetype or "").split(";")[0].strip().lower() != "application/zip":
        return
    if target.suffix.lower() == ".zip":
        return
    raise UnsafeDownloadError(
        f"This result is a ZIP package ({filename}: the output and its assets); writing it to "
        f"{target.name!r} would give an archive a name that promises something else. Pass "
        "to_dir= (or a directory as to=) to keep the server's name, or name it with .zip."
    )


def resolve_download_target(
    to: str | os.PathLike[str], *, suggested_name: str | None, overwrite: bool
) -> Path:
    """Where a download goes.

    ``to`` an existing directory, or a path ending in a separator (``"out/"``, created when
    missing) → ``to / <server file name>`` (checked to stay inside ``to``); otherwise ``to`` is
    the file path itself (its directory must exist). A symlink at the target is refused even
    with ``overwrite=True``; an existing file without it.
    """
    target = Path(to).expanduser()
    if _names_a_directory(to) and not target.exists():
        target.mkdir(parents=True)
    if target.is_dir() and not target.is_symlink():
        name = safe_filename(suggested_name)
        final = target / name
        root = target.resolve()
        if final.resolve(strict=False).parent != root:
            raise UnsafeDownloadError(
                f"Refusing to write {name!r} outside the target directory {str(target)!r}"
            )
    else:
        final = target
        if not final.parent.exists():
            raise FileNotFoundError(f"The directory {str(final.parent)!r} does not exist")
    if final.is_symlink():
        raise UnsafeDownloadError(f"Refusing to write through the symlink {str(final)!r}")
    if final.exists():
        if final.is_dir():
            raise IsADirectoryError(f"The download target {str(final)!r} is a directory")
        if not overwrite:
            raise DownloadTargetExistsError(
                f"{str(final)!r} already exists; pass overwrite=True to replace it"
            )
    return final


def _names_a_directory(to: str | os.PathLike[str]) -> bool:
    text = os.fspath(to)
    return text.endswith(("/", os.sep)) or (os.altsep is not None and text.endswith(os.altsep))


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_temp_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file next to ``target``, created with mode 0o666 so the kernel applies
    the umask: the download ends up with the permissions of any file the user creates
    (``tempfile.mkstemp`` would make it 0600, and the rename keeps that). ``O_EXCL`` never
    opens an existing file or follows a symlink planted at the name."""
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"Could not create a temporary file beside {str(target)!r}")


class StallWatch:
    """Ends a transfer that stalled: fewer than ``STALL_BYTES`` in ``STALL_SECONDS`` (a
    server trickling a byte a second stays inside every read timeout), or one that ran past
    the call's deadline (``ends``, on the ``now`` clock)."""

    def __init__(self, now: Callable[[], float], *, ends: float | None = None) -> None:
        self._now = now
        self._ends = ends
        self._since = now()
        self._base = 0

    def check(self, done: int) -> None:
        """Called as ``done`` bytes have moved; raises :class:`APITimeoutError` to stop."""
        now = self._now()
        if self._ends is not None and now > self._ends:
            raise APITimeoutError(
                f"The transfer ran past its deadline after {done} bytes; raise deadline= "
                "(or pass deadline=None) for large files on slow links."
            )
        if now - self._since < STALL_SECONDS:
            return
        if done - self._base < STALL_BYTES:
            raise APITimeoutError(
                f"The transfer stalled after {done} bytes: under {STALL_BYTES} bytes in "
                f"{STALL_SECONDS:g}s. Try again; if it keeps happening, the storage host or a "
                "proxy is holding it."
            )
        self._since, self._base = now, done


@contextlib.contextmanager
def _writing(target: Path) -> Iterator[None]:
    """The file system's refusals (disk full, permissions, a name too long) as a typed error."""
    try:
        yield
    except ConvilynError:
        raise
    except OSError as exc:
        raise DownloadWriteError(
            exc.errno,
            f"Cannot write {str(target)!r}: {exc.strerror or exc}. Free some space, fix the "
            "folder's permissions, or choose another target (to= / --output).",
            str(target),
        ) from exc


class AtomicDownload:
    """Write to a temporary file beside ``target``; :meth:`commit` renames it into place.

    Without ``overwrite`` the final step is a hard link (fails if a file appeared in the
    meantime), so a concurrent writer is never clobbered. On error the temporary file is
    removed and the target is untouched.
    """

    def __init__(self, target: Path, *, overwrite: bool) -> None:
        self.target = target
        self.overwrite = overwrite
        with _writing(target):
            fd, self._tmp = _create_temp_beside(target)
        self._file: BinaryIO | None = os.fdopen(fd, "wb")
        self.written = 0

    def write(self, chunk: bytes) -> None:
        assert self._file is not None
        with _writing(self.target):
            self._file.write(chunk)
        self.written += len(chunk)

    def commit(self) -> Path:
        assert self._file is not None
        with _writing(self.target):
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        self._file = None
        try:
            if self.target.is_symlink():
                raise UnsafeDownloadError(
                    f"Refusing to write through the symlink {str(self.target)!r}"
                )
            if self.overwrite:
                os.replace(self._tmp, self.target)
            else:
                try:
                    os.link(self._tmp, self.target)
                except FileExistsError:
                    raise DownloadTargetExistsError(
                        f"{str(self.target)!r} appeared during the download; not overwritten"
                    ) from None
                except OSError:
                    # No hard links here (some filesystems): check-then-rename.
                    if self.target.exists():
                        raise DownloadTargetExistsError(
                            f"{str(self.target)!r} appeared during the download"
                        ) from None
                    os.replace(self._tmp, self.target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                self._tmp.unlink()
        return self.target

    def abort(self) -> None:
        if self._file is not None:
            with contextlib.suppress(Exception):
                self._file.close()
            self._file = None
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()

    def __enter__(self) -> AtomicDownload:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None or self._file is not None:
            self.abort()


class _ZipSink:
    """What ``zipfile`` needs of a stream it cannot seek; closing is the sink's commit."""

    def __init__(self, sink: AtomicDownload) -> None:
        self._sink = sink

    def write(self, data: bytes, /) -> int:
        self._sink.write(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def zip_into(target: Path, members: Sequence[tuple[str, Path]], *, overwrite: bool) -> Path:
    """Write ``(name in the archive, file)`` pairs as one ZIP at ``target``, atomically and
    streamed (a member is copied in chunks, never held in memory)."""
    import shutil
    import zipfile

    with AtomicDownload(target, overwrite=overwrite) as sink:
        with zipfile.ZipFile(_ZipSink(sink), "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in members:
                with path.open("rb") as src, archive.open(name, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        return sink.commit()
