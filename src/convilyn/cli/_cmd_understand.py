"""``convilyn goals understand`` / ``goals to-markdown``: one file into your JSON Schema, or into
Markdown (thin over ``client.goals.understand`` / ``to_markdown``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._common import human_size, upload_paths, wait_options
from ._exit import UsageError

if TYPE_CHECKING:
    from ._app import Commands, Context

UNDERSTAND_DESCRIPTION = """\
Extract one file into your JSON Schema and print the result (JSON that fits the schema,
grounded by the service). Each run is a new, charged job; --dry-run checks everything
locally and with read-only calls, and sends nothing that creates or bills.

  convilyn goals understand --path invoice.pdf --schema-file invoice.schema.json \\
      --instructions "amounts in EUR" -o invoice.json

The service serves one file per request today (it refuses more, at no cost).
Exit codes: 0 the result, 1 a usage or --schema-file problem, 2 refused by the API (also when
the service does not serve this request), 3 the run happened but gave no usable result.

SDK: client.files.upload(path) → client.goals.understand([file], schema=..., instructions=...)
"""

TO_MARKDOWN_DESCRIPTION = """\
Extract one document, image, audio or video file into Markdown and print it (metered: for
scans and figures that need extracting). A plain render of a document is free with
`convilyn convert FILE --to md`. --dry-run sends nothing that creates or bills.

  convilyn goals to-markdown --path scan.png -o scan.md

SDK: client.files.upload(path) → client.goals.to_markdown([file])
"""


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="FILE",
        help="a local file to upload and use (repeat; the service takes one per request)",
    )
    parser.add_argument(
        "--file-id", action="append", default=[], metavar="ID", help="an uploaded file (repeat)"
    )
    parser.add_argument(
        "--files",
        metavar="ID,ID",
        help="uploaded file ids, comma-separated (the convilyn 4.x spelling of --file-id)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the result to FILE instead of stdout"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace an existing -o FILE")
    wait_options(parser, default=300.0)
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the inputs and the quota (read-only calls), send nothing that bills",
    )


def register(goals: Commands) -> None:
    """Adds the two commands to the ``goals`` group."""
    p = goals.command(
        "understand",
        "extract one file into your JSON Schema (client.goals.understand)",
        _understand,
        description=UNDERSTAND_DESCRIPTION,
    )
    p.add_argument(
        "--schema-file",
        required=True,
        metavar="FILE",
        help="a JSON Schema (a JSON object) the result must fit",
    )
    p.add_argument("--instructions", metavar="TEXT", help="steer the extraction in words")
    _input_options(p)
    p = goals.command(
        "to-markdown",
        "extract one file into Markdown (client.goals.to_markdown)",
        _to_markdown,
        description=TO_MARKDOWN_DESCRIPTION,
    )
    _input_options(p)


# -- checks (all before anything is uploaded or created) ------------------------------------


def load_schema(raw: str) -> dict[str, Any]:
    """The ``--schema-file`` as a dict; every problem is a usage error (exit 1)."""
    path = Path(raw).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"--schema-file {raw}: cannot read it ({exc})", hint="check the path"
        ) from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"--schema-file {raw} is not valid JSON: {exc}", hint="fix the file's JSON"
        ) from None
    if not isinstance(schema, dict):
        raise UsageError(
            f"--schema-file {raw} holds a JSON {type(schema).__name__}, not a JSON Schema object",
            hint='a schema is an object, e.g. {"type": "object", "properties": {...}}',
        )
    return schema


def _check_inputs(ctx: Context) -> Path | None:
    """Inputs given, local files readable, the output free: the ``-o`` target, if any."""
    args = ctx.args
    args.file_id = [*args.file_id, *(i.strip() for i in (args.files or "").split(",") if i.strip())]
    if not args.path and not args.file_id:
        raise UsageError(
            "give the file: --path FILE (a local file) or --file-id ID (an uploaded one)",
            hint=f"convilyn goals {args.goals_command} --path FILE",
        )
    if args.path:
        ctx.action = f"check {', '.join(args.path)}"
        ctx.client().files.check([Path(p) for p in args.path])
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        ctx.action = f"check -o {args.output}"
        if target.is_dir():
            raise UsageError(f"-o {args.output} is a directory; name the file to write")
        if target.exists() and not args.overwrite:  # refused before the run is paid for
            from convilyn.errors import DownloadTargetExistsError

            raise DownloadTargetExistsError(f"{target} already exists: the result would replace it")
    return target


def _files(ctx: Context) -> list[Any]:
    files: list[Any] = upload_paths(ctx, ctx.args.path) if ctx.args.path else []
    files.extend(ctx.args.file_id)
    return files


def _dry_run(ctx: Context, body: dict[str, Any], target: Path | None) -> int:
    """What the run would send and what the quota says, from read-only calls only."""
    args, client = ctx.args, ctx.client()
    uploads = [{"path": p, "size": Path(p).stat().st_size} for p in args.path]
    if args.file_id:
        ctx.action = "look the files up"
        stored = {f.file_id for f in client.files.list().files}
        missing = [i for i in args.file_id if i not in stored]
        if missing:
            raise UsageError(
                f"no uploaded file {', '.join(missing)} on this account (nothing was sent)",
                hint="see `convilyn files list`",
            )
    ctx.action = "preview the cost"
    estimate = client.account.get_quota()
    document = {
        "dry_run": True,
        "command": f"goals {args.goals_command}",
        "uploads": uploads,
        "request": {"fileIds": [*(["<upload>"] * len(uploads)), *args.file_id], **body},
        "output": str(target) if target is not None else None,
        "estimate": estimate,
    }

    def human() -> None:
        names = [f"{u['path']} ({human_size(u['size'])}, uploaded first)" for u in uploads]
        ctx.out.line(f"would run goals {args.goals_command} on {', '.join(names + args.file_id)}")
        ctx.out.line(f"request: {json.dumps(body)[:200]}")
        check = estimate.quota_check
        ctx.out.line(
            f"estimate: {estimate.estimated_usd} USD per run; quota {check.state} ({check.tier})"
        )
        ctx.out.line(f"writes to {target}" if target is not None else "prints the result")

    ctx.out.result(document, human)
    return 0


def _deliver(ctx: Context, result: Any, text: str, target: Path | None) -> int:
    if target is not None:
        ctx.action = f"write {target}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    document = {"result": result, "output": str(target) if target is not None else None}

    def human() -> None:
        if target is None:
            ctx.out.raw(text if text.endswith("\n") else text + "\n")
        else:
            ctx.out.line(f"saved {target} ({human_size(target.stat().st_size)})")

    ctx.out.result(document, human)
    return 0


# -- commands -------------------------------------------------------------------------------


def _understand(ctx: Context) -> int:
    args = ctx.args
    schema = load_schema(args.schema_file)
    target = _check_inputs(ctx)
    body: dict[str, Any] = {"outputSchema": schema}
    if args.instructions is not None:
        body["instructions"] = args.instructions
    if args.dry_run:
        return _dry_run(ctx, body, target)
    files = _files(ctx)
    ctx.action = "understand " + ", ".join(args.path + args.file_id)
    with ctx.out.job_bar("understand"):
        result = ctx.client().goals.understand(
            files,
            schema=schema,
            instructions=args.instructions,
            timeout=args.wait_timeout,
            idle_timeout=args.idle_timeout,
        )
    return _deliver(ctx, result, json.dumps(result, indent=2, ensure_ascii=False) + "\n", target)


def _to_markdown(ctx: Context) -> int:
    args = ctx.args
    target = _check_inputs(ctx)
    if args.dry_run:
        return _dry_run(ctx, {"outputFormat": "markdown"}, target)
    files = _files(ctx)
    ctx.action = "extract " + ", ".join(args.path + args.file_id) + " into Markdown"
    with ctx.out.job_bar("to-markdown"):
        text = ctx.client().goals.to_markdown(
            files, timeout=args.wait_timeout, idle_timeout=args.idle_timeout
        )
    return _deliver(ctx, text, text, target)
