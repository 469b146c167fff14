"""``convilyn goals ...``: the goal lane (multi-step workflows with slots and checkpoints)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import _cmd_understand
from ._app import Commands, Context
from ._common import human_size, items_of, kept_reachable, upload_paths, wait_options
from ._exit import JobOutcomeError, NeedsInputError, UsageError
from ._output import preview_of
from ._prompt import ask_slot
from ._values import parse_assignments, render_value

if TYPE_CHECKING:
    from convilyn import GoalEventDeriver

RUN_DESCRIPTION = """\
Start a goal job and drive it to the end: upload FILEs, answer slots (from --slot up front,
else asked on a terminal), confirm (a preview the service offers is shown and approved:
running the command is the consent; use `goals start` to review it first), wait with a
progress bar, download the result zip.

  convilyn goals run --workflow goal_lane.resume_tailor resume.md job.md \\
      --slot target_role="Staff Engineer" --slot tone=professional \\
      --slot confirmed_titles='["Senior Engineer", "Tech Lead"]' -o results/

--slot KEY=VALUE: VALUE is read as JSON when it is JSON (2, true, ["a"], "007"), else as text.
Checkpoint slots (asked mid-execution) are answered from --slot too. A slot with no answer
when stdin is not a terminal (or with --no-input) exits with code 4 and names the slots.

SDK: client.files.upload(path) → client.goals.run(workflow_id=..., files=[...], slots={...},
     on_slot=...) → client.goals.download_to(job_spec_id, to=...)
"""


def _status(value: Any) -> str:
    raw = getattr(value, "value", value)
    return str(raw) if raw is not None else ""


# What a status means comes from the models (``job.phase``) and what to do next from
# convilyn.next_step, imported where needed: they load the models, which `--help` does not need.


def _next_hint(job: Any) -> str | None:
    """The command that moves ``job`` on, as ``goals.run`` would decide it."""
    from convilyn import next_step

    step = next_step(job, job.pending_slots, {})
    job_id = job.job_spec_id
    if step.kind == "answer":
        example = " ".join(f"{q.slot_id}=..." for q in step.missing) or "KEY=VALUE ..."
        return f"convilyn goals fill-slot {job_id} {example}"
    if step.kind in ("review", "confirm"):
        return f"convilyn goals confirm {job_id}"
    if step.kind == "stop":
        return f"convilyn goals wait {job_id}"
    return None


def _source_options(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--workflow", metavar="ID", help="a catalog workflow id")
    source.add_argument("--user-workflow", metavar="ID", help="one of your (forked) workflows")
    source.add_argument("--goal", metavar="TEXT", help="a free-form goal")
    parser.add_argument("files", nargs="*", metavar="FILE", help="local files to upload as input")
    parser.add_argument(
        "--file-id", action="append", default=[], metavar="ID", help="an uploaded file (repeat)"
    )
    parser.add_argument(
        "--slot",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a slot up front (repeat; VALUE as JSON, else text)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the inputs, plan and cost (reads only); upload and start nothing",
    )


def _download_options(parser: argparse.ArgumentParser, default: str = ".") -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=default,
        help="a directory (the server's file name) or a file path (default: .)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace an existing file")


def _wait_options(parser: argparse.ArgumentParser) -> None:
    wait_options(parser, default=900.0)


def register(commands: Commands) -> None:
    goals = commands.group("goals", "run goal-lane workflows: slots, checkpoints, results")

    p = goals.command(
        "run",
        "start a job and drive it to the end (client.goals.run)",
        _run,
        description=RUN_DESCRIPTION,
    )
    _source_options(p)
    _wait_options(p)
    _download_options(p)
    p.add_argument("--no-download", action="store_true", help="do not download the result zip")
    p.add_argument(
        "--ndjson", action="store_true", help="print one JSON event per line while running"
    )

    p = goals.command("start", "create a job without waiting (client.goals.start)", _start)
    _source_options(p)

    p = goals.command("status", "a job's status (client.goals.status)", _status_cmd)
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.add_argument(
        "--full", action="store_true", help="the full job with its questions (goals.retrieve)"
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="refresh until the job stops or needs input, one line per change (goals.wait)",
    )
    _wait_options(p)

    p = goals.command("wait", "wait for a job to finish or need input (client.goals.wait)", _wait)
    p.add_argument("job_spec_id", metavar="JOB_ID")
    _wait_options(p)

    p = goals.command(
        "fill-slot", "answer pending slots (client.goals.fill_slot / fill_slots)", _fill_slot
    )
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.add_argument("answers", nargs="+", metavar="KEY=VALUE", help="VALUE as JSON, else text")
    p.add_argument("--expected-version", type=int, metavar="N", help="optimistic-lock version")

    p = goals.command("confirm", "start or resume execution (client.goals.confirm)", _confirm)
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.add_argument("--expected-version", type=int, metavar="N", help="optimistic-lock version")

    p = goals.command("cancel", "cancel a job (client.goals.cancel)", _cancel)
    p.add_argument("job_spec_id", metavar="JOB_ID")

    p = goals.command("retry", "retry a failed job (client.goals.retry)", _retry)
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.add_argument(
        "--fresh", action="store_true", help="start over (fresh_rerun) instead of retry_same_thread"
    )
    p.add_argument("--reason", metavar="TEXT", help="why, for the job's history")

    p = goals.command(
        "artifacts", "list a finished job's outputs (client.goals.artifacts)", _artifacts
    )
    p.add_argument("job_spec_id", metavar="JOB_ID")

    p = goals.command(
        "download",
        "download the result zip, or one artifact (client.goals.download_to)",
        _download,
    )
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.add_argument("--artifact", metavar="ARTIFACT_ID", help="one artifact instead of the zip")
    _download_options(p)

    p = goals.command(
        "events", "stream a job's events, one JSON per line (AsyncConvilyn.goals.events)", _events
    )
    p.add_argument("job_spec_id", metavar="JOB_ID")
    p.set_defaults(ndjson=True)

    _cmd_understand.register(goals)  # goals understand, goals to-markdown


# -- helpers ------------------------------------------------------------------------------------


class Events:
    """The ``--ndjson`` stream of ``goals run``: GoalEvent-shaped lines, numbered by the CLI.

    Status, progress and the end come from the SDK's derivation (``GoalEventDeriver``, what
    ``goals events`` yields when it polls); the CLI adds its own steps (``uploaded``,
    ``created``, one ``slot_needed`` / ``slot_answered`` per question, ``downloaded``)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.enabled = bool(getattr(ctx.args, "ndjson", False))
        self.seq = 0
        self.job_spec_id: str | None = None
        self._deriver: GoalEventDeriver | None = None

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self.seq += 1
        self.ctx.out.event(
            {
                "type": kind,
                "schema_version": 1,
                "job_spec_id": self.job_spec_id,
                "emitted_at": datetime.now(UTC).isoformat(),
                "seq": self.seq,
                "data": data,
            }
        )

    def snapshot(self, snap: Any) -> None:
        from convilyn import GoalEventDeriver

        self.job_spec_id = getattr(snap, "job_spec_id", None) or self.job_spec_id
        if self._deriver is None:
            self._deriver = GoalEventDeriver(self.job_spec_id or "")
        for event in self._deriver.observe(snap):
            kind = _status(event.type)
            if kind != "slot_needed":  # on_slot names each question instead
                self.emit(kind, dict(event.data))


def _start_kwargs(ctx: Context) -> dict[str, Any]:
    args = ctx.args
    if args.workflow:  # the catalog knows what it takes, and which plan may run it
        ctx.action = f"check the inputs of {args.workflow}"
        entry = ctx.client().goals.check_inputs(
            args.workflow,
            paths=args.files,
            files=args.file_id,
            slots=parse_assignments(args.slot),
        )
        if entry is None:
            raise UsageError(
                f"{args.workflow} is not in this key's workflow catalog (nothing was uploaded)",
                hint="see `convilyn workflows catalog`; a workflow of your own or a forked one "
                "runs with --user-workflow",
            )
    files: list[Any] = upload_paths(ctx, args.files) if args.files else []
    files.extend(args.file_id)
    kwargs: dict[str, Any] = {"files": files}
    if args.workflow:
        kwargs["workflow_id"] = args.workflow
    elif args.user_workflow:
        kwargs["user_workflow_id"] = args.user_workflow
    else:
        kwargs["goal_text"] = args.goal
    return kwargs


def _pending_names(job: Any) -> list[str]:
    names = [s.slot_id for s in getattr(job, "pending_slots", None) or []]
    if not names:
        checkpoint = getattr(job, "checkpoint", None)
        names = [s.slot_id for s in getattr(checkpoint, "slots", None) or []]
    return names


def _needs_input(
    job: Any, *, answered: Mapping[str, Any] | None = None, slot_flag: bool = True
) -> NeedsInputError:
    from convilyn.types import GoalPhase

    job_id = job.job_spec_id
    status = _status(job.status)
    if job.phase is GoalPhase.READY:
        return NeedsInputError(
            f"goal job {job_id} is {status} and waits for a confirm",
            job_spec_id=job_id,
            status=status,
            hint=f"`convilyn goals confirm {job_id}`, then `convilyn goals wait {job_id}`",
        )
    names = [n for n in _pending_names(job) if n not in (answered or {})]
    example = " ".join(f"{n}=..." for n in names) or "KEY=VALUE"
    flag = "pass --slot for each, or " if slot_flag else ""  # only `goals run` has --slot
    return NeedsInputError(
        f"goal job {job_id} needs input for slot(s) {', '.join(names) or '(unknown)'}",
        job_spec_id=job_id,
        status=status,
        slots=names,
        hint=(
            f"{flag}answer with `convilyn goals fill-slot {job_id} {example}` "
            f"then `convilyn goals confirm {job_id}`"
        ),
    )


def _check_final(job: Any) -> None:
    """Raise for a final state that is not success; warn for partial."""
    from convilyn.errors import GoalJobFailedError
    from convilyn.types import GoalPhase

    phase = job.phase
    if phase is GoalPhase.FAILED:
        raise GoalJobFailedError(job)
    if phase is GoalPhase.CANCELLED:
        raise JobOutcomeError(
            f"goal job {job.job_spec_id} was cancelled",
            hint=f"start it again, or `convilyn goals retry {job.job_spec_id}`",
            job_spec_id=job.job_spec_id,
        )


def _zip_entries(path: Path) -> list[dict[str, Any]] | None:
    import zipfile

    if not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as archive:
        return [
            {"name": info.filename, "size": info.file_size}
            for info in archive.infolist()
            if not info.is_dir()
        ]


def _download_zip(ctx: Context, job_id: str, output: str, overwrite: bool) -> dict[str, Any]:
    ctx.action = f"download the results of goal job {job_id}"
    fetch = f"convilyn goals download {job_id} -o {output}"
    with (
        kept_reachable("goal job", job_id, fetch, job_spec_id=job_id),
        ctx.out.bytes_bar("download results") as bar,
    ):
        path = Path(
            ctx.client().goals.download_to(job_id, to=output, overwrite=overwrite, on_progress=bar)
        )
    return {"path": str(path), "size": path.stat().st_size, "entries": _zip_entries(path)}


def _print_download(ctx: Context, info: dict[str, Any]) -> None:
    ctx.out.line(f"saved {info['path']} ({human_size(info['size'])})")
    entries = info.get("entries")
    if entries:
        ctx.out.line(f"it contains {len(entries)} file(s):")
        for entry in entries:
            ctx.out.line(f"  {entry['name']}  ({human_size(entry['size'])})")


def _job_fields(ctx: Context, job: Any) -> None:
    ctx.out.fields(
        [
            ("job", job.job_spec_id),
            ("status", _status(job.status)),
            ("progress", f"{job.progress}%"),
            ("step", getattr(job, "current_step", None)),
            ("version", job.item_version),
            ("workflow", getattr(job, "workflow_id", None)),
            ("message", getattr(job, "agent_message", None)),
            ("error", getattr(job, "error_message", None) or getattr(job, "error", None)),
        ]
    )
    slots = getattr(job, "pending_slots", None) or []
    for slot in slots:
        suggested = (
            f" [suggested: {render_value(slot.suggested_value)}]"
            if slot.suggested_value is not None
            else ""
        )
        ctx.out.line(f"  needs {slot.slot_id}: {slot.question}{suggested}")
    checkpoint = getattr(job, "checkpoint", None)
    if checkpoint is not None:
        ctx.out.line(f"checkpoint {checkpoint.checkpoint_id}: {checkpoint.step_output_preview}")
        for cslot in checkpoint.slots:
            ctx.out.line(f"  needs {cslot.slot_id} ({cslot.type})")


# -- commands -----------------------------------------------------------------------------------


def _refuse_existing_zip(args: Any) -> None:
    """A file at ``-o`` would be refused after the run, which has been paid for: refused
    before anything is spent. (A directory gets the job's own ``js_….zip``: no clash.)"""
    from convilyn.errors import DownloadTargetExistsError

    target = Path(args.output).expanduser()
    if not args.no_download and not args.overwrite and target.is_file():
        raise DownloadTargetExistsError(f"{target} already exists: the results would replace it")


def _run(ctx: Context) -> int:
    args = ctx.args
    if args.dry_run:
        from ._cmd_goals_dry_run import dry_run

        return dry_run(ctx, "run")
    if args.ndjson and args.json:
        raise UsageError("--json and --ndjson exclude each other")
    answers = parse_assignments(args.slot)
    _refuse_existing_zip(args)
    events = Events(ctx)
    kwargs = _start_kwargs(ctx)
    for item in kwargs["files"]:
        if not isinstance(item, str):
            events.emit("uploaded", {"file": item.model_dump(mode="json")})
    client = ctx.client()
    what = args.workflow or args.user_workflow or "goal"
    ctx.action = f"run {what}"
    asked: set[str] = set()  # the questions the job put: a --slot none asked is named

    with ctx.out.job_bar(what) as bar:

        def on_start(job: Any) -> None:
            # Known from here on: NDJSON events carry it, Ctrl-C names the job still running,
            # an error names the job it leaves behind.
            ctx.job_id = ctx.created_job_id = events.job_spec_id = job.job_spec_id
            events.emit("created", {"status": _status(job.status)})

        def on_progress(snapshot: Any) -> None:
            bar.show(snapshot)
            events.snapshot(snapshot)

        def on_slot(slot: Any, job: Any) -> Any:
            asked.add(slot.slot_id)
            ctx.job_id = job.job_spec_id
            events.job_spec_id = job.job_spec_id
            _, preview = preview_of(job)
            events.emit(
                "slot_needed",
                {
                    "slot_id": slot.slot_id,
                    "question": getattr(slot, "question", None),
                    "preview": preview,
                },
            )
            if slot.slot_id in answers:
                value = answers[slot.slot_id]
            elif ctx.out.interactive:
                try:
                    value = ask_slot(ctx.out, slot, job, bar)
                except EOFError:  # Ctrl-D: no answer, as with --no-input
                    raise _needs_input(job, answered=answers) from None
            else:
                raise _needs_input(job, answered=answers)
            events.emit("slot_answered", {"slot_id": slot.slot_id, "value": value})
            return value

        def on_preview(job: Any) -> bool:
            title, preview = preview_of(job)
            events.emit("preview", {"title": title, "preview": preview})
            if preview:
                with bar.paused():
                    ctx.out.note(f"[{title}] {preview} (approved: running it was asked for)")
            return True  # `goals run` asked for the whole run (RUN_DESCRIPTION)

        # Answers are given through on_slot, not slots=: the server refuses, at creation, an
        # answer to a slot the workflow only asks later (a checkpoint's).
        job = client.goals.run(
            **kwargs,
            on_start=on_start,
            on_slot=on_slot,
            on_preview=on_preview,
            on_progress=on_progress,
            timeout=args.wait_timeout,
            idle_timeout=args.idle_timeout,
        )
        ctx.job_id = job.job_spec_id
        ctx.created_job_id = None  # it ended: nothing is left to finish or cancel
        events.job_spec_id = job.job_spec_id
        bar.show(job)

    from convilyn.types import GoalJobStatusValue as S

    status = _status(job.status)
    events.snapshot(job)  # the end, unless the last progress report showed it already
    _check_final(job)
    if unasked := sorted(set(answers) - asked):
        ctx.out.warn(f"goal job {job.job_spec_id} never asked for {', '.join(unasked)} (--slot)")
    if status == S.partial:
        ctx.out.warn(f"goal job {job.job_spec_id} finished partial: {job.error_message or ''}")
    download = None
    if not args.no_download:
        download = _download_zip(ctx, job.job_spec_id, args.output, args.overwrite)
        events.emit("downloaded", download)

    def human() -> None:
        ctx.out.line(f"goal job {job.job_spec_id} {status}")
        if download is not None:
            _print_download(ctx, download)

    ctx.out.result({"job": job, "download": download}, human)
    return 0


def _start(ctx: Context) -> int:
    if ctx.args.dry_run:
        from ._cmd_goals_dry_run import dry_run

        return dry_run(ctx, "start")
    answers = parse_assignments(ctx.args.slot)
    kwargs = _start_kwargs(ctx)
    ctx.action = f"start {ctx.args.workflow or ctx.args.user_workflow or 'goal'}"
    job = ctx.client().goals.start(**kwargs, slots=answers or None)

    def human() -> None:
        _job_fields(ctx, job)
        if hint := _next_hint(job):
            ctx.out.line(f"next: {hint}")

    ctx.out.result(job, human)
    return 0


def _status_cmd(ctx: Context) -> int:
    if ctx.args.watch:
        from ._cmd_goals_watch import watch

        return watch(ctx)
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"read goal job {job_id}"
    client = ctx.client()
    snapshot = client.goals.retrieve(job_id) if ctx.args.full else client.goals.status(job_id)

    def human() -> None:
        if ctx.args.full:
            _job_fields(ctx, snapshot)
        else:
            _job_fields_light(ctx, job_id, snapshot)

    ctx.out.result(snapshot, human)
    return 0


def _job_fields_light(ctx: Context, job_id: str, snap: Any) -> None:
    ctx.out.fields(
        [
            ("job", job_id),
            ("status", _status(snap.status)),
            ("progress", f"{snap.progress}%"),
            ("step", snap.current_step),
            ("version", snap.item_version),
            ("error", snap.error),
        ]
    )
    if snap.checkpoint is not None:
        ctx.out.line(
            f"checkpoint {snap.checkpoint.checkpoint_id}: {snap.checkpoint.step_output_preview}"
        )
        for slot in snap.checkpoint.slots:
            ctx.out.line(f"  needs {slot.slot_id} ({slot.type})")


def _wait(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"wait for goal job {job_id}"
    with ctx.out.job_bar(job_id) as bar:
        job = ctx.client().goals.wait(
            job_id,
            timeout=ctx.args.wait_timeout,
            idle_timeout=ctx.args.idle_timeout,
            on_progress=bar.show,
        )
        bar.show(job)
    from convilyn.types import GoalPhase

    if job.phase in (GoalPhase.NEEDS_INPUT, GoalPhase.READY):
        raise _needs_input(job, slot_flag=False)
    _check_final(job)

    def human() -> None:
        _job_fields(ctx, job)

    ctx.out.result(job, human)
    return 0


def _fill_slot(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    answers = parse_assignments(ctx.args.answers, flag="fill-slot")
    ctx.action = f"answer {', '.join(answers)} on goal job {job_id}"
    goals = ctx.client().goals
    if len(answers) == 1:
        ((slot_id, value),) = answers.items()
        job = goals.fill_slot(
            job_id, slot_id=slot_id, value=value, expected_version=ctx.args.expected_version
        )
    else:
        job = goals.fill_slots(job_id, answers, expected_version=ctx.args.expected_version)

    def human() -> None:
        _job_fields(ctx, job)
        if hint := _next_hint(job):
            ctx.out.line(f"next: {hint}")

    ctx.out.result(job, human)
    return 0


def _confirm(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"confirm goal job {job_id}"
    job = ctx.client().goals.confirm(job_id, expected_version=ctx.args.expected_version)

    def human() -> None:
        ctx.out.line(f"goal job {job_id} {_status(job.status)}")
        if hint := _next_hint(job):
            ctx.out.line(f"next: {hint}")

    ctx.out.result(job, human)
    return 0


def _cancel(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"cancel goal job {job_id}"
    res = ctx.client().goals.cancel(job_id)
    ctx.out.result(res, lambda: ctx.out.line(f"goal job {job_id} {_status(res.status)}"))
    return 0


def _retry(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"retry goal job {job_id}"
    mode: Literal["retry_same_thread", "fresh_rerun"] = (
        "fresh_rerun" if ctx.args.fresh else "retry_same_thread"
    )
    job = ctx.client().goals.retry(job_id, rerun_mode=mode, reason=ctx.args.reason)

    def human() -> None:
        ctx.out.line(f"goal job {job_id} {_status(job.status)} ({mode})")
        ctx.out.line(f"next: convilyn goals wait {job_id}")

    ctx.out.result(job, human)
    return 0


def _artifacts(ctx: Context) -> int:
    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"list the outputs of goal job {job_id}"
    listing = ctx.client().goals.artifacts(job_id)
    artifacts = items_of(listing, "artifacts")

    def human() -> None:
        ctx.out.table(
            ["artifact_id", "name", "size", "type", "primary", "description"],
            [
                [
                    a.artifact_id,
                    a.file_name,
                    human_size(a.size_bytes),
                    a.mime_type,
                    a.is_primary,
                    a.description,
                ]
                for a in artifacts
            ],
        )

    ctx.out.result({"artifacts": artifacts, "total": len(artifacts)}, human)
    return 0


def _download(ctx: Context) -> int:
    args = ctx.args
    job_id = args.job_spec_id
    ctx.job_id = job_id
    if args.artifact:
        ctx.action = f"download artifact {args.artifact} of goal job {job_id}"
        with ctx.out.bytes_bar(f"download {args.artifact}") as bar:
            path = Path(
                ctx.client().goals.download_artifact_to(
                    job_id, args.artifact, to=args.output, overwrite=args.overwrite, on_progress=bar
                )
            )
        info: dict[str, Any] = {
            "path": str(path),
            "size": path.stat().st_size,
            "entries": _zip_entries(path),
        }
    else:
        info = _download_zip(ctx, job_id, args.output, args.overwrite)
    document = {"job_spec_id": job_id, "artifact_id": args.artifact, **info}
    ctx.out.result(document, lambda: _print_download(ctx, info))
    return 0


def _events(ctx: Context) -> int:
    import asyncio
    import contextlib

    job_id = ctx.args.job_spec_id
    ctx.job_id = job_id
    ctx.action = f"stream the events of goal job {job_id}"

    async def stream() -> str | None:
        last: str | None = None
        async with (
            ctx.async_client() as client,
            contextlib.aclosing(client.goals.events(job_id)) as events,
        ):
            async for event in events:
                ctx.out.event(event)  # a closed pipe raises here; aclosing ends the stream
                last = _status(event.type)
                if event.is_terminal:
                    break
        return last

    last = asyncio.run(stream())
    if last == "failed":
        raise JobOutcomeError(
            f"goal job {job_id} failed", hint=f"see `convilyn goals status {job_id}`"
        )
    return 0
