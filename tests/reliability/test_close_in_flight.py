"""Closing a client while calls are on the wire: every call ends (a result or a typed error),
no connection to the server survives, and nothing warns of an unclosed resource later."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from convilyn import AsyncConvilyn, ConvilynError, GoalJob
from convilyn.sandbox import Sandbox

WORKFLOW = "goal_lane.cover_letter"  # two inputs, no questions
RUNS = 100


@pytest.fixture(scope="module")
def paced() -> Iterator[Sandbox]:
    # Instant jobs polled every 10 ms: at any moment dozens of requests are on the wire, some
    # connecting, which is when a pool closed under them leaked connections.
    with Sandbox(speed=0) as sandbox:
        yield sandbox


def established_to(port: int) -> int:
    """TCP connections of this machine in ESTABLISHED whose far end is ``port``: the client
    side of every connection to the sandbox (its own side has the port as its near end)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "01" and int(fields[2].rsplit(":", 1)[1], 16) == port:
            count += 1
    return count


def _outcomes_are_typed(outcomes: list[Any]) -> None:
    for outcome in outcomes:
        assert isinstance(outcome, GoalJob | ConvilynError), f"untyped: {outcome!r}"


def test_aclose_with_runs_in_flight_leaves_no_socket_and_no_warning(paced: Sandbox) -> None:
    port = int(paced.base_url.rsplit(":", 1)[1].split("/")[0])

    async def main() -> list[Any]:
        client = AsyncConvilyn(api_key=paced.new_key("pro"), base_url=paced.base_url)
        a = await client.files.upload(b"PK resume" * 10, filename="resume.docx")
        b = await client.files.upload(b"%PDF job" * 10, filename="job.pdf")
        runs = [
            asyncio.create_task(
                client.goals.run(workflow_id=WORKFLOW, files=[a, b], poll_interval=0.01)
            )
            for _ in range(RUNS)
        ]
        await asyncio.sleep(1.0)  # all of them created, most polling
        await client.aclose()
        return await asyncio.wait_for(asyncio.gather(*runs, return_exceptions=True), 60)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcomes = asyncio.run(main())
        gc.collect()
    _outcomes_are_typed(outcomes)
    assert any(isinstance(o, ConvilynError) for o in outcomes), "closing ended nothing"
    left = established_to(port)
    assert left == 0, f"{left} connections survived the close"
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not unclosed, unclosed[:3]
