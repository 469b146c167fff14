"""Chaos soak: N goal jobs through ``AsyncConvilyn`` against a sandbox that misbehaves on purpose.

Each job uploads a file, runs ``goal_lane.resume_tailor`` (two questions asked before execution,
one at a mid-execution checkpoint, all answered up front through ``slots=``) and downloads the
result ZIP. The sandbox faults well over 20% of the API requests: 500, 502 (HTML), 503, 429
storms, connection resets before processing and resets *after* processing (the request took
effect, the answer was lost on the wire: only the Idempotency-Key keeps a retry from doing it
twice).

Two sandbox profiles. ``default`` honours ``Idempotency-Key``, and the client trusts it
(``trust_idempotency_keys=True``): every job must complete. ``live`` ignores the key as the
live service does, and the client keeps its default: a create whose outcome a fault hid is not
re-sent but raised as ``AmbiguousWriteError``; the soak counts those, and every other job must
complete, with no duplicate on the server and no lost answer.

Reported (the server-side numbers come from the sandbox's own ``/_sandbox/stats``): jobs
completed, ambiguous and failed, duplicates created on the server (two files of one job's upload,
two goal jobs on one job's file), answers lost (an answer given that the finished job
does not hold), retries per job.

    python benchmarks/soak.py --jobs 1000                    # `make soak`, both profiles
    python benchmarks/soak.py --jobs 1000 --profile live
    python benchmarks/soak.py --jobs 40 --json               # what the CI test runs

The CI variant is ``tests/reliability/test_soak.py``; it calls :func:`run_soak`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import json
import logging
import statistics
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from convilyn import (
    AmbiguousWriteError,
    AsyncConvilyn,
    ExponentialBackoffRetry,
    QuotaSoftLimitWarning,
)
from convilyn._retry import RetryContext, RetryDecision

WORKFLOW = "goal_lane.resume_tailor"
# Probabilities per API request; with the 429 storms (each 429 is followed by another) well
# over 20% of the requests that reach the server's front door are faulted.
CHAOS = (
    "500=0.05,502=0.03,503=0.04,429=0.03,reset_before=0.04,reset_after=0.05,storm=2,retry_after=1"
)
SHORT_FAULTS = ("500", "502", "503", "429", "reset_before")

# With over a quarter of all requests faulted (and 429 storms hitting consecutive requests),
# one request in ~10^5 meets 9 faults in a row: a soak of ~27,000 requests needs a deeper
# retry budget than the default 3. 12 retries put a give-up at ~1 in 10^7 requests.
MAX_RETRIES = 12

_retries: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "soak_retries", default=None
)


@dataclass(frozen=True)
class CountingRetry(ExponentialBackoffRetry):
    """The SDK's default policy shape (faster, more patient), counting retries per job."""

    def decide(self, ctx: RetryContext) -> RetryDecision:
        decision = super().decide(ctx)
        box = _retries.get()
        if decision.retry and box is not None:
            box[0] += 1
            box[1] = max(box[1], ctx.attempt)
        return decision


@dataclass
class SoakReport:
    jobs: int
    concurrency: int
    chaos: str
    seed: int
    profile: str = "default"
    completed: int = 0
    ambiguous: int = 0  # typed AmbiguousWriteError: a create not re-sent, outcome unknown
    ambiguous_operations: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    answers_lost: int = 0
    downloads_ok: int = 0
    duplicate_files: int = 0
    duplicate_goal_jobs: int = 0
    server_requests: int = 0
    faults_injected: dict[str, int] = field(default_factory=dict)
    fault_rate: float = 0.0
    idempotent_replays: int = 0
    retries_total: int = 0
    retries_per_job_mean: float = 0.0
    retries_per_job_max: int = 0
    most_retries_one_request: int = 0
    retry_budget: int = MAX_RETRIES
    seconds: float = 0.0

    def summary(self) -> str:
        faults = ", ".join(f"{k}={v}" for k, v in self.faults_injected.items() if v)
        lines = [
            f"soak: {self.jobs} goal jobs, profile {self.profile}, concurrency {self.concurrency}, "
            f"chaos {self.chaos!r}, seed {self.seed}",
            f"  completed            {self.completed}/{self.jobs}",
            f"  ambiguous writes     {self.ambiguous} (AmbiguousWriteError, not re-sent: "
            f"{', '.join(f'{k} {v}' for k, v in sorted(self.ambiguous_operations.items())) or 'none'})",
            f"  failed               {self.failed}",
            f"  downloads verified   {self.downloads_ok}",
            f"  duplicates created   files {self.duplicate_files}, goal jobs {self.duplicate_goal_jobs} (sandbox state)",
            f"  answers lost         {self.answers_lost}",
            f"  faulted requests     {sum(self.faults_injected.values())} of {self.server_requests} "
            f"({self.fault_rate:.1%}): {faults}",
            f"  idempotent replays   {self.idempotent_replays}",
            f"  retries per job      mean {self.retries_per_job_mean:.2f}, max {self.retries_per_job_max} "
            f"(total {self.retries_total})",
            f"  longest retry chain  {self.most_retries_one_request} retries of one request "
            f"(budget {self.retry_budget})",
            f"  wall time            {self.seconds:.1f} s",
        ]
        lines += [f"  failure: {f}" for f in self.failures[:10]]
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """Default profile: every job completed. Live profile: every job completed or was
        stopped as an ambiguous write. Both: no duplicate, no lost answer, no other failure."""
        allowed_ambiguous = self.ambiguous if self.profile == "live" else 0
        return (
            self.completed + allowed_ambiguous == self.jobs
            and self.failed == 0
            and self.answers_lost == 0
            and self.duplicate_files == 0
            and self.duplicate_goal_jobs == 0
            and self.downloads_ok == self.completed
        )


@dataclass
class JobOutcome:
    outcome: str  # "completed", "ambiguous:<operation>", or an error summary
    answers_lost: int
    retries: list[int]  # [retries of this job, most retries of one request]


async def _one_job(
    client: AsyncConvilyn, index: int, out_dir: Path, gate: asyncio.Semaphore
) -> JobOutcome:
    box = [0, 0]
    _retries.set(box)
    sent = JobOutcome("", 0, box)
    answers = {
        "target_role": f"Role {index}",
        "tone": "bold",
        "confirmed_titles": f"Title {index}",
    }
    async with gate:
        try:
            upload = await client.files.upload(
                f"resume of candidate {index}\n".encode() * 32, filename=f"resume_{index}.docx"
            )
            job = await client.goals.run(
                workflow_id=WORKFLOW,
                files=[upload],
                slots=answers,
                on_preview=lambda job: True,  # the checkpoint's preview: approved
                poll_interval=0.01,
                timeout=300,
            )
            if str(job.status) != "completed":
                sent.outcome = f"ended {job.status}"
                return sent
            sent.answers_lost = sum(1 for k, v in answers.items() if job.filled_slots.get(k) != v)
            path = await client.goals.download_to(job.job_spec_id, to=out_dir / f"job_{index}.zip")
            with zipfile.ZipFile(path) as archive:
                if archive.testzip() is not None or not archive.namelist():
                    sent.outcome = "corrupt zip"
                    return sent
            path.unlink()
            sent.outcome = "completed"
        except AmbiguousWriteError as exc:
            sent.outcome = f"ambiguous:{exc.operation}"
        except Exception as exc:  # reported, not raised: the soak counts failures
            sent.outcome = f"{type(exc).__name__}: {exc}"
        return sent


async def soak(
    base_url: str, api_key: str, *, jobs: int, concurrency: int, trust_keys: bool
) -> list[JobOutcome]:
    policy = CountingRetry(max_retries=MAX_RETRIES, initial_delay=0.02, max_delay=0.5)
    gate = asyncio.Semaphore(concurrency)
    with tempfile.TemporaryDirectory(prefix="convilyn-soak-") as tmp:
        async with AsyncConvilyn(
            api_key=api_key,
            base_url=base_url,
            retry_policy=policy,
            trust_idempotency_keys=trust_keys,
        ) as client:
            return await asyncio.gather(
                *(_one_job(client, i, Path(tmp), gate) for i in range(jobs))
            )


def run_soak(
    *,
    jobs: int,
    concurrency: int = 20,
    chaos: str = CHAOS,
    seed: int = 20261123,
    profile: str = "default",
    trust_keys: bool | None = None,
) -> SoakReport:
    """Start a chaotic sandbox, run the soak against it, and read the sandbox's stats.
    ``trust_keys`` (the client's ``trust_idempotency_keys``) defaults to whether the profile
    honours ``Idempotency-Key``."""
    from convilyn.sandbox import Sandbox

    report = SoakReport(jobs=jobs, concurrency=concurrency, chaos=chaos, seed=seed, profile=profile)
    started = time.perf_counter()
    # Rate limits off: the chaos brings its own 429 storms; the tier limits would only refuse
    # job creations past the daily quota.
    key = Sandbox.new_key("business")
    with (
        Sandbox(
            speed=0, chaos=chaos, seed=seed, rate_limits=False, api_key=key, profile=profile
        ) as sb,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", QuotaSoftLimitWarning)
        # uvicorn (configured when the sandbox starts) logs every reset connection at ERROR;
        # the soak reports the faults itself.
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
        results = asyncio.run(
            soak(
                sb.base_url,
                sb.api_key,
                jobs=jobs,
                concurrency=concurrency,
                trust_keys=profile == "default" if trust_keys is None else trust_keys,
            )
        )
        stats = sb.stats()
        assert sb.app is not None  # started by the with block
        account = sb.app.sandbox.accounts[key]
        # Each soak job uploads one uniquely named file and runs one goal job on it: two server
        # objects for one name (or one input file) are a write done twice.
        uploads = Counter(f.file_name for f in account.files.values() if f.is_input)
        runs = Counter(tuple(run.file_ids) for run in account.goal_jobs.values())
    report.seconds = time.perf_counter() - started
    retries = [r.retries[0] for r in results]
    report.most_retries_one_request = max((r.retries[1] for r in results), default=0)
    for r in results:
        report.answers_lost += r.answers_lost
        if r.outcome == "completed":
            report.completed += 1
            report.downloads_ok += 1
        elif r.outcome.startswith("ambiguous:"):
            report.ambiguous += 1
            op = r.outcome.split(":", 1)[1]
            report.ambiguous_operations[op] = report.ambiguous_operations.get(op, 0) + 1
        else:
            report.failed += 1
            report.failures.append(r.outcome)
    report.duplicate_files = sum(n - 1 for n in uploads.values())
    report.duplicate_goal_jobs = sum(n - 1 for n in runs.values())
    injected = {k: v for k, v in stats["chaos"]["injected"].items() if k != "latency"}
    report.faults_injected = injected
    # Faults answered at the front door never reach the app's request counter.
    report.server_requests = stats["requests"] + sum(injected[k] for k in SHORT_FAULTS)
    report.fault_rate = sum(injected.values()) / max(1, report.server_requests)
    report.idempotent_replays = stats["idempotency"]["replays"]
    report.retries_total = sum(retries)
    report.retries_per_job_mean = statistics.fmean(retries) if retries else 0.0
    report.retries_per_job_max = max(retries, default=0)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--chaos", default=CHAOS)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--profile", choices=("default", "live"), default="default")
    parser.add_argument("--out", help="also append the summary to this file (Markdown)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_soak(
        jobs=args.jobs,
        concurrency=args.concurrency,
        chaos=args.chaos,
        seed=args.seed,
        profile=args.profile,
    )
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(f"```\n{report.summary()}\n```\n\n")
    if not report.ok:
        print(
            "SOAK FAILED: a job failed, was duplicated or lost an answer "
            "(ambiguous writes are allowed in the live profile only)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
