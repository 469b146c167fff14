"""``convilyn convert``: upload, convert, wait and download in one command (turbo lane)."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._app import Commands, Context
from ._common import human_size, kept_reachable
from ._exit import UsageError

if TYPE_CHECKING:
    from convilyn.types import ConvertPlan

    from ._dry_run import DryRun

DESCRIPTION = """\
Convert a file: upload it, start the conversion, wait for it, download the result.

  convilyn convert report.docx --to pdf                 # writes ./report.pdf (the server's name)
  convilyn convert slides.pptx --to png -o out/ --overwrite
  convilyn convert scan.pdf --to docx --dry-run          # checks all it can, creates nothing
  convilyn convert status JOB                            # a conversion job's state
  convilyn convert download JOB -o out/                  # its result, again or later

SDK: client.files.upload(path) → client.convert.create_and_wait(file=..., target_format=...)
     → client.convert.download_to(job, to=..., overwrite=...)
"""


def register(commands: Commands) -> None:
    p = commands.command(
        "convert",
        "convert a file to another format (upload, convert, wait, download)",
        _convert,
        description=DESCRIPTION,
    )
    p.add_argument(
        "source", nargs="?", metavar="FILE", help="the file to convert (or: status, download)"
    )
    p.add_argument("job", nargs="?", metavar="JOB", help="after `status` or `download`: the job id")
    p.add_argument("--to", metavar="FORMAT", dest="target", help="target format (required)")
    p.add_argument(
        "--from", metavar="FORMAT", dest="source_format", help="source format (default: extension)"
    )
    p.add_argument(
        "--file-id", metavar="ID", help="convert an already uploaded file instead of FILE"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=".",
        help="where to write: a directory (server's file name) or a file path (default: .)",
    )
    p.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file, the pair and the account (reads only); upload and convert nothing",
    )
    p.add_argument("--quality", metavar="Q", help="quality setting passed to the converter")
    p.add_argument("--page-range", metavar="RANGE", help="pages to convert, e.g. 1-3,5")
    p.add_argument(
        "--wait-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="give up waiting after this long (exit 3; default 300)",
    )


def _plan(args: Any, source_format: str | None = None) -> ConvertPlan:
    """What would be sent: the SDK's own pre-flight (``Convert.plan``), which needs no key."""
    from convilyn.resources import Convert

    file: Path | None = Path(args.source) if args.source else None
    if file is not None and file.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory, not a file", args.source)
    return Convert.plan(
        file=file,
        file_id=None if file is not None else args.file_id,
        target_format=args.target,
        source_format=source_format or args.source_format,
        quality=args.quality,
        page_range=args.page_range,
    )


def _refuse_existing_output(output: str, source: str | None, target_format: str) -> None:
    """Fail before anything is uploaded or paid for when the result would land on a file that
    exists: the download refuses it anyway, after the conversion."""
    from convilyn.errors import DownloadTargetExistsError

    target = Path(output).expanduser()
    if target.is_dir():
        if source is None:
            return  # the file name comes from the server alone
        target = target / f"{Path(source).stem}.{target_format}"
    if target.exists():
        raise DownloadTargetExistsError(f"{target} already exists: the result would replace it")


def _convert(ctx: Context) -> int:
    args = ctx.args
    if args.job is not None:
        return _on_job(ctx)
    if not args.target:
        raise UsageError("--to is required", hint="convilyn convert FILE --to pdf")
    if bool(args.source) == bool(args.file_id):
        raise UsageError(
            "give exactly one of FILE or --file-id", hint="convilyn convert FILE --to pdf"
        )
    if args.dry_run:
        return _dry_run(ctx)
    ctx.action = f"convert {args.source or args.file_id} to {args.target}"
    if args.file_id and not args.source_format:
        # The SDK looks the format up from the stored file's name, so there is no plan yet.
        return _convert_planned(ctx, args.target, None)
    plan = _plan(args)
    return _convert_planned(ctx, plan.target_format, plan.source_format)


def _stored_format(ctx: Context, dry: DryRun, client: Any) -> str | None:
    """``--from``, else the stored file's extension (``GET /files``: the id must exist)."""
    args = ctx.args
    if not args.file_id:
        return None
    if client is None:
        if not args.source_format:
            raise UsageError(
                "--dry-run with --file-id and no API key needs --from FORMAT (the file's format)",
                hint="pass --from, or give a key (`convilyn setup`) to look the file up",
            )
        return None
    stored = dry.stored_files(client, [args.file_id])[args.file_id]
    name = stored.filename or ""
    return args.source_format or Path(name).suffix.lstrip(".") or stored.file_extension


def _dry_run(ctx: Context) -> int:
    """Everything the run would check, checked (the file, the pair, the output, the stored
    file, the account's room and credits), and nothing sent that creates or bills."""
    from ._dry_run import DryRun, has_key

    args = ctx.args
    dry = DryRun(ctx, "convert")
    client = ctx.client() if has_key(ctx) else None
    source_format = _stored_format(ctx, dry, client)
    ctx.action = f"convert {args.source or args.file_id} to {args.target}"
    plan = _plan(args, source_format)
    if not args.overwrite:  # the real run would refuse it: so does the dry run
        _refuse_existing_output(args.output, args.source, plan.target_format)
    dry.checked[:0] = ["the file" if args.source else "the stored file", "the format pair"]
    if client is not None:
        if plan.size is not None:
            dry.storage_room(client, plan.size)
        dry.balance(client)
    else:
        dry.not_checked.append("the account (no API key): storage room and credits")
    what = args.source or args.file_id
    if args.source:
        dry.would.append(f"upload {what} ({human_size(plan.size)})")
    dry.would.append(
        f"convert {what}: {plan.source_format} → {plan.target_format} with {plan.processor_type}"
    )
    dry.would.append(
        f"wait up to {args.wait_timeout:g}s, then download the result to {args.output}"
    )
    document = {
        "source": what,
        "size": plan.size,
        "source_format": plan.source_format,
        "target_format": plan.target_format,
        "processor_type": plan.processor_type,
        "output": str(Path(args.output)),
    }
    return dry.report(document)


def _convert_planned(ctx: Context, target_format: str, source_format: str | None) -> int:
    args = ctx.args
    if not args.overwrite:
        _refuse_existing_output(args.output, args.source, target_format)
    client = ctx.client()
    uploaded = None
    create: dict[str, Any] = {
        "target_format": target_format,
        "source_format": source_format,
        "quality": args.quality,
        "page_range": args.page_range,
    }
    if args.source:
        path = Path(args.source)
        ctx.action = f"upload {args.source}"
        with ctx.out.bytes_bar(f"upload {path.name}") as bar:
            uploaded = client.files.upload(path, on_progress=bar)
        create["file"] = uploaded
    else:
        create["file_id"] = args.file_id

    ctx.action = f"convert {args.source or args.file_id} to {target_format}"
    job = client.convert.create(**create)
    ctx.out.note(f"conversion job {job.job_id} {job.status}")
    with ctx.out.job_bar(f"convert → {target_format}") as jbar:
        job = client.convert.wait(job, timeout=args.wait_timeout, on_progress=jbar.show)
        jbar.show(job)

    written = _download(ctx, job)
    size = written.stat().st_size

    def human() -> None:
        kind = getattr(job.processor_type, "value", job.processor_type)
        ctx.out.line(f"{written}  ({human_size(size)}, {kind}, job {job.job_id})")

    ctx.out.result({"job": job, "file": uploaded, "output": str(written), "size": size}, human)
    return 0


def _download(ctx: Context, job: Any) -> Path:
    """The job's result to ``-o``; refused over an existing file, the job named so that its
    result (paid for already) stays reachable."""
    args = ctx.args
    ctx.action = f"download the result of job {job.job_id}"
    fetch = f"convilyn convert download {job.job_id} -o {args.output}"
    with (
        kept_reachable("conversion job", job.job_id, fetch, job_id=job.job_id),
        ctx.out.bytes_bar("download") as bar,
    ):
        written: Path = ctx.client().convert.download_to(
            job, to=args.output, overwrite=args.overwrite, on_progress=bar
        )
    return written


def _on_job(ctx: Context) -> int:
    """``convert status JOB`` and ``convert download JOB``: an existing job, by id."""
    args = ctx.args
    if args.source not in ("status", "download"):
        raise UsageError(
            f"unexpected argument {args.job!r} after {args.source!r}",
            hint="convilyn convert FILE --to pdf, or convilyn convert download JOB",
        )
    ctx.job_id = args.job
    ctx.action = f"read conversion job {args.job}"
    job = ctx.client().convert.retrieve(args.job)
    if args.source == "status":

        def human_status() -> None:
            results = ", ".join(r.filename for r in job.result_files or []) or None
            ctx.out.fields([("job", job.job_id), ("status", str(job.status)), ("results", results)])

        ctx.out.result(job, human_status)
        return 0
    written = _download(ctx, job)
    size = written.stat().st_size

    def human() -> None:
        ctx.out.line(f"{written}  ({human_size(size)}, job {job.job_id})")

    ctx.out.result({"job": job, "file": None, "output": str(written), "size": size}, human)
    return 0
