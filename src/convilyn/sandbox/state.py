"""Everything the sandbox remembers, per API key: files, jobs, workflows, usage, likes.

State is advanced lazily: reading a job first applies every simulated transition due by now
(``goals.advance`` / ``convert.advance_convert``), then settles side effects such as charging
credits and writing artifacts to storage.

Nothing is kept forever (``config.retention``, 24 hours by default, see :mod:`.expiry`): a
presign until its URL expires, a file after its last use by a job, a job after its last change
(finished, or abandoned waiting for input), with their blobs. Per-request work never walks an
account's history: unfinished jobs are indexed (``Account.active``).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import convert as conv
from . import goals
from .auth import AuthState
from .builder import BuilderSessionRecord
from .catalog import BY_ID, CURATED, WorkflowDef, community_seeds
from .chaos import ChaosEngine
from .clock import Clock
from .config import SandboxConfig
from .expiry import Deadlines, Kind
from .idempotency import IdempotencyStore
from .limits import TIERS, RateLimiter, Tier, tier_for_key
from .profile import Profile, get_profile
from .storage import BlobStore, Signer
from .understand import understand_json


@dataclass
class FileRecord:
    file_id: str
    file_name: str
    size: int
    mime_type: str
    created_at: float
    object_key: str
    job_id: str | None = None
    is_input: bool = True
    used_at: float = 0.0  # upload, or the last job created with it: retention counts from here


@dataclass
class PendingUpload:
    file_id: str
    object_key: str
    file_name: str
    size: int
    content_type: str
    expires: int


@dataclass
class WorkflowRecord:
    workflow_id: str
    spec_id: str
    owner_id: str | None
    name: str
    description: str | None
    visibility: str
    tags: list[str]
    base: WorkflowDef
    created_at: float
    source_spec_id: str | None = None
    source_type: str | None = None
    item_version: int = 1
    run_count: int = 0
    fork_count: int = 0
    base_likes: int = 0
    liked_by: set[str] = field(default_factory=set)
    # what the owner's views (/user_workflows) show beyond the marketplace's
    updated_at: float = 0.0  # 0: never changed since created_at
    system_prompt: str | None = None
    spec_json: dict[str, Any] | None = None
    founding_intent: str | None = None
    source_version: str | None = None

    @property
    def changed_at(self) -> float:
        return max(self.created_at, self.updated_at)

    @property
    def like_count(self) -> int:
        return self.base_likes + len(self.liked_by)


@dataclass
class Account:
    api_key: str
    tier: Tier
    user_id: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    uploads: dict[str, PendingUpload] = field(default_factory=dict)
    convert_jobs: dict[str, conv.ConvertRun] = field(default_factory=dict)
    goal_jobs: dict[str, goals.GoalRun] = field(default_factory=dict)
    # ids of the jobs (goal and conversion) not known to be terminal: the only ones a
    # concurrency check or a file deletion has to look at
    active: set[str] = field(default_factory=set)
    credits_spent: int = 0
    goal_jobs_created: int = 0
    convert_jobs_created: int = 0
    last_charge_at: float | None = None
    # goal jobs per user workflow they ran, oldest first (the newest RUNS_KEPT of each)
    workflow_runs: dict[str, list[str]] = field(default_factory=dict)
    builder_sessions: dict[str, BuilderSessionRecord] = field(default_factory=dict)
    builder_window: tuple[float, int] = (0.0, 0)  # (start of the quota window, turns used)

    @property
    def storage_used(self) -> int:
        return sum(f.size for f in self.files.values())

    @property
    def storage_limit(self) -> int:
        return TIERS[self.tier].storage_bytes

    @property
    def credits_granted(self) -> int:
        return TIERS[self.tier].monthly_credits

    @property
    def balance(self) -> int:
        return self.credits_granted - self.credits_spent


RUNS_KEPT = 50  # listUserWorkflowRuns answers at most 50


def user_id_for(api_key: str) -> str:
    return "usr_" + hashlib.sha256(api_key.encode()).hexdigest()[:16]


class Counters:
    """Plain counters for ``GET /_sandbox/stats``."""

    def __init__(self) -> None:
        self.requests = 0
        self.by_operation: dict[str, int] = {}
        self.by_status: dict[str, int] = {}
        self.error_codes: dict[str, int] = {}
        self.created: dict[str, int] = {"files": 0, "convertJobs": 0, "goalJobs": 0, "workflows": 0}
        self.rate_limited = 0
        self.spec_drift = 0
        self.ws_connections = 0
        self.ws_events_sent = 0
        self.ws_refused = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "byOperation": dict(sorted(self.by_operation.items())),
            "byStatus": dict(sorted(self.by_status.items())),
            "errorCodes": dict(sorted(self.error_codes.items())),
            "created": dict(self.created),
            "rateLimited": self.rate_limited,
            "specDrift": self.spec_drift,
            "websockets": {
                "connections": self.ws_connections,
                "eventsSent": self.ws_events_sent,
                "refused": self.ws_refused,
            },
        }


class SandboxState:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.profile: Profile = get_profile(config.profile)
        self.clock = Clock(config.speed)
        self.signer = Signer()
        self._tmp: Path | None = None
        if config.storage_dir is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="convilyn-sandbox-"))
            root = self._tmp
        else:
            root = Path(config.storage_dir)
        self.blobs = BlobStore(root / "blobs")
        self.limiter = RateLimiter(enabled=config.rate_limits)
        self.idempotency = IdempotencyStore(config.retention)
        self.deadlines = Deadlines()
        self.chaos = ChaosEngine(config.chaos, config.seed)
        self.counters = Counters()
        self.auth = AuthState()
        self.accounts: dict[str, Account] = {}
        self.workflows: dict[str, WorkflowRecord] = {}
        self._rng = random.Random(config.seed)
        self._seed_workflows()

    # lifecycle --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything (accounts, files, jobs, forks, counters); keep the configuration."""
        # new containers rather than clear(): a cleared dict keeps its grown table
        self.accounts = {}
        self.workflows = {}
        self.blobs.clear()
        self.limiter.reset()
        self.idempotency.reset()
        self.deadlines.clear()
        self.chaos.reset()
        self.counters = Counters()
        self.auth = AuthState()
        self._rng = random.Random(self.config.seed)
        self._seed_workflows()

    def close(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _seed_workflows(self) -> None:
        for seed in community_seeds():
            self.workflows[seed.workflow_id] = WorkflowRecord(
                workflow_id=seed.workflow_id,
                spec_id=seed.spec_id,
                owner_id=seed.owner_id,
                name=seed.name,
                description=seed.description,
                visibility="public",
                tags=list(seed.tags),
                base=BY_ID[seed.base],
                created_at=seed.created_at,
                source_spec_id=seed.base,
                source_type="curated",
                run_count=seed.run_count,
                fork_count=seed.fork_count,
                base_likes=seed.like_count,
            )

    # helpers ----------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{self._rng.getrandbits(64):016x}"

    def account(self, api_key: str) -> Account:
        acct = self.accounts.get(api_key)
        if acct is None:
            acct = Account(api_key, tier_for_key(api_key), user_id_for(api_key))
            self.accounts[api_key] = acct
        return acct

    def catalog(self) -> tuple[WorkflowDef, ...]:
        return CURATED

    def workflow_by_spec(self, spec_id: str) -> WorkflowRecord | None:
        for wf in self.workflows.values():
            if wf.spec_id == spec_id:
                return wf
        return None

    def visible_workflow(self, acct: Account, workflow_id: str) -> WorkflowRecord | None:
        wf = self.workflows.get(workflow_id)
        if wf is None:
            return None
        if wf.owner_id == acct.user_id or wf.visibility == "public":
            return wf
        return None

    def store_sizes(self) -> dict[str, int]:
        """How many records each store holds (``/_sandbox/stats``: a soak watches them stay flat)."""
        accts = self.accounts.values()
        return {
            "files": sum(len(a.files) for a in accts),
            "uploads": sum(len(a.uploads) for a in accts),
            "goalJobs": sum(len(a.goal_jobs) for a in accts),
            "convertJobs": sum(len(a.convert_jobs) for a in accts),
            "activeJobs": sum(len(a.active) for a in accts),
            "idempotency": len(self.idempotency.records),
            "rateWindows": self.limiter.windows(),
            "deadlines": len(self.deadlines),
            "blobs": self.blobs.count(),
        }

    # what expires -----------------------------------------------------------------------------
    def add_upload(self, acct: Account, pending: PendingUpload) -> None:
        acct.uploads[pending.file_id] = pending
        self.deadlines.add(pending.expires, "upload", acct.api_key, pending.file_id)

    def add_file(self, acct: Account, record: FileRecord) -> None:
        record.used_at = record.created_at
        acct.files[record.file_id] = record
        self.deadlines.add(
            record.used_at + self.config.retention, "file", acct.api_key, record.file_id
        )

    def add_goal(self, acct: Account, run: goals.GoalRun) -> None:
        acct.goal_jobs[run.job_spec_id] = run
        if run.workflow_id is not None and run.workflow_id in self.workflows:
            runs = acct.workflow_runs.setdefault(run.workflow_id, [])
            runs.append(run.job_spec_id)
            del runs[:-RUNS_KEPT]
        self._used(acct, run.file_ids, run.created_at)
        self.deadlines.add(
            run.created_at + self.config.retention, "goal", acct.api_key, run.job_spec_id
        )
        _index(acct, run.job_spec_id, terminal=False)

    def add_convert(self, acct: Account, run: conv.ConvertRun) -> None:
        acct.convert_jobs[run.job_id] = run
        self._used(acct, [run.source_file_id], run.created_at)
        self.deadlines.add(
            run.created_at + self.config.retention, "convert", acct.api_key, run.job_id
        )
        _index(acct, run.job_id, terminal=False)

    def _used(self, acct: Account, file_ids: list[str], now: float) -> None:
        for file_id in file_ids:
            if file_id in acct.files:
                acct.files[file_id].used_at = now

    def expire(self, now: float) -> None:
        """Forget what is due by ``now`` (called before every API request)."""
        self.idempotency.expire(now)
        for kind, api_key, ident in self.deadlines.due(now):
            acct = self.accounts.get(api_key)
            later = None if acct is None else self._expire_one(acct, kind, ident, now)
            if later is not None:
                self.deadlines.add(max(later, now + 1), kind, api_key, ident)

    def _expire_one(self, acct: Account, kind: Kind, ident: str, now: float) -> float | None:
        """Forget ``ident`` if its time has come; else the time to look again (None: gone)."""
        if kind == "upload":
            pending = acct.uploads.pop(ident, None)
            if pending is not None:  # presigned, maybe uploaded, never confirmed
                self.blobs.delete(pending.object_key)
            return None
        if kind == "file":
            return self._expire_file(acct, ident, now)
        return self._expire_job(acct, ident, now)

    def _expire_file(self, acct: Account, file_id: str, now: float) -> float | None:
        record = acct.files.get(file_id)
        if record is None:
            return None
        keep = self.config.retention
        if record.used_at + keep > now:
            return record.used_at + keep
        if self.files_in_use(acct, file_id) is not None:
            return now + 60  # read by a running job: kept, looked at again soon
        self.forget_file(acct, record)
        return None

    def _expire_job(self, acct: Account, job_id: str, now: float) -> float | None:
        """A job is kept while it runs on a timer and for the retention after its last change
        (finished, or waiting for an answer nobody gives)."""
        goal = self.goal(acct, job_id)
        run = goal if goal is not None else self.convert_job(acct, job_id)
        if run is None:
            return None
        if run.next_at is not None or run.updated_at + self.config.retention > now:
            return run.updated_at + self.config.retention
        acct.active.discard(job_id)
        if isinstance(run, goals.GoalRun):
            del acct.goal_jobs[job_id]
            keys = [a.object_key for a in run.artifacts]
            keys += [zip_key(run, attempt) for attempt in range(1, run.attempt + 1)]
        else:
            del acct.convert_jobs[job_id]
            keys = [r.object_key for r in run.results]
        for key in keys:
            self.blobs.delete(key)
        return None

    def forget_file(self, acct: Account, record: FileRecord) -> None:
        del acct.files[record.file_id]
        self.blobs.delete(record.object_key)

    # jobs -------------------------------------------------------------------------------------
    def goal(self, acct: Account, job_spec_id: str) -> goals.GoalRun | None:
        run = acct.goal_jobs.get(job_spec_id)
        if run is not None:
            self.settle_goal(acct, run)
        return run

    def settle_goal(self, acct: Account, run: goals.GoalRun) -> None:
        goals.advance(run, self.clock)
        _index(acct, run.job_spec_id, terminal=run.is_terminal)
        if run.status in goals.FINISHED and not run.charged:
            run.charged = True
            cost = (
                run.workflow.credits
                if run.status == "completed"
                else (run.workflow.credits + 1) // 2
            )
            acct.credits_spent += cost
            acct.last_charge_at = run.completed_at
            if run.workflow_id in self.workflows:
                self.workflows[run.workflow_id].run_count += 1
            for art in run.artifacts:
                self._materialize_artifact(run, art)

    def _materialize_artifact(self, run: goals.GoalRun, art: goals.ArtifactRecord) -> None:
        art.object_key = f"artifacts/{run.job_spec_id}/{art.artifact_id}/{art.output.file_name}"
        body = artifact_bytes(run, art)
        art.size = self.blobs.put_bytes(art.object_key, body)

    def convert_job(self, acct: Account, job_id: str) -> conv.ConvertRun | None:
        run = acct.convert_jobs.get(job_id)
        if run is not None:
            self.settle_convert(acct, run)
        return run

    def settle_convert(self, acct: Account, run: conv.ConvertRun) -> None:
        conv.advance_convert(run, self.clock)
        _index(acct, run.job_id, terminal=run.is_terminal)
        if run.status == "completed" and not run.materialized:
            run.materialized = True
            acct.credits_spent += 1
            acct.last_charge_at = run.completed_at
            source = acct.files.get(run.source_file_id)
            for res in run.results:
                if run.processor_type != "document_conversion" and source is not None:
                    # a simulated transcode: the bytes are copied through, on disk
                    res.size = self.blobs.put_file(
                        res.object_key, self.blobs.path(source.object_key)
                    )
                else:
                    res.size = self.blobs.put_bytes(
                        res.object_key, convert_bytes(run, res.filename)
                    )

    def _unfinished(self, acct: Account) -> list[goals.GoalRun | conv.ConvertRun]:
        """The account's unfinished jobs, settled (those that just finished leave the index)."""
        runs: list[goals.GoalRun | conv.ConvertRun] = []
        for job_id in list(acct.active):
            goal = self.goal(acct, job_id)
            run = goal if goal is not None else self.convert_job(acct, job_id)
            if run is None:
                acct.active.discard(job_id)
            elif not run.is_terminal:
                runs.append(run)
        return runs

    def active_jobs(self, acct: Account) -> int:
        return len(self._unfinished(acct))

    def files_in_use(self, acct: Account, file_id: str) -> str | None:
        """The id of an unfinished job that reads this file, if any."""
        for run in self._unfinished(acct):
            if isinstance(run, goals.GoalRun):
                if file_id in run.file_ids:
                    return run.job_spec_id
            elif run.source_file_id == file_id:
                return run.job_id
        return None


def _index(acct: Account, job_id: str, *, terminal: bool) -> None:
    if terminal:
        acct.active.discard(job_id)
    else:
        acct.active.add(job_id)  # new, or retried


def zip_key(run: goals.GoalRun, attempt: int) -> str:
    return f"zips/{run.job_spec_id}/{attempt}/output.zip"


def artifact_bytes(run: goals.GoalRun, art: goals.ArtifactRecord) -> bytes:
    """Deterministic, recognisable content for a simulated artifact."""
    lines = [
        f"# {art.output.description}",
        "",
        f"Produced by the Convilyn sandbox for job {run.job_spec_id} (attempt {run.attempt}).",
        f"Workflow: {run.workflow.workflow_id}",
        f"Inputs: {', '.join(run.file_ids) or '(none)'}",
    ]
    if run.goal_text:
        lines.append(f"Goal: {run.goal_text}")
    for k, v in sorted(run.filled_slots.items()):
        lines.append(f"- {k}: {v}")
    lines += ["", *(s.text for s in run.workflow.steps), ""]
    text = "\n".join(lines)
    if art.output.mime_type == "application/pdf":
        return _tiny_pdf(text)
    if art.output.mime_type == "application/json":
        if run.output_schema is not None:
            return understand_json(run.output_schema, run.file_ids[0] if run.file_ids else "")
        return _documents_json(run)
    return text.encode()


def _documents_json(run: goals.GoalRun) -> bytes:
    """A catalog workflow's JSON output (goals.extract's fixed shape)."""
    documents = [
        {"fileId": f, "doc_type": "letter", "action": "read and file it"} for f in run.file_ids
    ]
    return json.dumps({"documents": documents}, indent=2).encode()


def convert_bytes(run: conv.ConvertRun, filename: str) -> bytes:
    text = f"{run.source_name} converted to {run.target_format} by the Convilyn sandbox ({run.job_id})\n"
    if run.target_format.lower() == "pdf":
        return _tiny_pdf(text)
    return text.encode()


def _tiny_pdf(text: str) -> bytes:
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").splitlines()[:1] or [
        ""
    ]
    stream = f"BT /F1 12 Tf 72 720 Td ({safe[0][:80]}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
