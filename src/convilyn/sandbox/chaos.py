"""Misbehaviour on purpose: server errors, 429 storms, latency and connection resets.

``ChaosConfig.parse("500=0.05,502=0.05,503=0.05,429=0.05,latency=0.2,reset_before=0.02,reset_after=0.02")``
gives each fault a probability per API request (``/api/v1/...``, health excluded), drawn from a
generator seeded with ``seed`` so a run can be replayed. Options: ``storm=N`` (a 429 is followed
by N-1 more), ``latency_ms=N`` (added delay), ``retry_after=N`` (seconds, on 429 and 503).
Faults can also be forced for the next requests (``inject``), and one only so: ``quota``, a 402
``QUOTA_EXCEEDED`` whose ``details`` say when the quota resets (``retry_after_seconds``, the
``retry_after`` option, and ``reset_at``), as the live service's cost-cap refusal does. Every
injected fault is counted.

``reset_before`` drops the connection before the request is processed; ``reset_after`` lets the
request be processed in full (its effects stay, an Idempotency-Key records its response) and
then drops the connection instead of sending the response.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import socket
import struct
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

FAULTS = ("500", "502", "503", "429", "reset_before", "reset_after")
# Forced only (``inject``): a quota refusal is an account's state, not a random fault.
FORCED_ONLY = ("quota",)
ALL_FAULTS = (*FAULTS, "latency")
_ALIASES = {"rate_limit": "429", "storm": "storm", "reset": "reset_before"}


@dataclass(frozen=True)
class ChaosConfig:
    """Probabilities (0..1) per request for each fault, and their parameters."""

    p500: float = 0.0
    p502: float = 0.0
    p503: float = 0.0
    p429: float = 0.0
    reset_before: float = 0.0
    reset_after: float = 0.0
    latency: float = 0.0
    latency_ms: int = 100
    storm: int = 3
    retry_after: int = 1

    def __post_init__(self) -> None:
        bad = [
            f"{f}={self.probability(f)}" for f in ALL_FAULTS if not 0 <= self.probability(f) <= 1
        ]
        if bad:  # NaN included
            raise ValueError(f"chaos probabilities must be between 0 and 1, got {', '.join(bad)}")
        for name in _INT_OPTIONS:
            if getattr(self, name) < 0:
                raise ValueError(f"chaos: {name} must be 0 or more")
        if sum(self.probability(f) for f in FAULTS) > 1:
            raise ValueError("chaos fault probabilities must add up to at most 1")

    def probability(self, fault: str) -> float:
        attr = "p" + fault if fault[0].isdigit() else fault
        return float(getattr(self, attr))

    @property
    def active(self) -> bool:
        return any(self.probability(f) > 0 for f in ALL_FAULTS)

    @classmethod
    def parse(cls, spec: str | Mapping[str, Any] | ChaosConfig | None) -> ChaosConfig:
        """From ``"500=0.1,latency=0.5,latency_ms=20"``, a mapping with the same keys, or None."""
        if spec is None:
            return cls()
        if isinstance(spec, ChaosConfig):
            return spec
        items: list[tuple[str, Any]]
        if isinstance(spec, str):
            items = []
            for part in spec.replace(";", ",").split(","):
                if not part.strip():
                    continue
                name, sep, value = part.partition("=")
                if not sep:
                    raise ValueError(f"chaos: expected name=value, got {part!r}")
                items.append((name.strip(), value.strip()))
        else:
            items = list(spec.items())
        names = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for raw, value in items:
            name = _ALIASES.get(str(raw), str(raw))
            if name == "all":
                for fault in FAULTS:
                    kwargs[_attr(fault)] = _number(raw, value, float) / len(FAULTS)
                continue
            attr = _attr(name)
            if attr not in names:
                raise ValueError(
                    f"chaos: unknown option {raw!r} (known: {', '.join(ALL_FAULTS)}, latency_ms, storm, retry_after, all)"
                )
            kwargs[attr] = _number(raw, value, int if attr in _INT_OPTIONS else float)
        return cls(**kwargs)


_INT_OPTIONS = ("latency_ms", "storm", "retry_after")


def _number(name: Any, value: Any, kind: type[int] | type[float]) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"chaos: {name} must be {what}, got {value!r}") from None


def _attr(name: str) -> str:
    return "p" + name if name[:1].isdigit() else name


@dataclass
class Forced:
    fault: str
    times: int
    path: str | None = None
    method: str | None = None


@dataclass
class ChaosEngine:
    """Decides, per request, which fault (if any) to inject; counts what it injected."""

    config: ChaosConfig
    seed: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_FAULTS, 0))
    forced: list[Forced] = field(default_factory=list)
    _storm_left: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def reset(self) -> None:
        self.counts = dict.fromkeys(ALL_FAULTS, 0)
        self.forced.clear()
        self._storm_left = 0
        self._rng = random.Random(self.seed)

    def inject(
        self, fault: str, times: int = 1, path: str | None = None, method: str | None = None
    ) -> None:
        if fault not in (*ALL_FAULTS, *FORCED_ONLY):
            known = ", ".join((*ALL_FAULTS, *FORCED_ONLY))
            raise ValueError(f"unknown fault {fault!r}; known: {known}")
        if times < 1:
            raise ValueError(f"times must be 1 or more, got {times}")
        self.forced.append(Forced(fault, times, path, method.upper() if method else None))

    def decide(self, method: str, path: str) -> tuple[str | None, bool]:
        """``(fault, add_latency)`` for one request."""
        for forced in self.forced:
            if (forced.path is None or path.startswith(forced.path)) and (
                forced.method is None or forced.method == method
            ):
                forced.times -= 1
                if forced.times <= 0:
                    self.forced.remove(forced)
                if forced.fault == "latency":
                    return None, True
                return forced.fault, False
        cfg = self.config
        add_latency = cfg.latency > 0 and self._rng.random() < cfg.latency
        if self._storm_left > 0:
            self._storm_left -= 1
            return "429", add_latency
        roll = self._rng.random()
        for fault in FAULTS:
            p = cfg.probability(fault)
            if roll < p:
                if fault == "429":
                    self._storm_left = max(0, cfg.storm - 1)
                return fault, add_latency
            roll -= p
        return None, add_latency

    def count(self, fault: str) -> None:
        self.counts[fault] = self.counts.get(fault, 0) + 1


class ChaosMiddleware:
    """ASGI middleware applying :class:`ChaosEngine` decisions to ``/api/v1`` requests."""

    def __init__(self, app: ASGIApp, engine: ChaosEngine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or not path.startswith("/api/v1/")
            or path == "/api/v1/health"
            or not (self.engine.config.active or self.engine.forced)
        ):
            await self.app(scope, receive, send)
            return
        fault, add_latency = self.engine.decide(scope["method"], path)
        state = scope.setdefault("state", {})
        if add_latency:
            self.engine.count("latency")
            state["chaos"] = "latency"
            await asyncio.sleep(self.engine.config.latency_ms / 1000)
        if fault is None:
            await self.app(scope, receive, send)
            return
        self.engine.count(fault)
        state["chaos"] = fault
        if fault == "reset_before":
            _reset_connection(scope, send)
            return
        if fault == "reset_after":
            await self.app(scope, receive, _swallow)
            _reset_connection(scope, send)
            return
        await _send_fault(fault, self.engine.config.retry_after, send)


async def _swallow(message: Message) -> None:
    return None


def _quota_body(retry_after: int) -> bytes:
    """The live cost-cap refusal: the envelope in ``detail``, the wait in ``details``."""
    reset = datetime.fromtimestamp(time.time() + retry_after, UTC)
    details = {
        "estimatedMicroU": 300_000,
        "thresholdMicroU": 250_000,
        "upgradeUrl": "https://convilyn.com/pricing",
        "retry_after_seconds": retry_after,
        "reset_at": reset.isoformat().replace("+00:00", "Z"),
        "chaos": True,
    }
    message = "Quota exceeded for this period (sandbox chaos)"
    return json.dumps(
        {"detail": {"code": "QUOTA_EXCEEDED", "message": message, "details": details}}
    ).encode()


async def _send_fault(fault: str, retry_after: int, send: Send) -> None:
    headers: list[tuple[bytes, bytes]] = []
    status = 402 if fault == "quota" else int(fault)
    if fault == "quota":
        body = _quota_body(retry_after)
        headers.append((b"content-type", b"application/json"))
    elif fault == "502":
        body = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
        headers.append((b"content-type", b"text/html; charset=utf-8"))
    else:
        code, message = {
            "500": ("INTERNAL_ERROR", "Internal server error (sandbox chaos)"),
            "503": ("SERVICE_UNAVAILABLE", "Service temporarily unavailable (sandbox chaos)"),
            "429": ("RATE_LIMITED", "Too many requests (sandbox chaos)"),
        }[fault]
        body = json.dumps({"code": code, "message": message, "details": {"chaos": True}}).encode()
        headers.append((b"content-type", b"application/json"))
    if fault in ("429", "503"):
        headers.append((b"retry-after", str(retry_after).encode()))
    if fault == "429":
        reset = str(int(time.time()) + retry_after).encode()
        headers += [
            (b"x-ratelimit-limit", b"60"),
            (b"x-ratelimit-remaining", b"0"),
            (b"x-ratelimit-reset", reset),
        ]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def server_transport(send: Send) -> Any:
    """The asyncio transport behind uvicorn's ``send`` (h11 protocol), or None."""
    return getattr(getattr(send, "__self__", None), "transport", None)


# Set in the request's task when chaos drops its connection on purpose, so that uvicorn's
# "ASGI callable returned without starting response" for that request is not reported as a bug.
_DELIBERATE_RESET: ContextVar[bool] = ContextVar("sandbox_deliberate_reset", default=False)


class DeliberateResetFilter(logging.Filter):
    """Drops uvicorn's error record about a response never started, for deliberate resets only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_DELIBERATE_RESET.get() and "without starting response" in record.getMessage())


def _reset_connection(scope: Scope, send: Send) -> None:
    """Abort the TCP connection with a RST, without sending anything (uvicorn h11 only)."""
    _DELIBERATE_RESET.set(True)
    transport = scope.get("state", {}).get("transport") or server_transport(send)
    if transport is None:  # not running under uvicorn's h11 protocol
        raise ConnectionResetError("sandbox chaos: connection reset")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
