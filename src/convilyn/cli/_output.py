"""Everything the CLI prints: results (human or ``--json``), NDJSON events, notes, progress.

Rules:

* stdout carries results only: with ``--json`` exactly one JSON document, with ``--ndjson`` one
  JSON object per line, otherwise human text (plain on a pipe, styled on a terminal).
* stderr carries notes, warnings, prompts, progress bars and the one-line error.
* Progress bars, live job status and checkpoint previews appear only when stderr is a
  terminal (and never with ``--no-progress``); on a pipe nothing of that is written.
* rich is imported only when something is rendered on a terminal.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["ByteBar", "JobBar", "Output", "jsonable", "preview_of"]


def jsonable(value: Any) -> Any:
    """Models → their ``model_dump(mode="json")`` (Python field names), paths → str, etc."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    enum_value = getattr(value, "value", None)
    if enum_value is not None and not isinstance(value, int | float | str | bool):
        return enum_value
    return value


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Output:
    def __init__(
        self,
        *,
        json_mode: bool = False,
        ndjson: bool = False,
        progress: bool = True,
        interactive: bool = True,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
    ) -> None:
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.json_mode = json_mode
        self.ndjson = ndjson
        self.stdout_tty = _isatty(self.stdout)
        self.stderr_tty = _isatty(self.stderr)
        self.show_progress = progress and self.stderr_tty
        self.interactive = interactive and _isatty(self.stdin) and self.stderr_tty
        self.emitted = False
        self._err_console: Console | None = None
        self._out_console: Console | None = None

    # -- consoles (rich, lazily) ---------------------------------------------------------------

    @property
    def err_console(self) -> Console:
        if self._err_console is None:
            from rich.console import Console

            self._err_console = Console(file=self.stderr, stderr=True, highlight=False)
        return self._err_console

    @property
    def out_console(self) -> Console:
        if self._out_console is None:
            from rich.console import Console

            self._out_console = Console(file=self.stdout, highlight=False)
        return self._out_console

    @property
    def machine(self) -> bool:
        """True when stdout is reserved for JSON (``--json`` or ``--ndjson``)."""
        return self.json_mode or self.ndjson

    # -- results -------------------------------------------------------------------------------

    def result(self, document: Any, human: Callable[[], None] | None = None) -> None:
        """The command's result: the JSON document with ``--json``, else ``human()``."""
        if self.json_mode:
            self.print_json(document)
        elif human is not None:
            human()

    def print_json(self, document: Any) -> None:
        if self.emitted:  # one document per command, whatever happens
            return
        self.emitted = True
        indent = None if self.ndjson and not self.json_mode else 2  # an NDJSON stream: one line
        self.stdout.write(json.dumps(jsonable(document), indent=indent, ensure_ascii=False) + "\n")
        self.stdout.flush()

    def event(self, document: Any) -> None:
        """One NDJSON line on stdout, flushed (``goals events``, ``goals run --ndjson``)."""
        self.stdout.write(json.dumps(jsonable(document), ensure_ascii=False) + "\n")
        self.stdout.flush()

    def line(self, text: str = "") -> None:
        """A human result line on stdout (never with --json / --ndjson)."""
        if self.machine:
            return
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def raw(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def fields(self, pairs: Sequence[tuple[str, Any]]) -> None:
        """Aligned ``name: value`` lines; ``None`` values are left out."""
        shown = [(k, v) for k, v in pairs if v is not None and v != ""]
        if not shown:
            return
        width = max(len(k) for k, _ in shown)
        for key, value in shown:
            self.line(f"{key + ':':<{width + 1}} {_text(value)}")

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """A table: boxed on a terminal, plain aligned columns on a pipe."""
        if self.machine:
            return
        cells = [[_text(c) for c in row] for row in rows]
        if self.stdout_tty:
            from rich.table import Table

            table = Table(*columns, show_edge=False, header_style="bold")
            for row in cells:
                table.add_row(*row)
            self.out_console.print(table)
            return
        widths = [len(c) for c in columns]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=False)]
        for row in [list(columns), *cells]:
            self.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())

    # -- notes on stderr -----------------------------------------------------------------------

    def note(self, text: str) -> None:
        """A progress note on stderr (human mode only: scripts get the result alone)."""
        if self.machine:
            return
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def warn(self, text: str) -> None:
        self.stderr.write(f"convilyn: warning: {text}\n")
        self.stderr.flush()

    def error(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()

    # -- progress ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def bytes_bar(self, description: str) -> Iterator[ByteBar]:
        """A byte progress bar for one transfer (a no-op bar when not on a terminal)."""
        if not self.show_progress:
            yield ByteBar(None, None)
            return
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self.err_console,
            transient=False,
        )
        with progress:
            task = progress.add_task(description, total=None)
            yield ByteBar(progress, task)

    @contextlib.contextmanager
    def job_bar(self, description: str) -> Iterator[JobBar]:
        """A live job bar (status, %, current step, elapsed) while waiting."""
        if not self.show_progress:
            yield JobBar(None, None, self)
            return
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("[bold]{task.fields[status]}[/bold]"),
            TextColumn("{task.fields[step]}"),
            TimeElapsedColumn(),
            console=self.err_console,
            transient=False,
        )
        with progress:
            task = progress.add_task(description, total=100, status="", step="")
            yield JobBar(progress, task, self)

    # -- prompting -----------------------------------------------------------------------------

    def ask(self, prompt: str) -> str:
        """Read one line from the terminal (prompt on stderr); EOFError at the end of input
        (Ctrl-D), which callers read as "no answer"."""
        self.stderr.write(prompt)
        self.stderr.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")


class ByteBar:
    """The callback target of ``on_progress(done, total)`` for uploads and downloads."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress = progress
        self._task = task
        self.done = 0
        self.total: int | None = None

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done, self.total = done, total
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, total=total or None)


class JobBar:
    """Live job progress; ``show`` takes a ConvertJob, GoalJob or GoalJobStatus snapshot."""

    def __init__(self, progress: Progress | None, task: TaskID | None, out: Output) -> None:
        self._progress = progress
        self._task = task
        self._out = out
        self._previews: set[str] = set()
        self.last: Any = None

    @property
    def live(self) -> bool:
        return self._progress is not None

    def show(self, snapshot: Any) -> None:
        self.last = snapshot
        if self._progress is None or self._task is None:
            return
        status = _text(getattr(snapshot, "status", "") or "")
        percent = getattr(snapshot, "progress", None)
        step = (
            getattr(snapshot, "current_step", None)
            or getattr(snapshot, "progress_message", None)
            or ""
        )
        self._progress.update(
            self._task,
            completed=percent if isinstance(percent, int | float) else None,
            status=status,
            step=str(step)[:60],
        )
        title, preview = preview_of(snapshot)
        if preview and f"{title}:{preview}" not in self._previews:
            self._previews.add(f"{title}:{preview}")
            self.preview(title, preview)

    def preview(self, title: str, text: str) -> None:
        """A checkpoint's preview text, above the bar (terminal only)."""
        if self._progress is None:
            return
        from rich.panel import Panel

        heading = title if title in {"checkpoint", "preview"} else f"checkpoint {title}"
        self._progress.console.print(Panel(text, title=heading, expand=False))

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Stop redrawing while the user answers a prompt."""
        if self._progress is None:
            yield
            return
        self._progress.stop()
        try:
            yield
        finally:
            self._progress.start()


def preview_of(snapshot: Any) -> tuple[str, str | None]:
    """(title, text) of the preview a GoalJobStatus or GoalJob snapshot shows (its
    ``preview``), titled by the checkpoint that asks, else by what the job waits for; a
    conversion job has none."""
    from convilyn.types import GoalPhase

    text = getattr(snapshot, "preview", None)
    if not text:
        return "", None
    checkpoint = getattr(snapshot, "checkpoint", None)
    if checkpoint is not None:
        return str(checkpoint.checkpoint_id), text
    return ("preview" if snapshot.phase is GoalPhase.READY else "checkpoint"), text


def _text(value: Any) -> str:
    if value is None:
        return ""
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str):
        return enum_value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(value)
