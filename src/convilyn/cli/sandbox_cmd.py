"""``convilyn sandbox``: options and runner live in :mod:`convilyn.sandbox.cli`.

Contract with the CLI: ``configure(parser)`` adds the options; ``run(args)`` blocks, printing the
base URL as stdout's first line, and returns the exit code (0 after Ctrl-C). The sandbox's
dependencies (starlette, uvicorn, ...) are imported inside ``run()`` only.
"""

from __future__ import annotations

import argparse

from convilyn.sandbox import cli as _sandbox_cli


def configure(parser: argparse.ArgumentParser) -> None:
    _sandbox_cli.configure(parser)


def run(args: argparse.Namespace) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        import sys

        print("convilyn sandbox needs the extra: pip install 'convilyn[sandbox]'", file=sys.stderr)
        return 1
    return _sandbox_cli.run(args)
