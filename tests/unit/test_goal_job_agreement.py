"""``GoalJob`` (the full read) and ``GoalJobStatus`` (the light poll) describe one job and
answer ``is_terminal`` / ``needs_input`` alike, whatever spelling of a status the service sends
(the live service and older servers say ``slot_needed`` for ``slots_pending``, ``canceled`` for
``cancelled``). Public API only, so these run against any version of the SDK.
"""

from __future__ import annotations

import pytest
from facade_helpers import goal_job, pending_slot

from convilyn.types import GoalJob, GoalJobStatus

# (status, terminal, needs input): the spec's statuses, their other spellings, an unknown one.
CASES = [
    ("draft", False, False),
    ("created", False, False),
    ("pending", False, False),
    ("analyzing", False, False),
    ("slots_pending", False, True),
    ("slot_needed", False, True),
    ("SLOTS_PENDING", False, True),
    ("ready", False, False),
    ("ready_with_preview", False, False),
    ("confirmed", False, False),
    ("confirming", False, False),
    ("queued", False, False),
    ("executing", False, False),
    ("running", False, False),
    ("completed", True, False),
    ("partial", True, False),
    ("failed", True, False),
    ("cancelled", True, False),
    ("canceled", True, False),
    ("brand_new_status", False, False),
]


def test_a_goal_job_in_slot_needed_needs_input_like_its_status() -> None:
    job = GoalJob.model_validate(
        goal_job(status="slot_needed", pendingSlots=[pending_slot("tone")], itemVersion=4)
    )
    status = GoalJobStatus.model_validate({"status": "slot_needed", "progress": 20})
    assert status.needs_input
    assert job.needs_input
    assert not job.is_terminal


def test_a_canceled_job_is_terminal_like_its_status() -> None:
    job = GoalJob.model_validate(goal_job(status="canceled"))
    status = GoalJobStatus.model_validate({"status": "canceled", "progress": 0})
    assert status.is_terminal
    assert job.is_terminal


@pytest.mark.parametrize(("status", "terminal", "needs_input"), CASES)
def test_the_job_and_its_status_agree(status: str, terminal: bool, needs_input: bool) -> None:
    job = GoalJob.model_validate(goal_job(status=status))
    light = GoalJobStatus.model_validate({"status": status, "progress": 0})
    assert (job.is_terminal, job.needs_input) == (terminal, needs_input)
    assert (light.is_terminal, light.needs_input) == (terminal, needs_input)
