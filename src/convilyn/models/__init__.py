"""The wire models: frozen pydantic v2 classes generated from openapi/convilyn.yaml.

Field names are snake_case with the wire's camelCase as aliases; parse with
``Model.model_validate(json)``, dump the wire form with ``model_dump(by_alias=True)``.
The classes themselves live in ``_generated/`` (never edited by hand), one module per class,
each imported on first access; they share the handwritten base in ``_base.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from convilyn.models import _generated
from convilyn.models._generated import __all__ as _GENERATED

if TYPE_CHECKING:
    from convilyn.models._base import WireModel as WireModel
    from convilyn.models._generated import *  # noqa: F403

__all__ = ["WireModel", *_GENERATED]


def __getattr__(name: str) -> Any:
    if name == "WireModel":
        from convilyn.models._base import WireModel

        return WireModel
    if name not in _GENERATED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_generated, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
