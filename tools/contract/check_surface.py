"""Every public name of the vendor's 4.1 exists in ours, or README's "Coming from convilyn 4.x"
table says what a 4.1 user writes instead.

    .venv-vendor/bin/python tools/contract/vendor_surface.py > surface.json
    .venv/bin/python tools/contract/check_surface.py surface.json [README.md]

Run by ``make contract``. A name is listed in the table when it appears in backticks in the
first column of a row of that section (``Convilyn.goals.extract``, ``Convilyn(auth=)``); the
exit code is 1 when any name is neither ours nor listed, and each such name is printed.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SECTION = "## Coming from convilyn 4.x"
_CALL = re.compile(r"^(?P<owner>[\w.]+)\((?P<param>\w+)=\)$")
KEY = "ck_pro_surface_0000"


def listed(readme: str) -> set[str]:
    """The names in the first column of the section's table."""
    start = readme.find(SECTION)
    if start < 0:
        return set()
    end = readme.find("\n## ", start + len(SECTION))
    names: set[str] = set()
    for line in readme[start : end if end > 0 else None].splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2:
            names.update(re.findall(r"`([^`]+)`", cells[1]))
    return names


class Ours:
    """Looks names up in our package, the way 4.1 code would reach them."""

    def __init__(self) -> None:
        import convilyn

        self.top = convilyn
        self.sync = convilyn.Convilyn(api_key=KEY, base_url="http://127.0.0.1:9")
        self.clients: dict[str, Any] = {
            "Convilyn": self.sync,
            "AsyncConvilyn": convilyn.AsyncConvilyn(api_key=KEY, base_url="http://127.0.0.1:9"),
        }

    def close(self) -> None:
        self.sync.close()

    def has(self, name: str) -> bool:
        call = _CALL.match(name)
        if call:
            return _takes(self._resolve(call["owner"], constructor=True), call["param"])
        return self._resolve(name) is not None

    def _resolve(self, dotted: str, *, constructor: bool = False) -> Any:
        head, _, rest = dotted.partition(".")
        if head == "convilyn":
            module_name, _, attr = dotted.rpartition(".")
            try:
                return getattr(importlib.import_module(module_name), attr, None)
            except ImportError:
                return None
        if head in self.clients:
            if not rest:
                return type(self.clients[head]).__init__ if constructor else self.clients[head]
            return _walk(self.clients[head], rest.split("."))
        model = getattr(self.top, head, None)
        if isinstance(model, type) and rest:
            fields = getattr(model, "model_fields", {})
            return True if rest in fields or hasattr(model, rest) else None
        return None


def _walk(obj: Any, path: Iterable[str]) -> Any:
    for part in path:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def _takes(fn: Any, param: str) -> bool:
    if fn is None:
        return False
    try:
        return param in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def missing(vendor: Iterable[str], readme: str) -> list[str]:
    table = listed(readme)
    ours = Ours()
    try:
        return [name for name in vendor if name not in table and not ours.has(name)]
    finally:
        ours.close()


def main(argv: list[str]) -> int:
    vendor = json.loads(Path(argv[0]).read_text())
    readme = Path(argv[1] if len(argv) > 1 else "README.md").read_text()
    absent = missing(vendor, readme)
    for name in absent:
        print(f"missing: {name}")
    if absent:
        print(
            f"{len(absent)} public names of 4.1 are neither in ours nor in README's "
            f'"{SECTION[3:]}" table: add them, or a row saying what 4.1 code writes instead.'
        )
        return 1
    print(f"ok   all {len(vendor)} public names of 4.1 are ours or in the table")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
