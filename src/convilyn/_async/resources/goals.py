"""``client.goals``: goal-lane (multi-step workflow) jobs, slot filling and the ``run`` driver."""

from __future__ import annotations

import inspect
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from convilyn._async._goal_outputs import AsyncGoalOutputs
from convilyn._async._goal_run import (
    AsyncGoalRun,
    OnPreview,
    OnProgress,
    OnSlot,
    OnStart,
    approve,
    pre_execution_answers,
)
from convilyn._async._goal_writes import Confirm, FillSlots, settled_by_state
from convilyn._async._understand import finish, run_understand
from convilyn._backends import AsyncProbe, async_maybe_await
from convilyn._bodies import answers_to_wire, given
from convilyn._files import prepare_upload
from convilyn._goal_inputs import (
    InputFile,
    check_slot_keys,
    check_workflow_inputs,
    needs_plan_check,
    plan_needed,
)
from convilyn._goal_status import (
    GOAL_CANCELLED,
    GOAL_FAILED,
    GoalPhase,
    goal_phase,
    normalize_goal_status,
)
from convilyn._polling import PollSchedule
from convilyn._understand import EXTRACT_WORKFLOW_ID, check_files, check_schema
from convilyn.errors import (
    APIError,
    GoalJobFailedError,
    GoalJobTimeoutError,
    NotFoundError,
    PlanRequiredError,
)
from convilyn.lowlevel.api.goals import (
    cancel_goal_job,
    create_goal_job,
    get_goal_job,
    get_goal_job_status,
    retry_goal_job,
)
from convilyn.lowlevel.models import CreateGoalJobRequest as _CreateGoalJobRequest
from convilyn.lowlevel.models import RerunMode as _RerunMode
from convilyn.lowlevel.models import RetryGoalJobRequest as _RetryGoalJobRequest
from convilyn.lowlevel.types import UNSET
from convilyn.types import (
    CatalogWorkflow,
    File,
    GoalJob,
    GoalJobStatus,
    UploadedFile,
)

# unasync: async-only
if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from convilyn.types import GoalEvent
# unasync: end


__all__ = ["AsyncGoals"]

DEFAULT_TIMEOUT = 600.0
DEFAULT_MAX_ROUNDS = 100
UNDERSTAND_TIMEOUT = 300.0  # understand / to_markdown / extract: the vendor's 4.1 defaults
UNDERSTAND_POLL_INTERVAL = 1.0

FileRef = str | File | UploadedFile


def _file_ids(files: Iterable[FileRef] | None) -> list[str]:
    ids: list[str] = []
    for f in files or ():
        if isinstance(f, File | UploadedFile):
            ids.append(f.file_id)
        elif isinstance(f, str) and f:
            ids.append(f)
        else:
            raise TypeError(
                f"files= takes File objects or file ids; got {type(f).__name__}. "
                "Upload local files with client.files.upload() first."
            )
    return ids


_Target = TypeVar("_Target", bound=Callable[..., Any])


def _with_signature_of(target: _Target) -> Callable[[Callable[..., Any]], _Target]:
    """Give a thin wrapper its target's parameters (for mypy, help() and IDEs) instead of
    re-declaring them."""

    def wrap(wrapper: Callable[..., Any]) -> _Target:
        wrapper.__signature__ = inspect.signature(target)  # type: ignore[attr-defined]
        return cast("_Target", wrapper)

    return wrap


def _status_from_job(job: GoalJob) -> GoalJobStatus:
    return GoalJobStatus.model_validate(
        {
            "status": normalize_goal_status(job.status),
            "progress": job.progress,
            "itemVersion": job.item_version,
            "error": job.error_message,
            "checkpoint": _checkpoint_of(job),
        }
    )


def _checkpoint_of(job: GoalJob) -> dict[str, Any] | None:
    """The checkpoint a full job describes in its (opaque) interrupts, as ``/status`` would."""
    if not job.needs_input:
        return None
    types = {slot.slot_id: slot.slot_type for slot in job.pending_slots}
    for interrupt in job.pending_interrupts:
        extra = interrupt.model_extra or {}
        checkpoint_id, preview = extra.get("checkpointId"), extra.get("stepOutputPreview")
        if isinstance(checkpoint_id, str) and isinstance(preview, str):
            ids = [i for i in extra.get("slotIds") or [] if isinstance(i, str)]
            slots = [{"slotId": i, "type": str(types.get(i, "text"))} for i in ids]
            return {"checkpointId": checkpoint_id, "stepOutputPreview": preview, "slots": slots}
    return None


def _fingerprint(snap: GoalJobStatus) -> tuple[Any, ...]:
    checkpoint = snap.checkpoint.checkpoint_id if snap.checkpoint else None
    return (normalize_goal_status(snap.status), snap.progress, snap.item_version, checkpoint)


class AsyncGoals(AsyncGoalOutputs):
    """Goal-lane jobs: start, watch, answer slots, confirm, and fetch the outputs."""

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(
        self,
        *,
        workflow_id: str | None = None,
        user_workflow_id: str | None = None,
        goal_text: str | None = None,
        files: Sequence[FileRef] | None = None,
        slots: Mapping[str, Any] | None = None,
        llm_config_id: str | None = None,
    ) -> GoalJob:
        """Create a job from exactly one source: a catalog ``workflow_id``, your
        ``user_workflow_id``, or free ``goal_text``. ``slots`` answers questions up front
        (``{slot_id: value}``)."""
        sources = {
            "workflow_id": workflow_id,
            "user_workflow_id": user_workflow_id,
            "goal_text": goal_text,
        }
        chosen = [name for name, value in sources.items() if value is not None]
        if len(chosen) != 1:
            raise TypeError(
                "start() takes exactly one of workflow_id=, user_workflow_id= or goal_text= "
                f"(got {', '.join(chosen) or 'none'})"
            )
        file_ids = _file_ids(files)
        if goal_text is not None and not file_ids:
            raise ValueError("files= is required with goal_text=")
        body = _CreateGoalJobRequest(
            file_ids=file_ids,
            workflow_id=given(workflow_id),
            user_workflow_id=given(user_workflow_id),
            goal_text=given(goal_text),
            slot_answers=answers_to_wire(slots) if slots else UNSET,
            llm_config_id=given(llm_config_id),
        )
        pipe = self._pipeline
        response = await pipe.call(create_goal_job.asyncio_raw, body=body)
        return pipe.parse(GoalJob, response)

    async def check_inputs(
        self,
        workflow_id: str,
        *,
        paths: Sequence[str | os.PathLike[str]] = (),
        files: Sequence[FileRef] = (),
        slots: Mapping[str, Any] | None = None,
    ) -> CatalogWorkflow | None:
        """Check local files (``paths``) and stored ones (``files``) against what the catalog
        says ``workflow_id`` takes, and the key's plan against the plan it needs, before
        anything is uploaded: a missing, unreadable, empty or oversized file raises as
        ``files.upload`` would, an unsuitable set or an answer (``slots``) whose key is a
        near miss of a question it asks ``UnsuitableInputError``, a plan too low
        ``PlanRequiredError``. Returns the catalog entry; ``None`` (nothing checked but the
        local files) for a workflow the catalog does not list.
        """
        inputs = [InputFile(s.filename, s.size) for s in map(prepare_upload, paths)]
        for ref in files:
            if isinstance(ref, File | UploadedFile):
                inputs.append(InputFile(ref.filename, ref.size))
            else:
                inputs.append(InputFile(None))
        catalog = await self._client.workflows.catalog()
        entry = next((w for w in catalog if w.workflow_id == workflow_id), None)
        if entry is None:
            return None
        check_workflow_inputs(entry, inputs)
        check_slot_keys(entry, slots or {})
        if needs_plan_check(entry):
            tier = str((await self._client.account.get_plan()).tier)
            needed = plan_needed(entry, tier)
            if needed is not None:
                raise PlanRequiredError(
                    f"{workflow_id} needs the {needed} plan; this key is on {tier} "
                    "(the catalog says so: nothing was uploaded or run)",
                    status_code=402,
                    code=f"{needed.upper()}_TIER_REQUIRED",
                    details={"workflowId": workflow_id},
                )
        return entry

    async def retrieve(self, job_spec_id: str) -> GoalJob:
        """The job's full current state."""
        pipe = self._pipeline
        return pipe.parse(GoalJob, await pipe.call(get_goal_job.asyncio_raw, job_spec_id))

    async def status(self, job_spec_id: str) -> GoalJobStatus:
        """The light status (status, progress, version, checkpoint, suggested poll interval).

        Where the service has no status endpoint (the live service answers 404 for it), it is
        derived from the full job: the checkpoint and the poll hint are then absent.
        """
        return (await self._snapshot(job_spec_id))[0]

    async def _snapshot(
        self, job_spec_id: str, *, whole: bool = False
    ) -> tuple[GoalJobStatus, GoalJob | None]:
        """One poll: the light status when the server has it, else (or when the ``whole`` job
        is wanted) derived from the full job."""
        pipe = self._pipeline
        absent, probes = pipe.shared.absent_operations, pipe.shared.probes
        light = not whole and "getGoalJobStatus" not in absent
        probe, first = probes.get("getGoalJobStatus"), False
        if light and probe is None:
            # The client's first light poll finds out whether the server has /status (the
            # live service answers 404); setdefault: one probe even across threads.
            mine = AsyncProbe()
            probe = probes.setdefault("getGoalJobStatus", mine)
            first = probe is mine
        if light and probe is not None and not first and not probe.is_answered:
            await probe.wait()
            light = "getGoalJobStatus" not in absent
        if light:
            try:
                response = await pipe.call(get_goal_job_status.asyncio_raw, job_spec_id)
                return pipe.parse(GoalJobStatus, response), None
            except NotFoundError:
                job = await self.retrieve(job_spec_id)  # a missing job raises here
                absent.add("getGoalJobStatus")  # the job exists: the server lacks /status
                return _status_from_job(job), job
            finally:
                if first and probe is not None:
                    probe.answered()
        job = await self.retrieve(job_spec_id)
        return _status_from_job(job), job

    async def wait(
        self,
        job_spec_id: str,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        idle_timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: OnProgress | None = None,
        stop_on: Iterable[str] | None = None,
    ) -> GoalJob:
        """Poll until the job needs something or is done, and return it.

        Returns on a terminal status (``completed``, ``partial``, ``cancelled``), when input is
        needed (``slots_pending``: answer with :meth:`fill_slots`), when it waits for a confirm
        (``ready`` / ``ready_with_preview``: :meth:`confirm`), or on any status in ``stop_on``.
        ``failed`` raises ``GoalJobFailedError``.

        The interval follows the server's ``suggestedPollIntervalMs``, else starts at
        ``poll_interval`` (1 s) and backs off while nothing changes. ``on_progress(status)``
        runs on every change (the async client also accepts a coroutine function).
        ``GoalJobTimeoutError`` after ``timeout`` seconds overall or ``idle_timeout`` seconds
        without change. Unknown statuses keep polling.
        """
        return await self._poll(
            job_spec_id,
            timeout=timeout,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            stop_on=stop_on,
        )

    async def _poll(
        self,
        job_spec_id: str,
        *,
        timeout: float | None,  # noqa: ASYNC109 (a polling budget)
        idle_timeout: float | None,
        poll_interval: float | None,
        on_progress: OnProgress | None,
        stop_on: Iterable[str] | None = None,
        through: frozenset[str] = frozenset(),
    ) -> GoalJob:
        """:meth:`wait`, polling on through the statuses in ``through`` too (a job still
        ``ready`` right after an accepted confirm is starting, not waiting for another)."""
        extra = {normalize_goal_status(s) for s in (stop_on or ())}
        schedule = PollSchedule(
            started_at=self._time.monotonic(),
            timeout=timeout,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
            watching=on_progress is not None,
        )
        while True:
            snap, job = await self._snapshot(job_spec_id, whole=schedule.next_at_stop)
            now = self._time.monotonic()
            changed = schedule.observe(
                _fingerprint(snap), now=now, hint_ms=snap.suggested_poll_interval_ms
            )
            if changed and on_progress is not None:
                await async_maybe_await(on_progress(snap))
            status = normalize_goal_status(snap.status)
            phase = goal_phase(status)
            if (phase is not GoalPhase.RUNNING and status not in through) or status in extra:
                if job is None:
                    job = await self.retrieve(job_spec_id)
                if goal_phase(job.status) is GoalPhase.FAILED:
                    raise GoalJobFailedError(job)
                return job
            reason = schedule.expired(now)
            if reason is not None:
                raise GoalJobTimeoutError(
                    job_spec_id=job_spec_id,
                    elapsed=schedule.elapsed(now),
                    timeout=(idle_timeout if reason == "idle" else timeout) or 0.0,
                    reason=reason,
                    last_status=status,
                )
            await self._time.sleep(schedule.next_delay(now))

    # -- slots and confirmation (optimistic lock with rebase) ---------------------------------

    async def fill_slot(
        self,
        job_spec_id: str,
        *,
        slot_id: str,
        value: Any,
        expected_version: int | None = None,
    ) -> GoalJob:
        """Answer one slot; see :meth:`fill_slots`."""
        return await self.fill_slots(
            job_spec_id, {slot_id: value}, expected_version=expected_version
        )

    async def fill_slots(
        self,
        job_spec_id: str,
        answers: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> GoalJob:
        """Answer slots (``{slot_id: value}``) in one request and return the updated job.

        With ``expected_version`` the write is conditional. On a version conflict the SDK
        re-reads the job: answers to slots that are still pending are sent again against the
        current version (bounded retries); answers the job already holds are not resent; if a
        slot was answered differently meanwhile, or the job ended, ``VersionConflictError``
        (with both versions and the current job) is raised. Never a lost answer, never a blind
        overwrite.
        """
        answers_to_wire(answers)  # validate before any request
        return await FillSlots(self, job_spec_id, f"answer slots of {job_spec_id}").write(
            dict(answers), expected_version
        )

    async def confirm(self, job_spec_id: str, *, expected_version: int | None = None) -> GoalJob:
        """Confirm a ``ready`` job (start or resume execution) and return its new state.

        On a version conflict the job is re-read: still confirmable → confirmed against the
        current version; already confirmed → returned as is; otherwise
        ``VersionConflictError``.
        """
        return await Confirm(self, job_spec_id, f"confirm {job_spec_id}").write(
            None, expected_version
        )

    async def _confirm_and_poll_on(self, job: GoalJob) -> GoalJob:
        """:meth:`confirm` for a driver that polls next: ``job`` is returned as it was read
        (still ``ready``) once the confirm is accepted, without reading it again."""
        what = f"confirm {job.job_spec_id}"
        write = Confirm(self, job.job_spec_id, what, polled_on=job)
        return await write.write(None, job.item_version)

    async def cancel(self, job_spec_id: str) -> GoalJob:
        """Cancel the job and return its state (409 ``ConflictError`` if already terminal)."""
        try:
            await self._pipeline.call(cancel_goal_job.asyncio_raw, job_spec_id)
        except APIError as exc:
            if not (settled_by_state(exc) and await self._is(job_spec_id, GOAL_CANCELLED)):
                raise
        return await self.retrieve(job_spec_id)

    async def retry(
        self,
        job_spec_id: str,
        *,
        rerun_mode: Literal["retry_same_thread", "fresh_rerun"] = "retry_same_thread",
        reason: str | None = None,
    ) -> GoalJob:
        """Re-run a failed job under the same id (free): resume the thread or start fresh."""
        body = _RetryGoalJobRequest(rerun_mode=_RerunMode(rerun_mode), reason=given(reason))
        try:
            await self._pipeline.call(retry_goal_job.asyncio_raw, job_spec_id, body=body)
        except APIError as exc:
            # A re-sent retry that the service refuses because the first one already
            # restarted the job has done its work.
            if not (settled_by_state(exc) and not await self._is(job_spec_id, GOAL_FAILED)):
                raise
        return await self.retrieve(job_spec_id)

    async def _is(self, job_spec_id: str, statuses: frozenset[str]) -> bool:
        job = await self.retrieve(job_spec_id)
        return normalize_goal_status(job.status) in statuses

    # -- drivers ------------------------------------------------------------------------------

    async def run(
        self,
        *,
        workflow_id: str | None = None,
        user_workflow_id: str | None = None,
        goal_text: str | None = None,
        files: Sequence[FileRef] | None = None,
        slots: Mapping[str, Any] | None = None,
        on_slot: OnSlot | None = None,
        on_preview: OnPreview | None = None,
        on_progress: OnProgress | None = None,
        on_start: OnStart | None = None,
        llm_config_id: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        idle_timeout: float | None = None,
        poll_interval: float | None = None,
        max_rounds: int = DEFAULT_MAX_ROUNDS,
    ) -> GoalJob:
        """Start a job and drive it to a terminal state.

        Questions are answered from ``slots`` (answers given up front, for questions asked
        before execution or at any later checkpoint), then by ``on_slot(slot, job)`` for the
        rest, checkpoints included (the async client also accepts coroutine functions). A
        ``ready`` job is confirmed (a 409 saying another writer confirmed it first is taken as
        done). A ``ready_with_preview`` job is confirmed when ``on_preview(job)`` returns true,
        cancelled and returned when it returns false, and returned unconfirmed when there is
        no ``on_preview``: confirming spends, and the preview is there to be approved. A
        required question that neither answers stops the drive: the job is returned with
        ``needs_input`` true. ``on_start(job)`` is called once, right after the job is created
        (to learn its id before the first wait); ``on_progress(status)`` on every change seen
        while waiting. Exceptions raised by a callback propagate unchanged and leave the job
        as it is.

        ``failed`` raises ``GoalJobFailedError``; ``timeout`` / ``idle_timeout`` /
        ``max_rounds`` raise ``GoalJobTimeoutError``.
        """
        known = dict(slots or {})
        drive = AsyncGoalRun(
            self,
            self._time,
            answers=known,
            on_slot=on_slot,
            on_preview=on_preview,
            on_progress=on_progress,
            timeout=timeout,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
            started=self._time.monotonic(),
        )
        up_front = await pre_execution_answers(self._client.workflows, workflow_id, known)
        drive.asked.update(up_front)  # sent with the create: asked and answered
        job = await self.start(
            workflow_id=workflow_id,
            user_workflow_id=user_workflow_id,
            goal_text=goal_text,
            files=files,
            slots=up_front or None,
            llm_config_id=llm_config_id,
        )
        if on_start is not None:
            await async_maybe_await(on_start(job))
        job = await drive.drive(job, max_rounds)
        drive.warn_unused(job)
        return job

    @_with_signature_of(run)
    async def run_interactive(self, **params: Any) -> GoalJob:
        """:meth:`run` with a required ``on_slot`` callback (the vendor SDK's name).

        As in the vendor's 4.x, a preview is approved when there is no ``on_preview``: the
        caller of the interactive driver has asked for the whole run.
        """
        if params.get("on_slot") is None:
            raise TypeError("run_interactive() requires on_slot=")
        if params.get("on_preview") is None:
            params["on_preview"] = approve
        return await self.run(**params)

    # -- structured results: JSON into your schema, Markdown --------------------------------

    async def understand(
        self,
        files: Sequence[FileRef],
        *,
        schema: Mapping[str, Any],
        instructions: str | None = None,
        timeout: float | None = UNDERSTAND_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        poll_interval: float | None = UNDERSTAND_POLL_INTERVAL,
        idle_timeout: float | None = None,
    ) -> Any:
        """Extract ``files`` (one per request, today: the service refuses more, at no cost)
        into your JSON Schema ``schema`` and return the parsed JSON result (usually a dict),
        grounded against the inputs by the service. ``instructions`` steer it in words.

        The job is created with ``outputSchema``, confirmed when it is ``ready`` and waited
        for (``timeout`` / ``idle_timeout`` / ``poll_interval`` as in :meth:`wait`); each call
        is a new, charged job (a failed one: :meth:`retry`, free, same job).

        Raises ``ValueError`` (no files, or the job stopped to ask: the wrong method for it) or
        ``TypeError`` (``schema`` not a dict) before any request;
        ``UnderstandUnavailableError`` when the service refuses the shape (400/404/422/501,
        with its reason); ``GoalArtifactUnusableError`` when the finished job's JSON is
        missing, over 8 MiB or unparsable (``reason`` says which and how to recover);
        ``GoalJobFailedError`` / ``GoalJobTimeoutError``; a 402/429/5xx as its own APIError.
        """
        check_files("understand", files)
        body_schema = check_schema(schema)
        return await run_understand(
            self,
            _file_ids(files),
            method="understand",
            kind="json",
            schema=body_schema,
            instructions=instructions,
            timeout=timeout,
            poll_interval=poll_interval,
            idle_timeout=idle_timeout,
        )

    async def to_markdown(
        self,
        files: Sequence[FileRef],
        *,
        timeout: float | None = UNDERSTAND_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        poll_interval: float | None = UNDERSTAND_POLL_INTERVAL,
        idle_timeout: float | None = None,
    ) -> str:
        """Extract one document, image, audio or video file into Markdown and return the text
        (metered: for scans and figures; a plain render is ``convert`` to ``md``, free).

        The job is created with ``outputFormat: markdown``, confirmed and waited for as in
        :meth:`understand`, with the same errors: ``UnderstandUnavailableError`` names the
        free conversion path when the service has no pipeline for the file's kind.
        """
        check_files("to_markdown", files)
        result: str = await run_understand(
            self,
            _file_ids(files),
            method="to_markdown",
            kind="markdown",
            timeout=timeout,
            poll_interval=poll_interval,
            idle_timeout=idle_timeout,
        )
        return result

    async def extract(
        self,
        files: Sequence[FileRef],
        *,
        timeout: float | None = UNDERSTAND_TIMEOUT,  # noqa: ASYNC109 (a polling budget)
        poll_interval: float | None = UNDERSTAND_POLL_INTERVAL,
        idle_timeout: float | None = None,
    ) -> Any:
        """Deprecated (``DeprecationWarning``): use :meth:`understand` with your schema.

        Runs the fixed document-extraction workflow (``goal_lane.personal_document_actions``)
        and returns the parsed JSON of its primary JSON artifact, in whatever shape that
        workflow emits; errors as :meth:`understand`'s.
        """
        warnings.warn(
            "goals.extract() is deprecated; use goals.understand(files, schema=...) for "
            "grounded, schema-constrained extraction. extract() runs a fixed workflow with no "
            "caller control over the output shape.",
            DeprecationWarning,
            stacklevel=2,
        )
        check_files("extract", files)
        job = await self.start(workflow_id=EXTRACT_WORKFLOW_ID, files=files)
        return await finish(
            self,
            job,
            method="extract",
            kind="json",
            timeout=timeout,
            poll_interval=poll_interval,
            idle_timeout=idle_timeout,
        )

    # unasync: async-only
    def events(
        self,
        job_spec_id: str,
        *,
        after_seq: int | None = None,
        transport: Literal["auto", "websocket", "poll"] = "auto",
        poll_interval: float | None = None,
        max_reconnects: int | None = None,
    ) -> AsyncGenerator[GoalEvent, None]:
        """Stream the job's events until a terminal one (async client only).

        Uses the WebSocket ``/jobs/goal/{id}/events`` through the SDK's own httpx client
        (``httpx-ws``, the ``convilyn[events]`` extra): the handshake carries the same
        Authorization header, proxies, transport and certificates as every other call (the key
        is never put in a URL), and it runs in-process under tests. A dropped stream
        reconnects (as the client's retry policy allows, at most ``max_reconnects`` times when
        given) and resumes after the last ``seq`` seen. When the server refuses the stream
        (the live gateway does not accept ``ck_`` keys on it yet), or httpx-ws is not
        installed, events are derived from polling instead: ``status``, ``progress``,
        ``slot_needed``, then ``completed`` / ``failed``.

        Close the iterator when leaving early: ``async with contextlib.aclosing(...)``.
        """
        from convilyn._async._events import goal_events

        return goal_events(
            self._client,
            job_spec_id,
            after_seq=after_seq,
            transport=transport,
            poll_interval=poll_interval,
            max_reconnects=max_reconnects,
        )

    listen_events = events  # the older docs' name

    # unasync: end
