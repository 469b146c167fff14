"""The 4.1 compatibility items against the real sandbox: auto_throttle on a real 402, the 4.1
keywords, the retry protocol, RetryExhaustedError, auth=, async_client, credentials.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import call, open_client

from convilyn import (
    AsyncConvilyn,
    AsyncTimeSource,
    AutoThrottleConfig,
    ConvertJob,
    Convilyn,
    InternalServerError,
    QuotaExceededError,
    RetryExhaustedError,
    RetryPolicy,
    TimeSource,
)

pytestmark = pytest.mark.anyio


class Sleeps:
    """The client's sleep, recorded instead of waited (the clock stays real)."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def source(self, kind: str) -> AsyncTimeSource | TimeSource:
        if kind == "async":

            async def asleep(seconds: float) -> None:
                self.slept.append(seconds)

            return AsyncTimeSource(sleep=asleep)
        return TimeSource(sleep=self.slept.append)


def _injected(sandbox: Any, fault: str) -> int:
    return int(sandbox.stats()["chaos"]["injected"].get(fault, 0))


async def test_auto_throttle_waits_out_a_real_quota_refusal(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    sleeps = Sleeps()
    async with open_client(
        kind, convilyn_sandbox, auto_throttle=True, time_source=sleeps.source(kind)
    ) as client:
        resume = await call(client.files.upload(path=docs / "resume.docx"))
        convilyn_sandbox.inject("quota", times=1, path="/api/v1/jobs/goal", method="POST")
        job = await call(client.goals.start(workflow_id="goal_lane.resume_tailor", files=[resume]))
        again = await call(client.goals.retrieve(job.job_spec_id))
        assert again.job_spec_id == job.job_spec_id
    assert _injected(convilyn_sandbox, "quota") == 1
    assert convilyn_sandbox.stats()["created"]["goalJobs"] == 1
    assert sleeps.slept == [1.0]  # the refusal's details.retry_after_seconds


async def test_without_auto_throttle_or_past_max_sleep_the_refusal_surfaces(
    kind: str, convilyn_sandbox: Any
) -> None:
    sleeps = Sleeps()
    async with open_client(kind, convilyn_sandbox, time_source=sleeps.source(kind)) as client:
        convilyn_sandbox.inject("quota", times=1, path="/api/v1/credits/balance")
        with pytest.raises(QuotaExceededError) as info:
            await call(client.account.get_balance())
        err = info.value
        assert err.retry_after_seconds == 1.0
        assert err.reset_at is not None
        assert datetime.fromisoformat(err.reset_at.replace("Z", "+00:00")).tzinfo is not None
        throttled = client.with_options(auto_throttle=AutoThrottleConfig(max_sleep=0.5))
        convilyn_sandbox.inject("quota", times=1, path="/api/v1/credits/balance")
        with pytest.raises(QuotaExceededError):
            await call(throttled.account.get_balance())
    assert sleeps.slept == []


async def test_41_keywords_upload_and_download(
    kind: str, convilyn_sandbox: Any, docs: Path, tmp_path: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        by_path = await call(client.files.upload(path=docs / "resume.docx"))
        by_content = await call(
            client.files.upload(
                content=b"hello 4.1", filename="note.txt", content_type="text/plain"
            )
        )
        assert (by_path.filename, by_content.filename) == ("resume.docx", "note.txt")
        job = await call(client.convert.create_and_wait(file=by_path, target_format="pdf"))
        assert isinstance(job, ConvertJob)
        written = await call(client.convert.download_to(job, to_dir=tmp_path / "new"))
        assert written.parent == tmp_path / "new"
        assert written.stat().st_size > 0


class TwiceThenStop(RetryPolicy):
    """A user's policy to 4.1's protocol: one retry, after a tenth of a second."""

    def should_retry(self, response: Any, exc: Any, attempt: int) -> bool:
        return response is not None and response.status_code >= 500 and attempt < 1

    def next_delay(self, response: Any, attempt: int) -> float:
        return 0.1


async def test_a_41_policy_and_retry_exhausted(kind: str, convilyn_sandbox: Any) -> None:
    sleeps = Sleeps()
    async with open_client(
        kind, convilyn_sandbox, retry_policy=TwiceThenStop(), time_source=sleeps.source(kind)
    ) as client:
        convilyn_sandbox.inject("503", times=2, path="/api/v1/credits/balance")
        with pytest.raises(RetryExhaustedError) as info:
            await call(client.account.get_balance())
        assert isinstance(info.value, InternalServerError)
        assert info.value.attempt_count == 2
        convilyn_sandbox.inject("503", times=1, path="/api/v1/credits/balance")
        assert await call(client.account.get_balance())
    assert sleeps.slept == [0.1, 0.1]


class KeyStrategy:
    def __init__(self, key: str) -> None:
        self.key = key

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    def bearer_token(self) -> str:
        return self.key


async def test_auth_strategy_and_no_idempotency(kind: str, convilyn_sandbox: Any) -> None:
    strategy = KeyStrategy(convilyn_sandbox.api_key)
    async with open_client(
        kind, convilyn_sandbox, api_key=None, auth=strategy, disable_idempotency=True
    ) as client:
        uploaded = await call(client.files.upload(content=b"abc", filename="a.txt"))
        listing = await call(client.files.list())
        assert uploaded.file_id in [f.file_id for f in listing.files]


async def test_sync_async_client(convilyn_sandbox: Any) -> None:
    with Convilyn(api_key=convilyn_sandbox.api_key, base_url=convilyn_sandbox.base_url) as client:
        twin = client.async_client
        assert isinstance(twin, AsyncConvilyn)
        async with twin:
            plan = await twin.account.get_plan()
        assert plan.tier == client.account.get_plan().tier


def test_credentials_json_of_41_setup(
    convilyn_sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    stored = {"api_key": convilyn_sandbox.api_key, "created_at": "2026-01-01", "source": "setup"}
    (tmp_path / "credentials.json").write_text(json.dumps(stored))
    with Convilyn(base_url=convilyn_sandbox.base_url) as client:
        assert client.account.get_plan().tier
