"""``convilyn goals status JOB --watch``: follow a goal job, one line per change, until it stops
or needs input (``client.goals.wait`` with ``on_progress``). Exit codes as ``goals wait``: 0
done, 3 failed / cancelled / timed out, 4 waiting for answers or a confirm."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ._app import Context

__all__ = ["watch"]


def _describe(snap: Any) -> tuple[str, str]:
    """``(key, line)``: what identifies a change, and how it reads."""
    status = getattr(snap.status, "value", snap.status)
    step = getattr(snap, "current_step", None)
    key = f"{status}|{snap.progress}|{step}"
    at = datetime.now(UTC).strftime("%H:%M:%S")
    line = f"{at}  {status:<18} {snap.progress:>3}%" + (f"  {step}" if step else "")
    return key, line


def watch(ctx: Context) -> int:
    from convilyn.types import GoalPhase

    from ._cmd_goals import _check_final, _job_fields, _needs_input

    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"watch goal job {job_id}"
    seen: list[str] = []

    def on_change(snap: Any) -> None:
        key, line = _describe(snap)
        if seen and seen[-1] == key:
            return
        seen.append(key)
        ctx.out.line(line)

    job = ctx.client().goals.wait(
        job_id,
        timeout=ctx.args.wait_timeout,
        idle_timeout=ctx.args.idle_timeout,
        on_progress=on_change,
    )
    on_change(job)  # the state it stopped in, unless the last change showed it already
    if job.phase in (GoalPhase.NEEDS_INPUT, GoalPhase.READY):
        raise _needs_input(job, slot_flag=False)
    _check_final(job)

    def human() -> None:
        ctx.out.line()
        _job_fields(ctx, job)

    ctx.out.result(job, human)
    return 0
