"""``convilyn agent install``: register the MCP server with Claude Code and Codex.

What it writes and why is in :mod:`convilyn.mcp.install` (standard library only: it runs
without the ``mcp`` extra, and says so when the extra is missing).
"""

from __future__ import annotations

from pathlib import Path

from ._app import Commands, Context
from ._cmd_mcp import MCP_EXTRA_HINT

_WOULD = {"created": "would create", "updated": "would update", "appended": "would append to"}


def register(commands: Commands) -> None:
    group = commands.group(
        "agent", "register the MCP server with the AI assistants on this machine"
    )
    p = group.command(
        "install",
        "register `convilyn mcp serve` with Claude Code and Codex (safe to re-run)",
        _install,
        description=(
            "Write the Claude Code plugin (~/.claude/skills/convilyn), the Codex skill\n"
            "(~/.agents/skills/convilyn) and the [mcp_servers.convilyn] table of\n"
            "~/.codex/config.toml (merged into the file, nothing else touched). No key is\n"
            "written: the server reads it from `convilyn login` or CONVILYN_API_KEY.\n"
            "Re-running changes nothing. --dry-run reports what it would write."
        ),
    )
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.add_argument("--home", metavar="DIR", help="install under DIR instead of your home directory")


def _install(ctx: Context) -> int:
    from convilyn.mcp.install import install, mcp_extra_installed, server_command

    home = Path(ctx.args.home).expanduser() if ctx.args.home else Path.home()
    dry_run = bool(ctx.args.dry_run)
    ctx.action = f"register the MCP server under {home}"
    steps = install(home, dry_run=dry_run)
    ready = mcp_extra_installed()
    refused = [step for step in steps if step.action == "refused"]
    document = {
        "ok": not refused,
        "dry_run": dry_run,
        "command": [server_command(), "mcp", "serve"],
        "mcp_extra_installed": ready,
        "steps": [
            {
                "target": str(step.target),
                "action": step.action,
                "changed": step.changed,
                "detail": step.detail,
            }
            for step in steps
        ],
    }

    def human() -> None:
        for step in steps:
            action = _WOULD.get(step.action, step.action) if dry_run else step.action
            detail = f" ({step.detail})" if step.detail else ""
            ctx.out.line(f"{action}: {step.target}{detail}")
        if not any(step.changed for step in steps) and not refused:
            ctx.out.line("nothing to change: the MCP server is already registered")

    ctx.out.result(document, human)
    for step in refused:
        ctx.out.warn(f"left {step.target} as it was: {step.detail}")
    if not ready:
        ctx.out.warn(
            f"the server is registered but cannot start yet: install the mcp library with "
            f"{MCP_EXTRA_HINT}"
        )
    return 1 if refused else 0
