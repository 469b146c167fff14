"""``convilyn files upload | list | delete``."""

from __future__ import annotations

from ._app import Commands, Context
from ._common import human_size, items_of, upload_paths


def register(commands: Commands) -> None:
    files = commands.group("files", "upload, list and delete files")
    p = files.command(
        "upload",
        "upload local files (client.files.upload)",
        _upload,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to upload")
    files.command("list", "list your stored files and storage use (client.files.list)", _list)
    p = files.command("delete", "delete stored files (client.files.delete)", _delete)
    p.add_argument("file_ids", nargs="+", metavar="FILE_ID")


def _upload(ctx: Context) -> int:
    uploaded = upload_paths(ctx, ctx.args.paths)

    def human() -> None:
        ctx.out.table(
            ["file_id", "name", "size", "type"],
            [[f.file_id, f.filename, human_size(f.size), f.content_type] for f in uploaded],
        )

    ctx.out.result({"files": uploaded}, human)
    return 0


def _list(ctx: Context) -> int:
    ctx.action = "list files"
    listing = ctx.client().files.list()
    files = items_of(listing, "files")
    usage = getattr(listing, "usage", None)

    def human() -> None:
        if not files:
            ctx.out.line("no files")
        else:
            ctx.out.table(
                ["file_id", "name", "size", "type", "created"],
                [
                    [f.file_id, f.filename, human_size(f.size), f.content_type, f.created_at]
                    for f in files
                ],
            )
        if usage is not None:
            state = " (over quota)" if usage.over_quota else ""
            ctx.out.line(
                f"storage: {human_size(usage.used_bytes)} used, "
                f"{human_size(usage.free_bytes)} free{state}"
            )

    ctx.out.result({"files": files, "usage": usage}, human)
    return 0


def _delete(ctx: Context) -> int:
    client = ctx.client()
    deleted: list[str] = []
    for file_id in ctx.args.file_ids:
        ctx.action = f"delete file {file_id}"
        client.files.delete(file_id)
        deleted.append(file_id)
        ctx.done.setdefault("deleted", []).append(file_id)
        ctx.out.line(f"deleted {file_id}")
    ctx.out.result({"deleted": deleted})
    return 0
