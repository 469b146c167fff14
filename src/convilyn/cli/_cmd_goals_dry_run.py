"""``convilyn goals run|start --dry-run``: what the command would upload, start and spend,
checked as far as reads allow, and nothing sent that creates or bills (see :mod:`._dry_run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._app import Context
from ._common import human_size
from ._dry_run import DryRun, has_key
from ._exit import UsageError
from ._values import parse_assignments

__all__ = ["dry_run"]


def _check_inputs(ctx: Context, dry: DryRun, answers: dict[str, Any]) -> None:
    """The inputs as the real run checks them before uploading: against the catalog for a
    catalog workflow (files, answers, plan), else the local files alone."""
    from convilyn.resources import Files

    args = ctx.args
    if not has_key(ctx):
        ctx.action = f"check {', '.join(args.files) or 'the inputs'}"
        Files.check([Path(p) for p in args.files])
        dry.checked.append("the local files")
        dry.not_checked.append("the catalog, the stored files and the cost (no API key)")
        return
    client = ctx.client()
    if args.workflow:
        ctx.action = f"check the inputs of {args.workflow}"
        entry = client.goals.check_inputs(
            args.workflow, paths=args.files, files=args.file_id, slots=answers
        )
        if entry is None:
            raise UsageError(
                f"{args.workflow} is not in this key's workflow catalog (nothing was sent)",
                hint="see `convilyn workflows catalog`; a workflow of your own or a forked one "
                "runs with --user-workflow",
            )
        dry.checked.append("the files, answers and plan against the catalog")
    else:
        ctx.action = f"check {', '.join(args.files) or 'the inputs'}"
        Files.check([Path(p) for p in args.files])
        dry.checked.append("the local files")
        what = (
            f"the workflow {args.user_workflow} (only a run reads it)"
            if args.user_workflow
            else "what the service makes of the goal text"
        )
        dry.not_checked.append(what)
    if args.file_id:
        dry.stored_files(client, args.file_id)
    dry.goal_cost(client)


def _would(ctx: Context, command: str, answers: dict[str, Any]) -> list[str]:
    args = ctx.args
    steps = [f"upload {p} ({human_size(Path(p).stat().st_size)})" for p in args.files]
    what = (
        args.workflow
        or (args.user_workflow and f"your workflow {args.user_workflow}")
        or f"the goal {args.goal!r}"
    )
    inputs = len(args.files) + len(args.file_id)
    given = f", answering {', '.join(answers)}" if answers else ""
    steps.append(f"start {what} with {inputs} input file(s){given}")
    if command == "start":
        steps.append("return the new job: follow it with `convilyn goals status JOB --watch`")
        return steps
    steps.append(
        "answer the questions it asks (--slot, else on a terminal), confirm, and wait up to "
        f"{args.wait_timeout:g}s"
    )
    if not args.no_download:
        steps.append(f"download the results to {args.output}")
    return steps


def dry_run(ctx: Context, command: str) -> int:
    args = ctx.args
    if getattr(args, "ndjson", False):
        raise UsageError(
            "--dry-run prints one document, not an event stream", hint="use --json with it"
        )
    if command == "run":
        from ._cmd_goals import _refuse_existing_zip

        _refuse_existing_zip(args)  # the real run would refuse it: so does the dry run
    answers = parse_assignments(args.slot)
    dry = DryRun(ctx, f"goals {command}")
    _check_inputs(ctx, dry, answers)
    dry.would = _would(ctx, command, answers)
    document = {
        "workflow_id": args.workflow,
        "user_workflow_id": args.user_workflow,
        "goal_text": args.goal,
        "files": list(args.files),
        "file_ids": list(args.file_id),
        "slots": answers,
    }
    return dry.report(document)
