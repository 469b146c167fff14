"""The ``convilyn`` command: everything the SDK does, from the shell.

Built only on the public facade (``Convilyn`` / ``AsyncConvilyn``), imported only by the console
script: ``import convilyn`` never loads this package, rich, or the sandbox.

Command groups mirror the SDK (``files``, ``convert``, ``goals``, ``workflows``, ``account``)
plus ``api`` (any endpoint), ``doctor``, ``login`` / ``logout``, ``spec``, ``sandbox``, and
``mcp serve`` / ``agent install`` (the MCP server for AI assistants, :mod:`convilyn.mcp`).
The JSON each command prints with ``--json`` is documented, and checked by the tests, in
:mod:`convilyn.cli.shapes`. Exit codes are in :mod:`convilyn.cli._exit`:
0 ok, 1 usage or configuration, 2 API error, 3 job failed, 4 needs input, 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv`` defaults to ``sys.argv[1:]``); returns the exit code."""
    from ._app import run

    return run(argv)
