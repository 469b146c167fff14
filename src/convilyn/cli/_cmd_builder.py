"""``convilyn builder ...``: author a workflow in a conversation (client.builder)."""

from __future__ import annotations

from typing import Any

from ._app import Commands, Context


def register(commands: Commands) -> None:
    b = commands.group(
        "builder",
        "build a workflow by talking to the Builder, then run it (Pro plan; discover is free)",
    )
    p = b.command(
        "start",
        "open a Builder session (client.builder.create_session)",
        _start,
        description=(
            "Open a Builder session and print its chat id; then talk with\n"
            "`convilyn builder say CHAT_ID TEXT`. --edit changes one of your workflows;\n"
            "--mode discover finds an existing workflow (no Pro plan needed)."
        ),
    )
    p.add_argument("--mode", choices=["from_scratch", "edit", "discover"], help="builder mode")
    p.add_argument("--edit", metavar="WORKFLOW_ID", help="one of your workflows to change")
    p.add_argument("--title", metavar="TITLE", help="a title (the workflow's name)")
    p.add_argument("--locale", metavar="LOCALE", help="the drafts' language (en)")

    p = b.command(
        "say",
        "send one message and print the Builder's answer (client.builder.send_message)",
        _say,
    )
    p.add_argument("chat_id", metavar="CHAT_ID")
    p.add_argument("text", nargs="+", metavar="TEXT", help="what to say (words are joined)")

    p = b.command("show", "a session's state (client.builder.get_session)", _show)
    p.add_argument("chat_id", metavar="CHAT_ID")

    p = b.command("messages", "a session's transcript (client.builder.messages)", _messages)
    p.add_argument("chat_id", metavar="CHAT_ID")
    p.add_argument("--limit", type=int, metavar="N", help="page size")
    p.add_argument("--offset", type=int, metavar="N", help="messages to skip")

    b.command("quota", "your Builder turns used and left (client.builder.quota)", _quota)


def _session_fields(ctx: Context, s: Any) -> None:
    ctx.out.fields(
        [
            ("chat_id", s.chat_id),
            ("mode", s.builder_mode),
            ("title", s.title),
            ("status", s.status),
            ("messages", s.message_count),
            ("created", s.created_at),
            ("last message", s.last_message_at),
        ]
    )


def _start(ctx: Context) -> int:
    args = ctx.args
    ctx.action = "open a Builder session"
    mode = args.mode  # with --edit alone, the service's default: edit
    session = ctx.client().builder.create_session(
        builder_mode=mode, target_workflow_id=args.edit, title=args.title, locale=args.locale
    )

    def human() -> None:
        _session_fields(ctx, session)
        ctx.out.line(f"next: convilyn builder say {session.chat_id} ...")

    ctx.out.result(session, human)
    return 0


def _say(ctx: Context) -> int:
    chat_id, text = ctx.args.chat_id, " ".join(ctx.args.text)
    ctx.action = f"send a message to Builder session {chat_id}"
    turn = ctx.client().builder.send_message(chat_id, text)

    def human() -> None:
        for message in turn.messages:
            if message.role != "user":
                ctx.out.line(message.content)
        for slot in turn.pending_slots:
            options = f" [{' / '.join(map(str, slot.options))}]" if slot.options else ""
            ctx.out.line(f"? {slot.question}{options}")
        if turn.verdict_action:
            ctx.out.line(f"verdict: {turn.verdict_action}")
        if turn.registered_workflow_id:
            ctx.out.line(
                f"run it: convilyn goals run --user-workflow {turn.registered_workflow_id}"
            )
        elif turn.verdict_action == "stage_draft":
            ctx.out.line(f"register it: convilyn builder say {chat_id} register")

    ctx.out.result(turn, human)
    return 0


def _show(ctx: Context) -> int:
    ctx.action = f"read Builder session {ctx.args.chat_id}"
    session = ctx.client().builder.get_session(ctx.args.chat_id)
    ctx.out.result(session, lambda: _session_fields(ctx, session))
    return 0


def _messages(ctx: Context) -> int:
    args = ctx.args
    ctx.action = f"read the transcript of Builder session {args.chat_id}"
    page = ctx.client().builder.messages(args.chat_id, limit=args.limit, offset=args.offset)

    def human() -> None:
        for m in page.messages:
            ctx.out.line(f"{m.role}: {m.content}")
        shown = page.offset + len(page.messages)
        if shown < page.total:
            ctx.out.line(f"more: --offset {shown}")

    ctx.out.result(page, human)
    return 0


def _quota(ctx: Context) -> int:
    ctx.action = "read your Builder turn budget"
    q = ctx.client().builder.quota()

    def human() -> None:
        ctx.out.line(f"{q.used} of {q.limit} turns used, {q.remaining} left")
        if q.retry_after_seconds:
            ctx.out.line(f"resets in {q.retry_after_seconds} s")

    ctx.out.result(q, human)
    return 0
