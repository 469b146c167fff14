"""The chaos soak at CI size: goal jobs through AsyncConvilyn against a sandbox that faults
over 20% of the API requests (5xx, HTML 502s, 429 storms, resets before processing and
*processed-then-reset*). Each job uploads a file, answers two pre-execution slots and a
mid-execution checkpoint, and downloads its result ZIP.

Default profile (the sandbox honours ``Idempotency-Key`` and the client trusts it): every job
completes, exactly one file and one goal job per job, no answer lost. Live profile (the key is
ignored, as by the live service; the client keeps its conservative default): no duplicate and
no lost answer, and every job that does not complete was stopped as the typed
``AmbiguousWriteError``. The full runs are ``make soak`` (1000 jobs, both profiles).
"""

from __future__ import annotations

from soak import run_soak

JOBS = 40


def test_chaos_soak_completes_every_job_without_duplicates_or_lost_answers() -> None:
    report = run_soak(jobs=JOBS, concurrency=20)
    print(report.summary())
    assert report.failures == []
    assert report.completed == JOBS
    assert report.downloads_ok == JOBS
    assert report.duplicate_files == 0
    assert report.duplicate_goal_jobs == 0
    assert report.answers_lost == 0
    # The chaos was real: at least a fifth of the requests were faulted, including
    # processed-then-reset ones that the Idempotency-Key turned into replays.
    assert report.fault_rate >= 0.2
    assert report.faults_injected["reset_after"] > 0
    assert report.idempotent_replays > 0
    assert report.retries_total >= sum(report.faults_injected.values())


def test_live_profile_soak_never_duplicates_and_types_every_unsafe_job() -> None:
    report = run_soak(jobs=JOBS, concurrency=20, profile="live")
    print(report.summary())
    assert report.failures == []
    assert report.duplicate_files == 0
    assert report.duplicate_goal_jobs == 0
    assert report.answers_lost == 0
    assert report.completed + report.ambiguous == JOBS
    assert report.downloads_ok == report.completed
    assert report.ambiguous > 0  # the faults hit creates: the typed error was really raised
    assert report.idempotent_replays == 0  # the live profile ignores the key
    assert report.fault_rate >= 0.2


def test_trusting_keys_the_live_profile_ignores_duplicates_jobs() -> None:
    """The control: what the default's caution prevents. Re-sending creates whose first
    attempt was processed makes second jobs where the key is ignored. Only processed-then-reset
    faults here, at a rate that hits some of the ~80 creates in every run (at the mixed chaos's
    5% a run without one happened: the control must not depend on luck)."""
    report = run_soak(
        jobs=JOBS, concurrency=20, chaos="reset_after=0.2", profile="live", trust_keys=True
    )
    print(report.summary())
    assert report.duplicate_goal_jobs + report.duplicate_files > 0
