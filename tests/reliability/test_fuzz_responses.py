"""Bad responses, property-based: whatever the server sends, the SDK ends in a correct parse or
a typed ``ConvilynError``, never another exception and never a hang.

Hypothesis draws the status, the body (truncated JSON, wrong types, missing and extra fields,
unknown enums, non-JSON error pages, huge bodies, JSON of the wrong shape) and the headers
(``Retry-After: -5``, HTTP dates in the past or year 9999, ``X-RateLimit-Reset`` in the past,
in year 9999, non-numeric). Responses come from an ``httpx.MockTransport`` (no network); time
is fake (sleeping advances a clock), so a retry loop that would wait forever shows up as a
sleep we can see, and a real-time guard catches any loop that never sleeps. Fixed seed, bounded
example count (profile ``convilyn-reliability`` in conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import math
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from convilyn import AsyncConvilyn, AsyncTimeSource, ConvilynError, ExponentialBackoffRetry

KEY = "ck_fuzz_0123456789abcdef"
BASE = "https://api.fuzz.test"
MAX_SLEEP = ExponentialBackoffRetry().max_retry_after  # the longest wait the SDK may honour


def _goal_job() -> dict[str, Any]:
    return {
        "jobSpecId": "js_1",
        "status": "executing",
        "progress": 40,
        "itemVersion": 3,
        "fileIds": ["f_1"],
        "pendingSlots": [
            {
                "slotId": "tone",
                "slotType": "choice",
                "question": "Tone?",
                "options": ["a", "b"],
                "required": True,
                "isDisambiguation": False,
            }
        ],
        "filledSlots": {"x": 1},
        "pendingInterrupts": [],
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
    }


def _status() -> dict[str, Any]:
    return {"status": "executing", "progress": 10, "itemVersion": 2, "suggestedPollIntervalMs": 500}


def _files() -> dict[str, Any]:
    return {
        "files": [
            {
                "file_id": "f_1",
                "file_name": "a.pdf",
                "file_size": 3,
                "mime_type": "application/pdf",
                "file_extension": "pdf",
                "created_at": "2026-01-01T00:00:00Z",
            }
        ],
        "usage": {"used_bytes": 3, "free_bytes": 10, "over_quota": False},
    }


TEMPLATES: dict[str, Callable[[], dict[str, Any]]] = {
    "retrieve": _goal_job,
    "status": _status,
    "files": _files,
}

weird_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "not_a_status", "COMPLETED", "slot_needed", "9999-99-99T99:99:99Z"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def mutated_json(draw: st.DrawFn, op: str) -> bytes:
    body: Any = TEMPLATES[op]()
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["drop", "retype", "extra", "nest"]))
        keys = sorted(body)
        if action == "drop" and keys:
            body.pop(draw(st.sampled_from(keys)))
        elif action == "retype" and keys:
            body[draw(st.sampled_from(keys))] = draw(weird_values)
        elif action == "extra":
            body[draw(st.text(min_size=1, max_size=12))] = draw(weird_values)
        elif action == "nest" and keys:
            key = draw(st.sampled_from(keys))
            if isinstance(body[key], list) and body[key] and isinstance(body[key][0], dict):
                inner = body[key][0]
                if inner:
                    inner[draw(st.sampled_from(sorted(inner)))] = draw(weird_values)
    raw = json.dumps(body, allow_nan=True).encode()
    if draw(st.booleans()) and draw(st.booleans()):
        raw = raw[: draw(st.integers(0, max(0, len(raw) - 1)))]  # truncated
    return raw


def bodies(op: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        mutated_json(op),
        st.sampled_from(
            [
                b"",
                b"null",
                b"[]",
                b"42",
                b'"text"',
                b"{",
                b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                b'{"detail": [{"loc": ["body"], "msg": "bad", "type": "x"}]}',
                b'{"detail": "nope"}',
                b'{"error": "version_conflict", "message": "m", "code": 409}',
                b'{"code": 12, "message": null, "details": "x"}',
                b"\xff\xfe\x00garbage",
            ]
        ),
        st.binary(max_size=64),
        # huge: a 2 MiB JSON array / a 2 MiB string field
        st.just(b"[" + b"0," * (1024 * 1024) + b"0]"),
        st.just(json.dumps({"message": "x" * (2 * 1024 * 1024), "code": "BIG"}).encode()),
    )


header_values = {
    "retry-after": st.sampled_from(
        [
            "-5",
            "0",
            "1",
            "abc",
            "1e309",
            "nan",
            "99999999999",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "",
        ]
    ),
    "x-ratelimit-reset": st.sampled_from(
        ["0", "-1", "1000000000", "253402300799", "9999-12-31", "inf", "nan", "1e400", "x"]
    ),
    "x-ratelimit-limit": st.sampled_from(["-1", "1e99", "x", "60"]),
    "x-ratelimit-remaining": st.sampled_from(["-1", "x", "0"]),
    "content-type": st.sampled_from(["application/json", "text/html", "application/xml", ""]),
    "x-quota-state": st.sampled_from(["soft_limit", "weird"]),
    "x-request-id": st.text(max_size=30).filter(lambda s: s.isprintable() and s.isascii()),
}


@st.composite
def responses(draw: st.DrawFn, op: str) -> tuple[int, dict[str, str], bytes]:
    status = draw(
        st.sampled_from([200, 201, 202, 204, 302, 400, 401, 402, 403, 404, 409, 422, 429])
        | st.sampled_from([500, 502, 503, 504, 520, 599, 100, 999])
    )
    names = draw(st.lists(st.sampled_from(sorted(header_values)), unique=True, max_size=4))
    headers = {name: draw(header_values[name]) for name in names}
    return status, headers, draw(bodies(op))


@dataclass
class FakeTime:
    now: float = 1_700_000_000.0
    mono: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        self.mono += seconds


def _drive(
    script: list[tuple[int, dict[str, str], bytes]],
    action: Callable[[AsyncConvilyn], Awaitable[Any]],
) -> tuple[Any, FakeTime, int]:
    """Run ``action`` against a transport answering ``script`` (its last entry repeats)."""
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        status, headers, body = script[min(calls, len(script) - 1)]
        calls += 1
        return httpx.Response(status, headers=headers, content=body)

    t = FakeTime()

    async def main() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        fake = AsyncTimeSource(time=lambda: t.now, monotonic=lambda: t.mono, sleep=t.sleep)
        async with AsyncConvilyn(
            api_key=KEY, base_url=BASE, http_client=http, max_retries=3, time_source=fake
        ) as client:
            try:
                # Real-time guard: with fake time nothing may take long; a hang fails here.
                return await asyncio.wait_for(action(client), timeout=20)
            finally:
                await http.aclose()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # QuotaSoftLimitWarning is a warning, not an outcome
        try:
            result: Any = asyncio.run(main())
        except ConvilynError as exc:
            result = exc
    return result, t, calls


def _check(result: Any, t: FakeTime, calls: int) -> None:
    assert isinstance(result, BaseModel | list | ConvilynError), type(result)
    if isinstance(result, ConvilynError):
        text = str(result)  # rendering the error must not fail either
        assert KEY not in text
        repr(result)
    assert calls <= 4  # 1 attempt + max_retries
    for delay in t.sleeps:
        assert math.isfinite(delay), t.sleeps
        assert 0 <= delay <= MAX_SLEEP, t.sleeps


@settings(settings.get_profile("convilyn-reliability"))
@given(script=st.lists(responses("retrieve"), min_size=1, max_size=4))
def test_goal_retrieve_survives_any_response(
    script: list[tuple[int, dict[str, str], bytes]],
) -> None:
    result, t, calls = _drive(script, lambda c: c.goals.retrieve("js_1"))
    _check(result, t, calls)


@settings(settings.get_profile("convilyn-reliability"))
@given(script=st.lists(responses("files"), min_size=1, max_size=4))
def test_files_list_survives_any_response(script: list[tuple[int, dict[str, str], bytes]]) -> None:
    result, t, calls = _drive(script, lambda c: c.files.list())
    _check(result, t, calls)


@settings(settings.get_profile("convilyn-reliability"), max_examples=40)
@given(script=st.lists(responses("status"), min_size=1, max_size=6))
def test_goal_wait_ends_in_a_parse_or_a_typed_error(
    script: list[tuple[int, dict[str, str], bytes]],
) -> None:
    """A poll loop fed nonsense (unknown statuses, absurd poll hints, errors) still ends: with
    a job, a typed error, or GoalJobTimeoutError once its (fake-time) budget is spent."""
    result, t, _ = _drive(script, lambda c: c.goals.wait("js_1", timeout=120))
    assert isinstance(result, BaseModel | ConvilynError), type(result)
    for delay in t.sleeps:
        assert math.isfinite(delay), t.sleeps
        assert 0 <= delay <= 120, t.sleeps
