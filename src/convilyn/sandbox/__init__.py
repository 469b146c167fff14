"""The Convilyn sandbox: a local, stateful server that speaks ``openapi/convilyn.yaml``.

Start it from Python::

    from convilyn.sandbox import Sandbox

    with Sandbox(speed=0) as sb:
        print(sb.base_url, sb.api_key)

from the shell with ``convilyn sandbox``, or in pytest with the ``convilyn_sandbox`` fixture.
Needs the extra ``convilyn[sandbox]``. This package imports nothing heavy until used: the
pytest plugin lives inside it and is loaded by every pytest run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chaos import ChaosConfig
    from .server import Sandbox

__all__ = ["ChaosConfig", "Sandbox"]


def __getattr__(name: str) -> Any:
    if name == "Sandbox":
        from .server import Sandbox

        return Sandbox
    if name == "ChaosConfig":
        from .chaos import ChaosConfig

        return ChaosConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
