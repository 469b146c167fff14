"""What the facade sends: where the vendor's client fixes the body (plan and quota previews,
the conversion quality each processor family takes), and every optional field by its wire
name."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call, goal_job, workflow

import convilyn

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


WF = workflow(itemVersion=4)


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


def test_a_conversion_plan_needs_no_client_and_checks_what_create_checks(tmp_path: Path) -> None:
    from convilyn.errors import UnsupportedConversionError
    from convilyn.resources import AsyncConvert, Convert

    source = tmp_path / "slides.PPTX"
    source.write_bytes(b"x" * 10)
    plan = Convert.plan(file=source, target_format="PDF", quality="high")
    assert (plan.file_name, plan.size, plan.file_id) == ("slides.PPTX", 10, None)
    assert (plan.source_format, plan.target_format) == ("pptx", "pdf")
    assert plan.processor_type == "document_conversion"
    assert AsyncConvert.plan(file_id="file_1", source_format="png", target_format="webp") == (
        Convert.plan(file_id="file_1", source_format="png", target_format="webp")
    )
    with pytest.raises(UnsupportedConversionError, match="different families"):
        Convert.plan(file=source, target_format="mp3")
    with pytest.raises(FileNotFoundError, match=r"missing\.docx"):
        Convert.plan(file=tmp_path / "missing.docx", target_format="pdf")
    with pytest.raises(ValueError, match="page_range"):
        Convert.plan(file_id="f", source_format="png", target_format="webp", page_range="1")


async def test_create_sends_the_body_its_plan_describes(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    from convilyn.resources import Convert
    from convilyn.types import File

    source = File.model_validate(
        {
            "fileId": "file_9",
            "filename": "a.wav",
            "size": 4,
            "mimeType": "audio/wav",
            "createdAt": "2026-01-01T00:00:00Z",
        }
    )
    route = mock.post("/api/v1/jobs").mock(return_value=httpx.Response(202, json=CONVERT_JOB))
    await call(make_client(kind).convert.create(file=source, target_format="mp3", quality="high"))
    plan = Convert.plan(file=source, target_format="mp3", quality="high")
    assert sent(route) == plan.request("file_9").to_dict()


async def test_every_optional_argument_reaches_the_wire_under_its_wire_name(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    """Bodies are built with the generated constructors: a misspelt field fails type checking
    instead of being dropped on the way (as ``from_dict({"llmConfigID": ...})`` drops it)."""
    create = mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    retry = mock.post("/api/v1/jobs/goal/job_1/retry").mock(return_value=httpx.Response(200))
    mock.get("/api/v1/jobs/goal/job_1").mock(return_value=httpx.Response(200, json=goal_job()))
    fork = mock.post("/api/v1/workflows/fork").mock(return_value=httpx.Response(201, json=WF))
    patch = mock.patch("/api/v1/workflows/wf_1").mock(return_value=httpx.Response(200, json=WF))
    client = make_client(kind)
    await call(client.goals.start(goal_text="plan it", files=["file_1"], llm_config_id="cfg"))
    await call(client.goals.retry("job_1", rerun_mode="fresh_rerun", reason="flaky"))
    await call(client.workflows.fork(source_spec_id="wf_0", name="Mine"))
    await call(
        client.workflows.patch(
            "wf_1", item_version=4, description="d", visibility="private", tags=["a"]
        )
    )
    assert sent(create) == {"fileIds": ["file_1"], "goalText": "plan it", "llmConfigId": "cfg"}
    assert sent(retry) == {"rerunMode": "fresh_rerun", "reason": "flaky"}
    assert sent(fork) == {"sourceSpecId": "wf_0", "name": "Mine"}
    assert sent(patch) == {
        "itemVersion": 4,
        "description": "d",
        "visibility": "private",
        "tags": ["a"],
    }


def test_no_request_body_is_built_from_a_hand_typed_dict() -> None:
    facade = Path(convilyn.__file__).parent
    offenders = [
        f"{path.relative_to(facade)}:{number}"
        for folder in ("_async", "_sync", "cli")
        for path in sorted((facade / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"Request\.from_dict\(", line)
    ]
    assert offenders == [], "build bodies with the generated constructors: " + ", ".join(offenders)
