"""Shared helpers of the facade unit tests (importable: tests/unit is on sys.path)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

from convilyn import AsyncTimeSource, TimeSource

BASE = "https://api.test"
KEY = "ck_test_0123456789abcdef"


@dataclass
class FakeTime:
    """A clock that only moves when the SDK sleeps; records every sleep."""

    now: float = 1_700_000_000.0
    mono: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def _advance(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        self.mono += seconds

    def sync_sleep(self, seconds: float) -> None:
        self._advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self._advance(seconds)

    def sync_source(self) -> TimeSource:
        """The ``time_source=`` of a synchronous client on this clock."""
        return TimeSource(time=self.clock, monotonic=self.monotonic, sleep=self.sync_sleep)

    def async_source(self) -> AsyncTimeSource:
        return AsyncTimeSource(time=self.clock, monotonic=self.monotonic, sleep=self.async_sleep)


async def call(value: Any) -> Any:
    """Await a coroutine (async client) or return a value (sync client)."""
    if inspect.isawaitable(value):
        return await value
    return value


def goal_job(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "jobSpecId": "job_1",
        "status": "created",
        "progress": 0,
        "itemVersion": 1,
        "fileIds": [],
        "pendingSlots": [],
        "filledSlots": {},
        "pendingInterrupts": [],
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
    }
    body.update(overrides)
    return body


def workflow(**overrides: Any) -> dict[str, Any]:
    """A ``Workflow`` body (your private workflow ``wf_1`` at version 1)."""
    body: dict[str, Any] = {
        "workflowId": "wf_1",
        "specId": "spec_1",
        "name": "A",
        "description": "d",
        "visibility": "private",
        "tags": [],
        "stats": {"runCount": 0, "forkCount": 0, "likeCount": 0},
        "itemVersion": 1,
    }
    body.update(overrides)
    return body


def pending_slot(slot_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "slotId": slot_id,
        "slotType": "text",
        "question": f"What about {slot_id}?",
        "required": True,
        "isDisambiguation": False,
    }
    body.update(overrides)
    return body


def file_record(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "fileId": "file_1",
        "fileName": "doc.pdf",
        "fileSize": 5,
        "mimeType": "application/pdf",
        "createdAt": "2026-01-01T00:00:00Z",
        "jobId": None,
        "isInput": True,
    }
    body.update(overrides)
    return body
