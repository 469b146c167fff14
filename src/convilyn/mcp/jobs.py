"""The goal-job tools: ``run_workflow``, ``job_status``, ``resume_job``.

``run_workflow`` drives a new job with ``goals.run`` and its callbacks; ``resume_job`` picks
one up by id and drives it with the SDK's ``next_step`` decision. Either way every question
goes to the human (:class:`_Asker`): the slot as a form; declining cancels the job, dismissing
leaves it waiting; the preview is approved or declined; the outputs are saved in the
workspace and their paths returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from convilyn import next_step
from convilyn.errors import ConflictError, ConvilynError, GoalJobFailedError, GoalJobTimeoutError
from convilyn.mcp.fence import make_dir
from convilyn.mcp.questions import (
    approval_form,
    approved,
    preview_message,
    question_form,
    question_message,
    read_answer,
)
from convilyn.mcp.tools import Session, consent, cost_lines, refusal
from convilyn.types import GoalJob, GoalJobStatus, GoalPhase, PendingSlot

if TYPE_CHECKING:
    from convilyn import AsyncConvilyn

__all__ = ["job_status", "resume_job", "run_workflow"]

RESULTS_DIR = "convilyn-results"
MAX_ROUNDS = 100
ASK_ATTEMPTS = 3


class _Stop(Exception):
    """The human stopped the drive: ``cancel`` the job, or leave it ``wait``-ing."""

    def __init__(self, how: Literal["cancel", "wait"], reason: str) -> None:
        super().__init__(reason)
        self.how = how
        self.reason = reason


# -- asking the human ---------------------------------------------------------------------------


@dataclass
class _Asker:
    """Puts a job's questions and preview to the human, and reports its progress."""

    s: Session
    workflow: str
    job_spec_id: str | None = None
    confirmed: bool = False  # approved once in this call: a job still ready is not asked again

    async def on_slot(self, slot: PendingSlot, job: GoalJob) -> Any:
        message = question_message(slot, job, self.workflow)
        for _ in range(ASK_ATTEMPTS):
            answer = await self.s.human.ask(
                message, question_form(slot), key=f"slot:{slot.slot_id}"
            )
            if answer.action == "decline":
                raise _Stop("cancel", f"you declined to answer {slot.slot_id}")
            if answer.action != "accept":
                raise _Stop("wait", f"{slot.slot_id} was not answered")
            try:
                value = read_answer(slot, answer.content)
            except ValueError as exc:
                message = (
                    f"{exc}. Please answer again.\n{question_message(slot, job, self.workflow)}"
                )
                continue
            # kept until sent: a client answering between rounds answers one question a round
            self.s.memo.setdefault("answers", {})[slot.slot_id] = value
            return value
        raise _Stop("wait", f"no usable answer to {slot.slot_id}")

    async def on_preview(self, job: GoalJob) -> bool:
        answer = await self.s.human.ask(
            preview_message(job, self.workflow), approval_form("Run"), key="preview"
        )
        if answer.action in ("cancel", "unavailable"):
            raise _Stop("wait", "the preview was not confirmed")
        return approved(answer)

    async def on_progress(self, status: GoalJobStatus) -> None:
        step = f" ({status.current_step})" if status.current_step else ""
        await self.s.human.progress(float(status.progress), 100.0, f"{status.status}{step}")

    def on_start(self, job: GoalJob) -> None:
        self.job_spec_id = job.job_spec_id
        self.s.memo["job_spec_id"] = job.job_spec_id


# -- run_workflow -------------------------------------------------------------------------------


async def run_workflow(
    s: Session,
    *,
    workflow_id: str,
    paths: Sequence[str],
    answers: Mapping[str, Any] | None = None,
    output_dir: str | None = None,
) -> dict[str, Any]:
    """Upload ``paths``, run the catalog workflow, ask its questions, save its outputs."""
    started = s.memo.get("job_spec_id")
    if started:  # a later round of this call: the job exists, drive it on
        return await resume_job(s, job_spec_id=started, answers=answers, output_dir=output_dir)
    files = [s.workspace.readable(p) for p in paths]
    out_root = s.workspace.output_path(output_dir, RESULTS_DIR)
    entry = await s.client.goals.check_inputs(workflow_id, paths=files, slots=answers)
    if entry is None:
        return refusal(
            f"{workflow_id} is not a catalog workflow",
            hint="list the runnable ones with the workflows tool (source='catalog')",
        )
    s.client.files.check(files)
    names = ", ".join(p.name for p in files) or "no files"
    what = (
        f"Convilyn will UPLOAD {len(files)} file(s) ({names}) and run the workflow "
        f"'{entry.name}' ({workflow_id}) on your account; this spends credits. "
        f"Results are saved under {out_root}."
    )
    refused = await consent(s, what, await cost_lines(s.client))
    if refused is not None:
        return refused
    uploaded = [await s.client.files.upload(p) for p in files]
    s.memo["workflow"] = f"'{entry.name}'"
    asker = _Asker(s, s.memo["workflow"])
    ask = s.human.can_ask
    try:
        job = await s.client.goals.run(
            workflow_id=workflow_id,
            files=uploaded,
            slots=answers or None,
            on_slot=asker.on_slot if ask else None,
            on_preview=asker.on_preview if ask else (_approve if s.consent_waived else None),
            on_progress=asker.on_progress,
            on_start=asker.on_start,
        )
    except (_Stop, GoalJobFailedError, GoalJobTimeoutError) as exc:
        return await _stopped(s, asker.job_spec_id, exc)
    except ConvilynError as exc:
        if asker.job_spec_id is None:  # refused at creation: the uploads stay in the storage
            return refusal(
                exc,
                uploaded=[f.file_id for f in uploaded],
                hint="no job was created; the uploaded files are in your storage "
                "(`convilyn files list`, `convilyn files delete FILE_ID`)",
            )
        return refusal(exc, job_spec_id=asker.job_spec_id, hint=_status_hint(asker.job_spec_id))
    return await _outcome(s, job, out_root, output_dir is None)


def _approve(job: GoalJob) -> bool:
    return True  # --yes on a client that cannot show the preview: approved in advance


def _status_hint(job_spec_id: str) -> str:
    return f"see where the job stands with job_status(job_spec_id='{job_spec_id}')"


async def _stopped(s: Session, job_spec_id: str | None, exc: Exception) -> dict[str, Any]:
    if job_spec_id is None:  # pragma: no cover - the callbacks only run after the start
        raise exc
    if isinstance(exc, GoalJobFailedError):
        return refusal(
            exc,
            job_spec_id=job_spec_id,
            status="failed",
            hint=f"the job failed on the service; retry it with `convilyn goals retry {job_spec_id}`",
        )
    if isinstance(exc, GoalJobTimeoutError):
        return {
            "ok": False,
            "status": "running",
            "job_spec_id": job_spec_id,
            "message": "the job is still running on the service; nothing was lost",
            "next": f"call resume_job(job_spec_id='{job_spec_id}') later to finish it",
        }
    assert isinstance(exc, _Stop)
    if exc.how == "cancel":
        job = await s.client.goals.cancel(job_spec_id)
        return {
            "ok": False,
            "status": str(job.status),
            "job_spec_id": job_spec_id,
            "message": f"{exc.reason}: the job was cancelled, as you chose; nothing more runs",
            "next": "start again with run_workflow if you change your mind",
        }
    return _waiting(await s.client.goals.retrieve(job_spec_id), exc.reason)


def _slot_view(slot: PendingSlot) -> dict[str, Any]:
    view: dict[str, Any] = {"slot_id": slot.slot_id, "question": slot.question}
    if slot.choices:
        view["choices"] = [c.value for c in slot.choices]
    if slot.suggested_value is not None:
        view["suggested"] = slot.suggested_value
    view["required"] = slot.required
    return view


def _waiting(job: GoalJob, reason: str) -> dict[str, Any]:
    waiting_for = [_slot_view(slot) for slot in job.pending_slots]
    what = "answers to the questions in waiting_for" if waiting_for else "your confirmation"
    return {
        "ok": False,
        "status": "waiting",
        "job_status": str(job.status),
        "job_spec_id": job.job_spec_id,
        "message": f"{reason}: the job is left waiting for {what}, as you chose",
        "waiting_for": waiting_for,
        "preview": job.preview,
        "next": f"call resume_job(job_spec_id='{job.job_spec_id}'"
        + (", answers={slot_id: value})" if waiting_for else ")")
        + " to continue; or cancel it with "
        + f"`convilyn goals cancel {job.job_spec_id}`",
    }


async def _outcome(s: Session, job: GoalJob, out_root: Path, per_job: bool) -> dict[str, Any]:
    phase = job.phase
    if phase is GoalPhase.SUCCEEDED:
        target = out_root / job.job_spec_id if per_job else out_root
        written, failed = await _download(s, job.job_spec_id, target)
        out: dict[str, Any] = {
            "ok": not failed,
            "status": str(job.status),
            "job_spec_id": job.job_spec_id,
            "output_dir": str(target),
            "files": written,
        }
        if failed:
            out["not_written"] = failed
            out["hint"] = (
                "the outputs stay on the service: call resume_job with another output_dir, "
                f"or `convilyn goals download {job.job_spec_id} -o DIR`"
            )
        return out
    if phase is GoalPhase.CANCELLED:
        return {
            "ok": False,
            "status": str(job.status),
            "job_spec_id": job.job_spec_id,
            "message": "the job was cancelled (you declined its preview); nothing more runs",
        }
    return _waiting(job, "nobody could answer")


async def _download(
    s: Session, job_spec_id: str, target: Path
) -> tuple[list[str], list[dict[str, str]]]:
    artifacts = await s.client.goals.artifacts(job_spec_id)
    make_dir(target)
    written: list[str] = []
    failed: list[dict[str, str]] = []
    for artifact in artifacts:
        try:
            path = await s.client.goals.download_artifact_to(
                job_spec_id, artifact.artifact_id, to=target
            )
        except (ConvilynError, OSError) as exc:
            failed.append({"file_name": artifact.file_name, "error": str(exc)})
        else:
            written.append(str(path))
    return written, failed


# -- job_status / resume_job --------------------------------------------------------------------


async def _questions(client: AsyncConvilyn, job: GoalJob) -> list[PendingSlot]:
    """The job's open questions: its pending slots, or (a service that lists them only in
    the light status) its checkpoint's."""
    if not job.needs_input or job.pending_slots:
        return list(job.pending_slots)
    checkpoint = (await client.goals.status(job.job_spec_id)).checkpoint
    if checkpoint is None:
        return []
    return [
        PendingSlot.model_validate(
            {
                "slotId": slot.slot_id,
                "slotType": slot.type,
                "question": checkpoint.step_output_preview,
                "required": True,
            }
        )
        for slot in checkpoint.slots
    ]


_NEXT = {
    "done": "finished: resume_job downloads its outputs into the workspace",
    "answer": "waits for answers: call resume_job with answers={slot_id: value}, or without "
    "them to ask you",
    "review": "waits for you to approve its preview: call resume_job",
    "confirm": "waits for a confirmation to run: call resume_job",
    "stop": "running on the service: check again later",
}


async def job_status(s: Session, *, job_spec_id: str) -> dict[str, Any]:
    """Where a goal job stands, what it waits for, what it produced; changes nothing."""
    job = await s.client.goals.retrieve(job_spec_id)
    questions = await _questions(s.client, job)
    step = next_step(job, questions, {})
    out: dict[str, Any] = {
        "ok": True,
        "job_spec_id": job.job_spec_id,
        "workflow_id": job.workflow_id,
        "status": str(job.status),
        "phase": job.phase.value,
        "progress": job.progress,
        "waiting_for": [_slot_view(q) for q in questions],
        "preview": job.preview,
        "next": _NEXT[step.kind],
    }
    if job.phase is GoalPhase.SUCCEEDED:
        out["artifacts"] = [
            {"file_name": a.file_name, "size_bytes": a.size_bytes, "primary": a.is_primary}
            for a in await s.client.goals.artifacts(job_spec_id)
        ]
    if job.phase is GoalPhase.FAILED:
        out["error"] = job.error_message or "the job failed"
        out["hint"] = f"retry it with `convilyn goals retry {job_spec_id}`"
    return out


async def resume_job(
    s: Session,
    *,
    job_spec_id: str,
    answers: Mapping[str, Any] | None = None,
    output_dir: str | None = None,
) -> dict[str, Any]:
    """Pick a job up by id and drive it on: answer what it waits for (from ``answers``, else
    the human), confirm it, wait, and save its outputs."""
    out_root = s.workspace.output_path(output_dir, RESULTS_DIR)
    job = await s.client.goals.retrieve(job_spec_id)
    asker = _Asker(s, s.memo.get("workflow") or job.workflow_id or "job", job_spec_id)
    known = dict(answers or {}) | dict(s.memo.get("answers") or {})
    try:
        for _ in range(MAX_ROUNDS):
            if job.phase is GoalPhase.RUNNING:
                job = await s.client.goals.wait(job_spec_id, on_progress=asker.on_progress)
            step = next_step(job, await _questions(s.client, job), known)
            if step.kind in ("done", "stop"):
                break
            job = await _advance(s, asker, job, step)
    except (_Stop, GoalJobFailedError, GoalJobTimeoutError) as exc:
        return await _stopped(s, job_spec_id, exc)
    return await _outcome(s, job, out_root, output_dir is None)


async def _advance(s: Session, asker: _Asker, job: GoalJob, step: Any) -> GoalJob:
    if step.kind == "answer":
        return await _answer(s, asker, job, step)
    if not asker.confirmed:
        await _approve_run(s, asker, job, review=step.kind == "review")
    asker.confirmed = True
    try:
        return await s.client.goals.confirm(job.job_spec_id, expected_version=job.item_version)
    except ConflictError as exc:
        if type(exc) is not ConflictError:
            raise
        return await s.client.goals.retrieve(job.job_spec_id)  # confirmed by another writer


async def _answer(s: Session, asker: _Asker, job: GoalJob, step: Any) -> GoalJob:
    values = dict(step.answers)
    for slot in step.missing:
        if s.human.can_ask:
            values[slot.slot_id] = await asker.on_slot(slot, job)
        elif slot.required:
            raise _Stop("wait", f"{slot.slot_id} needs an answer and this client cannot ask")
    if not values:
        raise _Stop("wait", "the job waits for input the service does not describe")
    job = await s.client.goals.fill_slots(
        job.job_spec_id, values, expected_version=job.item_version
    )
    s.memo.pop("answers", None)  # sent
    return job


async def _approve_run(s: Session, asker: _Asker, job: GoalJob, *, review: bool) -> None:
    """The human approves the preview (``review``) or the spending of a confirm; a refusal
    raises :class:`_Stop`: ``cancel`` for a declined preview, ``wait`` otherwise."""
    if review and s.human.can_ask:
        if not await asker.on_preview(job):
            raise _Stop("cancel", "you declined the preview")
        return
    if review and not s.consent_waived:
        raise _Stop("wait", "this client cannot show the preview to approve")
    what = f"Convilyn will run job {job.job_spec_id} ({job.workflow_id}); this spends credits."
    refused = await consent(s, what, await cost_lines(s.client))
    if refused is not None:
        raise _Stop("wait", refused["error"])
