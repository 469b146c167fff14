"""``convilyn user-workflows ...``: the workflows you own (client.user_workflows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._app import Commands, Context
from ._exit import UsageError


def register(commands: Commands) -> None:
    uw = commands.group(
        "user-workflows",
        "your own workflows: built with the Builder, forked; their runs, export, delete",
    )
    p = uw.command(
        "list",
        "your workflows, a page at a time (client.user_workflows.list)",
        _list,
        description=(
            "Your workflows, most recently changed first. One page by default; pass the\n"
            "printed cursor with --cursor for the next one, or --all for every page\n"
            "(client.user_workflows.iter_list). Run one with `convilyn goals run --user-workflow`."
        ),
    )
    p.add_argument("--visibility", choices=["private", "public", "archived"])
    p.add_argument("--limit", type=int, metavar="N", help="page size, 1-100 (20)")
    p.add_argument("--cursor", metavar="CURSOR", help="continue after a previous page")
    p.add_argument("--all", action="store_true", help="follow the cursor through every page")

    p = uw.command("get", "one of your workflows in full (client.user_workflows.get)", _get)
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")

    p = uw.command(
        "delete",
        "delete one of your workflows for good (client.user_workflows.delete)",
        _delete,
        description=(
            "Delete one of your workflows; its past runs stay readable. A public workflow is\n"
            "refused until archived: --archive archives it first (client.workflows.patch)."
        ),
    )
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")
    p.add_argument("--archive", action="store_true", help="archive it first if it is public")

    p = uw.command(
        "export",
        "a portable JSON export, for backup (client.user_workflows.export)",
        _export,
    )
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")
    p.add_argument("-o", "--output", metavar="FILE", help="write the document to FILE")
    p.add_argument("--overwrite", action="store_true", help="replace an existing FILE")

    p = uw.command("runs", "recent runs, newest first (client.user_workflows.runs)", _runs)
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")
    p.add_argument("--limit", type=int, metavar="N", help="how many, 1-50 (5)")

    p = uw.command(
        "contract",
        "the grounded contract of a workflow (client.user_workflows.grounded_contract)",
        _contract,
        description=(
            "The grounded contract a device-side consumer saves verbatim. The service is\n"
            "withdrawing it and may have it switched off."
        ),
    )
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")
    p.add_argument("--model-binding", metavar="MODEL", help="the model id the device runs")
    p.add_argument("--locale", metavar="LOCALE", help="the extractor prompt's language (en)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the contract to FILE")
    p.add_argument("--overwrite", action="store_true", help="replace an existing FILE")


COLUMNS = ["workflow_id", "name", "visibility", "source", "runs", "updated"]


def _list(ctx: Context) -> int:
    args = ctx.args
    ctx.action = "list your workflows"
    resource = ctx.client().user_workflows
    if args.all:
        items: list[Any] = list(resource.iter_list(visibility=args.visibility, limit=args.limit))
        cursor = None
    else:
        page = resource.list(visibility=args.visibility, limit=args.limit, cursor=args.cursor)
        items, cursor = list(page.items), page.cursor

    def human() -> None:
        if not items:
            ctx.out.line("no workflows of yours (build one with `convilyn builder start`)")
        else:
            rows = [
                [
                    w.workflow_id,
                    w.name,
                    w.visibility,
                    w.source_type,
                    w.stats.run_count,
                    w.updated_at,
                ]
                for w in items
            ]
            ctx.out.table(COLUMNS, rows)
        if cursor:
            ctx.out.line(f"more: --cursor {cursor}")

    ctx.out.result({"items": items, "cursor": cursor}, human)
    return 0


def _get(ctx: Context) -> int:
    ctx.action = f"read workflow {ctx.args.workflow_id}"
    w = ctx.client().user_workflows.get(ctx.args.workflow_id)

    def human() -> None:
        ctx.out.fields(
            [
                ("workflow_id", w.workflow_id),
                ("name", w.name),
                ("description", w.description),
                ("visibility", w.visibility),
                ("source", w.source_type),
                ("tags", ", ".join(w.tags)),
                ("runs", w.stats.run_count),
                ("version", w.item_version),
                ("created", w.created_at),
                ("updated", w.updated_at),
                ("intent", w.founding_intent),
            ]
        )
        ctx.out.line(f"run it: convilyn goals run --user-workflow {w.workflow_id}")

    ctx.out.result(w, human)
    return 0


def _delete(ctx: Context) -> int:
    workflow_id = ctx.args.workflow_id
    client = ctx.client()
    archived = False
    if ctx.args.archive:
        ctx.action = f"read workflow {workflow_id}"
        current = client.user_workflows.get(workflow_id)
        if current.visibility == "public":
            ctx.action = f"archive workflow {workflow_id}"
            client.workflows.patch(
                workflow_id, item_version=current.item_version, visibility="archived"
            )
            archived = True
            ctx.done.setdefault("archived", []).append(workflow_id)
    ctx.action = f"delete workflow {workflow_id}"
    client.user_workflows.delete(workflow_id)
    what = "archived and deleted" if archived else "deleted"
    ctx.out.result(
        {"deleted": [workflow_id], "archived": archived},
        lambda: ctx.out.line(f"{what} {workflow_id}"),
    )
    return 0


def _write_json(ctx: Context, document: Any, *, extra: dict[str, Any]) -> None:
    target = Path(ctx.args.output)
    ctx.action = f"write {target}"
    if target.exists() and not ctx.args.overwrite:
        raise UsageError(f"{target} already exists", hint="pass --overwrite, or another -o")
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    target.write_bytes(data)
    result = {"path": str(target), "bytes": len(data), **extra}
    ctx.out.result(result, lambda: ctx.out.line(f"wrote {target} ({len(data)} bytes)"))


def _export(ctx: Context) -> int:
    ctx.action = f"export workflow {ctx.args.workflow_id}"
    export = ctx.client().user_workflows.export(ctx.args.workflow_id)
    if ctx.args.output:
        _write_json(ctx, export.document, extra={"schema_version": export.schema_version})
        return 0
    ctx.out.result(export, lambda: ctx.out.raw(json.dumps(export.document, indent=2) + "\n"))
    return 0


def _runs(ctx: Context) -> int:
    ctx.action = f"list the runs of workflow {ctx.args.workflow_id}"
    runs = ctx.client().user_workflows.runs(ctx.args.workflow_id, limit=ctx.args.limit)

    def human() -> None:
        if not runs:
            ctx.out.line("no runs yet")
            return
        ctx.out.table(
            ["job_spec_id", "status", "progress", "started", "completed", "error"],
            [
                [r.job_spec_id, r.status, r.progress, r.started_at, r.completed_at, r.error_code]
                for r in runs
            ],
        )

    ctx.out.result({"runs": runs}, human)
    return 0


def _contract(ctx: Context) -> int:
    args = ctx.args
    ctx.action = f"read the grounded contract of workflow {args.workflow_id}"
    contract = ctx.client().user_workflows.grounded_contract(
        args.workflow_id, model_binding=args.model_binding, locale=args.locale
    )
    if args.output:
        _write_json(ctx, contract, extra={})
        return 0
    ctx.out.result(contract, lambda: ctx.out.raw(json.dumps(contract, indent=2) + "\n"))
    return 0
