"""The sandbox's chat Builder: a short, deterministic dialogue that can register a workflow.

``from_scratch`` (also ``edit`` without a target)::

    you: what the workflow should do        -> request_input: "Which format ...?" (a choice)
    you: the format                          -> stage_draft: the draft, "say 'register'"
    you: anything else                       -> stage_draft again, the change folded in
    you: "register" (or save / yes / ok)     -> register: registered_workflow_id = uw_...

``edit`` with ``target_workflow_id``: the first message is the change (stage_draft at once),
and registering updates that workflow. After a registration further changes stage a new draft
of the same workflow. ``discover`` never registers: every turn recommends catalog workflows
(``recommend_existing``). A first message containing ``__infeasible__`` is refused
(``infeasible``). Nothing here touches the rest of the sandbox's state: the route registers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("markdown", "pdf", "docx")
FORMAT_SLOT = "output_format"
FORMAT_QUESTION = "Which format should the result be in?"
REGISTER_WORDS = frozenset({"register", "save", "yes", "ok", "okay", "done", "ship"})
MESSAGES_KEPT = 200  # per session: the oldest are dropped past this
SESSIONS_KEPT = 50  # per account: the oldest are dropped past this
TURNS_PER_WINDOW = {"free": 10, "pro": 30, "business": 100}
WINDOW_SECONDS = 3600


@dataclass
class MessageRecord:
    message_id: str
    role: str
    content: str
    created_at: float
    attachments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BuilderSessionRecord:
    chat_id: str
    user_id: str
    builder_mode: str
    created_at: float
    title: str | None = None
    locale: str = "en"
    target_workflow_id: str | None = None  # edit: the workflow a registration updates
    messages: list[MessageRecord] = field(default_factory=list)
    message_total: int = 0  # every message ever added (ids and counts survive trimming)
    goal: str | None = None
    output_format: str | None = None
    stage: str = "new"  # new -> asked -> staged -> registered
    turn_count: int = 0
    last_message_at: float | None = None

    def add(self, role: str, content: str, now: float, attachments: list[dict[str, Any]]) -> None:
        self.message_total += 1
        ident = f"msg_{self.chat_id.removeprefix('chat_')[:12]}_{self.message_total:04d}"
        self.messages.append(MessageRecord(ident, role, content, now, attachments))
        del self.messages[:-MESSAGES_KEPT]
        self.last_message_at = now


@dataclass(frozen=True)
class Verdict:
    """What a turn decided (the route turns ``register`` into a stored workflow)."""

    action: str | None
    reply: str
    question: str | None = None
    options: tuple[str, ...] = ()

    @property
    def registers(self) -> bool:
        return self.action == "register"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _format_of(text: str) -> str:
    lowered = text.lower()
    for fmt in FORMATS:
        if fmt in lowered or (fmt == "markdown" and " md" in f" {lowered}"):
            return fmt
    return text.strip()[:40]


def draft_name(session: BuilderSessionRecord) -> str:
    if session.title:
        return session.title
    words = (session.goal or "my workflow").split()[:6]
    name = " ".join(words).strip(" .,:;!?")
    return (name[:1].upper() + name[1:])[:60] or "My workflow"


def _staged(session: BuilderSessionRecord) -> Verdict:
    session.stage = "staged"
    fmt = session.output_format or "markdown"
    return Verdict(
        "stage_draft",
        f"Draft ready: {draft_name(session)}: {session.goal} (result as {fmt}). "
        "Say 'register' to save it, or tell me what to change.",
    )


def _ask_format(session: BuilderSessionRecord) -> Verdict:
    session.stage = "asked"
    return Verdict(
        "request_input",
        f"Got it: {session.goal}. {FORMAT_QUESTION}",
        question=FORMAT_QUESTION,
        options=FORMATS,
    )


def take_turn(session: BuilderSessionRecord, content: str, catalog: list[str]) -> Verdict:
    """Advance the dialogue by one message (``catalog``: names to recommend in discover)."""
    session.turn_count += 1
    text = content.strip()
    if session.builder_mode == "discover":
        picks = ", ".join(catalog[:3])
        return Verdict("recommend_existing", f"These existing workflows fit: {picks}.")
    if session.stage == "new" and "__infeasible__" in text:
        return Verdict("infeasible", "I cannot build a workflow for that with the tools I have.")
    if session.stage == "new":
        session.goal = text
        return _staged(session) if session.target_workflow_id else _ask_format(session)
    if session.stage == "asked":
        session.output_format = _format_of(text)
        return _staged(session)
    if session.stage == "staged" and _words(text) & REGISTER_WORDS:
        session.stage = "registered"
        return Verdict("register", "Registered.")  # the route names the id
    session.goal = f"{session.goal}; {text}"
    return _staged(session)


def working_memory(session: BuilderSessionRecord) -> dict[str, Any] | None:
    if session.goal is None:
        return None
    return {"goal": session.goal, "output_format": session.output_format, "stage": session.stage}


def workflow_content(session: BuilderSessionRecord) -> dict[str, Any]:
    """The fields of the workflow a registration stores (an extract stage when asked for)."""
    goal = session.goal or ""
    fmt = session.output_format or "markdown"
    kind = "extract" if "extract" in goal.lower() else "generate"
    return {
        "name": draft_name(session),
        "description": f"{goal} (result as {fmt})",
        "system_prompt": f"You are a workflow that does this: {goal}. Answer in {fmt}.",
        "spec_json": {
            "phases": [{"kind": kind, "instruction": goal}, {"kind": "render", "format": fmt}],
            "outputFormat": fmt,
        },
        "founding_intent": goal,
    }


def window(used: tuple[float, int], tier: str, now: float) -> tuple[float, int, int, int]:
    """``(window start, used, limit, seconds until the window resets)`` at ``now``. A window
    opens with the first turn after the last one closed and lasts WINDOW_SECONDS (not the
    clock's hour: a budget spent at 10:59 is not new again at 11:00)."""
    start, count = used
    if count == 0 or now >= start + WINDOW_SECONDS:
        start, count = now, 0
    reset_in = int(start + WINDOW_SECONDS - now) + 1
    return start, count, TURNS_PER_WINDOW.get(tier, TURNS_PER_WINDOW["pro"]), reset_in
