"""Small helpers shared by the command modules."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._exit import UsageError

if TYPE_CHECKING:
    from ._app import Context

__all__ = ["human_size", "items_of", "kept_reachable", "upload_paths", "wait_options"]


def items_of(value: Any, attr: str) -> list[Any]:
    """``value.<attr>`` when the SDK returned a wrapper model, else the list itself."""
    inner = getattr(value, attr, None)
    if inner is not None and not callable(inner):
        return list(inner)
    if isinstance(value, list | tuple):
        return list(value)
    return []


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


@contextlib.contextmanager
def kept_reachable(what: str, job: str, fetch: str, **extra: Any) -> Iterator[None]:
    """A result refused over an existing file after its job was paid for: the error names
    the command (``fetch``) that downloads it later."""
    from convilyn.errors import DownloadTargetExistsError

    try:
        yield
    except DownloadTargetExistsError as exc:
        raise UsageError(
            f"{what} {job} is done, but {exc}",
            hint=f"{fetch} --overwrite (or another -o)",
            **extra,
        ) from None


def upload_paths(ctx: Context, paths: Sequence[str]) -> list[Any]:
    """Upload local files one by one, each with its own byte bar, all of them checked first
    (a missing last file must not leave the first uploaded); returns the ``File`` records."""
    client = ctx.client()
    ctx.action = f"check {', '.join(paths)}"
    client.files.check([Path(raw) for raw in paths])
    uploaded: list[Any] = []
    for raw in paths:
        path = Path(raw)
        ctx.action = f"upload {raw}"
        with ctx.out.bytes_bar(f"upload {path.name}") as bar:
            uploaded.append(client.files.upload(path, on_progress=bar))
        ctx.done.setdefault("uploaded", []).append(f"{uploaded[-1].file_id} ({path.name})")
        ctx.out.note(f"uploaded {path.name} → {uploaded[-1].file_id}")
    return uploaded


def wait_options(parser: argparse.ArgumentParser, *, default: float) -> None:
    """``--wait-timeout`` (``default`` seconds) and ``--idle-timeout``, for commands that wait."""
    parser.add_argument(
        "--wait-timeout",
        type=float,
        default=default,
        metavar="SECONDS",
        help=f"give up after this long (exit 3; the job keeps running; default {default:g})",
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="give up when nothing changes for this long",
    )
