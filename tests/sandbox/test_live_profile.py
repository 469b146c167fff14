"""The ``live`` profile imitates the live service; the ``default`` profile stays the whole spec.

Each behaviour is asserted on both profiles with the same requests, over real HTTP, with every
response self-checked against the spec (drift would be a 500 and fail the test).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, WebSocketSession, WebSocketUpgradeError, connect_ws

from convilyn.sandbox import Sandbox
from convilyn.sandbox.pytest_plugin import SandboxFactory
from convilyn.sandbox.server import make_config

pytest_plugins = ["pytester"]

EXTRA = "sandboxLiveExtra"


class Client:
    """One fresh account on one sandbox; uploads go through presign -> storage -> confirm."""

    def __init__(self, sandbox: Sandbox, tier: str = "pro") -> None:
        self.sandbox = sandbox
        self.key = sandbox.new_key(tier)
        self.http = httpx.Client(
            base_url=sandbox.base_url + "/api/v1",
            headers={"Authorization": f"Bearer {self.key}"},
            timeout=10,
        )

    def upload(self, name: str = "cv.pdf", data: bytes = b"%PDF-1.4 test\n") -> dict[str, Any]:
        p = self.http.post(
            "/upload/presign",
            json={"fileName": name, "fileSize": len(data), "contentType": "application/pdf"},
        ).json()
        assert httpx.post(p["uploadUrl"], data=p["fields"], files={"file": (name, data)}).is_success
        r = self.http.post(
            "/upload/confirm",
            json={
                "fileId": p["fileId"],
                "fileName": name,
                "fileSize": len(data),
                "contentType": "application/pdf",
                "s3Key": p["s3Key"],
            },
        )
        assert r.status_code == 200, r.text
        out: dict[str, Any] = r.json()
        return out

    def goal_body(self) -> dict[str, Any]:
        files = [self.upload("cv.pdf")["fileId"], self.upload("jd.txt")["fileId"]]
        return {"workflowId": "goal_lane.cover_letter", "fileIds": files}

    def completed_goal(self) -> str:
        r = self.http.post("/jobs/goal", json=self.goal_body())
        assert r.status_code == 201, r.text
        jid = str(r.json()["jobSpecId"])
        assert self.http.post(f"/jobs/goal/{jid}/confirm", json={}).status_code == 202
        assert self.http.get(f"/jobs/goal/{jid}").json()["status"] == "completed"
        return jid

    def convert(self, target: str = "pdf", **headers: str) -> httpx.Response:
        f = self.upload("report.docx", b"PK fake docx")["fileId"]
        params = {"source_file_id": f, "source_format": "docx", "target_format": target}
        return self.http.post(
            "/jobs",
            json={"processor_type": "document_conversion", "params": params},
            headers=headers,
        )


@pytest.fixture(scope="module")
def sandboxes() -> Iterator[dict[tuple[str, float], Sandbox]]:
    started: dict[tuple[str, float], Sandbox] = {}
    yield started
    for sb in started.values():
        sb.stop()


@pytest.fixture
def client(sandboxes: dict[tuple[str, float], Sandbox]) -> Iterator[Any]:
    """``client(profile, speed=0, tier="pro")``: a fresh account on a module-wide sandbox."""
    made: list[Client] = []

    def make(profile: str, speed: float = 0, tier: str = "pro") -> Client:
        sb = sandboxes.get((profile, speed))
        if sb is None:
            sb = Sandbox(speed=speed, profile=profile, self_check=True).start()
            sandboxes[(profile, speed)] = sb
        c = Client(sb, tier)
        made.append(c)
        return c

    yield make
    for c in made:
        c.http.close()
    for sb in sandboxes.values():
        assert sb.stats()["specDrift"] == 0


# 1. seed-only endpoints --------------------------------------------------------------------------
def test_seed_only_endpoints_are_404_in_live_and_served_in_default(client: Any) -> None:
    live, default = client("live"), client("default")
    upload = {"files": {"file": ("a.pdf", b"%PDF", "application/pdf")}}
    r = default.http.post("/upload", **upload)
    assert r.status_code == 200
    assert r.json()["fileId"]
    jid = default.completed_goal()
    assert default.http.get(f"/jobs/goal/{jid}/status").json()["status"] == "completed"
    assert default.http.get(f"/jobs/goal/{jid}/download").json()["filename"] == "output.zip"

    jid = live.completed_goal()
    for method, path, kw in [
        ("POST", "/upload", upload),
        ("GET", f"/jobs/goal/{jid}/status", {}),
        ("GET", f"/jobs/goal/{jid}/download", {}),
    ]:
        r = live.http.request(method, path, **kw)
        assert r.status_code == 404, (path, r.text)
        assert r.json() == {
            "code": "NOT_FOUND",
            "message": f"Not Found: {method} /api/v1{path}",
            "details": {},
        }
    assert len(live.http.get("/files").json()["files"]) == 2  # the refused upload stored nothing


# 2. event stream ----------------------------------------------------------------------------------
def _events_url(c: Client, jid: str) -> str:
    return c.sandbox.base_url.replace("http://", "ws://") + f"/api/v1/jobs/goal/{jid}/events"


def test_event_stream_refuses_consumer_keys_in_live_only(client: Any) -> None:
    live, default = client("live"), client("default")
    jid = live.completed_goal()
    with (
        pytest.raises(WebSocketUpgradeError) as refused,
        connect_ws(_events_url(live, jid), live.http, session_class=WebSocketSession),
    ):
        pass
    assert refused.value.response.status_code == 403
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    by_hand = live.http.get(_events_url(live, jid).replace("ws://", "http://"), headers=upgrade)
    assert by_hand.status_code == 403
    assert by_hand.json()["code"] == "CONSUMER_KEY_NOT_ACCEPTED"
    # a missing key is still told to authenticate first
    assert httpx.get(by_hand.url, headers=upgrade).status_code == 401
    assert live.sandbox.stats()["websockets"]["connections"] == 0

    jid = default.completed_goal()
    events: list[dict[str, Any]] = []
    closed = None
    with connect_ws(_events_url(default, jid), default.http, session_class=WebSocketSession) as ws:
        try:
            for _ in range(200):
                events.append(ws.receive_json(timeout=5))
        except WebSocketDisconnect as end:
            closed = end.code
    assert closed == 1000
    assert events[-1]["type"] == "completed"


# 3. Idempotency-Key ---------------------------------------------------------------------------------
def test_a_replayed_create_is_a_new_job_in_live_and_the_same_job_in_default(client: Any) -> None:
    for profile in ("default", "live"):
        c = client(profile)
        body, key = c.goal_body(), str(uuid.uuid4())
        first = c.http.post("/jobs/goal", json=body, headers={"Idempotency-Key": key})
        again = c.http.post("/jobs/goal", json=body, headers={"Idempotency-Key": key})
        assert first.status_code == again.status_code == 201
        same = first.json()["jobSpecId"] == again.json()["jobSpecId"]
        assert same is (profile == "default"), profile
        assert (again.headers.get("Idempotent-Replayed") == "true") is (profile == "default")


@pytest.mark.parametrize("profile", ["default", "live"])
def test_idempotency_key_on_every_mutating_post(client: Any, profile: str) -> None:
    c = client(profile)
    live = profile == "live"
    key = str(uuid.uuid4())
    f = c.upload("report.docx", b"PK fake docx")["fileId"]
    params = {"source_file_id": f, "source_format": "docx", "target_format": "pdf"}
    conv = {"processor_type": "document_conversion", "params": params}
    jobs = [c.http.post("/jobs", json=conv, headers={"Idempotency-Key": key}) for _ in range(2)]
    assert [r.status_code for r in jobs] == [202, 202]
    assert (jobs[0].json()["jobId"] != jobs[1].json()["jobId"]) is live

    fork = {"sourceSpecId": "goal_lane.translate"}
    key = str(uuid.uuid4())
    forks = [
        c.http.post("/workflows/fork", json=fork, headers={"Idempotency-Key": key}) for _ in "ab"
    ]
    assert [r.status_code for r in forks] == [201, 201]
    assert (forks[0].json()["workflowId"] != forks[1].json()["workflowId"]) is live

    # the same key with another body: 422 where the key is honoured, just a new job where not
    other = c.http.post(
        "/jobs",
        json={**conv, "params": {**params, "target_format": "txt"}},
        headers={"Idempotency-Key": jobs[0].request.headers["Idempotency-Key"]},
    )
    assert other.status_code == (202 if live else 422), other.text
    # a malformed key is not even looked at in live
    bad = c.http.post("/jobs", json=conv, headers={"Idempotency-Key": "not-a-uuid"})
    assert bad.status_code == (202 if live else 422), bad.text

    assert c.sandbox.stats()["profile"] == profile
    usage = c.http.get("/payment/usage/history").json()  # this account's own count
    assert next(row for row in usage if row["metric"] == "convert_jobs")["used"] == (
        4 if live else 1
    )


# 4. lean responses -------------------------------------------------------------------------------
def test_goal_job_leaves_out_what_the_live_service_leaves_out(client: Any) -> None:
    live, default = client("live"), client("default")
    full = default.http.post("/jobs/goal", json=default.goal_body()).json()
    assert full["itemVersion"] >= 1
    assert full["progress"] == 0
    assert full["pendingInterrupts"] == []
    assert full["agentMessage"] is None
    assert EXTRA not in full

    job = live.http.post("/jobs/goal", json=live.goal_body()).json()
    assert job["status"] == "ready"
    left_out = ["itemVersion", "progress", "agentMessage", "errorMessage", "errorCode"]
    left_out += ["errorDetail", "startedAt"]  # progress 0; the optional nulls
    assert [name for name in left_out if name in job] == []
    empty_lists = [job.get(name) for name in ("pendingSlots", "pendingInterrupts", "filledSlots")]
    assert empty_lists == [None, None, None]
    assert job["fileIds"]  # a non-empty list stays a list
    assert job[EXTRA] == "unknown field the SDK must tolerate"
    jid = job["jobSpecId"]
    # without itemVersion a client confirms (and patches) without expectedVersion
    assert live.http.post(f"/jobs/goal/{jid}/confirm", json={}).status_code == 202
    done = live.http.get(f"/jobs/goal/{jid}").json()
    assert (done["status"], done["progress"]) == ("completed", 100)
    assert done["completedAt"]
    assert "itemVersion" not in done


def test_slot_patch_without_expected_version_in_live(client: Any) -> None:
    live = client("live")
    f = live.upload("cv.pdf")["fileId"]
    r = live.http.post("/jobs/goal", json={"workflowId": "goal_lane.resume_tailor", "fileIds": [f]})
    job = r.json()
    assert job["status"] == "slots_pending"
    assert job["pendingSlots"]
    answers = [
        {"slotId": "target_role", "value": "CTO"},
        {"slotId": "tone", "value": "bold"},
    ]
    patched = live.http.patch(f"/jobs/goal/{job['jobSpecId']}/slots", json={"answers": answers})
    assert patched.status_code == 200, patched.text
    assert patched.json()["status"] == "ready"
    assert patched.json()["filledSlots"] == {"target_role": "CTO", "tone": "bold"}
    assert "itemVersion" not in patched.json()


def test_convert_job_shapes(client: Any) -> None:
    default, live = client("default"), client("live")
    ok = default.convert().json()
    assert ok["warnings"] == []
    assert ok["error"] is None
    assert "suggestedPollIntervalMs" not in ok
    failed = default.convert("mp3").json()
    assert failed["status"] == "failed"
    assert "detail" not in failed["error"]

    ok = live.convert().json()
    assert ok["status"] == "completed"
    assert ok["resultFiles"][0]["url"]
    assert "warnings" not in ok
    assert "error" not in ok
    assert "suggestedPollIntervalMs" not in ok  # terminal
    assert ok[EXTRA]
    failed = live.convert("mp3").json()
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "UNSUPPORTED_CONVERSION"
    assert failed["error"]["detail"] == {"reason": "UNSUPPORTED_FORMAT_PAIR"}
    assert "resultFiles" not in failed


def test_running_convert_job_carries_a_poll_hint_in_live(client: Any) -> None:
    default, live = client("default", speed=1), client("live", speed=1)
    queued = default.convert()
    assert queued.json()["status"] == "queued"
    assert "suggestedPollIntervalMs" not in queued.json()
    for r in (live.convert(), live.http.get(f"/jobs/{live.convert().json()['jobId']}")):
        job = r.json()
        assert job["status"] in ("queued", "processing")
        assert job["suggestedPollIntervalMs"] == 1000
        assert "resultFiles" not in job
        assert "error" not in job
        assert "progress" not in job or job["progress"] > 0


def test_free_tier_spent_credits_are_fractional_in_live(client: Any) -> None:
    default, live = client("default", tier="free"), client("live", tier="free")
    assert default.http.get("/credits/balance").json()["freeTierMonthSpentCredits"] == 0
    live.convert()
    raw = live.http.get("/credits/balance")
    spent = raw.json()["freeTierMonthSpentCredits"]
    assert isinstance(spent, float)
    assert spent % 1 == 0.5
    assert spent > 1  # a conversion was charged
    assert client("live").http.get("/credits/balance").json()["freeTierMonthSpentCredits"] is None


# 5. the unknown extra field ------------------------------------------------------------------------
def _core_objects(c: Client) -> dict[str, Any]:
    h = c.http
    jid = c.completed_goal()
    arts = h.get(f"/jobs/goal/{jid}/artifacts").json()["artifacts"]
    community = h.get("/workflows/community").json()["items"]
    fork = h.post("/workflows/fork", json={"sourceSpecId": "goal_lane.translate"}).json()
    submission = h.post("/jobs/goal", json=c.goal_body()).json()["jobSpecId"]
    return {
        "File": c.upload(),
        "StoredFile": h.get("/files").json()["files"][0],
        "ConvertJob": c.convert().json(),
        "GoalJob": h.get(f"/jobs/goal/{jid}").json(),
        "GoalJobSubmission": h.post(f"/jobs/goal/{submission}/confirm", json={}).json(),
        "CatalogWorkflow": h.get("/workflows/catalog").json()["workflows"][0],
        "WorkflowSummary": community[0],
        "Workflow": fork,
        "Workflow(get)": h.get(f"/workflows/{community[0]['workflowId']}").json(),
        "CostEstimate": h.post("/workflows/cost-preview", json={"toolNames": ["x"]}).json(),
        "CreditBalance": h.get("/credits/balance").json(),
        "UsageHistoryEntry": h.get("/payment/usage/history").json()[0],
        "Artifact": arts[0],
        "ArtifactDownload": h.get(
            f"/jobs/goal/{jid}/artifacts/{arts[0]['artifactId']}/download"
        ).json(),
    }


def test_every_core_object_carries_an_unknown_field_in_live_only(client: Any) -> None:
    for name, obj in _core_objects(client("live")).items():
        assert obj.get(EXTRA) == "unknown field the SDK must tolerate", name
    for name, obj in _core_objects(client("default")).items():
        assert EXTRA not in obj, name


def test_catalog_workflow_has_the_live_catalog_fields(client: Any) -> None:
    item = client("live").http.get("/workflows/catalog").json()["workflows"][0]
    assert item["supportedLocales"] == ["en", "ja", "ko", "zh"]
    assert item["subcategory"] is None
    assert item["skuGroup"] is None
    plain = client("default").http.get("/workflows/catalog").json()["workflows"][0]
    assert "supportedLocales" not in plain


# 6. cost preview of an empty palette ---------------------------------------------------------------
@pytest.mark.parametrize("profile", ["default", "live"])
def test_get_plan_cost_preview_with_no_tools(client: Any, profile: str) -> None:
    for tier in ("free", "pro"):
        c = client(profile, tier=tier)
        r = c.http.post("/workflows/cost-preview", json={"toolNames": [], "maxIterations": 1})
        assert r.status_code == 200, r.text
        est = r.json()
        assert est["tools"] == []
        assert est["estimatedMicroU"] == est["estimatedTotalMicroU"] == 50_000  # the base cost
        assert est["quotaCheck"]["tier"] == tier
        assert est["quotaCheck"]["state"] == "ok"
        twice = c.http.post("/workflows/cost-preview", json={"toolNames": [], "maxIterations": 2})
        assert twice.json()["estimatedMicroU"] == 100_000
    # a non-empty palette is priced as before
    one = c.http.post("/workflows/cost-preview", json={"toolNames": ["document_parser"]})
    assert one.json()["estimatedMicroU"] == 12_000


# choosing the profile -----------------------------------------------------------------------------
def test_bad_profile_names_are_refused() -> None:
    with pytest.raises(ValueError, match="default, live"):
        make_config(profile="staging")
    with pytest.raises(ValueError, match="'LIVE'"):
        Sandbox(profile="LIVE")
    assert make_config(profile="live").profile == "live"
    assert make_config().profile == "default"


@pytest.mark.convilyn_sandbox(profile="live")
def test_marker_profile(convilyn_sandbox: Sandbox) -> None:
    assert convilyn_sandbox.stats()["profile"] == "live"
    r = httpx.post(
        convilyn_sandbox.base_url + "/api/v1/upload",
        headers={"Authorization": f"Bearer {convilyn_sandbox.api_key}"},
        files={"file": ("a.pdf", b"x")},
    )
    assert r.status_code == 404


def test_env_var_sets_the_fixture_default(
    monkeypatch: pytest.MonkeyPatch, convilyn_sandbox_factory: SandboxFactory
) -> None:
    monkeypatch.setenv("CONVILYN_SANDBOX_PROFILE", "live")
    assert convilyn_sandbox_factory().stats()["profile"] == "live"
    assert convilyn_sandbox_factory(profile="default").stats()["profile"] == "default"
    monkeypatch.setenv("CONVILYN_SANDBOX_PROFILE", "prod")
    with pytest.raises(ValueError, match=r"CONVILYN_SANDBOX_PROFILE.*'prod'"):
        convilyn_sandbox_factory()


def test_env_var_applies_to_the_shared_fixture(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVILYN_SANDBOX_PROFILE", "live")
    pytester.makepyfile(
        """
        import pytest

        def test_shared(convilyn_sandbox):
            assert convilyn_sandbox.stats()["profile"] == "live"

        @pytest.mark.convilyn_sandbox(profile="default")
        def test_marker_wins(convilyn_sandbox):
            assert convilyn_sandbox.stats()["profile"] == "default"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("entry", ["convilyn-sandbox", "python-m-convilyn.sandbox"])
def test_cli_bad_profile_is_one_line_and_exit_1(entry: str) -> None:
    exe = shutil.which("convilyn", path=str(Path(sys.executable).parent))
    argv = (
        [exe or "convilyn", "sandbox"]
        if entry == "convilyn-sandbox"
        else [sys.executable, "-m", "convilyn.sandbox"]
    )
    bad = subprocess.run(
        [*argv, "--quiet", "--profile", "prod"], capture_output=True, text=True, timeout=10
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        "convilyn: sandbox failed: profile must be one of default, live, got 'prod'."
    )
    assert bad.stdout == ""


def test_cli_live_profile_serves_it() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "convilyn.sandbox", "--quiet", "--speed", "0", "--profile", "live"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        r = httpx.post(
            base + "/api/v1/upload",
            headers={"Authorization": "Bearer ck_pro_clitest01"},
            files={"file": ("a.pdf", b"x")},
        )
        assert r.status_code == 404
        assert httpx.get(base + "/_sandbox/stats").json()["profile"] == "live"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
