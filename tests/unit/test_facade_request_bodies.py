"""What the facade sends where the vendor's client fixes the body: plan and quota previews,
and the conversion quality each processor family takes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call

pytestmark = pytest.mark.anyio

ESTIMATE = {
    "estimatedMicroU": 0,
    "estimatedUsd": 0.0,
    "estimatedTotalMicroU": 0,
    "estimatedMinMicroU": 0,
    "estimatedMaxMicroU": 0,
    "tools": [],
    "quotaCheck": {"state": "ok", "tier": "pro", "estimatedMicroU": 0, "thresholdMicroU": 9},
}
CONVERT_JOB = {
    "jobId": "cj_1",
    "status": "queued",
    "processorType": "image_conversion",
    "params": {},
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}


def sent(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


async def test_plan_and_empty_quota_send_what_the_vendor_sends(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.post("/api/v1/workflows/cost-preview").mock(
        return_value=httpx.Response(200, json=ESTIMATE)
    )
    client = make_client(kind)
    plan = await call(client.account.get_plan())
    assert str(plan.tier) == "pro"
    assert sent(route, 0) == {"toolNames": [], "maxIterations": 1}
    await call(client.account.get_quota())
    assert sent(route, 1) == {"toolNames": []}


@pytest.mark.parametrize(
    ("target", "quality", "expected"),
    [("webp", 80, 80), ("webp", "75", 75), ("pdf", "high", "high"), ("mp3", "high", "high")],
)
async def test_quality_takes_each_familys_type(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    target: str,
    quality: str | int,
    expected: str | int,
) -> None:
    source = {"webp": "a.png", "pdf": "a.docx", "mp3": "a.wav"}[target]
    route = mock.post("/api/v1/jobs").mock(return_value=httpx.Response(202, json=CONVERT_JOB))
    client = make_client(kind)
    await call(
        client.convert.create(
            file_id="file_1",
            source_format=source.rsplit(".", 1)[1],
            target_format=target,
            quality=quality,
        )
    )
    assert sent(route)["params"]["quality"] == expected


@pytest.mark.parametrize("quality", ["high", 0, 101, "8o"])
async def test_an_image_quality_out_of_range_fails_before_any_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, quality: str | int
) -> None:
    route = mock.post("/api/v1/jobs").mock(return_value=httpx.Response(202, json=CONVERT_JOB))
    with pytest.raises(ValueError, match="quality"):
        await call(
            make_client(kind).convert.create(
                file_id="file_1", source_format="png", target_format="webp", quality=quality
            )
        )
    assert route.call_count == 0
