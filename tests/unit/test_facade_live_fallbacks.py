"""Where the live service lacks a seed-only endpoint, or paces polling itself: convert jobs
follow ``suggestedPollIntervalMs``, ``goals.wait`` polls the full job when ``/status`` is
404, and ``goals.download_to`` assembles the ZIP from per-artifact downloads when
``/download`` is 404."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import FakeTime, call, goal_job

from convilyn import NotFoundError

pytestmark = pytest.mark.anyio

JOB = "/api/v1/jobs/goal/job_1"
STORAGE = "https://storage.test/bucket"


def convert_job(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "jobId": "cj_1",
        "status": status,
        "processorType": "document_conversion",
        "params": {},
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
        **extra,
    }


async def test_convert_wait_follows_the_servers_poll_hint(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(
        side_effect=[
            httpx.Response(200, json=convert_job("processing", suggestedPollIntervalMs=4000)),
            httpx.Response(200, json=convert_job("processing", suggestedPollIntervalMs=4000)),
            httpx.Response(200, json=convert_job("completed", progress=100)),
        ]
    )
    job = await call(make_client(kind).convert.wait("cj_1"))
    assert job.status == "completed"
    assert job.warnings == []  # left out by the service, read as empty
    assert fake_time.sleeps == [4.0, 4.0]


async def test_goal_wait_polls_the_full_job_where_status_is_absent(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    status = mock.get(JOB + "/status").mock(return_value=httpx.Response(404))
    full = mock.get(JOB).mock(
        side_effect=[
            httpx.Response(200, json=goal_job(status="executing")),
            httpx.Response(200, json=goal_job(status="executing", progress=50)),
            httpx.Response(200, json=goal_job(status="completed", progress=100)),
        ]
    )
    job = await call(make_client(kind).goals.wait("job_1"))
    assert job.status == "completed"
    assert status.call_count == 1  # learnt once, then the full job only
    assert full.call_count == 3


async def test_download_to_assembles_the_zip_where_download_is_absent(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get(JOB + "/download").mock(return_value=httpx.Response(404))
    arts = [
        {"artifactId": a, "fileName": "out.md", "mimeType": "text/markdown", "sizeBytes": 3}
        | {"isPrimary": a == "a1", "description": ""}
        for a in ("a1", "a2")
    ]
    mock.get(JOB + "/artifacts").mock(
        return_value=httpx.Response(200, json={"artifacts": arts, "total": 2})
    )
    for a, content in (("a1", b"one"), ("a2", b"two")):
        mock.get(f"{JOB}/artifacts/{a}/download").mock(
            return_value=httpx.Response(
                200,
                json={
                    "downloadUrl": f"{STORAGE}/{a}",
                    "fileName": "out.md",
                    "sizeBytes": 3,
                    "mimeType": "text/markdown",
                    "expiresAt": "2026-01-01T01:00:00Z",
                },
            )
        )
        mock.get(f"{STORAGE}/{a}").mock(return_value=httpx.Response(200, content=content))
    seen: list[tuple[int, int]] = []
    path = await call(
        make_client(kind).goals.download_to(
            "job_1", to=tmp_path, on_progress=lambda done, total: seen.append((done, total))
        )
    )
    assert path == tmp_path / "job_1.zip"
    with zipfile.ZipFile(path) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == {
            "out.md": b"one",
            "1_out.md": b"two",
        }
    assert seen[-1] == (6, 6)
    assert sorted(os.listdir(tmp_path)) == ["job_1.zip"]  # no temp left


async def test_download_to_a_missing_job_is_still_not_found(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get(JOB + "/download").mock(return_value=httpx.Response(404))
    mock.get(JOB + "/artifacts").mock(return_value=httpx.Response(404))
    with pytest.raises(NotFoundError):
        await call(make_client(kind).goals.download_to("job_1", to=tmp_path))
    assert os.listdir(tmp_path) == []
