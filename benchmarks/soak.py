"""Chaos soak: N goal jobs through ``AsyncConvilyn`` against a sandbox that misbehaves on purpose.

Each job uploads a file, runs ``goal_lane.resume_tailor`` (two questions asked before execution,
one at a mid-execution checkpoint, all answered up front through ``slots=``) and downloads the
result ZIP. The sandbox faults well over 20% of the API requests: 500, 502 (HTML), 503, 429
storms, connection resets before processing and resets *after* processing (the request took
effect, the answer was lost on the wire: only the Idempotency-Key keeps a retry from doing it
twice).

Reported (the server-side numbers come from the sandbox's own ``/_sandbox/stats``): jobs
completed and failed, duplicates created on the server (files and goal jobs beyond one per
job), answers lost (an answer given that the finished job does not hold), retries per job.

    python benchmarks/soak.py --jobs 1000            # `make soak`
    python benchmarks/soak.py --jobs 40 --json       # what the CI test runs (in-process)

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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from convilyn import AsyncConvilyn, ExponentialBackoffRetry, QuotaSoftLimitWarning
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
    completed: int = 0
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
            f"soak: {self.jobs} goal jobs, concurrency {self.concurrency}, chaos {self.chaos!r}, seed {self.seed}",
            f"  completed            {self.completed}/{self.jobs}",
            f"  failed               {self.failed}",
            f"  downloads verified   {self.downloads_ok}",
            f"  duplicates created   files {self.duplicate_files}, goal jobs {self.duplicate_goal_jobs} (sandbox stats)",
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
        return (
            self.completed == self.jobs
            and self.failed == 0
            and self.answers_lost == 0
            and self.duplicate_files == 0
            and self.duplicate_goal_jobs == 0
            and self.downloads_ok == self.jobs
        )


async def _one_job(
    client: AsyncConvilyn, index: int, out_dir: Path, gate: asyncio.Semaphore
) -> tuple[str, int, list[int]]:
    """``(outcome, answers_lost, [retries, most retries of one request])``; outcome is
    ``completed`` or an error summary."""
    box = [0, 0]  # retries of this job, most retries of one request
    _retries.set(box)
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
                poll_interval=0.01,
                timeout=300,
            )
            if str(job.status) != "completed":
                return f"ended {job.status}", 0, box
            lost = sum(1 for k, v in answers.items() if job.filled_slots.get(k) != v)
            path = await client.goals.download_to(job.job_spec_id, to=out_dir / f"job_{index}.zip")
            with zipfile.ZipFile(path) as archive:
                if archive.testzip() is not None or not archive.namelist():
                    return "corrupt zip", lost, box
            path.unlink()
            return "completed", lost, box
        except Exception as exc:  # reported, not raised: the soak counts failures
            return f"{type(exc).__name__}: {exc}", 0, box


async def soak(base_url: str, api_key: str, *, jobs: int, concurrency: int) -> list[Any]:
    policy = CountingRetry(max_retries=MAX_RETRIES, initial_delay=0.02, max_delay=0.5)
    gate = asyncio.Semaphore(concurrency)
    with tempfile.TemporaryDirectory(prefix="convilyn-soak-") as tmp:
        async with AsyncConvilyn(api_key=api_key, base_url=base_url, retry_policy=policy) as client:
            return await asyncio.gather(
                *(_one_job(client, i, Path(tmp), gate) for i in range(jobs))
            )


def run_soak(
    *, jobs: int, concurrency: int = 20, chaos: str = CHAOS, seed: int = 20261123
) -> SoakReport:
    """Start a chaotic sandbox, run the soak against it, and read the sandbox's stats."""
    from convilyn.sandbox import Sandbox

    report = SoakReport(jobs=jobs, concurrency=concurrency, chaos=chaos, seed=seed)
    started = time.perf_counter()
    # Rate limits off: the chaos brings its own 429 storms; the tier limits would only refuse
    # job creations past the daily quota.
    key = Sandbox.new_key("business")
    with (
        Sandbox(speed=0, chaos=chaos, seed=seed, rate_limits=False, api_key=key) as sb,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", QuotaSoftLimitWarning)
        # uvicorn (configured when the sandbox starts) logs every reset connection at ERROR;
        # the soak reports the faults itself.
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
        results = asyncio.run(soak(sb.base_url, sb.api_key, jobs=jobs, concurrency=concurrency))
        stats = sb.stats()
    report.seconds = time.perf_counter() - started
    retries = [r[0] for _, _, r in results]
    report.most_retries_one_request = max((r[1] for _, _, r in results), default=0)
    for outcome, lost, _ in results:
        report.answers_lost += lost
        if outcome == "completed":
            report.completed += 1
            report.downloads_ok += 1
        else:
            report.failed += 1
            report.failures.append(outcome)
    created = stats["created"]
    report.duplicate_files = created["files"] - jobs
    report.duplicate_goal_jobs = created["goalJobs"] - jobs
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
    parser.add_argument("--out", help="also append the summary to this file (Markdown)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_soak(
        jobs=args.jobs, concurrency=args.concurrency, chaos=args.chaos, seed=args.seed
    )
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(f"```\n{report.summary()}\n```\n\n")
    if not report.ok:
        print("SOAK FAILED: not every job completed cleanly", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
