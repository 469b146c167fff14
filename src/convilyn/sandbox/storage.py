"""Object storage: HMAC-signed URLs and bodies streamed to disk, never whole in memory.

The sandbox plays S3: ``presignUpload`` hands out a storage POST whose ``fields`` carry a signed
policy (object key, expiry, maximum size); downloads are ``GET`` URLs signed over the object key
and expiry. Both are served by the sandbox itself under ``/_storage/`` and refuse requests that
carry an ``Authorization`` header, like a presigned S3 URL does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import AsyncIterable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlencode

from python_multipart.multipart import MultipartParser, parse_options_header

CHUNK = 64 * 1024


class Signer:
    """HMAC-SHA256 over newline-joined parts."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or os.urandom(32)

    def sign(self, *parts: str) -> str:
        return hmac.new(self._secret, "\n".join(parts).encode(), hashlib.sha256).hexdigest()

    def verify(self, signature: str, *parts: str) -> bool:
        return hmac.compare_digest(self.sign(*parts), signature)

    # upload policies ---------------------------------------------------------------------
    def upload_fields(
        self, object_key: str, content_type: str, max_size: int, expires: int
    ) -> dict[str, str]:
        policy = json.dumps(
            {"key": object_key, "exp": expires, "maxSize": max_size}, separators=(",", ":")
        )
        encoded = base64.urlsafe_b64encode(policy.encode()).decode()
        return {
            "key": object_key,
            "Content-Type": content_type,
            "policy": encoded,
            "x-amz-signature": self.sign("upload", encoded),
        }

    def check_upload(self, fields: dict[str, str], now: float) -> tuple[str, int]:
        """``(object_key, max_size)`` for a valid policy; raises :class:`StorageError` otherwise."""
        encoded, signature = fields.get("policy", ""), fields.get("x-amz-signature", "")
        if not encoded or not signature:
            raise StorageError(403, "AccessDenied", "Missing policy or signature fields")
        if not self.verify(signature, "upload", encoded):
            raise StorageError(403, "SignatureDoesNotMatch", "The request signature does not match")
        try:
            policy: dict[str, Any] = json.loads(base64.urlsafe_b64decode(encoded.encode()))
        except ValueError as exc:
            raise StorageError(400, "InvalidPolicyDocument", "Malformed policy") from exc
        if now > float(policy["exp"]):
            raise StorageError(403, "AccessDenied", "Request has expired")
        if fields.get("key") != policy["key"]:
            raise StorageError(403, "AccessDenied", "Object key does not match the policy")
        return str(policy["key"]), int(policy["maxSize"])

    # download URLs -------------------------------------------------------------------------
    def download_url(
        self, base_url: str, object_key: str, filename: str, mime_type: str, expires: int
    ) -> str:
        sig = self.sign("download", object_key, str(expires), filename, mime_type)
        query = urlencode({"exp": expires, "fn": filename, "ct": mime_type, "sig": sig})
        return f"{base_url}/_storage/objects/{quote(object_key)}?{query}"

    def check_download(self, object_key: str, query: dict[str, str], now: float) -> tuple[str, str]:
        """``(filename, mime_type)`` for a valid URL; raises :class:`StorageError` otherwise."""
        try:
            expires = int(query["exp"])
            filename, mime, sig = query["fn"], query["ct"], query["sig"]
        except (KeyError, ValueError) as exc:
            raise StorageError(
                403, "AccessDenied", "Missing or malformed signature parameters"
            ) from exc
        if not self.verify(sig, "download", object_key, str(expires), filename, mime):
            raise StorageError(403, "SignatureDoesNotMatch", "The request signature does not match")
        if now > expires:
            raise StorageError(403, "AccessDenied", "Request has expired")
        return filename, mime


class StorageError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": {}}


class Digest:
    """Where a file part goes when only its identity matters: a SHA-256 of name and bytes
    (what an idempotent replay of an upload compares)."""

    def __init__(self, filename: str) -> None:
        self._hash = hashlib.sha256(filename.encode() + b"\0")
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        self._hash.update(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def commit(self) -> int:
        return self.size

    def abort(self) -> None:
        pass


class BlobWriter(Digest):
    """A blob being written: a temp file renamed into place on :meth:`commit`."""

    def __init__(self, final: Path, max_size: int | None, filename: str = "") -> None:
        super().__init__(filename)
        self._final = final
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".part-")
        self._tmp = Path(tmp)
        self._fh: IO[bytes] = os.fdopen(fd, "wb")
        self.max_size = max_size

    def write(self, data: bytes) -> None:
        if self.max_size is not None and self.size + len(data) > self.max_size:
            raise StorageError(
                400, "EntityTooLarge", f"Body exceeds the allowed {self.max_size} bytes"
            )
        super().write(data)
        self._fh.write(data)

    def commit(self) -> int:
        self._fh.close()
        os.replace(self._tmp, self._final)
        return self.size

    def abort(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


class BlobStore:
    """Blobs on disk under ``root``, addressed by object key (hashed into a flat file name)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, object_key: str) -> Path:
        return self.root / hashlib.sha256(object_key.encode()).hexdigest()

    def exists(self, object_key: str) -> bool:
        return self.path(object_key).is_file()

    def size(self, object_key: str) -> int:
        return self.path(object_key).stat().st_size

    def writer(
        self, object_key: str, max_size: int | None = None, filename: str = ""
    ) -> BlobWriter:
        return BlobWriter(self.path(object_key), max_size, filename)

    def put_bytes(self, object_key: str, data: bytes) -> int:
        w = self.writer(object_key)
        w.write(data)
        return w.commit()

    def put_file(self, object_key: str, source: Path) -> int:
        shutil.copyfile(source, self.path(object_key))
        return self.size(object_key)

    def put_zip(self, object_key: str, members: list[tuple[str, str]]) -> int:
        """Write a ZIP of other blobs (``(object_key, name in the zip)``), streamed from disk."""
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".part-")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for key, arcname in members:
                zf.write(self.path(key), arcname=arcname)
        os.replace(tmp, self.path(object_key))
        return self.size(object_key)

    def count(self) -> int:
        with os.scandir(self.root) as children:
            return sum(1 for child in children if child.is_file())

    def delete(self, object_key: str) -> None:
        self.path(object_key).unlink(missing_ok=True)

    def clear(self) -> None:
        for child in self.root.iterdir():
            if child.is_file():
                child.unlink(missing_ok=True)


@dataclass
class UploadedPart:
    field_name: str
    filename: str
    content_type: str
    size: int


FileStart = Callable[[dict[str, str], str, str], Digest]


class MultipartStream:
    """Feeds a multipart body through python-multipart, streaming the file part to a writer
    (driven by :func:`receive_multipart`, which aborts it on any failure).

    Form fields before the file are collected, at most 20 KiB of them as S3 allows; parts after
    the file are ignored. When the file part's headers are complete ``on_file(fields, filename,
    content_type)`` returns the writer to stream into (and may raise to refuse the upload, e.g.
    on a bad signature).
    """

    MAX_PRE_FILE_BYTES = 20 * 1024  # S3's limit on the POST fields before the file

    def __init__(self, content_type: str, on_file: FileStart, file_field: str = "file") -> None:
        ctype, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if ctype != b"multipart/form-data" or not boundary:
            raise StorageError(
                400, "MalformedPOSTRequest", "Expected multipart/form-data with a boundary"
            )
        self.fields: dict[str, str] = {}
        self.file: UploadedPart | None = None
        self._on_file = on_file
        self._file_field = file_field
        self._writer: Digest | None = None
        self._pre_file = 0  # field names, headers and values before the file part
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[str, bytes] = {}
        self._field_buf = bytearray()
        self._part_name = ""
        self._part_filename: str | None = None
        self._part_ct = ""
        self._skip = False
        self._done = False
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": self._hfield,
                "on_header_value": self._hvalue,
                "on_header_end": self._hend,
                "on_headers_finished": self._headers_done,
                "on_part_data": self._data,
                "on_part_end": self._part_end,
                "on_end": self._end,
            },
        )

    # parser callbacks -----------------------------------------------------------------------
    def _part_begin(self) -> None:
        self._headers = {}
        self._field_buf = bytearray()
        self._writer = None
        self._skip = False

    def _hfield(self, data: bytes, start: int, end: int) -> None:
        self._count_pre_file(end - start)
        self._header_field += data[start:end]

    def _hvalue(self, data: bytes, start: int, end: int) -> None:
        self._count_pre_file(end - start)
        self._header_value += data[start:end]

    def _count_pre_file(self, n: int) -> None:
        if self.file is not None:
            return
        self._pre_file += n
        if self._pre_file > self.MAX_PRE_FILE_BYTES:
            raise StorageError(
                400,
                "MaxPostPreDataLengthExceeded",
                "Your POST request fields preceding the upload file were too large.",
            )

    def _hend(self) -> None:
        self._headers[self._header_field.decode("latin-1").lower()] = self._header_value
        self._header_field = b""
        self._header_value = b""

    def _headers_done(self) -> None:
        _, opts = parse_options_header(self._headers.get("content-disposition", b""))
        self._part_name = opts.get(b"name", b"").decode("utf-8", "replace")
        raw_fn = opts.get(b"filename")
        self._part_filename = raw_fn.decode("utf-8", "replace") if raw_fn is not None else None
        self._part_ct = self._headers.get("content-type", b"application/octet-stream").decode(
            "latin-1"
        )
        if self.file is not None:
            self._skip = True  # after the file: ignored, as S3 does
            return
        if self._part_name == self._file_field or self._part_filename is not None:
            if self._part_name != self._file_field:
                self._skip = True  # a second file, or a file under another name: ignored
                return
            filename = os.path.basename((self._part_filename or "upload.bin").replace("\\", "/"))
            self._writer = self._on_file(dict(self.fields), filename or "upload.bin", self._part_ct)
            self.file = UploadedPart(self._part_name, filename or "upload.bin", self._part_ct, 0)

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._skip:
            return
        if self._writer is not None:
            self._writer.write(data[start:end])
            return
        self._count_pre_file(end - start)
        self._field_buf += data[start:end]

    def _part_end(self) -> None:
        if self._skip:
            return
        if self._writer is not None:
            assert self.file is not None
            self.file.size = self._writer.commit()
            self._writer = None
        elif self.file is None:
            self.fields[self._part_name] = self._field_buf.decode("utf-8", "replace")

    def _end(self) -> None:
        self._done = True

    # driving -----------------------------------------------------------------------------
    def feed(self, chunk: bytes) -> None:
        try:
            self._parser.write(chunk)
        except StorageError:
            raise
        except Exception as exc:  # python-multipart's parse errors
            raise StorageError(
                400, "MalformedPOSTRequest", f"Malformed multipart body: {exc}"
            ) from exc

    def finish(self) -> None:
        if not self._done:
            raise StorageError(400, "MalformedPOSTRequest", "Incomplete multipart body")

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()
            self._writer = None


async def multipart_digest(content_type: str, chunks: AsyncIterable[bytes]) -> str | None:
    """The :class:`Digest` of a multipart body's file part (None without one); nothing stored."""
    digests: list[Digest] = []

    def on_file(fields: dict[str, str], filename: str, part_type: str) -> Digest:
        digests.append(Digest(filename))
        return digests[-1]

    await receive_multipart(content_type, chunks, on_file)
    return digests[0].hexdigest() if digests else None


async def receive_multipart(
    content_type: str, chunks: AsyncIterable[bytes], on_file: FileStart
) -> MultipartStream:
    """A whole multipart body read through :class:`MultipartStream` (both upload routes).

    Whatever stops it (a refusal, a malformed body, the client going away: starlette's
    ``ClientDisconnect``, re-raised for the route to answer nobody) leaves no open file and no
    partial blob behind.
    """
    stream = MultipartStream(content_type, on_file)
    try:
        async for chunk in chunks:
            stream.feed(chunk)
        stream.finish()
    except BaseException:
        stream.abort()
        raise
    return stream
