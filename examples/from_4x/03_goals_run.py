"""An AI workflow from a sync caller, answering the agent's questions as 4.1's example does."""

from __future__ import annotations

import sys

from convilyn import Convilyn, GoalJobFailedError


def main() -> int:
    with Convilyn() as client:
        file_id = client.files.upload(
            content=b"PK\x03\x04 quarterly report " * 64, filename="report.docx"
        ).file_id
        job = client.goals.run(workflow_id="goal_lane.document_summary", files=[file_id])

        while job.needs_input and job.pending_slots:
            slot = job.pending_slots[0]
            print(f"agent asks: {slot.question}")
            answer = slot.options[0] if slot.options else "no preference"
            job = client.goals.fill_slot(job.job_spec_id, slot_id=slot.slot_id, value=answer)
            job = client.goals.wait(job.job_spec_id)
            if job.status in ("ready", "ready_with_preview"):
                job = client.goals.confirm(job.job_spec_id)
                job = client.goals.wait(job.job_spec_id)

        if job.status == "completed":
            print(f"OK: {job.job_spec_id} ({job.progress}%)")
        else:
            print(f"FAILED: status={job.status}")
            return 1

        started = client.goals.start(workflow_id="goal_lane.document_summary", files=[file_id])
        print(f"started {started.job_spec_id}: {started.status}")
        client.goals.cancel(started.job_spec_id)
        return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except GoalJobFailedError as exc:
        print(f"goal job failed: {exc}", file=sys.stderr)
        raise SystemExit(3) from exc
