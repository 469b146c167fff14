"""pytest fixtures for the Convilyn sandbox (entry point ``convilyn_sandbox``, loaded automatically).

Loaded by every pytest run where convilyn is installed, so it imports nothing heavy until a
fixture is used.

``convilyn_sandbox``
    A running sandbox: ``.base_url``, ``.api_key``, ``.new_key(tier)``, ``.stats()``,
    ``.reset()``, ``.inject(fault)``. Instant speed (``speed=0``) by default. Without options one
    sandbox is shared by the session and reset before each test; with options a dedicated one is
    started for the test::

        @pytest.mark.convilyn_sandbox(speed=1, chaos="503=0.2", seed=7)
        def test_survives_503s(convilyn_sandbox): ...

``convilyn_sandbox_factory``
    ``factory(**options)`` starts further sandboxes, all stopped when the test ends.

Options are :class:`convilyn.sandbox.Sandbox`'s keyword arguments; ``handlers={operationId:
async_handler}`` makes some operations answer otherwise (a drifting or crashing handler, say). ``CONVILYN_SANDBOX_SELF_CHECK=1``
turns on response self-checking (spec drift becomes a 500) by default.
``CONVILYN_SANDBOX_PROFILE=live`` makes ``live`` the default profile of every sandbox the fixtures
start (the shared one included), so a whole suite runs against the live service's behaviour; a
marker's ``profile=`` still wins::

    @pytest.mark.convilyn_sandbox(profile="live")
    def test_against_the_live_behaviour(convilyn_sandbox): ...
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .server import Sandbox

SandboxFactory = Callable[..., "Sandbox"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "convilyn_sandbox(**options): options for the convilyn_sandbox fixture "
        "(speed, chaos, seed, self_check, rate_limits, profile, ...); the test gets its own sandbox",
    )


def _defaults() -> dict[str, Any]:
    from .profile import check_profile

    profile = os.environ.get("CONVILYN_SANDBOX_PROFILE", "").strip() or "default"
    try:
        check_profile(profile)
    except ValueError as exc:
        raise ValueError(f"CONVILYN_SANDBOX_PROFILE: {exc}") from None
    return {
        "speed": 0,
        "self_check": os.environ.get("CONVILYN_SANDBOX_SELF_CHECK", "") not in ("", "0", "false"),
        "profile": profile,
    }


def _start(**options: Any) -> Sandbox:
    try:
        from .server import Sandbox
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise pytest.UsageError(
            f"the convilyn_sandbox fixtures need the extra: pip install 'convilyn[sandbox]' ({exc})"
        ) from exc
    return Sandbox(**{**_defaults(), **options}).start()


@pytest.fixture(scope="session")
def _convilyn_sandbox_shared() -> Iterator[Sandbox]:
    try:
        sandbox = _start()
    except ValueError as exc:  # a bad CONVILYN_SANDBOX_PROFILE
        pytest.fail(f"convilyn_sandbox: {exc}", pytrace=False)
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def convilyn_sandbox_factory() -> Iterator[SandboxFactory]:
    started: list[Sandbox] = []

    def factory(**options: Any) -> Sandbox:
        sandbox = _start(**options)
        started.append(sandbox)
        return sandbox

    try:
        yield factory
    finally:
        for sandbox in started:
            sandbox.stop()


@pytest.fixture
def convilyn_sandbox(
    request: pytest.FixtureRequest, convilyn_sandbox_factory: SandboxFactory
) -> Sandbox:
    marker = request.node.get_closest_marker("convilyn_sandbox")
    options = dict(marker.kwargs) if marker is not None else {}
    if marker is not None and marker.args:
        pytest.fail(
            "convilyn_sandbox marker takes keyword arguments only (speed=..., chaos=..., "
            f"seed=...), got positional {marker.args!r}",
            pytrace=False,
        )
    if options:
        try:
            return convilyn_sandbox_factory(**options)
        except (TypeError, ValueError) as exc:
            pytest.fail(f"convilyn_sandbox marker {options!r}: {exc}", pytrace=False)
    shared: Sandbox = request.getfixturevalue("_convilyn_sandbox_shared")
    shared.reset()
    return shared
