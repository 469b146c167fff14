"""The goal-status vocabulary (``convilyn._goal_status``): one reading of every status.

Every status of the spec's enum is in exactly one group, so a status the spec adds cannot go
silently unknown (read as running) in this SDK; the other spellings the live service and older
servers use read as their canonical status; and the end of an event stream is read from them
too. (That ``GoalJob`` and ``GoalJobStatus`` answer from them: test_goal_job_agreement.py.)
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from convilyn import _goal_status as vocab
from convilyn._goal_status import GoalPhase, ends_event_stream, goal_phase, normalize_goal_status
from convilyn.lowlevel.models.goal_job_status_value import (
    GoalJobStatusValue as LowlevelGoalJobStatusValue,
)
from convilyn.sandbox import goals as sandbox_goals
from convilyn.types import GoalEvent, GoalJobStatusValue

ALL = {s.value for s in GoalJobStatusValue}


def test_every_status_of_the_spec_is_in_exactly_one_group() -> None:
    for a, b in combinations(vocab.GOAL_GROUPS, 2):
        assert not a & b, f"{sorted(a & b)} in two groups"
    grouped = {s.value for group in vocab.GOAL_GROUPS for s in group}
    assert grouped == ALL, f"not in any group: {sorted(ALL - grouped)}"


def test_both_generated_enums_list_the_same_statuses() -> None:
    assert {s.value for s in LowlevelGoalJobStatusValue} == ALL


@pytest.mark.parametrize("status", sorted(ALL))
def test_each_status_reads_as_itself_and_has_one_phase(status: str) -> None:
    assert normalize_goal_status(status) == status
    groups = [g for g in vocab.GOAL_GROUPS if status in g]
    assert len(groups) == 1
    assert goal_phase(status).is_terminal is (status in vocab.GOAL_TERMINAL)
    assert (goal_phase(status) is GoalPhase.NEEDS_INPUT) is (status in vocab.GOAL_NEEDS_INPUT)
    assert (goal_phase(status) is GoalPhase.READY) is (status in vocab.GOAL_READY)


def test_the_groups_hold_enum_members() -> None:
    for group in vocab.GOAL_GROUPS:
        assert all(isinstance(s, GoalJobStatusValue) for s in group)
    assert vocab.GOAL_TERMINAL == vocab.GOAL_SUCCEEDED | vocab.GOAL_FAILED | vocab.GOAL_CANCELLED


def test_aliases_name_known_statuses_and_shadow_none() -> None:
    for alias, canonical in vocab.GOAL_ALIASES.items():
        assert alias not in ALL
        assert canonical in GoalJobStatusValue
        assert normalize_goal_status(alias) == canonical.value
        assert normalize_goal_status(alias.upper()) == canonical.value
        assert goal_phase(alias) is goal_phase(canonical)


def test_an_unknown_status_passes_through_and_reads_as_running() -> None:
    assert normalize_goal_status("brand_new_status") == "brand_new_status"
    assert goal_phase("brand_new_status") is GoalPhase.RUNNING


def test_the_sandbox_groups_agree_with_the_sdk() -> None:
    assert sandbox_goals.TERMINAL == vocab.GOAL_TERMINAL
    assert sandbox_goals.FINISHED == vocab.GOAL_SUCCEEDED
    assert sandbox_goals.CONFIRMABLE == vocab.GOAL_READY
    assert sandbox_goals.RUNNING == vocab.GOAL_RUNNING_AFTER_CONFIRM
    assert sandbox_goals.SLOT_EDITABLE == (
        vocab.GOAL_PREPARING | vocab.GOAL_NEEDS_INPUT | vocab.GOAL_READY
    )
    assert vocab.GOAL_TERMINAL - {GoalJobStatusValue.completed} == sandbox_goals.RETRYABLE


# -- the end of an event stream --------------------------------------------------------------


def event(type_: str, **data: Any) -> GoalEvent:
    return GoalEvent.model_validate(
        {
            "type": type_,
            "schemaVersion": 1,
            "jobSpecId": "job_1",
            "emittedAt": "2026-01-01T00:00:00Z",
            "seq": 1,
            "data": data,
        }
    )


@pytest.mark.parametrize(
    ("type_", "data", "ends"),
    [
        ("completed", {"status": "completed"}, True),
        ("completed", {"status": "partial"}, True),
        ("failed", {"status": "failed"}, True),
        ("cancelled", {}, True),  # not in the spec; ended streams before, still does
        ("status", {"status": "cancelled"}, True),  # the sandbox's (and spec's) cancel
        ("status", {"status": "canceled"}, True),
        # these are followed by their own completed / failed event
        ("status", {"status": "completed"}, False),
        ("status", {"status": "partial"}, False),
        ("status", {"status": "failed"}, False),
        ("status", {"status": "executing"}, False),
        ("status", {}, False),
        ("progress", {"progress": 40}, False),
        ("slot_needed", {}, False),
        ("keepalive", {}, False),
        ("brand_new_event", {"status": "cancelled"}, False),
    ],
)
def test_which_events_end_a_stream(type_: str, data: dict[str, Any], ends: bool) -> None:
    assert ends_event_stream(type_, data) is ends
    assert event(type_, **data).is_terminal is ends
