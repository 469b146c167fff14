"""Everything the sandbox remembers, per API key: files, jobs, workflows, usage, likes.

State is advanced lazily: reading a job first applies every simulated transition due by now
(``goals.advance`` / ``convert.advance_convert``), then settles side effects such as charging
credits and writing artifacts to storage.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import convert as conv
from . import goals
from .catalog import BY_ID, CURATED, WorkflowDef, community_seeds
from .chaos import ChaosEngine
from .clock import Clock
from .config import SandboxConfig
from .idempotency import IdempotencyStore
from .limits import TIERS, RateLimiter, Tier, tier_for_key
from .profile import Profile, get_profile
from .storage import BlobStore, Signer


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
    credits_spent: int = 0
    goal_jobs_created: int = 0
    convert_jobs_created: int = 0
    last_charge_at: float | None = None

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
        self.idempotency = IdempotencyStore()
        self.chaos = ChaosEngine(config.chaos, config.seed)
        self.counters = Counters()
        self.accounts: dict[str, Account] = {}
        self.workflows: dict[str, WorkflowRecord] = {}
        self._rng = random.Random(config.seed)
        self._seed_workflows()

    # lifecycle --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything (accounts, files, jobs, forks, counters); keep the configuration."""
        self.accounts.clear()
        self.workflows.clear()
        self.blobs.clear()
        self.limiter.reset()
        self.idempotency.reset()
        self.chaos.reset()
        self.counters = Counters()
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

    # jobs -------------------------------------------------------------------------------------
    def goal(self, acct: Account, job_spec_id: str) -> goals.GoalRun | None:
        run = acct.goal_jobs.get(job_spec_id)
        if run is not None:
            self.settle_goal(acct, run)
        return run

    def settle_goal(self, acct: Account, run: goals.GoalRun) -> None:
        goals.advance(run, self.clock)
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

    def active_jobs(self, acct: Account) -> int:
        n = 0
        for g in acct.goal_jobs.values():
            self.settle_goal(acct, g)
            n += not g.is_terminal
        for c in acct.convert_jobs.values():
            self.settle_convert(acct, c)
            n += not c.is_terminal
        return n

    def files_in_use(self, acct: Account, file_id: str) -> str | None:
        """The id of an unfinished job that reads this file, if any."""
        for g in acct.goal_jobs.values():
            self.settle_goal(acct, g)
            if not g.is_terminal and file_id in g.file_ids:
                return g.job_spec_id
        for c in acct.convert_jobs.values():
            self.settle_convert(acct, c)
            if not c.is_terminal and c.source_file_id == file_id:
                return c.job_id
        return None


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
    return text.encode()


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
