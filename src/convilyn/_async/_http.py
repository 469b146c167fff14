"""The one request pipeline: every API call of the SDK goes through :class:`AsyncPipeline`.

It sends through the generated endpoint modules (``asyncio_raw``: their URL templates,
parameter encoding and multipart) by handing the generated client a small sender in place of
its httpx client; the sender adds the SDK's headers and sends with the configured httpx client.
The pipeline reads the raw response itself, capped in size and time; every call's attempts
go through the retry loop (:mod:`convilyn._async._retry_loop`: rate-limit headers recorded,
error statuses as typed exceptions, retries under the retry policy), with one
``Idempotency-Key`` per logical mutating call, reused by every retry of it.

Presigned storage URLs (upload POST, downloads) take a separate path that never carries the API
key and only goes to https (or loopback http when the API itself is on loopback).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from convilyn import _files
from convilyn._async._retry_loop import execute, throttled
from convilyn._backends import (
    AsyncEndpoint,
    AsyncInFlight,
    AsyncProbe,
    AsyncTimeSource,
    async_http_client,
    async_off_loop,
)
from convilyn._config import (
    API_PREFIX,
    MAX_RESPONSE_BYTES,
    ClientConfig,
    attempt_limit,
    coerce_deadline,
    coerce_timeout,
)
from convilyn._files import (
    AtomicDownload,
    ProgressCallback,
    ProgressReader,
    StallWatch,
    UploadSource,
)
from convilyn._files import check_transfer_url as _check_transfer_url
from convilyn._parse import decode_json, parse_list, parse_model_json
from convilyn._replay import find_operation
from convilyn._retry import RateLimitInfo, RetryPolicy
from convilyn._throttle import AutoThrottleConfig
from convilyn._transport_errors import CallTarget, describe
from convilyn._version import __version__
from convilyn.errors import (
    APIConnectionError,
    ClientClosedError,
    ConfigurationError,
    ResponseTooLargeError,
    UnsafeDownloadError,
)
from convilyn.lowlevel.operations import OPERATIONS, Replay

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["USER_AGENT", "AsyncPipeline"]

USER_AGENT = f"convilyn-python/{__version__}"
M = TypeVar("M", bound="BaseModel")  # a string: pydantic loads with the first model
_MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# How long closing a client waits for exchanges still on the wire before it ends them.
CLOSE_GRACE = 5.0


def _content_length(response: httpx.Response) -> int:
    try:
        return max(0, int(response.headers.get("content-length") or 0))
    except ValueError:
        return 0


def _too_large(request: httpx.Request, what: str) -> ResponseTooLargeError:
    where = str(request.url.copy_with(query=None, fragment=None))
    return ResponseTooLargeError(
        f"{request.method} {where}: the answer {what} the {MAX_RESPONSE_BYTES}-byte limit of an "
        "API response; not read on. A proxy or a broken server may be in the way.",
        limit=MAX_RESPONSE_BYTES,
        url=where,
    )


@dataclass
class _SharedState:
    """What ``with_options`` copies share: the connection pool and the observations."""

    http: httpx.AsyncClient
    owns_http: bool
    last_rate_limit: RateLimitInfo | None = None
    # Operations the server lacks (404 for a resource that exists: the live service has no
    # light /status nor ZIP /download), learnt once per client and its copies.
    absent_operations: set[str] = field(default_factory=set)
    # The first call of such an operation, while it is on the wire: concurrent callers wait
    # for its answer rather than each learning the same 404.
    probes: dict[str, AsyncProbe] = field(default_factory=dict)
    # Workflow versions seen, ``(workflow_id, item_version) -> fields``, so that a 409 on a
    # patch can tell which fields another writer changed (a three-way check); bounded.
    workflow_snapshots: OrderedDict[tuple[str, int], dict[str, Any]] = field(
        default_factory=OrderedDict
    )
    closed: bool = False
    in_flight: AsyncInFlight = field(default_factory=AsyncInFlight)
    time: AsyncTimeSource = field(default_factory=AsyncTimeSource)


class AsyncSender:
    """Stands in for the generated client's httpx client: ``request()`` is all it calls."""

    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return await self._pipeline._send_api(method, url, **kwargs)


class AsyncPipeline:
    def __init__(
        self,
        config: ClientConfig,
        *,
        retry_policy: RetryPolicy,
        http_client: httpx.AsyncClient | None = None,
        state: _SharedState | None = None,
        timeout: httpx.Timeout | None = None,
        deadline: float | None = None,
        time_source: AsyncTimeSource | None = None,
        auto_throttle: AutoThrottleConfig | None = None,
    ) -> None:
        self.config = config
        self.retry_policy = retry_policy
        self.auto_throttle = auto_throttle
        self.timeout = timeout or config.timeout
        self.deadline = config.deadline if deadline is None else deadline
        if state is None:
            owns = http_client is None
            if http_client is None:
                # The SDK's own client carries the headers every API call sends (none secret):
                # httpx merges per-request headers one by one, each a scan of the others.
                http_client = async_http_client(self.timeout, self.base_headers())
            state = _SharedState(
                http=http_client, owns_http=owns, time=time_source or AsyncTimeSource()
            )
        self._state = state
        from convilyn.lowlevel import Client  # attrs: loaded with the first client, not its class

        self.lowlevel = Client(base_url=config.base_url)
        self.lowlevel.set_async_httpx_client(cast(httpx.AsyncClient, AsyncSender(self)))

    # -- configuration ------------------------------------------------------------------------

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry_policy: RetryPolicy | None = None,
        deadline: float | None = None,
        auto_throttle: AutoThrottleConfig | Literal[False] | None = False,
    ) -> AsyncPipeline:
        """A copy with these settings; ``auto_throttle=False`` keeps this one's."""
        return AsyncPipeline(
            self.config,
            retry_policy=retry_policy or self.retry_policy,
            state=self._state,
            timeout=coerce_timeout(timeout) if timeout is not None else self.timeout,
            deadline=coerce_deadline(deadline) if deadline is not None else self.deadline,
            auto_throttle=self.auto_throttle if auto_throttle is False else auto_throttle,
        )

    @property
    def time(self) -> AsyncTimeSource:
        return self._state.time

    @property
    def http_client(self) -> httpx.AsyncClient:
        return self._state.http

    @property
    def last_rate_limit(self) -> RateLimitInfo | None:
        return self._state.last_rate_limit

    @property
    def shared(self) -> _SharedState:
        """The state this pipeline shares with its ``with_options`` copies."""
        return self._state

    @property
    def is_closed(self) -> bool:
        return self._state.closed

    async def aclose(self) -> None:
        """Refuse new exchanges, give those on the wire ``CLOSE_GRACE`` seconds to end, then
        close the pool (which ends any still running: they raise APIConnectionError)."""
        if self._state.closed:
            return
        self._state.closed = True
        await self._state.in_flight.wait_idle(CLOSE_GRACE)
        if self._state.owns_http:
            await self._state.http.aclose()

    def check_open(self, url: str | httpx.URL | None = None) -> None:
        if self._state.closed:
            # The query of a presigned URL is its signature: never in a message.
            where = f" ({str(url).split('?', 1)[0]})" if url else ""
            raise ClientClosedError(f"The client is closed; nothing was sent{where}.")

    def _on_the_wire(self, url: str | httpx.URL) -> AsyncInFlight:
        """One exchange (``with``), counted so that closing waits for it; refused once closing
        began."""
        self.check_open(url)
        return self._state.in_flight

    # -- headers and URLs ---------------------------------------------------------------------

    def base_headers(self) -> dict[str, str]:
        # X-Convilyn-Client: the service's usage dimension (the vendor's client sends it too).
        return {
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "X-Convilyn-Client": "python-sdk",
        }

    def auth_headers(self) -> dict[str, str]:
        if self.config.auth is not None:  # 4.1's auth= strategy: its headers, each request
            return dict(self.config.auth.headers())
        return {"Authorization": f"Bearer {self.config.api_key}"}

    def api_url(self, url: str) -> str:
        """An absolute URL on the API host; absolute URLs elsewhere are refused (the key must
        never be sent to another host)."""
        if url.startswith(("http://", "https://")):
            base, target = urlsplit(self.config.base_url), urlsplit(url)
            if (base.scheme, base.netloc) != (target.scheme, target.netloc.lower()):
                raise ConfigurationError(
                    f"Refusing to send the API key to {target.scheme}://{target.netloc}: "
                    "client.api only calls the configured API host."
                )
            return url
        if not url.startswith("/"):
            url = "/" + url
        return self.config.base_url + url

    async def _send_api(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        extra = kwargs.pop("headers", None) or {}
        base = {} if self._state.owns_http else self.base_headers()
        headers = {**base, **self.config.default_headers, **extra}
        headers.update(self.auth_headers())
        timeout = coerce_timeout(kwargs.setdefault("timeout", self.timeout))
        self.check_open(url)
        request = self._state.http.build_request(
            method.upper(), self.api_url(url), headers=headers, **kwargs
        )
        return await self._send_capped(request, attempt_limit(timeout))

    async def _send_capped(self, request: httpx.Request, limit: float | None) -> httpx.Response:
        """Send and read the whole answer, up to MAX_RESPONSE_BYTES (decompressed) and within
        ``limit`` seconds of wall-clock, however slowly it trickles in."""
        started = self._state.time.monotonic()
        with self._on_the_wire(request.url):
            return await self._read_capped(request, limit, started)

    async def _read_capped(
        self, request: httpx.Request, limit: float | None, started: float
    ) -> httpx.Response:
        response = await self._state.http.send(request, stream=True, follow_redirects=False)
        try:
            declared = _content_length(response)
            if declared > MAX_RESPONSE_BYTES:
                raise _too_large(request, f"announces {declared} bytes")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise _too_large(request, "went on past it")
                chunks.append(chunk)
                if limit is not None and self._state.time.monotonic() - started > limit:
                    raise httpx.ReadTimeout(
                        f"the answer was still arriving after {limit:g}s", request=request
                    )
            response._content = b"".join(chunks)
        finally:
            await response.aclose()
        return response

    # -- API calls ----------------------------------------------------------------------------

    async def call(self, endpoint: AsyncEndpoint, *args: Any, **kwargs: Any) -> httpx.Response:
        """Call a generated endpoint module's ``asyncio_raw`` with retries and error mapping.

        What the operation is (method, path, replay class, whether it takes an
        ``Idempotency-Key``: one for all attempts of the call) comes from the spec, through the
        generated operation table.
        """
        label = getattr(endpoint, "__module__", "endpoint").rsplit(".", 1)[-1]
        op = OPERATIONS[label]

        async def once() -> httpx.Response:
            keyed = op.idempotency_key and not self.config.disable_idempotency
            key = str(uuid.uuid4()) if keyed else None
            sent = dict(kwargs, idempotency_key=key) if key is not None else kwargs
            target = CallTarget(op.method, op.path, op.operation_id, op.replay, key)

            async def send() -> httpx.Response:
                return await endpoint(*args, client=self.lowlevel, **sent)

            return await execute(self, send, method="CALL", label=label, target=target)

        return await throttled(self, once)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> httpx.Response:
        """Any endpoint by path, through the same auth, retry and error pipeline. A path that
        does not start with ``/api/`` gets ``/api/v1`` in front (``/files`` is
        ``/api/v1/files``); an absolute URL must be on the API host."""
        method = method.upper()
        if not path.startswith(("http://", "https://")):
            path = path if path.startswith("/") else "/" + path
            if not path.startswith("/api/"):
                path = API_PREFIX + path
        given = dict(headers or {})
        if idempotency_key is not None:
            given.setdefault("Idempotency-Key", idempotency_key)
        kwargs: dict[str, Any] = {}
        if params is not None:
            kwargs["params"] = {k: v for k, v in params.items() if v is not None}
        if json is not None:
            kwargs["json"] = json
        if content is not None:
            kwargs["content"] = content
        if data is not None:
            kwargs["data"] = data
        if files is not None:
            kwargs["files"] = files
        url = self.api_url(path)
        url_path = urlsplit(url).path
        op = find_operation(method, url_path)
        replay: Replay = op.replay if op else ("keyed" if method in _MUTATING else "safe")

        async def once() -> httpx.Response:
            extra = dict(given)
            key = next((v for k, v in extra.items() if k.lower() == "idempotency-key"), None)
            if key is None and method in _MUTATING and not self.config.disable_idempotency:
                key = extra["Idempotency-Key"] = str(uuid.uuid4())
            target = CallTarget(method, url_path, op.operation_id if op else "", replay, key)

            async def send() -> httpx.Response:
                return await self._send_api(method, url, **dict(kwargs, headers=dict(extra)))

            return await execute(self, send, method=method, label=url_path, target=target)

        return await throttled(self, once)

    def parse(self, model: type[M], response: httpx.Response) -> M:
        request_id = response.headers.get("x-request-id")
        return parse_model_json(
            model, response.content, request_id=request_id, strict=self.config.strict
        )

    def parse_list(self, model: type[M], response: httpx.Response) -> list[M]:
        request_id = response.headers.get("x-request-id")
        data = decode_json(response.content, model=model.__name__, request_id=request_id)
        return parse_list(model, data, request_id=request_id, strict=self.config.strict)

    def json(self, response: httpx.Response) -> Any:
        if not response.content:
            return None
        return decode_json(response.content, model="JSON", request_id=None)

    # -- presigned storage: never the API key -------------------------------------------------

    async def check_transfer_url(self, url: str) -> None:
        # Off the event loop: the check resolves the host name.
        allow_loopback_http = self.config.is_loopback
        await async_off_loop(
            lambda: _check_transfer_url(url, allow_loopback_http=allow_loopback_http)
        )

    def _storage_request(self, method: str, url: str, **kwargs: Any) -> httpx.Request:
        self.check_open(url)
        request = self._state.http.build_request(
            method,
            url,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            timeout=self.config.storage_timeout,
            **kwargs,
        )
        # The client's default headers are the API's (or, injected, the caller's): none of them
        # goes to storage.
        for name in ("authorization", "cookie", "proxy-authorization", "x-convilyn-client"):
            if name in request.headers:
                del request.headers[name]
        return request

    async def upload_to_storage(
        self,
        url: str,
        fields: Mapping[str, str],
        source: UploadSource,
        *,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        """The presigned multipart POST: every field, then the file part last; streamed."""
        await self.check_transfer_url(url)
        stream = source.open()
        reader = ProgressReader(stream, source.size, on_progress)
        try:

            async def send() -> httpx.Response:
                reader.seek(0)
                request = self._storage_request(
                    "POST",
                    url,
                    data=dict(fields),
                    files={"file": (source.filename, reader, source.content_type)},
                )
                return await self._send_capped(request, None)

            response = await execute(
                self, send, method="POST", label=urlsplit(url).path or "/", storage="upload"
            )
            await response.aclose()
        finally:
            if source.owns_stream:
                stream.close()

    async def download(
        self,
        url: str,
        target: Path,
        *,
        overwrite: bool,
        on_progress: ProgressCallback | None = None,
    ) -> Path:
        """Stream a presigned URL to ``target`` atomically (temp file beside it, then rename)."""
        await self.check_transfer_url(url)

        async def send() -> httpx.Response:
            request = self._storage_request("GET", url)
            return await self._state.http.send(request, stream=True, follow_redirects=False)

        clock = self._state.time
        ends = None if self.deadline is None else clock.monotonic() + self.deadline
        with self._on_the_wire(url):
            response = await execute(
                self, send, method="GET", label=urlsplit(url).path or "/", storage="download"
            )
            try:
                watch = StallWatch(clock.monotonic, ends=ends)
                return await _save(response, target, overwrite, watch, on_progress)
            finally:
                await response.aclose()


async def _save(
    response: httpx.Response,
    target: Path,
    overwrite: bool,
    watch: StallWatch,
    on_progress: ProgressCallback | None,
) -> Path:
    """The body of a download, streamed to ``target`` (atomically) under the size cap."""
    total = _content_length(response)
    cap = _files.MAX_DOWNLOAD_BYTES
    if total > cap:
        raise UnsafeDownloadError(f"Refusing a {total}-byte download: over the {cap}-byte limit")
    with AtomicDownload(target, overwrite=overwrite) as sink:
        try:
            async for chunk in response.aiter_bytes():
                if sink.written + len(chunk) > cap:
                    raise UnsafeDownloadError(
                        f"The download went past the {cap}-byte limit; stopped and removed"
                    )
                sink.write(chunk)
                watch.check(sink.written)
                if on_progress is not None:
                    on_progress(sink.written, total or sink.written)
        except httpx.HTTPError as exc:
            raise APIConnectionError(
                f"The download broke off after {sink.written} bytes: {describe(exc)}",
                url=None,
            ) from None
        return sink.commit()
