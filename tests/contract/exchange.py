"""The record types of the contract exchanges (data only; the runner is test_contract.py).

An :class:`Exchange` is one scenario of the vendor's unit tests (CoreNovus/convilyn-python,
``tests/unit``): the call made on OUR SDK, the HTTP routes the vendor's recording answers with
(status, body and headers copied from its fixtures verbatim), the request facts the vendor
test asserts its own client sends (no more), and the outcome expected of our SDK.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convilyn import AsyncConvilyn, Convilyn

# The vendor's tests talk to this host (their ``API_BASE``); so do these exchanges.
API_BASE = "https://api.convilyn.corenovus.com"
API_KEY = "ck_test"  # the vendor fixtures' key
UNSET: Any = object()  # "no such fact recorded"


@dataclass
class Ctx:
    """What a call gets: the client under test and a scratch folder for files."""

    client: Convilyn | AsyncConvilyn
    tmp: Path

    def write(self, name: str, content: bytes) -> Path:
        path = self.tmp / name
        path.write_bytes(content)
        return path

    def path(self, name: str) -> Path:
        return self.tmp / name


Call = Callable[[Ctx], Any]


@dataclass(frozen=True)
class Reply:
    """One recorded response (``json`` or ``content``; neither is an empty body), or a
    transport failure (``connect_error``) where the vendor's mock raises one."""

    status: int = 200
    json: Any = UNSET
    content: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    connect_error: str | None = None


@dataclass(frozen=True)
class Expect:
    """The request facts a vendor test asserts (checked on the route's call ``at``).

    ``body_has``/``body_lacks``/``body_includes`` take dotted paths into the JSON body
    (``params.file_id``); ``text_has``/``text_lacks`` are substrings of the raw body with
    spaces removed (the vendor's ``'"a":"b"' in sent.replace(" ", "")``).
    """

    at: int = -1
    body: Any = UNSET
    raw: bytes | None = None
    body_has: Mapping[str, Any] = field(default_factory=dict)
    body_lacks: tuple[str, ...] = ()
    body_includes: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    text_has: tuple[str, ...] = ()
    text_lacks: tuple[str, ...] = ()
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    headers_present: tuple[str, ...] = ()
    headers_absent: tuple[str, ...] = ()
    content_type_prefix: str | None = None
    # A presigned POST form: these fields, verbatim, each before the file part.
    form_fields_before_file: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    """A recorded route: ``url`` is a path on ``API_BASE`` or an absolute storage URL.

    One reply answers every call (the vendor's ``return_value``); several answer the calls
    in turn and a call past the last fails (its ``side_effect`` list). ``calls`` is the exact
    call count where the vendor asserts one. ``recorded=False`` marks a route the vendor's
    recording lacks because its client never makes that request; it is added where our SDK
    deliberately makes it (the exchange says why).
    """

    method: str
    url: str
    replies: tuple[Reply, ...]
    expect: Expect = field(default_factory=Expect)
    calls: int | None = None
    recorded: bool = True


@dataclass(frozen=True)
class Returns:
    """The call returns: an instance of ``cls`` whose dotted ``attrs`` have these values
    (``files.0.file_name``; a ``#len`` segment is ``len()``); ``path`` is the file name (in
    the scratch folder) the result must equal."""

    cls: type[Any] | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    path: str | None = None


@dataclass(frozen=True)
class Raises:
    """The call raises ``cls`` (exactly that class when ``exact``) with these ``attrs``,
    is an instance of none of ``not_types``, and ``str()`` of it starts and ends so."""

    cls: type[BaseException]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    exact: bool = False
    not_types: tuple[type[Any], ...] = ()
    str_startswith: str = ""  # str(exc) starts / ends with these
    str_endswith: str = ""


@dataclass(frozen=True)
class Exchange:
    id: str  # "<vendor file>::<class>::<test>" (a "[case]" suffix when one test has several)
    call: Call
    routes: tuple[Route, ...]
    outcome: Returns | Raises
    # "METHOD /path" our SDK probes that the live service lacks (the vendor's client never
    # calls it, so its recording has no route): answered 404 as the live gateway does.
    absent: tuple[str, ...] = ()
    client: Mapping[str, Any] = field(default_factory=dict)  # extra client arguments
    setup: Callable[[Path], None] | None = None  # prepares the scratch folder
    files: Mapping[str, bytes] = field(default_factory=dict)  # scratch files after the call
    in_order: bool = False  # the routes were called in the order listed
    all_called: bool = True  # every route (absent ones included) was called
    xfail: str | None = None  # a mismatch of our SDK against the vendor's recording
    sleeps: tuple[float, ...] | None = None  # the client's sleeps, where the vendor asserts them

    @property
    def vendor_test(self) -> str:
        """The vendor test id this exchange is taken from (without the case suffix)."""
        return self.id.split("[", 1)[0]


def ok(payload: Any = UNSET, status: int = 200, **headers: str) -> Reply:
    """A JSON reply (``headers`` spelled as keyword arguments)."""
    return Reply(status=status, json=payload, headers=headers)


def err(status: int, payload: Any = UNSET) -> Reply:
    return Reply(status=status, json=payload)
