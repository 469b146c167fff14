"""The argument parser, the per-run context and the error boundary of the ``convilyn`` command."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from ._credentials import resolve
from ._errors import Failure, describe
from ._exit import ExitCode, UsageError
from ._output import Output

if TYPE_CHECKING:
    from convilyn import AsyncConvilyn, Convilyn
    from convilyn.config import Settings

__all__ = ["Context", "build_parser", "run"]

Handler = Callable[["Context"], int | None]

DESCRIPTION = """\
Convilyn from the shell: upload files, convert documents, run goal-lane workflows.

Credentials: --api-key, else CONVILYN_API_KEY, else the file `convilyn setup` (sign in) or
`convilyn login` (paste a key) writes.
Exit codes: 0 ok, 1 usage or configuration, 2 API error, 3 job failed, 4 needs input,
130 interrupted. Add --json for one JSON document on stdout; CONVILYN_DEBUG=1 for tracebacks.
"""

EPILOG = """\
examples:
  convilyn setup
  convilyn convert report.docx --to pdf -o out/
  convilyn goals run --workflow goal_lane.resume_tailor resume.md job.md \\
      --slot target_role="Staff Engineer" --slot tone=professional -o results/
  convilyn workflows search --sort popular --limit 5 --json
  convilyn api GET /api/v1/files
"""


class Parser(argparse.ArgumentParser):
    """argparse with exit code 1 for usage errors (argparse's own default is 2)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, hint=f"see `{self.prog} --help`")


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The options every command takes, before or after the command name."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--api-key",
        metavar="KEY",
        default=default(None),
        help="API key (ck_...); else CONVILYN_API_KEY, else the `convilyn login` file",
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=default(None),
        help="API base URL; else CONVILYN_BASE_URL, else the login file, else the live service",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print exactly one JSON document on stdout (errors too)",
    )
    group.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="SECONDS",
        default=default(None),
        help="HTTP timeout per request (default 30)",
    )
    group.add_argument(
        "--max-retries",
        type=_non_negative_int,
        metavar="N",
        default=default(None),
        help="retries on 408/429/5xx and connection errors (default: the SDK's)",
    )
    group.add_argument(
        "--no-progress",
        action="store_true",
        default=default(False),
        help="no progress bars even on a terminal",
    )
    group.add_argument(
        "--no-input",
        action="store_true",
        default=default(False),
        help="never prompt; a pending slot exits with code 4",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="show tracebacks (same as CONVILYN_DEBUG=1)",
    )


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


class Commands:
    """Adds commands and groups to the tree; every command also takes the global options."""

    def __init__(self, subparsers: Any) -> None:
        self._sub = subparsers

    def group(self, name: str, help_text: str) -> Commands:
        parser = self._sub.add_parser(name, help=help_text, description=help_text)
        _global_options(parser, suppress=True)
        sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest=f"{name}_command")
        sub.required = True
        parser.set_defaults(handler=None, group_parser=parser)
        return Commands(sub)

    def command(
        self, name: str, help_text: str, handler: Handler, *, description: str | None = None
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._sub.add_parser(
            name,
            help=help_text,
            description=description or help_text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(parser, suppress=True)
        parser.set_defaults(handler=handler)
        return parser


def build_parser() -> argparse.ArgumentParser:
    from convilyn import __version__

    from . import (
        _cmd_account,
        _cmd_agent,
        _cmd_api,
        _cmd_builder,
        _cmd_convert,
        _cmd_doctor,
        _cmd_files,
        _cmd_goals,
        _cmd_login,
        _cmd_mcp,
        _cmd_sandbox,
        _cmd_setup,
        _cmd_spec,
        _cmd_user_workflows,
        _cmd_workflows,
    )

    parser = Parser(
        prog="convilyn",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"convilyn {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    sub.required = True
    commands = Commands(sub)
    _cmd_files.register(commands)
    _cmd_convert.register(commands)
    _cmd_goals.register(commands)
    _cmd_workflows.register(commands)
    _cmd_user_workflows.register(commands)
    _cmd_builder.register(commands)
    _cmd_account.register(commands)
    _cmd_api.register(commands)
    _cmd_doctor.register(commands)
    _cmd_login.register(commands)
    _cmd_setup.register(commands)
    _cmd_spec.register(commands)
    _cmd_sandbox.register(commands)
    _cmd_mcp.register(commands)
    _cmd_agent.register(commands)
    return parser


class Context:
    """What a command handler gets: the parsed arguments, the output and lazy clients."""

    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        self.action: str | None = None  # "upload report.pdf": what failed, in error lines
        self.job_id: str | None = None  # the job being driven, for the Ctrl-C hint
        self.created_job_id: str | None = None  # a job this command created: errors name it
        # What the command did before it failed ("uploaded": ["file_1 (a.txt)"]): errors say.
        self.done: dict[str, list[str]] = {}
        # What an API refusal means to this command, in place of the generic hint (a 401 to
        # `setup` is a wrong password, not a bad key).
        self.api_hint: str | None = None
        self._client: Convilyn | None = None
        self._resolved: Settings | None = None

    @property
    def credentials(self) -> Settings:
        if self._resolved is None:
            self._resolved = resolve(api_key=self.args.api_key, base_url=self.args.base_url)
        return self._resolved

    def client_options(self) -> dict[str, Any]:
        creds = self.credentials
        if creds.api_key.source == "none":
            if creds.config_error:
                raise UsageError(
                    f"cannot read the config file: {creds.config_error}",
                    hint="fix or delete it, or run `convilyn login` again",
                )
            raise UsageError(
                "no API key: no --api-key, no CONVILYN_API_KEY, and nothing stored by "
                f"`convilyn login` in {creds.config_file}",
                hint="run `convilyn login`, or pass --api-key, or set CONVILYN_API_KEY",
            )
        # The SDK's key checks, naming where the key came from (--api-key "" is refused).
        options: dict[str, Any] = {
            "api_key": creds.checked_api_key(),
            "base_url": creds.base_url.value,
        }
        if self.args.timeout is not None:
            options["timeout"] = self.args.timeout
        if self.args.max_retries is not None:
            options["max_retries"] = self.args.max_retries
        return options

    def client(self) -> Convilyn:
        """The sync client, built once from flag > env > config file."""
        if self._client is None:
            from convilyn import Convilyn

            self._client = Convilyn(**self.client_options())
        return self._client

    def async_client(self) -> AsyncConvilyn:
        """A new async client (the caller closes it), same configuration."""
        from convilyn import AsyncConvilyn

        return AsyncConvilyn(**self.client_options())

    def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            client.close()


def _debug_enabled(args: argparse.Namespace | None) -> bool:
    flag = os.environ.get("CONVILYN_DEBUG", "").strip().lower()
    return flag in {"1", "true", "yes", "on"} or bool(args is not None and args.debug)


def run(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | None = None,
) -> int:
    """Parse, dispatch, and turn every failure into one line and an exit code."""
    args: argparse.Namespace | None = None
    arguments = list(sys.argv[1:] if argv is None else argv)
    out = Output(
        json_mode="--json" in arguments,  # so that a usage error is JSON too
        stdout=stdout,
        stderr=stderr,
        stdin=stdin,
        progress=False,
        interactive=False,
    )
    ctx: Context | None = None
    _one_line_warnings(out)
    try:
        parser = build_parser()
        if not arguments:  # bare `convilyn`: what it can do, as `gh` and `stripe` answer
            parser.print_help(out.stdout)
            return 0
        args = parser.parse_args(arguments)
        out = Output(
            json_mode=bool(args.json),
            ndjson=bool(getattr(args, "ndjson", False)),
            progress=not args.no_progress,
            interactive=not args.no_input,
            stdout=stdout,
            stderr=stderr,
            stdin=stdin,
        )
        if args.handler is None:  # a group without its command
            args.group_parser.print_help(out.stderr)
            return int(ExitCode.USAGE)
        ctx = Context(args, out)
        return int(args.handler(ctx) or 0)
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:  # `convilyn files list | head`
        _silence_stdout()
        return 0
    except BaseException as exc:
        if not isinstance(exc, Exception | KeyboardInterrupt):
            raise
        return _report(exc, ctx, out, args)
    finally:
        if ctx is not None:
            ctx.close()


def _report(
    exc: BaseException, ctx: Context | None, out: Output, args: argparse.Namespace | None
) -> int:
    """One line (and a JSON document in machine mode) for a failure; its exit code."""
    failure = describe(exc, job_id=ctx.job_id if ctx is not None else None)
    action = ctx.action if ctx is not None else None
    if ctx is not None:
        if ctx.api_hint and failure.kind == "api_error":
            failure.hint = ctx.api_hint
        _name_the_job(failure, ctx, interrupted=isinstance(exc, KeyboardInterrupt))
        _name_what_was_done(failure, ctx)
    if out.machine:
        try:
            out.print_json(failure.document(action))
        except BrokenPipeError:
            _silence_stdout()
    out.error(failure.line(action))
    if _debug_enabled(args):
        traceback.print_exception(exc, file=out.stderr)
    return int(failure.exit_code)


def _name_the_job(failure: Failure, ctx: Context, *, interrupted: bool) -> None:
    """A job outlives the command that drove or created it: say which, and how to go on."""
    if interrupted:
        if ctx.job_id:
            failure.hint = (
                f"the job keeps running on the server: `convilyn goals status {ctx.job_id}`"
            )
        return
    created = ctx.created_job_id
    if not created or "job_spec_id" in failure.extra:
        return
    failure.extra["job_spec_id"] = created
    failure.message = f"{failure.message.rstrip('.')} (goal job {created} was created)"
    cancel = f"cancel the job with `convilyn goals cancel {created}`"
    if failure.status_code == 422:  # an answer the server refused
        failure.hint = f"answer with `convilyn goals fill-slot {created} KEY=VALUE`, or {cancel}"
    else:
        failure.hint = f"{(failure.hint or 'run again').rstrip('.')}; or {cancel}"


def _name_what_was_done(failure: Failure, ctx: Context) -> None:
    """A command that fails half way says what already happened: nothing gets lost."""
    if not ctx.done:
        return
    failure.extra["done"] = ctx.done
    done = "; ".join(f"{what} {', '.join(items)}" for what, items in ctx.done.items())
    failure.message = f"{failure.message.rstrip('.')} (already done: {done})"


def _one_line_warnings(out: Output) -> None:
    """SDK warnings (a soft quota limit, ...) as ``convilyn: warning: ...`` lines."""
    import warnings

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        out.warn(" ".join(str(message).split()))

    warnings.showwarning = show


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
