"""Talk a workflow into existence with the Builder, run it, see its runs, back it up.

CONVILYN_API_KEY=ck_... python examples/builder_to_run.py ["what the workflow should do"]
"""

from __future__ import annotations

import json
import sys

from convilyn import Convilyn, ConvilynError, PlanRequiredError


def main(argv: list[str]) -> int:
    goal = argv[1] if len(argv) > 1 else "Summarise an invoice into a short note"
    try:
        with Convilyn.from_env() as client:
            try:
                session = client.builder.create_session(builder_mode="from_scratch")
            except PlanRequiredError as exc:
                print(f"the Builder needs the Pro plan: {exc.upgrade_url}")
                return 0
            turn = client.builder.send_message(session.chat_id, goal)
            for _ in range(5):  # a few turns: answer its questions, then register the draft
                print(f"[{turn.verdict_action}] {turn.messages[-1].content}")
                if turn.verdict_action == "register":
                    break
                if turn.pending_slots:
                    options = turn.pending_slots[0].options or ["yes"]
                    reply = str(options[0])
                else:
                    reply = "register"
                turn = client.builder.send_message(session.chat_id, reply)
            workflow_id = turn.registered_workflow_id
            if workflow_id is None:
                print(f"the Builder did not register a workflow ({turn.verdict_action})")
                return 1

            job = client.goals.run(user_workflow_id=workflow_id)
            print(f"ran {workflow_id}: {job.status}")
            for run in client.user_workflows.runs(workflow_id):
                print(f"  run {run.job_spec_id}: {run.status}")
            backup = client.user_workflows.export(workflow_id)
            print(f"export (schema {backup.schema_version}): {json.dumps(backup.document)[:80]}...")
            quota = client.builder.quota()
            print(f"Builder turns left this window: {quota.remaining} of {quota.limit}")
    except ConvilynError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
