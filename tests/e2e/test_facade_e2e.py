"""Every public method of Convilyn and AsyncConvilyn against the real sandbox (speed 0).

Each test runs twice, with the sync and the async client (the ``kind`` fixture).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import FAST_RETRY, NEEDS_EVENT_STREAM, call, collect, open_client

from convilyn import (
    AsyncConvilyn,
    AuthenticationError,
    BillingError,
    ClientClosedError,
    ConvertJob,
    Convilyn,
    DownloadTargetExistsError,
    File,
    FileList,
    GoalEvent,
    GoalJob,
    GoalJobFailedError,
    NotFoundError,
    PlanRequiredError,
    UnsuitableInputError,
    UnsupportedConversionError,
    UnusedAnswersWarning,
    Workflow,
    WorkflowSearchPage,
)

pytestmark = pytest.mark.anyio

POLL = 0.02


# -- files ------------------------------------------------------------------------------------


async def test_files_upload_list_delete(kind: str, convilyn_sandbox: Any, docs: Path) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        progress: list[tuple[int, int]] = []
        f1 = await call(
            client.files.upload(
                docs / "resume.docx", on_progress=lambda d, t: progress.append((d, t))
            )
        )
        assert isinstance(f1, File)
        assert f1.filename == "resume.docx"
        assert f1.is_input
        assert f1.size == (docs / "resume.docx").stat().st_size
        assert progress[-1] == (f1.size, f1.size)
        f2 = await call(client.files.upload(b"hello world", filename="note.txt"))
        assert f2.content_type == "text/plain"
        assert f2.size == 11
        with (docs / "job.pdf").open("rb") as fh:
            f3 = await call(client.files.upload(fh))
        assert f3.filename == "job.pdf"
        f4 = await call(client.files.upload(io.BytesIO(b"data"), filename="d.md"))
        listing = await call(client.files.list())
        assert isinstance(listing, FileList)
        ids = {f.file_id for f in listing.files}
        assert {f1.file_id, f2.file_id, f3.file_id, f4.file_id} <= ids
        assert listing.usage.used_bytes >= f1.size
        await call(client.files.delete(f2.file_id))
        await call(client.files.delete(f4))
        ids_after = {f.file_id for f in (await call(client.files.list())).files}
        assert f2.file_id not in ids_after
        assert f4.file_id not in ids_after
        with pytest.raises(NotFoundError):
            await call(client.files.delete(f2.file_id))


# -- convert ----------------------------------------------------------------------------------


async def test_convert_create_wait_download(kind: str, convilyn_sandbox: Any, docs: Path) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        seen: list[str] = []
        job = await call(client.convert.create(file=docs / "resume.docx", target_format="pdf"))
        assert isinstance(job, ConvertJob)
        assert job.processor_type == "document_conversion"
        done = await call(
            client.convert.wait(
                job, poll_interval=POLL, on_progress=lambda j: seen.append(str(j.status))
            )
        )
        assert str(done.status) == "completed"
        assert done.is_terminal
        assert seen[-1] == "completed"
        again = await call(client.convert.retrieve(job.job_id))
        assert again.job_id == job.job_id
        url = await call(client.convert.download_url(done))
        assert url.startswith(convilyn_sandbox.base_url)
        path = await call(client.convert.download_to(done, to=docs / "out"))
        assert path == docs / "out" / "resume.pdf"
        assert path.stat().st_size > 0
        with pytest.raises(DownloadTargetExistsError):
            await call(client.convert.download_to(job.job_id, to=path))
        path2 = await call(client.convert.download_to(job.job_id, to=path, overwrite=True))
        assert path2 == path


async def test_convert_create_and_wait_variants(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        uploaded = await call(client.files.upload(docs / "photo.png"))
        by_file = await call(
            client.convert.create_and_wait(file=uploaded, target_format="jpeg", poll_interval=POLL)
        )
        assert by_file.processor_type == "image_conversion"
        assert str(by_file.status) == "completed"
        by_id = await call(
            client.convert.create_and_wait(
                file_id=uploaded.file_id, target_format="webp", poll_interval=POLL
            )
        )
        assert str(by_id.status) == "completed"


async def test_convert_impossible_pair_fails_before_upload(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        before = len((await call(client.files.list())).files)
        with pytest.raises(UnsupportedConversionError):
            await call(client.convert.create(file=docs / "resume.docx", target_format="mp3"))
        assert len((await call(client.files.list())).files) == before


# -- goals ------------------------------------------------------------------------------------


async def _cover_letter_run(kind: str, sandbox: Any, docs: Path) -> tuple[Any, dict[str, int]]:
    """One ``goals.run`` of cover_letter, and the requests it sent by operation (uploads
    excluded), as the sandbox counted them."""
    async with open_client(kind, sandbox) as client:
        a = await call(client.files.upload(docs / "resume.docx"))
        b = await call(client.files.upload(docs / "job.pdf"))
        before = dict(sandbox.stats()["byOperation"])
        job = await call(client.goals.run(workflow_id="goal_lane.cover_letter", files=[a, b]))
        after = sandbox.stats()["byOperation"]
    return job, {op: n - before.get(op, 0) for op, n in after.items() if n - before.get(op, 0)}


@pytest.mark.convilyn_sandbox(speed=4, profile="default")
async def test_goals_run_polls_only_where_the_job_can_stop(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    """The sandbox's poll hint names the next stop; run() sleeps it and reads nothing twice:
    create, a look (the hint) and the whole job at the stop (ready), confirm, a look and the
    whole job at the end. Six requests, where one-second polling needs more at any speed."""
    job, sent = await _cover_letter_run(kind, convilyn_sandbox, docs)
    assert job.status == "completed"
    assert sent == {
        "createGoalJob": 1,
        "getGoalJobStatus": 2,
        "getGoalJob": 2,
        "confirmGoalJob": 1,
    }


@pytest.mark.convilyn_sandbox(speed=0, profile="default")
async def test_goals_run_acts_on_a_create_answer_that_already_stopped(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    """An instant server answers the create with a job already ``ready``: run() confirms it
    without a look first (create, confirm, a look, the whole job at the end)."""
    job, sent = await _cover_letter_run(kind, convilyn_sandbox, docs)
    assert job.status == "completed"
    assert sent == {
        "createGoalJob": 1,
        "confirmGoalJob": 1,
        "getGoalJobStatus": 1,
        "getGoalJob": 1,
    }


@pytest.mark.convilyn_sandbox(speed=8, profile="live")
async def test_concurrent_polls_learn_once_that_the_server_has_no_light_status(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    """The live service has no /status: of jobs polled at once, one poll learns it (a 404)
    and the others wait for that answer instead of each paying the same 404."""
    async with open_client(kind, convilyn_sandbox) as client:
        a = await call(client.files.upload(docs / "resume.docx"))
        b = await call(client.files.upload(docs / "job.pdf"))
        start = {"workflow_id": "goal_lane.cover_letter", "files": [a, b]}
        jobs = [await call(client.goals.start(**start)) for _ in range(4)]
        before = dict(convilyn_sandbox.stats()["byOperation"])
        if kind == "async":
            done = await asyncio.gather(*(client.goals.wait(j.job_spec_id) for j in jobs))
        else:
            with ThreadPoolExecutor(len(jobs)) as pool:
                done = list(pool.map(lambda j: client.goals.wait(j.job_spec_id), jobs))
        after = convilyn_sandbox.stats()["byOperation"]
    assert {str(j.status) for j in done} == {"ready"}
    assert after.get("getGoalJobStatus", 0) - before.get("getGoalJobStatus", 0) == 1


async def test_goal_inputs_are_checked_against_the_catalog_before_any_upload(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        stored = await call(client.files.upload(docs / "job.pdf"))
        goals = client.goals
        await call(
            goals.check_inputs(
                "goal_lane.cover_letter", paths=[docs / "resume.docx"], files=[stored]
            )
        )
        with pytest.raises(UnsuitableInputError, match="at least 2 files, got 1"):
            await call(goals.check_inputs("goal_lane.cover_letter", paths=[docs / "resume.docx"]))
        with pytest.raises(
            UnsuitableInputError, match=r"photo\.png: goal_lane\.cover_letter accepts"
        ):
            await call(
                goals.check_inputs(
                    "goal_lane.cover_letter", paths=[docs / "photo.png", docs / "job.pdf"]
                )
            )
        with pytest.raises(FileNotFoundError, match="nope"):
            await call(goals.check_inputs("goal_lane.cover_letter", paths=[docs / "nope.pdf"]))
        await call(goals.check_inputs("not_in_the_catalog", paths=[docs / "photo.png"]))
        assert [f.file_id for f in (await call(client.files.list())).files] == [stored.file_id]


async def test_goal_run_with_pre_slots_and_a_checkpoint(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        resume = await call(client.files.upload(docs / "resume.docx"))
        asked: list[tuple[str, str]] = []
        previews: list[str] = []

        def on_slot(slot: Any, job: GoalJob) -> str:
            asked.append((slot.slot_id, str(job.status)))
            return "Senior Engineer"

        def on_preview(job: GoalJob) -> bool:
            previews.append(str(job.status))
            return True

        job = await call(
            client.goals.run(
                workflow_id="goal_lane.resume_tailor",
                files=[resume],
                slots={"target_role": "Staff Engineer", "tone": "bold"},
                on_slot=on_slot,
                on_preview=on_preview,
                poll_interval=POLL,
                timeout=60,
            )
        )
        assert str(job.status) == "completed"
        assert job.is_terminal
        assert asked == [("confirmed_titles", "slots_pending")]  # only the checkpoint was asked
        assert job.filled_slots["target_role"] == "Staff Engineer"
        assert job.filled_slots["confirmed_titles"] == "Senior Engineer"
        artifacts = await call(client.goals.artifacts(job.job_spec_id))
        primary = next(a for a in artifacts if a.is_primary)
        info = await call(client.goals.download_artifact_url(job.job_spec_id, primary.artifact_id))
        assert info.file_name == primary.file_name
        out = await call(
            client.goals.download_artifact_to(job.job_spec_id, primary.artifact_id, to=docs / "out")
        )
        assert out.name == primary.file_name
        assert out.stat().st_size > 0
        zipped = await call(client.goals.download_to(job.job_spec_id, to=docs / "out"))
        assert zipped.suffix == ".zip"
        assert zipped.read_bytes()[:2] == b"PK"


async def test_a_mistyped_answer_is_refused_before_the_job_and_an_unasked_one_named(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        summary = await call(client.files.upload(docs / "resume.docx"))
        with pytest.raises(UnsuitableInputError, match=r"'lenght'.*did you mean 'length'"):
            await call(
                client.goals.run(
                    workflow_id="goal_lane.document_summary",
                    files=[summary],
                    slots={"lenght": "short"},
                    poll_interval=POLL,
                )
            )
        with pytest.warns(UnusedAnswersWarning, match="never asked for colour") as caught:
            job = await call(
                client.goals.run(
                    workflow_id="goal_lane.resume_tailor",
                    files=[summary],
                    slots={
                        "target_role": "Staff Engineer",
                        "tone": "bold",
                        "confirmed_titles": "Tech Lead",  # the checkpoint's: asked later
                        "colour": "blue",
                    },
                    on_preview=lambda job: True,
                    poll_interval=POLL,
                    timeout=60,
                )
            )
        assert str(job.status) == "completed"
        assert [w.message.unused for w in caught.list] == [["colour"]]  # type: ignore[union-attr]


async def test_goal_run_interactive_answers_every_slot(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        resume = await call(client.files.upload(docs / "resume.docx"))
        answers = {"target_role": "Engineer", "tone": "professional", "confirmed_titles": "Lead"}

        async def on_slot(slot: Any, job: GoalJob) -> str:
            return answers[slot.slot_id]

        callback: Any = on_slot if kind == "async" else (lambda s, j: answers[s.slot_id])
        job = await call(
            client.goals.run_interactive(
                on_slot=callback,
                workflow_id="goal_lane.resume_tailor",
                files=[resume.file_id],
                poll_interval=POLL,
            )
        )
        assert str(job.status) == "completed"
        assert job.filled_slots == answers


async def test_goal_manual_lifecycle(kind: str, convilyn_sandbox: Any, docs: Path) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        resume = await call(client.files.upload(docs / "resume.docx"))
        job = await call(client.goals.start(workflow_id="goal_lane.resume_tailor", files=[resume]))
        assert isinstance(job, GoalJob)
        job = await call(client.goals.wait(job.job_spec_id, poll_interval=POLL))
        assert job.needs_input
        assert {s.slot_id for s in job.pending_slots} == {"target_role", "tone"}
        status = await call(client.goals.status(job.job_spec_id))
        assert status.needs_input
        assert status.item_version == job.item_version
        job = await call(
            client.goals.fill_slot(
                job.job_spec_id,
                slot_id="target_role",
                value="SRE",
                expected_version=job.item_version,
            )
        )
        # a stale version: the SDK re-reads, sees "tone" still pending and re-applies it
        job = await call(
            client.goals.fill_slots(job.job_spec_id, {"tone": "friendly"}, expected_version=1)
        )
        assert job.filled_slots["tone"] == "friendly"
        job = await call(client.goals.wait(job.job_spec_id, poll_interval=POLL))
        assert str(job.status) in {"ready", "ready_with_preview"}
        job = await call(client.goals.confirm(job.job_spec_id, expected_version=job.item_version))
        job = await call(client.goals.wait(job.job_spec_id, poll_interval=POLL))
        assert job.needs_input  # the checkpoint
        job = await call(client.goals.fill_slots(job.job_spec_id, {"confirmed_titles": "SRE"}))
        job = await call(client.goals.confirm(job.job_spec_id))
        job = await call(client.goals.wait(job.job_spec_id, poll_interval=POLL))
        assert str(job.status) == "completed"
        again = await call(client.goals.retrieve(job.job_spec_id))
        assert again.job_spec_id == job.job_spec_id


async def test_goal_cancel_and_preview_decline(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        declined = await call(
            client.goals.run(
                goal_text="Summarise these notes",
                files=[await call(client.files.upload(docs / "job.pdf"))],
                on_preview=lambda job: False,
                poll_interval=POLL,
            )
        )
        assert str(declined.status) == "cancelled"
        resume = await call(client.files.upload(docs / "resume.docx"))
        job = await call(client.goals.start(workflow_id="goal_lane.resume_tailor", files=[resume]))
        cancelled = await call(client.goals.cancel(job.job_spec_id))
        assert str(cancelled.status) == "cancelled"


async def test_goal_failure_and_retry(kind: str, convilyn_sandbox: Any, docs: Path) -> None:
    (docs / "__fail_once__.docx").write_bytes(b"PK fail once")
    async with open_client(kind, convilyn_sandbox) as client:
        bad = await call(client.files.upload(docs / "__fail_once__.docx"))
        with pytest.raises(GoalJobFailedError) as info:
            await call(
                client.goals.run(
                    workflow_id="goal_lane.cover_letter",
                    files=[bad, await call(client.files.upload(docs / "job.pdf"))],
                    poll_interval=POLL,
                )
            )
        job_id = info.value.job_spec_id
        assert info.value.job.status == "failed"
        retried = await call(client.goals.retry(job_id, reason="transient"))
        assert retried.job_spec_id == job_id
        done = await call(client.goals.wait(job_id, poll_interval=POLL))
        if done.needs_input or str(done.status).startswith("ready"):
            done = await call(client.goals.confirm(job_id))
            done = await call(client.goals.wait(job_id, poll_interval=POLL))
        assert str(done.status) == "completed"


# -- workflows --------------------------------------------------------------------------------


async def test_workflows_catalog_and_marketplace(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        catalog = await call(client.workflows.catalog())
        assert any(w.workflow_id == "goal_lane.resume_tailor" for w in catalog)
        page = await call(client.workflows.search(limit=5))
        assert isinstance(page, WorkflowSearchPage)
        assert len(page.items) == 5
        nxt = await call(client.workflows.search(limit=5, cursor=page.cursor))
        assert {i.workflow_id for i in page.items}.isdisjoint({i.workflow_id for i in nxt.items})
        everything = await collect(client.workflows.iter_search(limit=7))
        assert len(everything) == len({w.workflow_id for w in everything}) > 7
        popular = await call(client.workflows.search(sort="popular", limit=3))
        assert len(popular.items) == 3
        source = page.items[0]
        detail = await call(client.workflows.get(source.workflow_id))
        assert isinstance(detail, Workflow)
        liked = await call(client.workflows.like(source.workflow_id))
        assert liked.liked
        unliked = await call(client.workflows.like(source.workflow_id))
        assert not unliked.liked
        fork = await call(client.workflows.fork(source_spec_id=detail.spec_id, name="Mine"))
        assert fork.name == "Mine"
        assert str(fork.visibility) == "private"
        patched = await call(
            client.workflows.patch(
                fork.workflow_id, item_version=fork.item_version, description="tuned", tags=["x"]
            )
        )
        assert patched.description == "tuned"
        assert patched.item_version > fork.item_version
        # stale version, disjoint field: rebased onto the current version
        renamed = await call(
            client.workflows.patch(fork.workflow_id, item_version=fork.item_version, name="Mine 2")
        )
        assert renamed.name == "Mine 2"
        assert renamed.description == "tuned"
        published = await call(
            client.workflows.publish(fork.workflow_id, item_version=renamed.item_version)
        )
        assert str(published.visibility) == "public"


# -- account and the escape hatch -------------------------------------------------------------


async def test_account(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        plan = await call(client.account.get_plan())
        assert str(plan.tier) == "pro"
        quota = await call(client.account.get_quota(tools=["document_parser", "llm_writer"]))
        assert str(quota.quota_check.state) in {"ok", "soft_limit", "quota_exceeded"}
        assert {t.tool_name for t in quota.tools} == {"document_parser", "llm_writer"}
        balance = await call(client.account.get_balance())
        assert balance.balance_credits >= 0
        history = await call(client.account.usage_history())
        assert isinstance(history, list)
        assert isinstance(
            await call(client.account.usage_history(since=history[0].period_end)), list
        )
        assert client.last_rate_limit is not None
        assert client.last_rate_limit.limit


async def test_free_tier_plan(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox, api_key=convilyn_sandbox.new_key("free")) as c:
        assert str((await call(c.account.get_plan())).tier) == "free"


async def test_api_escape_hatch_and_options(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        data = await call(client.api.get("/api/v1/workflows/catalog"))
        assert "workflows" in data
        created = await call(
            client.api.post("/api/v1/workflows/cost-preview", json={"toolNames": ["llm_writer"]})
        )
        assert "quotaCheck" in created
        raw = await call(client.api.request("GET", "/api/v1/files"))
        assert raw.status_code == 200
        quick = client.with_options(timeout=5, max_retries=0)
        assert await call(quick.workflows.catalog())
        with pytest.raises(NotFoundError):
            await call(client.api.get("/api/v1/jobs/goal/does_not_exist"))


async def test_escape_hatch_patch_and_delete(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        uploaded = await call(client.files.upload(b"%PDF-1.7 x", filename="x.pdf"))
        assert await call(client.api.delete(f"/api/v1/files/{uploaded.file_id}")) is None
        listed = await call(client.files.list())
        assert uploaded.file_id not in {f.file_id for f in listed.files}
        source = (await call(client.workflows.search(limit=1))).items[0]
        fork = await call(client.workflows.fork(source_spec_id=source.spec_id))
        body = await call(
            client.api.patch(
                f"/api/v1/workflows/{fork.workflow_id}",
                json={"itemVersion": fork.item_version, "name": "via api"},
            )
        )
        assert body["name"] == "via api"


@pytest.mark.parametrize("source", ["env", "login-file"])
async def test_from_env(
    source: str,
    kind: str,
    convilyn_sandbox: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    monkeypatch.delenv("CONVILYN_BASE_URL", raising=False)
    if source == "env":
        monkeypatch.setenv("CONVILYN_API_KEY", convilyn_sandbox.api_key)
        monkeypatch.setenv("CONVILYN_BASE_URL", convilyn_sandbox.base_url)
    else:
        monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path))
        (tmp_path / "config.toml").write_text(
            f'api_key = "{convilyn_sandbox.api_key}"\nbase_url = "{convilyn_sandbox.base_url}"\n',
            encoding="utf-8",
        )
    if kind == "async":
        async with AsyncConvilyn.from_env(retry_policy=FAST_RETRY) as aclient:
            assert aclient.base_url == convilyn_sandbox.base_url.rstrip("/")
            assert await aclient.workflows.catalog()
    else:
        with Convilyn.from_env(retry_policy=FAST_RETRY) as client:
            assert client.base_url == convilyn_sandbox.base_url.rstrip("/")
            assert client.workflows.catalog()


async def test_free_tier_billing_errors(kind: str, convilyn_sandbox: Any) -> None:
    free = convilyn_sandbox.new_key("free")
    async with open_client(kind, convilyn_sandbox, api_key=free) as client:
        source = (await call(client.workflows.search(limit=1))).items[0]
        with pytest.raises(PlanRequiredError) as info:
            await call(client.workflows.fork(source_spec_id=source.spec_id))
        assert info.value.status_code == 402
        assert isinstance(info.value, BillingError)


async def test_bad_key_is_an_authentication_error(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox, api_key="ck_x") as client:
        with pytest.raises(AuthenticationError):
            await call(client.files.list())


async def test_retries_survive_injected_faults(kind: str, convilyn_sandbox: Any) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        convilyn_sandbox.inject("503", times=2)
        assert await call(client.workflows.catalog())
        convilyn_sandbox.inject("429", times=1)
        assert await call(client.account.get_balance())
        resume = b"PK resume"
        convilyn_sandbox.inject("reset_after", times=1, path="/api/v1/upload/confirm")
        uploaded = await call(client.files.upload(resume, filename="r.docx"))
        listing = await call(client.files.list())
        # the retried confirm was replayed under its Idempotency-Key: one file, not two
        assert [f.file_id for f in listing.files].count(uploaded.file_id) == 1


# -- events (AsyncConvilyn only) --------------------------------------------------------------


async def _drive_events(client: AsyncConvilyn, job_id: str, **kwargs: Any) -> list[GoalEvent]:
    events: list[GoalEvent] = []
    async with contextlib.aclosing(client.goals.events(job_id, **kwargs)) as stream:
        async for event in stream:
            events.append(event)
            if str(event.type) in {"slot_needed", "status"}:
                job = await client.goals.retrieve(job_id)
                if job.needs_input:
                    await client.goals.fill_slots(
                        job_id, {s.slot_id: "x" for s in job.pending_slots}
                    )
                elif str(job.status) in {"ready", "ready_with_preview"}:
                    await client.goals.confirm(job_id)
    return events


@pytest.mark.parametrize("transport", [pytest.param("websocket", marks=NEEDS_EVENT_STREAM), "poll"])
async def test_events_to_a_terminal_event(
    convilyn_sandbox: Any, docs: Path, transport: str
) -> None:
    async with open_client("async", convilyn_sandbox) as client:
        resume = await client.files.upload(docs / "resume.docx")
        job = await client.goals.start(
            workflow_id="goal_lane.resume_tailor",
            files=[resume],
            slots={"target_role": "x", "tone": "bold"},
        )
        events = await _drive_events(
            client, job.job_spec_id, transport=transport, poll_interval=POLL
        )
        assert events
        assert events[-1].is_terminal
        assert str(events[-1].type) == "completed"
        seqs = [e.seq for e in events]
        assert seqs == sorted(set(seqs))
        assert any(str(e.type) == "slot_needed" for e in events)
        if transport == "websocket":
            assert any(str(e.type) == "tool_started" for e in events)
        else:
            assert all(e.data.get("source") == "poll" for e in events)


@NEEDS_EVENT_STREAM
async def test_events_resume_after_seq_and_alias(convilyn_sandbox: Any, docs: Path) -> None:
    async with open_client("async", convilyn_sandbox) as client:
        resume = await client.files.upload(docs / "resume.docx")
        job = await client.goals.run(
            workflow_id="goal_lane.resume_tailor",
            files=[resume],
            slots={"target_role": "x", "tone": "bold", "confirmed_titles": "y"},
            on_preview=lambda job: True,  # the checkpoint answered, its preview approved
            poll_interval=POLL,
        )
        full = await collect(client.goals.listen_events(job.job_spec_id))
        tail = await collect(client.goals.events(job.job_spec_id, after_seq=full[-3].seq))
        assert [e.seq for e in tail] == [e.seq for e in full[-2:]]


async def test_events_fall_back_to_polling_when_refused(convilyn_sandbox: Any, docs: Path) -> None:
    # A ws_url whose path the sandbox does not serve: the handshake is refused (404).
    async with open_client(
        "async", convilyn_sandbox, ws_url=convilyn_sandbox.base_url + "/nowhere"
    ) as client:
        resume = await client.files.upload(docs / "resume.docx")
        job = await client.goals.run(
            workflow_id="goal_lane.resume_tailor",
            files=[resume],
            slots={"target_role": "x", "tone": "bold", "confirmed_titles": "y"},
            on_preview=lambda job: True,  # the checkpoint answered, its preview approved
            poll_interval=POLL,
        )
        events = await collect(client.goals.events(job.job_spec_id))
        assert events[-1].is_terminal
        assert all(e.data.get("source") == "poll" for e in events)


@pytest.mark.parametrize("transport", [pytest.param("websocket", marks=NEEDS_EVENT_STREAM), "poll"])
async def test_events_left_early_without_aclosing_cancels_nothing(
    convilyn_sandbox: Any, docs: Path, transport: str
) -> None:
    # ``async for ...: break`` without aclosing: the generator is finalized later, by the event
    # loop, in another task. That must not cancel the task that was iterating.
    async with open_client("async", convilyn_sandbox) as client:
        resume = await client.files.upload(docs / "resume.docx")
        job = await client.goals.start(workflow_id="goal_lane.resume_tailor", files=[resume])
        for _ in range(3):
            async for _event in client.goals.events(
                job.job_spec_id, transport=transport, poll_interval=POLL
            ):
                break
            gc.collect()
            await asyncio.sleep(0.05)  # the loop runs the generator's finalizer
        assert (await client.goals.retrieve(job.job_spec_id)).job_spec_id == job.job_spec_id


async def test_a_closed_client_refuses_every_call_with_a_typed_error(
    convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client("async", convilyn_sandbox) as client:
        file = await client.files.upload(docs / "photo.png")
        conv = await client.convert.create_and_wait(file=file, target_format="jpg")
        doc = await client.files.upload(docs / "resume.docx")
        job = await client.goals.start(workflow_id="goal_lane.document_summary", files=[doc])
    with pytest.raises(ClientClosedError, match="closed"):
        await client.files.upload(docs / "photo.png")
    with pytest.raises(ClientClosedError, match="closed"):
        await client.convert.download_to(conv, to=docs / "out")
    with pytest.raises(ClientClosedError, match="closed"):
        await collect(client.goals.events(job.job_spec_id))
    with pytest.raises(ClientClosedError, match="closed"):
        await client.api.get("/files")
