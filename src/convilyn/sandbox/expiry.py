"""Deadlines of what the sandbox forgets: one heap, popped at the start of every API request.

A record is registered once, when it is made, with the earliest time it could expire. When that
time comes the state decides (``SandboxState.expire``): forget it, or a later deadline (a job
that changed since, a file still read by a running job). Deleted records are not looked for:
their entries pop in their turn and find nothing. So each request pays only for what is due,
never for the history of the account.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Literal

Kind = Literal["file", "upload", "goal", "convert"]

# How long a record lives after its last change, in seconds of the sandbox clock (the API's
# documented 24 hours: files not used by a job, outputs after completion, Idempotency-Key).
RETENTION_SECONDS = 24 * 3600.0


class Deadlines:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Kind, str, str]] = []
        self._seq = 0  # ties broken by insertion, never by comparing the rest

    def __len__(self) -> int:
        return len(self._heap)

    def add(self, deadline: float, kind: Kind, api_key: str, ident: str) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (deadline, self._seq, kind, api_key, ident))

    def due(self, now: float) -> Iterator[tuple[Kind, str, str]]:
        """Pop every entry due by ``now`` (entries added meanwhile for a later time stay)."""
        while self._heap and self._heap[0][0] <= now:
            _, _, kind, api_key, ident = heapq.heappop(self._heap)
            yield kind, api_key, ident

    def clear(self) -> None:
        self._heap = []  # a new list: the old one's memory goes back at once
