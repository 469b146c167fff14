"""Print the public surface of the vendor's ``convilyn`` 4.1 as JSON (one name per line of use).

Run it with the interpreter of ``.venv-vendor``; ``tools/contract/check_surface.py`` (our
venv) reads the output and checks each name against ours. Standard library plus the vendor
package only. A name is one of::

    convilyn.X                       a public name of a module 4.1 code imports from
    Convilyn.files.upload            a method (or attribute) of a client or its resources
    Convilyn.files.upload(path=)     a keyword parameter of one
    Convilyn(auth=)                  a keyword parameter of a client's constructor
    GoalJob.status                   a field of a public model
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import sys
import typing
from typing import Any

MODULES = ("convilyn", "convilyn.exceptions", "convilyn.config")
CLIENTS = ("Convilyn", "AsyncConvilyn")
KEY = "ck_pro_surface_0000"


def _public(names: Any) -> list[str]:
    return sorted(n for n in names if not n.startswith("_"))


def _is_api(module: Any, name: str) -> bool:
    """Not a module, nor what ``from __future__`` / ``typing`` put into the namespace."""
    value = getattr(module, name, None)
    if inspect.ismodule(value) or name in ("annotations", "TYPE_CHECKING"):
        return False
    return value is not getattr(typing, name, object())


def _parameters(fn: Any, owner: str) -> list[str]:
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return []
    return [
        f"{owner}({p.name}=)"
        for p in signature.parameters.values()
        if p.name != "self"
        and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        and not p.name.startswith("_")
    ]


def _members(obj: Any, owner: str, twin: Any = None) -> list[str]:
    """``twin``: the async resource whose signatures a sync wrapper's ``*args`` hide."""
    names: list[str] = []
    for name in _public(dir(type(obj))):
        names.append(f"{owner}.{name}")
        member = getattr(type(obj), name)
        if callable(member) and not isinstance(member, type):
            parameters = _parameters(member, f"{owner}.{name}")
            if not parameters and twin is not None and hasattr(twin, name):
                parameters = _parameters(getattr(type(twin), name), f"{owner}.{name}")
            names += parameters
    return names


def _fields(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    model_fields = getattr(cls, "model_fields", None)
    if isinstance(model_fields, dict):
        return list(model_fields)
    return []


def surface() -> list[str]:
    names: list[str] = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        exported = getattr(module, "__all__", None) or _public(vars(module))
        names += [f"{module_name}.{n}" for n in exported if _is_api(module, n)]
    top = importlib.import_module("convilyn")
    twin = top.AsyncConvilyn(api_key=KEY, base_url="http://127.0.0.1:9")
    for client_name in CLIENTS:
        cls = getattr(top, client_name)
        names += _parameters(cls.__init__, client_name)
        client = cls(api_key=KEY, base_url="http://127.0.0.1:9")
        for attr in _public(vars(client)):
            value = getattr(client, attr)
            names.append(f"{client_name}.{attr}")
            if type(value).__module__.startswith("convilyn.resources"):
                names += _members(value, f"{client_name}.{attr}", getattr(twin, attr, None))
        names += _members(client, client_name)
    for name in getattr(top, "__all__", []):
        value = getattr(top, name)
        if isinstance(value, type) and name not in CLIENTS:
            names += [f"{name}.{field}" for field in _fields(value)]
    return sorted(set(names))


if __name__ == "__main__":
    json.dump(surface(), sys.stdout, indent=0)
    sys.stdout.write("\n")
