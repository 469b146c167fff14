"""Every recorded exchange, against our sync and async clients.

The routes of an exchange are installed in respx exactly as the vendor's test installs them;
the call is made on our SDK; then the requests we sent are held to the facts the vendor test
asserts of its own client, and the outcome to the exchange's expectation. Polling never really
sleeps: the client's clock and sleep are a fake that moves only when the SDK sleeps.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import exchanges_account
import exchanges_builder
import exchanges_compat
import exchanges_convert
import exchanges_errors
import exchanges_files
import exchanges_goals
import exchanges_understand
import exchanges_user_workflows
import exchanges_workflows
import httpx
import pytest
import respx
from exchange import API_BASE, API_KEY, UNSET, Ctx, Exchange, Expect, Raises, Reply, Returns, Route

import convilyn
from convilyn import AsyncConvilyn, Convilyn

ALL: tuple[Exchange, ...] = (
    *exchanges_files.EXCHANGES,
    *exchanges_convert.EXCHANGES,
    *exchanges_goals.EXCHANGES,
    *exchanges_understand.EXCHANGES,
    *exchanges_workflows.EXCHANGES,
    *exchanges_account.EXCHANGES,
    *exchanges_errors.EXCHANGES,
    *exchanges_compat.EXCHANGES,
    *exchanges_user_workflows.EXCHANGES,
    *exchanges_builder.EXCHANGES,
)
# The live gateway's answer for a path it does not serve (FastAPI's default 404).
ABSENT_REPLY = Reply(status=404, json={"detail": "Not Found"})


class SpinError(AssertionError):
    """The SDK kept polling without the clock moving (zero-length sleeps)."""


@dataclass
class FakeTime:
    """A clock that only moves when the SDK sleeps (as the unit tests' FakeTime). A run of
    zero-length sleeps fails instead of hanging the suite: a poll loop that spins."""

    now: float = 1_700_000_000.0
    mono: float = 1000.0
    sleeps: list[float] = field(default_factory=list)
    zero_run: int = 0

    def clock(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def _advance(self, seconds: float) -> None:
        self.zero_run = self.zero_run + 1 if seconds <= 0 else 0
        if self.zero_run > 50:
            raise SpinError(f"{self.zero_run} zero-length sleeps in a row: the poll loop spins")
        self.sleeps.append(seconds)
        self.now += seconds
        self.mono += seconds

    def sync_sleep(self, seconds: float) -> None:
        self._advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self._advance(seconds)


def _time_source(kind: str, t: FakeTime) -> dict[str, Any]:
    """The fake clock as the client's ``time_source=``, the SDK's public seam."""
    if kind == "async":
        return {
            "time_source": convilyn.AsyncTimeSource(
                time=t.clock, monotonic=t.monotonic, sleep=t.async_sleep
            )
        }
    return {
        "time_source": convilyn.TimeSource(time=t.clock, monotonic=t.monotonic, sleep=t.sync_sleep)
    }


def _params() -> Iterator[Any]:
    for ex in ALL:
        for kind in ("sync", "async"):
            marks = [pytest.mark.xfail(strict=True, reason=ex.xfail)] if ex.xfail else []
            yield pytest.param(ex, kind, id=f"{ex.id}-{kind}", marks=marks)


# -- responses ------------------------------------------------------------------------------


def _response(reply: Reply, request: httpx.Request) -> httpx.Response:
    if reply.connect_error is not None:
        raise httpx.ConnectError(reply.connect_error, request=request)
    if reply.json is not UNSET:
        return httpx.Response(reply.status, json=reply.json, headers=dict(reply.headers))
    return httpx.Response(reply.status, content=reply.content, headers=dict(reply.headers))


class _Replies:
    """The side effect of one route: its replies in turn, or its only reply every time."""

    def __init__(self, route: Route) -> None:
        self.route = route
        self.count = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        index = self.count
        self.count += 1
        replies = self.route.replies
        if len(replies) > 1 and index >= len(replies):
            raise AssertionError(
                f"{self.route.method} {self.route.url}: call {index + 1}, but the recording "
                f"answers {len(replies)} calls"
            )
        return _response(replies[min(index, len(replies) - 1)], request)


def _install(router: respx.MockRouter, route: Route) -> respx.Route:
    if route.url.startswith("https://"):
        pattern = router.route(method=route.method, url=route.url)
    else:
        pattern = router.route(method=route.method, path=route.url)
    return pattern.mock(side_effect=_Replies(route))


# -- request facts --------------------------------------------------------------------------


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if part == "#len":
            obj = len(obj)
        elif isinstance(obj, Mapping):
            obj = obj[part]
        elif part.isdigit() and isinstance(obj, list | tuple):
            obj = obj[int(part)]
        else:
            obj = getattr(obj, part)
    return obj


def _has(obj: Any, path: str) -> bool:
    try:
        _get(obj, path)
    except (KeyError, IndexError, AttributeError, TypeError):
        return False
    return True


def _check_request(label: str, request: httpx.Request, expect: Expect) -> None:
    raw = request.read()
    _check_json_body(label, raw, expect)
    _check_body_text(label, raw, expect)
    _check_query_and_headers(label, request, expect)
    if expect.form_fields_before_file:
        _check_form_order(label, raw, expect.form_fields_before_file)


def _check_json_body(label: str, raw: bytes, expect: Expect) -> None:
    if expect.raw is not None:
        assert raw == expect.raw, f"{label}: raw body {raw!r}"
    if not (
        expect.body is not UNSET or expect.body_has or expect.body_lacks or expect.body_includes
    ):
        return
    body = json.loads(raw)
    if expect.body is not UNSET:
        assert body == expect.body, f"{label}: body {body!r}"
    for path, value in expect.body_has.items():
        assert _has(body, path), f"{label}: body lacks {path} ({body!r})"
        assert _get(body, path) == value, f"{label}: body {path} = {_get(body, path)!r}"
    for path in expect.body_lacks:
        assert not _has(body, path), f"{label}: body has {path} ({body!r})"
    for path, items in expect.body_includes.items():
        listed = _get(body, path)
        for item in items:
            assert item in listed, f"{label}: body {path} lacks {item!r} ({listed!r})"


def _check_body_text(label: str, raw: bytes, expect: Expect) -> None:
    text = raw.decode("utf-8", errors="replace").replace(" ", "")
    for fragment in expect.text_has:
        assert fragment in text, f"{label}: body lacks {fragment!r} ({text!r})"
    for fragment in expect.text_lacks:
        assert fragment not in text, f"{label}: body has {fragment!r}"


def _check_query_and_headers(label: str, request: httpx.Request, expect: Expect) -> None:
    for name, value in expect.query.items():
        assert request.url.params.get(name) == value, f"{label}: query {request.url.params}"
    for name, value in expect.headers.items():
        assert request.headers.get(name) == value, f"{label}: header {name}"
    for name in expect.headers_present:
        assert request.headers.get(name), f"{label}: no {name} header"
    for name in expect.headers_absent:
        assert name not in request.headers, f"{label}: {name} header sent"
    if expect.content_type_prefix is not None:
        content_type = request.headers.get("content-type", "")
        assert content_type.startswith(expect.content_type_prefix), f"{label}: {content_type}"


def _check_form_order(label: str, raw: bytes, fields: Mapping[str, str]) -> None:
    file_pos = raw.find(b'name="file"')
    assert file_pos >= 0, f"{label}: no file part"
    for name, value in fields.items():
        pos = raw.find(f'name="{name}"'.encode())
        assert 0 <= pos < file_pos, f"{label}: field {name} missing or after the file"
        assert value.encode() in raw, f"{label}: field {name} not verbatim"


# -- outcome ---------------------------------------------------------------------------------


def _check_attrs(what: object, attrs: Mapping[str, Any]) -> None:
    for path, expected in attrs.items():
        actual = _get(what, path)
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def _check_outcome(ex: Exchange, tmp: Path, result: Any, error: BaseException | None) -> None:
    outcome = ex.outcome
    if isinstance(outcome, Raises):
        assert error is not None, f"expected {outcome.cls.__name__}, got {result!r}"
        if outcome.exact:
            assert type(error) is outcome.cls, f"{type(error).__name__}: {error}"
        else:
            assert isinstance(error, outcome.cls), f"{type(error).__name__}: {error}"
        for other in outcome.not_types:
            assert not isinstance(error, other), f"{type(error).__name__} is a {other.__name__}"
        _check_attrs(error, outcome.attrs)
        assert str(error).startswith(outcome.str_startswith), str(error)
        assert str(error).endswith(outcome.str_endswith), str(error)
        return
    assert isinstance(outcome, Returns)
    if error is not None:
        raise error
    if outcome.cls is not None:
        assert isinstance(result, outcome.cls), f"{type(result).__name__}: {result!r}"
    _check_attrs(result, outcome.attrs)
    if outcome.path is not None:
        assert result == tmp / outcome.path
    for name, content in ex.files.items():
        written = (tmp / name).read_bytes()
        assert written == content, f"{name}: {written!r}"


# -- the runner ------------------------------------------------------------------------------


def _make_client(ex: Exchange, kind: str, t: FakeTime) -> Convilyn | AsyncConvilyn:
    kwargs: dict[str, Any] = {
        "api_key": API_KEY,
        "base_url": API_BASE,
        **_time_source(kind, t),
        **ex.client,
    }
    return AsyncConvilyn(**kwargs) if kind == "async" else Convilyn(**kwargs)


async def _run_async(ex: Exchange, tmp: Path, t: FakeTime) -> tuple[Any, BaseException | None]:
    async with _make_client(ex, "async", t) as client:  # type: ignore[union-attr]
        try:
            value = ex.call(Ctx(client, tmp))
            return (await value if inspect.isawaitable(value) else value), None
        except Exception as exc:
            return None, exc


def _run_sync(ex: Exchange, tmp: Path, t: FakeTime) -> tuple[Any, BaseException | None]:
    client = _make_client(ex, "sync", t)
    assert isinstance(client, Convilyn)
    with client:
        try:
            return ex.call(Ctx(client, tmp)), None
        except Exception as exc:
            return None, exc


@pytest.mark.parametrize(("ex", "kind"), list(_params()))
def test_exchange(ex: Exchange, kind: str, tmp_path: Path) -> None:
    if ex.setup is not None:
        ex.setup(tmp_path)
    t = FakeTime()
    all_routes = [
        *ex.routes,
        *(Route(a.split(" ", 1)[0], a.split(" ", 1)[1], (ABSENT_REPLY,)) for a in ex.absent),
    ]
    with respx.mock(base_url=API_BASE, assert_all_called=ex.all_called) as router:
        installed = [_install(router, route) for route in all_routes]
        if kind == "async":
            result, error = asyncio.run(_run_async(ex, tmp_path, t))
        else:
            result, error = _run_sync(ex, tmp_path, t)
        calls = list(router.calls)

    for route, mocked in zip(all_routes, installed, strict=True):
        label = f"{route.method} {route.url}"
        if route.calls is not None:
            assert mocked.call_count == route.calls, f"{label}: {mocked.call_count} calls"
        if mocked.calls:
            _check_request(label, mocked.calls[route.expect.at].request, route.expect)
        else:
            assert route.expect == Expect(), f"{label}: never called, its facts unchecked"
    if ex.in_order:
        order = [
            next(
                i
                for i, m in enumerate(installed)
                if any(c.request is call.request for c in m.calls)
            )
            for call in calls
        ]
        assert order == sorted(order), f"routes called in the order {order}"
    _check_outcome(ex, tmp_path, result, error)
    if ex.sleeps is not None:
        assert tuple(t.sleeps) == ex.sleeps, f"slept {t.sleeps}"
