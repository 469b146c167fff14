"""Small helpers shared by the command modules."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import Context

__all__ = ["human_size", "items_of", "output_target", "upload_paths"]


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


def output_target(raw: str) -> Path:
    """``-o``: a directory (created when written with a trailing slash) or a file path."""
    target = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) and not target.exists():
        target.mkdir(parents=True, exist_ok=True)
    return target


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
