"""Split datamodel-code-generator's one models file into a package of one module per class.

A program loads the wire models it reads, not all of them: ``convilyn.models._generated``
holds only an index, and its ``__getattr__`` imports a class's module on first access (each
module imports the classes it refers to). Creating a pydantic class costs about a millisecond
even with ``defer_build``; a program that only runs goal jobs should not pay for the Builder's.

The input has no forward references (datamodel-code-generator orders classes by dependency,
and ``split`` refuses one), so the modules import each other without cycles.
"""

from __future__ import annotations

import ast
import re

PACKAGE_DOC = '''"""The generated wire models, one module per class, loaded on first access.

``from convilyn.models import GoalJob`` imports ``goal_job.py`` and the modules of the classes
it refers to, nothing else. Never edited by hand: ``make generate`` writes this package from
openapi/convilyn.yaml (codegen/split_models.py).
"""'''


def module_name(class_name: str) -> str:
    """``GoalJobStatus`` -> ``goal_job_status``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", class_name).lower()


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def split(source: str, header: str) -> dict[str, str]:
    """``{file name: text}`` for the package: ``__init__.py`` and one module per class."""
    tree = ast.parse(source)
    lines = source.splitlines()
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module != "__future__"]
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    others = [n for n in tree.body if not isinstance(n, ast.ImportFrom | ast.ClassDef)]
    if others:
        raise ValueError(f"unexpected top-level statement at line {others[0].lineno}")
    defined: set[str] = set()
    files: dict[str, str] = {}
    for cls in classes:
        used = _names_in(cls)
        later = used & ({c.name for c in classes} - defined - {cls.name})
        if later or cls.name in used:
            raise ValueError(f"{cls.name} refers to a class defined after it: {sorted(later)}")
        out = [header, "", "from __future__ import annotations", ""]
        for imp in imports:
            names = [a.name for a in imp.names if a.name in used]
            if names:
                out.append(f"from {imp.module} import {', '.join(names)}")
        for dep in sorted(used & defined):
            out.append(f"from .{module_name(dep)} import {dep}")
        out += ["", "", *lines[cls.lineno - 1 : cls.end_lineno], ""]
        files[f"{module_name(cls.name)}.py"] = "\n".join(out)
        defined.add(cls.name)
    if len(files) != len(classes):
        raise ValueError("two classes map to one module name")
    files["__init__.py"] = _index([c.name for c in classes], header)
    return files


def _index(names: list[str], header: str) -> str:
    typed = "\n".join(f"    from .{module_name(n)} import {n} as {n}" for n in names)
    table = "\n".join(f'    "{n}": "{module_name(n)}",' for n in names)
    listed = "\n".join(f'    "{n}",' for n in names)
    return f"""{header}

{PACKAGE_DOC}

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{typed}

_MODULES = {{
{table}
}}

__all__ = [
{listed}
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = getattr(importlib.import_module(f"{{__name__}}.{{module}}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
"""
