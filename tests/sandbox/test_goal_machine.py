"""The goal-job state machine on its own: pure, driven by a manual clock."""

from __future__ import annotations

import pytest

from convilyn.sandbox import goals
from convilyn.sandbox.catalog import BY_ID, CURATED, community_seeds
from convilyn.sandbox.clock import ManualClock


def new(
    workflow: str = "goal_lane.resume_tailor", speed: float = 1.0, **kw: object
) -> tuple[goals.GoalRun, ManualClock]:
    clock = ManualClock(speed)
    run = goals.new_run(
        "js_0123456789abcdef",
        BY_ID[workflow],
        workflow_id=workflow,
        goal_text=kw.get("goal_text"),  # type: ignore[arg-type]
        file_ids=["file_a"],
        slot_answers=kw.get("answers", {}),  # type: ignore[arg-type]
        fail_mode=kw.get("fail_mode"),  # type: ignore[arg-type]
        clock=clock,
    )
    return run, clock


def test_timed_transitions_follow_the_clock_not_the_reads() -> None:
    run, clock = new()
    assert run.status == "created"
    goals.advance(run, clock)
    assert run.status == "created"
    clock.advance(0.2)
    goals.advance(run, clock)
    assert run.status == "analyzing"
    clock.advance(10)
    goals.advance(run, clock)
    assert run.status == "slots_pending"
    # the same elapsed time read once gives the same state and events
    other, c2 = new()
    c2.advance(10.2)
    goals.advance(other, c2)
    assert [e.type for e in other.events] == [e.type for e in run.events]
    assert other.item_version == run.item_version


def test_speed_scales_durations() -> None:
    run, clock = new("goal_lane.cover_letter", speed=10)
    clock.advance(0.07)  # 0.7 simulated seconds
    goals.advance(run, clock)
    assert run.status == "ready"


def test_full_run_with_checkpoint_and_progress() -> None:
    run, clock = new(answers={"target_role": "CTO", "tone": "bold"})
    clock.advance(1)
    goals.advance(run, clock)
    assert run.status == "ready"
    goals.confirm(run, run.item_version, clock)
    clock.advance(0.5)
    goals.advance(run, clock)
    assert run.status == "executing"
    p1 = goals.progress_at(run, clock.now(), clock)
    clock.advance(0.3)
    p2 = goals.progress_at(run, clock.now(), clock)
    assert 5 <= p1 < p2 < 100
    clock.advance(1)
    goals.advance(run, clock)
    assert run.status == "slots_pending"
    assert run.checkpoint is not None
    assert run.checkpoint.checkpoint_id == "profile_review"
    assert goals.next_change_in(run, clock.now()) is None
    with pytest.raises(goals.GoalError) as err:
        goals.confirm(run, None, clock)
    assert err.value.kind == "invalid_state"
    goals.fill_slots(run, [("confirmed_titles", "CTO")], None, clock)
    assert run.status == "ready_with_preview"
    goals.confirm(run, None, clock)
    clock.advance(60)
    goals.advance(run, clock)
    assert run.status == "completed"
    assert run.progress == 100
    assert [a.output.file_name for a in run.artifacts] == ["tailored_resume.docx", "changes.md"]
    seqs = [e.seq for e in run.events]
    assert seqs == list(range(1, len(seqs) + 1))


def test_version_conflict_and_bad_answers() -> None:
    run, clock = new("goal_lane.document_summary")
    clock.advance(5)
    goals.advance(run, clock)
    with pytest.raises(goals.GoalError) as err:
        goals.fill_slots(run, [("length", "short")], run.item_version - 1, clock)
    assert err.value.kind == "version_conflict"
    assert err.value.details == {
        "currentVersion": run.item_version,
        "expectedVersion": run.item_version - 1,
    }
    for answers in ([("nope", 1)], [("length", "huge")], [("length", "")]):
        with pytest.raises(goals.GoalError) as err:
            goals.fill_slots(run, answers, None, clock)
        assert err.value.kind == "bad_answer"


def test_cancel_and_retry_rules() -> None:
    run, clock = new("goal_lane.cover_letter", fail_mode="fail")
    clock.advance(5)
    goals.advance(run, clock)
    with pytest.raises(goals.GoalError):
        goals.retry(run, "fresh_rerun", clock)
    goals.confirm(run, None, clock)
    clock.advance(60)
    goals.advance(run, clock)
    assert run.status == "failed"
    assert run.step_index == 1
    goals.retry(run, "retry_same_thread", clock)
    assert run.status == "queued"
    assert run.step_index == 1
    assert run.attempt == 2
    goals.cancel(run, clock)
    assert run.status == "cancelled"
    with pytest.raises(goals.GoalError) as err:
        goals.cancel(run, clock)
    assert err.value.kind == "already_terminal"


def test_catalog_shape() -> None:
    assert len(CURATED) >= 6
    cover = BY_ID["goal_lane.cover_letter"]
    assert cover.min_file_count == 2
    assert not cover.slots
    tailor = BY_ID["goal_lane.resume_tailor"]
    assert tailor.slots
    assert any(s.checkpoint for s in tailor.steps)
    seeds = community_seeds()
    assert len(seeds) >= 60
    assert len({s.workflow_id for s in seeds}) == len(seeds)
    assert community_seeds()[0] == seeds[0]  # deterministic


def _arrives_at_stop(run: goals.GoalRun, clock: ManualClock) -> str:
    """Sleep exactly the time next_stop_in names, and read the status then."""
    wait = goals.next_stop_in(run, clock.now(), clock)
    assert wait is not None
    clock.advance(wait)
    goals.advance(run, clock)
    return run.status


@pytest.mark.parametrize("speed", [1.0, 4.0])
def test_the_next_stop_is_named_across_the_statuses_that_only_move_progress(
    speed: float,
) -> None:
    # The poll hint: a client that sleeps it finds the job where it acts, not in between.
    run, clock = new(answers={"target_role": "CTO", "tone": "bold"}, speed=speed)
    assert _arrives_at_stop(run, clock) == "ready"  # through created and analyzing
    goals.confirm(run, run.item_version, clock)
    clock.advance(0.1 / speed)  # a poll while confirmed: the stop is as far as it was
    assert _arrives_at_stop(run, clock) == "slots_pending"  # the checkpoint, mid-execution
    assert run.checkpoint is not None
    assert goals.next_stop_in(run, clock.now(), clock) is None  # waiting for its client
    goals.fill_slots(run, [("confirmed_titles", "CTO")], None, clock)
    goals.confirm(run, None, clock)
    assert _arrives_at_stop(run, clock) == "completed"
    assert goals.next_stop_in(run, clock.now(), clock) is None


def test_the_next_stop_of_a_failing_run_is_its_failure() -> None:
    run, clock = new("goal_lane.cover_letter", fail_mode="fail")
    assert _arrives_at_stop(run, clock) == "ready"
    goals.confirm(run, run.item_version, clock)
    assert _arrives_at_stop(run, clock) == "failed"
