"""Parsing ``KEY=VALUE`` arguments and rendering values (pure)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ._exit import UsageError

__all__ = [
    "parse_assignments",
    "parse_header",
    "parse_value",
    "render_value",
]


def parse_value(text: str) -> Any:
    """A JSON value when the text is one (``3``, ``true``, ``["a"]``, ``"007"``), else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_assignments(items: Iterable[str], *, flag: str = "--slot") -> dict[str, Any]:
    """``["tone=formal", "pages=2"]`` → ``{"tone": "formal", "pages": 2}``; a repeated key is
    refused (which answer was meant?)."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(
                f"{flag} {item!r} is not KEY=VALUE",
                hint=f"write it as {flag} tone=formal (JSON values too: {flag} 'pages=2')",
            )
        if key in out:
            raise UsageError(
                f"{flag} {key} is given more than once",
                hint=f"give {key} once, with the value you mean",
            )
        out[key] = parse_value(value)
    return out


def parse_header(item: str) -> tuple[str, str]:
    """``"X-Trace: 1"`` or ``"X-Trace=1"`` → ``("X-Trace", "1")``."""
    for sep in (":", "="):
        name, found, value = item.partition(sep)
        if found and name.strip():
            return name.strip(), value.strip()
    raise UsageError(
        f"--header {item!r} is not NAME:VALUE", hint="write it as --header 'X-Foo: bar'"
    )


def render_value(value: Any) -> str:
    """How a slot value is shown to a person: strings bare, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
