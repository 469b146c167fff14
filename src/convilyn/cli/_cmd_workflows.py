"""``convilyn workflows ...``: the catalog and the community marketplace."""

from __future__ import annotations

from typing import Any

from ._app import Commands, Context
from ._common import items_of


def register(commands: Commands) -> None:
    wf = commands.group("workflows", "the workflow catalog and the community marketplace")
    wf.command("catalog", "workflows you can run (client.workflows.catalog)", _catalog)

    p = wf.command(
        "search",
        "search community workflows, a page at a time (client.workflows.search)",
        _search,
        description=(
            "Search community workflows. One page by default; pass the printed cursor with\n"
            "--cursor for the next one, or --all to fetch every page (client.workflows.iter_search)."
        ),
    )
    p.add_argument("--tag", metavar="TAG", help="only workflows with this tag")
    p.add_argument("--sort", choices=["recent", "popular"], default="recent")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="page size, 1-50 (20)")
    p.add_argument("--cursor", metavar="CURSOR", help="continue after a previous page")
    p.add_argument("--all", action="store_true", help="follow the cursor through every page")
    p.add_argument("--max-items", type=int, metavar="N", help="with --all: stop after N results")

    p = wf.command("get", "one workflow (client.workflows.get)", _get)
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")

    p = wf.command("fork", "copy a workflow into your account (client.workflows.fork)", _fork)
    p.add_argument("source_spec_id", metavar="SPEC_ID", help="the workflow's spec_id")
    p.add_argument("--name", metavar="NAME", help="name of the copy")

    p = wf.command("publish", "make your workflow public (client.workflows.publish)", _publish)
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")
    p.add_argument(
        "--item-version",
        type=int,
        metavar="N",
        help="optimistic-lock version (default: read it first)",
    )

    p = wf.command("like", "like or unlike a workflow (client.workflows.like)", _like)
    p.add_argument("workflow_id", metavar="WORKFLOW_ID")


def _summary_rows(items: list[Any]) -> list[list[Any]]:
    return [
        [
            w.workflow_id,
            w.name,
            ",".join(w.tags),
            w.stats.like_count,
            w.stats.fork_count,
            w.stats.run_count,
        ]
        for w in items
    ]


SUMMARY_COLUMNS = ["workflow_id", "name", "tags", "likes", "forks", "runs"]


def _catalog(ctx: Context) -> int:
    ctx.action = "read the workflow catalog"
    workflows = items_of(ctx.client().workflows.catalog(), "workflows")

    def human() -> None:
        ctx.out.table(
            ["workflow_id", "name", "inputs", "files", "slots", "tier"],
            [
                [
                    w.workflow_id,
                    w.name,
                    ",".join(w.supported_input_formats or w.supported_input_types),
                    w.min_file_count,
                    w.required_slot_count,
                    w.tier,
                ]
                for w in workflows
            ],
        )

    ctx.out.result({"workflows": workflows}, human)
    return 0


def _search(ctx: Context) -> int:
    args = ctx.args
    ctx.action = "search community workflows"
    workflows = ctx.client().workflows
    if args.all:
        items: list[Any] = []
        for item in workflows.iter_search(tag=args.tag, sort=args.sort, limit=args.limit):
            items.append(item)
            if args.max_items is not None and len(items) >= args.max_items:
                break
        cursor = None
    else:
        page = workflows.search(tag=args.tag, sort=args.sort, limit=args.limit, cursor=args.cursor)
        items, cursor = list(page.items), page.cursor

    def human() -> None:
        if not items:
            ctx.out.line("no workflows")
        else:
            ctx.out.table(SUMMARY_COLUMNS, _summary_rows(items))
        if cursor:
            ctx.out.line(f"more: --cursor {cursor}")

    ctx.out.result({"items": items, "cursor": cursor}, human)
    return 0


def _workflow_fields(ctx: Context, w: Any) -> None:
    ctx.out.fields(
        [
            ("workflow_id", w.workflow_id),
            ("spec_id", w.spec_id),
            ("name", w.name),
            ("description", w.description),
            ("visibility", w.visibility),
            ("tags", ", ".join(w.tags)),
            ("likes", w.stats.like_count),
            ("forks", w.stats.fork_count),
            ("runs", w.stats.run_count),
            ("version", w.item_version),
            ("source", w.source_spec_id),
        ]
    )


def _get(ctx: Context) -> int:
    ctx.action = f"read workflow {ctx.args.workflow_id}"
    w = ctx.client().workflows.get(ctx.args.workflow_id)
    ctx.out.result(w, lambda: _workflow_fields(ctx, w))
    return 0


def _fork(ctx: Context) -> int:
    ctx.action = f"fork {ctx.args.source_spec_id}"
    w = ctx.client().workflows.fork(source_spec_id=ctx.args.source_spec_id, name=ctx.args.name)
    ctx.out.result(w, lambda: _workflow_fields(ctx, w))
    return 0


def _publish(ctx: Context) -> int:
    workflow_id = ctx.args.workflow_id
    ctx.action = f"publish workflow {workflow_id}"
    workflows = ctx.client().workflows
    version = ctx.args.item_version
    if version is None:
        version = workflows.get(workflow_id).item_version
    w = workflows.publish(workflow_id, item_version=version)
    ctx.out.result(w, lambda: _workflow_fields(ctx, w))
    return 0


def _like(ctx: Context) -> int:
    ctx.action = f"like workflow {ctx.args.workflow_id}"
    res = ctx.client().workflows.like(ctx.args.workflow_id)
    what = "liked" if res.liked else "unliked"
    ctx.out.result(res, lambda: ctx.out.line(f"{what} ({res.like_count} likes)"))
    return 0
