"""``AsyncConvilyn``: configuration, lifecycle and the resource accessors."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import httpx

from convilyn._async._http import AsyncPipeline
from convilyn._backends import AsyncTimeSource
from convilyn._config import ClientConfig
from convilyn._logging import register_secret, setup_logging
from convilyn._retry import ExponentialBackoffRetry, RateLimitInfo, RetryPolicy, as_retry_policy
from convilyn._throttle import AutoThrottleArg, AutoThrottleConfig, resolve_auto_throttle
from convilyn.errors import ConfigurationError

if TYPE_CHECKING:
    from convilyn._async.resources.account import AsyncAccount
    from convilyn._async.resources.builder import AsyncBuilder
    from convilyn._async.resources.convert import AsyncConvert
    from convilyn._async.resources.files import AsyncFiles
    from convilyn._async.resources.goals import AsyncGoals
    from convilyn._async.resources.user_workflows import AsyncUserWorkflows
    from convilyn._async.resources.workflows import AsyncWorkflows
    from convilyn._twin import ConvilynAsyncClient

__all__ = ["AsyncAPI", "AsyncConvilyn"]


def _resolve_policy(
    max_retries: int | None, retry_policy: object | None, *, base: RetryPolicy | None = None
) -> RetryPolicy:
    """The policy for these arguments; ``max_retries`` alone adjusts ``base`` (the client's
    current policy in ``with_options``, else the default)."""
    if retry_policy is not None and max_retries is not None:
        raise ConfigurationError("Pass either max_retries or retry_policy, not both.")
    if retry_policy is not None:
        return as_retry_policy(retry_policy)
    base = base or ExponentialBackoffRetry()
    if max_retries is not None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigurationError(f"max_retries must be an int >= 0, got {max_retries!r}")
        return base.with_max_retries(max_retries)
    return base


class AsyncAPI:
    """``client.api``: call any endpoint by path through the client's auth, retry and error
    handling. Returns the decoded JSON body (``None`` for an empty one); ``request()`` returns
    the raw ``httpx.Response``. A path without the ``/api/`` prefix gets ``/api/v1``:
    ``"/files"`` and ``"/api/v1/files"`` are the same endpoint. An absolute URL to another host
    is refused (the key is only sent to the API host).

    ::

        data = await client.api.get("/files")
    """

    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

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
        """Send a request and return the raw (successful) response; errors raise as usual."""
        return await self._pipeline.request(
            method,
            path,
            params=params,
            json=json,
            content=content,
            data=data,
            files=files,
            headers=headers,
            idempotency_key=idempotency_key,
        )

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        response = await self.request("GET", path, params=params, headers=headers)
        return self._pipeline.json(response)

    async def post(
        self,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        response = await self.request(
            "POST",
            path,
            json=json,
            params=params,
            content=content,
            data=data,
            files=files,
            headers=headers,
            idempotency_key=idempotency_key,
        )
        return self._pipeline.json(response)

    async def patch(
        self,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        response = await self.request(
            "PATCH",
            path,
            json=json,
            params=params,
            headers=headers,
            idempotency_key=idempotency_key,
        )
        return self._pipeline.json(response)

    async def delete(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        response = await self.request(
            "DELETE", path, params=params, headers=headers, idempotency_key=idempotency_key
        )
        return self._pipeline.json(response)


class AsyncConvilyn:
    """The Convilyn v1 API client.

    Args:
        api_key: a consumer key (``ck_...``); defaults to ``CONVILYN_API_KEY``, else the file
            ``convilyn login`` writes (``convilyn._config.user_config_path()``).
        base_url: the API host; defaults to ``CONVILYN_BASE_URL``, else that file, else the
            live service. A URL ending in ``/api/v1`` is accepted. Plain http only for
            loopback hosts.
        ws_url: the WebSocket root for ``goals.events()``; defaults to ``CONVILYN_WS_URL``,
            else derived from ``base_url``.
        timeout: seconds (float) or an ``httpx.Timeout``; default 30 s (connect 10 s). Each
            phase (connect, each read or write) waits at most its value, and one attempt
            takes at most the longest of them in all, however slowly the server trickles.
        deadline: seconds one whole call may take: every attempt and the waits between
            retries. Default none: the per-attempt bound and the retry policy bound it.
            Also bounds downloads (which otherwise stop only when they stall: under 1 KiB
            in 30 s).
        max_retries: retries of a failed request (default 3); or pass ``retry_policy``
            (``ExponentialBackoffRetry(...)``, ``NoRetry()``).
        http_client: your own ``httpx.AsyncClient`` (proxies, transports, certificates). The SDK
            never closes a client it did not create, and sends the API key per request, only to
            the API host.
        default_headers: extra headers on every API request.
        storage_timeout: the budget of presigned storage hops (upload POST, downloads): seconds
            or an ``httpx.Timeout``; default read and write 300 s, connect 30 s.
        strict: refuse responses with fields the models do not declare
            (:class:`~convilyn.errors.UnexpectedFieldError`) instead of keeping them in
            ``model_extra``; defaults to ``CONVILYN_STRICT``. For testing against the sandbox.
        trust_idempotency_keys: re-send a create (a job, an upload, a fork) whose outcome a
            failure left unknown, counting on the server to honour its ``Idempotency-Key``.
            Off by default: the live service ignores the key on ``POST /jobs``, so a re-send
            could create and bill a second job; the error
            :class:`~convilyn.errors.AmbiguousWriteError` is raised instead. The sandbox's
            default profile honours keys.
        time_source: where the client reads the time and sleeps (backoff, polling,
            deadlines). To test code that polls without waiting, pass
            ``AsyncTimeSource(time=..., monotonic=..., sleep=...)`` with fake functions.
        auto_throttle: after a 402 ``QUOTA_EXCEEDED``, wait as the refusal says
            (``details.retry_after_seconds``, else ``details.reset_at``, else 5 s) and send
            again, once by default; a wait over 60 s raises at once. ``True``, a dict or
            :class:`~convilyn.config.AutoThrottleConfig` (``max_retries``, ``max_sleep``,
            ``fallback_sleep``). Off by default.
        auth: 4.1's authentication strategy, instead of ``api_key``: an object with
            ``headers()`` (sent on each API request, never to storage) and
            ``bearer_token()`` (the key, for the event stream).
        disable_idempotency: send no ``Idempotency-Key`` (4.1's switch).

    Use it as a context manager (``async with AsyncConvilyn() as client:``) or call
    ``await client.aclose()``.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        ws_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        storage_timeout: float | httpx.Timeout | None = None,
        strict: bool | None = None,
        trust_idempotency_keys: bool = False,
        deadline: float | None = None,
        time_source: AsyncTimeSource | None = None,
        auto_throttle: AutoThrottleArg = None,
        auth: Any = None,
        disable_idempotency: bool = False,
    ) -> None:
        setup_logging()
        config = ClientConfig.resolve(
            api_key=api_key,
            base_url=base_url,
            ws_url=ws_url,
            timeout=timeout,
            default_headers=default_headers,
            storage_timeout=storage_timeout,
            strict=strict,
            trust_idempotency_keys=trust_idempotency_keys,
            deadline=deadline,
            auth=auth,
            disable_idempotency=disable_idempotency,
        )
        register_secret(config.api_key)
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ConfigurationError("http_client must be an httpx.AsyncClient")
        self._pipeline = AsyncPipeline(
            config,
            retry_policy=_resolve_policy(max_retries, retry_policy),
            http_client=http_client,
            time_source=time_source,
            auto_throttle=resolve_auto_throttle(auto_throttle),
        )
        self._is_copy = False

    @classmethod
    def _from_settings(
        cls,
        config: ClientConfig,
        *,
        retry_policy: RetryPolicy,
        auto_throttle: AutoThrottleConfig | None,
    ) -> AsyncConvilyn:
        """A client of settings already resolved (another client's), with its own pool."""
        client = object.__new__(cls)
        client._pipeline = AsyncPipeline(
            config, retry_policy=retry_policy, auto_throttle=auto_throttle
        )
        client._is_copy = False
        return client

    @classmethod
    def from_env(cls, **overrides: Any) -> AsyncConvilyn:
        """A client configured from ``CONVILYN_API_KEY`` / ``CONVILYN_BASE_URL`` /
        ``CONVILYN_WS_URL``, then the file ``convilyn login`` writes; keyword arguments
        override both (argument > environment > file)."""
        return cls(**overrides)

    # -- resources ----------------------------------------------------------------------------

    @functools.cached_property
    def files(self) -> AsyncFiles:
        from convilyn._async.resources.files import AsyncFiles

        return AsyncFiles(self)

    @functools.cached_property
    def convert(self) -> AsyncConvert:
        from convilyn._async.resources.convert import AsyncConvert

        return AsyncConvert(self)

    @functools.cached_property
    def goals(self) -> AsyncGoals:
        from convilyn._async.resources.goals import AsyncGoals

        return AsyncGoals(self)

    @functools.cached_property
    def workflows(self) -> AsyncWorkflows:
        from convilyn._async.resources.workflows import AsyncWorkflows

        return AsyncWorkflows(self)

    @functools.cached_property
    def user_workflows(self) -> AsyncUserWorkflows:
        from convilyn._async.resources.user_workflows import AsyncUserWorkflows

        return AsyncUserWorkflows(self)

    @functools.cached_property
    def builder(self) -> AsyncBuilder:
        from convilyn._async.resources.builder import AsyncBuilder

        return AsyncBuilder(self)

    @functools.cached_property
    def account(self) -> AsyncAccount:
        from convilyn._async.resources.account import AsyncAccount

        return AsyncAccount(self)

    @functools.cached_property
    def api(self) -> AsyncAPI:
        return AsyncAPI(self._pipeline)

    # -- configuration ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self._pipeline.config.base_url

    @property
    def ws_url(self) -> str:
        return self._pipeline.config.ws_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._pipeline.timeout

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._pipeline.retry_policy

    @property
    def max_retries(self) -> int:
        return self._pipeline.retry_policy.max_retries

    @property
    def auto_throttle(self) -> AutoThrottleConfig | None:
        """The auto-throttle settings (``None``: off)."""
        return self._pipeline.auto_throttle

    @property
    def async_client(self) -> ConvilynAsyncClient:
        """4.1's way from the blocking client to the asynchronous one: an asynchronous client
        with the same settings (key, base URL, retry policy, auto-throttle) and its own
        connection pool, made on first use (again once closed). It is yours to close: use it as
        an asynchronous context manager, or close it (a coroutine there). On the asynchronous
        client itself, the client."""
        from convilyn._twin import async_twin

        return async_twin(self)

    @property
    def last_rate_limit(self) -> RateLimitInfo | None:
        """The rate-limit headers of the most recent API response (``None`` before any)."""
        return self._pipeline.last_rate_limit

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        deadline: float | None = None,
        auto_throttle: AutoThrottleArg = None,
    ) -> AsyncConvilyn:
        """A lightweight copy with other settings, sharing this client's connection pool.
        ``auto_throttle``: as in the constructor (``False`` turns it off; ``None`` keeps it).

        ::

            await client.with_options(timeout=120).convert.wait(job)
            await client.with_options(deadline=10).goals.retrieve(job_id)  # 10 s in all
            await client.with_options(auto_throttle=True).goals.start(...)

        Closing the copy does not close the shared pool; close the original client.
        """
        policy = _resolve_policy(max_retries, retry_policy, base=self._pipeline.retry_policy)
        copy = object.__new__(type(self))
        throttle: AutoThrottleConfig | Literal[False] | None = False
        if auto_throttle is not None:
            throttle = resolve_auto_throttle(auto_throttle)
        copy._pipeline = self._pipeline.with_options(
            timeout=timeout, retry_policy=policy, deadline=deadline, auto_throttle=throttle
        )
        copy._is_copy = True
        return copy

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self._pipeline.is_closed

    async def aclose(self) -> None:
        """Close the connection pool (a client passed as ``http_client`` is left open)."""
        if not self._is_copy:
            await self._pipeline.aclose()

    async def __aenter__(self) -> AsyncConvilyn:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        config = self._pipeline.config
        return (
            f"{type(self).__name__}(base_url={config.base_url!r}, "
            f"api_key={config.masked_key!r}, max_retries={self.max_retries})"
        )
