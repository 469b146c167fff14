"""``convilyn agent install``: register ``convilyn mcp serve`` with Claude Code and Codex.

The destinations are the vendor 4.1's, for both hosts at once (guessing which is installed
would guess wrong in the quiet direction):

- ``~/.claude/skills/convilyn/``: a skills-directory plugin Claude Code loads as
  ``convilyn@skills-dir`` on its next session (``.claude-plugin/plugin.json``, ``.mcp.json``,
  ``SKILL.md``). This package owns the folder, so it is written outright.
- ``~/.agents/skills/convilyn/SKILL.md``: the skill, where Codex looks for user skills.
- ``~/.codex/config.toml``: an ``[mcp_servers.convilyn]`` table merged into the user's file.
  The file is theirs: the table is appended as text, nothing else is touched, and a file that
  cannot take it safely (unparsable, ``mcp_servers`` as an inline table, a different
  ``convilyn`` entry) is left exactly as it was and reported.

Every write is atomic (a temporary file renamed into place), the command is the absolute path
of this interpreter's ``convilyn`` (an assistant's ``PATH`` need not hold it), and no key is
written anywhere: the server reads it from the usual configuration. Re-running changes nothing.
Standard library only: this runs without the ``mcp`` extra.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from convilyn import __version__

__all__ = ["Step", "install", "mcp_extra_installed", "server_command"]

Action = Literal["created", "updated", "appended", "unchanged", "refused"]
SECTION = "[mcp_servers.convilyn]"
SERVE_ARGS = ("mcp", "serve")
_INLINE_TABLE = re.compile(r"^\s*mcp_servers\s*=", re.MULTILINE)

SKILL = f"""\
---
name: convilyn
description: >-
  Run Convilyn's hosted document workflows (cover letters, resume tailoring, summaries,
  contract reviews, slide decks, data reports, translations) and conversions on files in
  the workspace, through the convilyn MCP server. Use when the user wants a document
  produced from their files, given fields extracted from a document into a JSON Schema, or a
  file converted to a format you cannot produce locally.
  Do NOT use it to read or edit text files you can handle yourself.
metadata:
  version: "{__version__}"
---

# Convilyn workflows from the assistant

The `convilyn` MCP server's tools:

- `workflows`: the catalog (ids, accepted formats, the questions each workflow asks, the
  plan it needs) and the community marketplace. Free.
- `run_workflow`: uploads workspace files and runs a catalog workflow. The user approves
  the upload and cost first; the workflow's questions are shown to the user as forms
  (pass `answers` only for what the user already told you). Outputs are written under
  `convilyn-results/<job id>/`; the result lists their paths.
- `job_status` / `resume_job`: look at, or continue, a job by id (a job the user left
  waiting, or one still running).
- `convert`: converts one workspace file on the hosted service.
- `understand`: extracts fields from one workspace document into a JSON Schema you give
  and returns the JSON. The user approves the upload and cost first.
- `account`: plan, credit balance, the service's cost estimate. Free.

Never answer a workflow's questions or approvals on the user's behalf. The API key comes
from `convilyn login` (or CONVILYN_API_KEY); never ask the user to paste it into the chat.
"""

PLUGIN = {
    "name": "convilyn",
    "displayName": "Convilyn — hosted document workflows",
    "version": __version__,
    "description": (
        "Run Convilyn's document workflows and conversions on workspace files, with every "
        "question and cost approval asked of you. Needs: pip install 'convilyn[mcp]' and "
        "`convilyn login`."
    ),
    "keywords": ["documents", "workflows", "conversion", "mcp"],
}


@dataclass(frozen=True)
class Step:
    """One destination and what happened to it (or would, in a dry run)."""

    target: Path
    action: Action
    detail: str = ""

    @property
    def changed(self) -> bool:
        return self.action in ("created", "updated", "appended")


def server_command() -> str:
    """The absolute path of the ``convilyn`` belonging to this interpreter, else the one on
    ``PATH``, else the bare name."""
    name = "convilyn.exe" if os.name == "nt" else "convilyn"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which("convilyn")
    return str(Path(found).resolve()) if found else "convilyn"


def mcp_extra_installed() -> bool:
    """Whether the ``mcp`` library is installed, so the registered server can start."""
    try:
        return find_spec("mcp") is not None and find_spec("mcp.server.mcpserver") is not None
    except (ImportError, ValueError):  # pragma: no cover - a broken partial install
        return False


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _json(document: object) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def claude_plugin_files(home: Path, command: str) -> dict[Path, bytes]:
    root = home / ".claude" / "skills" / "convilyn"
    server = {"mcpServers": {"convilyn": {"command": command, "args": list(SERVE_ARGS)}}}
    return {
        root / ".claude-plugin" / "plugin.json": _json(PLUGIN),
        root / ".mcp.json": _json(server),
        root / "SKILL.md": SKILL.encode("utf-8"),
    }


def _install_owned(target: Path, files: dict[Path, bytes], dry_run: bool, detail: str) -> Step:
    """Files this package owns: written outright, unchanged when every byte matches."""
    if all(path.is_file() and path.read_bytes() == body for path, body in files.items()):
        return Step(target, "unchanged", "already up to date")
    action: Action = "updated" if target.exists() else "created"
    if not dry_run:
        for path, body in files.items():
            _write_atomically(path, body)
    return Step(target, action, detail)


def _toml_literal(text: str) -> str:
    if "'" in text or "\n" in text:
        return json.dumps(text)  # a JSON string is a valid TOML basic string
    return f"'{text}'"  # literal: a Windows path's backslashes stay as they are


def codex_table(command: str) -> str:
    args = ", ".join(json.dumps(a) for a in SERVE_ARGS)
    return f"{SECTION}\ncommand = {_toml_literal(command)}\nargs = [{args}]\n"


def install_codex(home: Path, command: str, *, dry_run: bool) -> Step:
    path = home / ".codex" / "config.toml"
    table = codex_table(command)
    wanted = tomllib.loads(table)["mcp_servers"]["convilyn"]
    if not path.is_file():
        if not dry_run:
            _write_atomically(path, table.encode("utf-8"))
        return Step(path, "created")
    existing = path.read_text(encoding="utf-8")
    try:
        parsed = tomllib.loads(existing)
    except tomllib.TOMLDecodeError as exc:
        return Step(path, "refused", f"not valid TOML ({exc}); left as it was")
    servers = parsed.get("mcp_servers", {})
    current = servers.get("convilyn") if isinstance(servers, dict) else None
    if current is not None:
        if {k: current.get(k) for k in wanted} == wanted:
            return Step(path, "unchanged", "already declares convilyn")
        return Step(
            path,
            "refused",
            "declares another convilyn server; left as it was. To use this one, set in it:\n"
            + table,
        )
    if _INLINE_TABLE.search(existing):
        return Step(
            path,
            "refused",
            "mcp_servers is an inline table there; left as it was. Add inside it: convilyn = "
            f'{{ command = {_toml_literal(command)}, args = ["mcp", "serve"] }}',
        )
    separator = "" if not existing or existing.endswith("\n") else "\n"
    merged = f"{existing}{separator}\n{table}"
    tomllib.loads(merged)  # appending a table header after any valid document stays valid
    if not dry_run:
        _write_atomically(path, merged.encode("utf-8"))
    return Step(path, "appended")


def install(home: Path, *, dry_run: bool = False) -> list[Step]:
    """Every destination, Claude Code first, then Codex."""
    command = server_command()
    plugin = claude_plugin_files(home, command)
    skill = home / ".agents" / "skills" / "convilyn" / "SKILL.md"
    return [
        _install_owned(
            home / ".claude" / "skills" / "convilyn",
            plugin,
            dry_run,
            "Claude Code loads it as convilyn@skills-dir on its next session",
        ),
        _install_owned(skill, {skill: SKILL.encode("utf-8")}, dry_run, "the skill, for Codex"),
        install_codex(home, command, dry_run=dry_run),
    ]
