"""What every resource is given: the client's request pipeline, its time and its shared
observations (nothing reaches further into the client)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from convilyn._async._client import AsyncConvilyn

__all__ = ["AsyncResource"]


class AsyncResource:
    def __init__(self, client: AsyncConvilyn) -> None:
        self._client = client
        self._pipeline = client._pipeline
        self._time = client._pipeline.time
        self._shared = client._pipeline.shared
