"""Contention: many concurrent writers answering the slots of one goal job, then confirming it.

Every writer starts from the same version of the job (``expected_version``), so all but the
first write of each round get a 409 and go through the SDK's optimistic-lock rebase: re-read,
re-send what is still pending, stop when the job already holds the answer, raise
``VersionConflictError`` when another writer recorded a *different* answer.

Writers ``i % 2 == 0`` answer ``target_role``, the others ``tone``; every tenth writer is a
dissenter with its own value. Reported:

- lost updates: writers whose call returned normally (they were told their answer is recorded)
  while the finished state holds something else. Target 0.
- conflicts resolved: 409s the server sent that the SDK absorbed (the writer still succeeded).
- conflicts surfaced: ``VersionConflictError`` raised to a writer (a dissenter that lost, or an
  agreeing writer that lost to a dissenter): correct outcomes, never silent overwrites.

    python benchmarks/contention.py --writers 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

from convilyn import (
    AsyncConvilyn,
    ExponentialBackoffRetry,
    QuotaSoftLimitWarning,
    VersionConflictError,
)

SLOTS = ("target_role", "tone")
AGREED = {"target_role": "Staff Engineer", "tone": "bold"}


@dataclass
class ContentionReport:
    writers: int
    fills_ok: int = 0
    fills_conflict: int = 0
    confirms_ok: int = 0
    confirms_sent: int = 0
    confirms_conflict: int = 0
    other_errors: list[str] = field(default_factory=list)
    lost_updates: int = 0
    spurious_conflicts: int = 0
    conflicts_resolved: int = 0
    server_409s: int = 0
    final_status: str = ""
    confirmed: bool = False
    final_slots: dict[str, Any] = field(default_factory=dict)
    goal_jobs_created: int = 0

    def summary(self) -> str:
        return "\n".join(
            [
                f"contention: {self.writers} concurrent writers on one goal job",
                f"  slot writes          {self.fills_ok} recorded, {self.fills_conflict} refused with VersionConflictError",
                f"  confirms             {self.confirms_ok} ok ({self.confirms_sent} sent while the job was ready, "
                f"the rest found it already confirmed), {self.confirms_conflict} refused",
                f"  lost updates         {self.lost_updates} (spurious refusals {self.spurious_conflicts})",
                f"  conflicts resolved   {self.conflicts_resolved} (of {self.server_409s} 409s sent by the server)",
                f"  final state          {self.final_status} {self.final_slots}, confirmed {self.confirmed}",
                *(f"  error: {e}" for e in self.other_errors[:10]),
            ]
        )

    @property
    def ok(self) -> bool:
        return (
            self.lost_updates == 0
            and self.spurious_conflicts == 0
            and not self.other_errors
            and self.confirms_ok == self.writers
            and self.confirmed
            and self.goal_jobs_created == 1
        )


def _value(index: int) -> tuple[str, str]:
    slot = SLOTS[index % 2]
    if index % 10 == 9:
        return slot, f"dissent {index}"
    return slot, AGREED[slot]


async def contend(base_url: str, api_key: str, *, writers: int) -> ContentionReport:
    report = ContentionReport(writers=writers)
    policy = ExponentialBackoffRetry(initial_delay=0.01, max_delay=0.1)
    limits = {"max_connections": writers, "max_keepalive_connections": writers}
    import httpx

    async with (
        httpx.AsyncClient(limits=httpx.Limits(**limits), timeout=60) as http,
        AsyncConvilyn(
            api_key=api_key, base_url=base_url, retry_policy=policy, http_client=http
        ) as client,
    ):
        upload = await client.files.upload(b"PK resume " * 64, filename="resume.docx")
        job = await client.goals.start(workflow_id="goal_lane.resume_tailor", files=[upload])
        job = await client.goals.wait(job.job_spec_id, poll_interval=0.01, timeout=60)
        assert job.needs_input, job.status
        job_id, v0 = job.job_spec_id, job.item_version
        barrier = asyncio.Barrier(writers)
        recorded: list[tuple[str, str]] = []
        refused: list[tuple[str, str]] = []

        async def writer(index: int) -> None:
            slot, value = _value(index)
            try:
                await client.goals.fill_slots(job_id, {slot: value}, expected_version=v0)
                recorded.append((slot, value))
                report.fills_ok += 1
            except VersionConflictError:
                refused.append((slot, value))
                report.fills_conflict += 1
            except Exception as exc:
                report.other_errors.append(f"fill: {type(exc).__name__}: {exc}")
            await barrier.wait()
            # Every writer reads the job once all answers are in, then (once everyone has seen
            # the same ready version) all confirm against it: one wins, the rest rebase.
            seen = None
            try:
                seen = await client.goals.wait(job_id, poll_interval=0.01, timeout=60)
            except Exception as exc:
                report.other_errors.append(f"wait: {type(exc).__name__}: {exc}")
            await barrier.wait()
            if seen is None:
                return
            try:
                if str(seen.status) in ("ready", "ready_with_preview"):
                    await client.goals.confirm(job_id, expected_version=seen.item_version)
                    report.confirms_sent += 1
                report.confirms_ok += 1
            except VersionConflictError:
                report.confirms_conflict += 1
            except Exception as exc:
                report.other_errors.append(f"confirm: {type(exc).__name__}: {exc}")

        await asyncio.gather(*(writer(i) for i in range(writers)))
        final = await client.goals.retrieve(job_id)
        report.final_status = str(final.status)
        report.final_slots = {k: final.filled_slots.get(k) for k in SLOTS}
        report.confirmed = final.started_at is not None
        report.lost_updates = sum(1 for s, v in recorded if final.filled_slots.get(s) != v)
        # A refusal is right only when another answer won: refusing the winning value is spurious.
        report.spurious_conflicts = sum(1 for s, v in refused if final.filled_slots.get(s) == v)
    return report


def run_contention(*, writers: int = 100) -> ContentionReport:
    from convilyn.sandbox import Sandbox

    key = Sandbox.new_key("business")
    with (
        Sandbox(speed=0, rate_limits=False, api_key=key) as sb,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", QuotaSoftLimitWarning)
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)  # configured at start
        report = asyncio.run(contend(sb.base_url, sb.api_key, writers=writers))
        stats = sb.stats()
    report.server_409s = int(stats["byStatus"].get("409", 0))
    report.goal_jobs_created = int(stats["created"]["goalJobs"])
    # Each 409 either ended in a surfaced VersionConflictError (one per refused call, after its
    # last attempt) or was absorbed by a rebase.
    report.conflicts_resolved = max(
        0, report.server_409s - report.fills_conflict - report.confirms_conflict
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Concurrent writers on one goal job")
    parser.add_argument("--writers", type=int, default=100)
    parser.add_argument("--out", help="also append the summary to this file (Markdown)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run_contention(writers=args.writers)
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(f"```\n{report.summary()}\n```\n\n")
    if not report.ok:
        print("CONTENTION FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
