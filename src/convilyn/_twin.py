"""``Convilyn.async_client`` (4.1): the asynchronous client with a blocking client's settings."""

from __future__ import annotations

from typing import Any, TypeAlias

from convilyn._async._client import AsyncConvilyn

__all__ = ["ConvilynAsyncClient", "async_twin"]

# Named so that the sync twin's generator leaves it alone (it drops a leading "Async").
ConvilynAsyncClient: TypeAlias = AsyncConvilyn


def async_twin(client: Any) -> AsyncConvilyn:
    """``client`` itself when asynchronous; else its asynchronous twin, made once (again
    after it was closed) from the client's resolved settings."""
    if isinstance(client, AsyncConvilyn):
        return client
    twin: AsyncConvilyn | None = client.__dict__.get("_async_twin")
    if twin is None or twin.is_closed:
        pipeline = client._pipeline
        twin = AsyncConvilyn._from_settings(
            pipeline.config,
            retry_policy=pipeline.retry_policy,
            auto_throttle=pipeline.auto_throttle,
        )
        client.__dict__["_async_twin"] = twin
    return twin
