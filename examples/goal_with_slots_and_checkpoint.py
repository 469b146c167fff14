"""Run a goal-lane workflow end to end: answers given up front, a mid-run checkpoint answered
by a callback, the plan preview approved, and the outputs downloaded.

    CONVILYN_API_KEY=ck_... python examples/goal_with_slots_and_checkpoint.py resume.docx
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from convilyn import Convilyn, ConvilynError, GoalJob, GoalJobFailedError, PendingSlot


def on_slot(slot: PendingSlot, job: GoalJob) -> str:
    """Called for every question not answered up front (here: the checkpoint)."""
    print(f"[{job.status}] {slot.question}")
    if slot.options:
        print(f"  options: {slot.options}")
    answer = "Senior Engineer, Tech Lead"
    print(f"  -> {answer}")
    return answer


def on_preview(job: GoalJob) -> bool:
    print(f"preview: {job.agent_message}")
    return True  # False would cancel the job


def main(argv: list[str]) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="convilyn-example-"))
    resume = Path(argv[1]) if len(argv) > 1 else workdir / "resume.docx"
    if len(argv) <= 1:
        resume.write_bytes(b"PK\x03\x04 Jane Doe, engineer " * 64)
    try:
        with Convilyn.from_env() as client:
            uploaded = client.files.upload(resume)
            job = client.goals.run(
                workflow_id="goal_lane.resume_tailor",
                files=[uploaded],
                slots={"target_role": "Staff Engineer", "tone": "professional"},
                on_slot=on_slot,
                on_preview=on_preview,
                on_progress=lambda s: print(f"  {s.status} {s.progress}%"),
            )
            print(f"job {job.job_spec_id}: {job.status}")
            for artifact in client.goals.artifacts(job.job_spec_id):
                path = client.goals.download_artifact_to(
                    job.job_spec_id, artifact.artifact_id, to=workdir, overwrite=True
                )
                print(f"  {artifact.description}: {path}")
    except GoalJobFailedError as exc:
        print(f"the job failed [{exc.code}]: {exc.message}", file=sys.stderr)
        if exc.retryable:
            print("retry it for free with client.goals.retry(job_spec_id)", file=sys.stderr)
        return 1
    except ConvilynError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
