"""``convilyn sandbox``: the local reference server (implementation in ``sandbox_cmd``)."""

from __future__ import annotations

import argparse

from ._app import Commands, Context
from ._exit import UsageError

DESCRIPTION = (
    "Run the local Convilyn sandbox, a stateful server speaking the v1 API.\n"
    "The first line on stdout is its base URL; stop it with Ctrl-C.\n"
    "Needs the extra: pip install 'convilyn[sandbox]'."
)


def register(commands: Commands) -> None:
    parser = commands.command(
        "sandbox",
        "run the local sandbox server (prints its base URL on the first line)",
        _run,
        description=DESCRIPTION,
    )
    try:
        from . import sandbox_cmd
    except ImportError:  # the rest of the CLI must keep working
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        return
    sandbox_cmd.configure(parser)


def _run(ctx: Context) -> int:
    ctx.action = "sandbox"
    try:
        from . import sandbox_cmd
    except ImportError as exc:
        raise UsageError(
            f"the sandbox is not available: {exc}", hint="pip install 'convilyn[sandbox]'"
        ) from None
    return sandbox_cmd.run(ctx.args)
