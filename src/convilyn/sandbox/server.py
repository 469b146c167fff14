"""Running the sandbox: in a background thread (:class:`Sandbox`) or in the foreground (:func:`serve`).

::

    with Sandbox(speed=0, chaos="500=0.1", seed=7) as sb:
        client = Convilyn(api_key=sb.api_key, base_url=sb.base_url)

``profile="live"`` imitates the live service instead of the whole spec (see :mod:`.profile`).

uvicorn serves it (``ws="wsproto"``, ``http="h11"``) on a socket bound before the thread starts,
so ``base_url`` is known at once and ``port=0`` picks a free port.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import signal
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from .app import SandboxApp
from .chaos import ChaosConfig, DeliberateResetFilter
from .config import SandboxConfig
from .dispatch import Handler
from .expiry import RETENTION_SECONDS
from .profile import check_profile
from .timeouts import BODY_TIMEOUT, HEADER_TIMEOUT, h11_protocol

log = logging.getLogger("convilyn.sandbox")

ChaosSpec = str | Mapping[str, Any] | ChaosConfig | None


def make_config(
    *,
    speed: float = 1.0,
    chaos: ChaosSpec = None,
    seed: int | None = None,
    self_check: bool = False,
    rate_limits: bool = True,
    url_ttl: int = 3600,
    retention: float = RETENTION_SECONDS,
    keepalive_seconds: float = 15.0,
    header_timeout: float = HEADER_TIMEOUT,
    body_timeout: float = BODY_TIMEOUT,
    storage_dir: str | Path | None = None,
    log_requests: bool = True,
    profile: str = "default",
) -> SandboxConfig:
    if not speed >= 0:  # NaN too
        raise ValueError(f"speed must be >= 0, got {speed}")
    checked = check_profile(profile)
    return SandboxConfig(
        speed=speed,
        chaos=ChaosConfig.parse(chaos),
        seed=seed,
        self_check=self_check,
        rate_limits=rate_limits,
        url_ttl=url_ttl,
        retention=retention,
        keepalive_seconds=keepalive_seconds,
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        storage_dir=Path(storage_dir) if storage_dir is not None else None,
        log_requests=log_requests,
        profile=checked,
    )


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets of an explicit TCP
    # protocol; without it every response pays Nagle + delayed ACK (~40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _base_url(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    return f"http://{shown}:{port}"


def _uvicorn_config(app: SandboxApp) -> uvicorn.Config:
    _quiet_deliberate_resets()
    return uvicorn.Config(
        app,
        http=h11_protocol(app.config.header_timeout),
        timeout_keep_alive=5,  # an idle keep-alive connection is closed after 5 s
        h11_max_incomplete_event_size=16 * 1024,  # request line + headers: 431 above 16 KiB
        ws="wsproto",
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=3,
        ws_ping_interval=None,
    )


def _quiet_deliberate_resets() -> None:
    error_log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, DeliberateResetFilter) for f in error_log.filters):
        error_log.addFilter(DeliberateResetFilter())


class _Server(uvicorn.Server):
    def __init__(
        self, config: uvicorn.Config, on_started: Callable[[], None] | None = None
    ) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self._on_started is not None:
            self._on_started()


class Sandbox:
    """A sandbox server on a free loopback port, in a background thread.

    ``api_key`` is a ready-made pro key; any key matching ``ck_[A-Za-z0-9_]{8,}`` works, and
    :meth:`new_key` makes fresh ones per tier (each key is its own isolated account).
    ``handlers`` (operationId -> async handler) replaces how some operations are answered.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        speed: float = 1.0,
        chaos: ChaosSpec = None,
        seed: int | None = None,
        self_check: bool = False,
        rate_limits: bool = True,
        url_ttl: int = 3600,
        retention: float = RETENTION_SECONDS,
        keepalive_seconds: float = 15.0,
        header_timeout: float = HEADER_TIMEOUT,
        body_timeout: float = BODY_TIMEOUT,
        storage_dir: str | Path | None = None,
        log_requests: bool = False,
        api_key: str | None = None,
        profile: str = "default",
        handlers: Mapping[str, Handler] | None = None,
    ) -> None:
        self.config = make_config(
            speed=speed,
            chaos=chaos,
            seed=seed,
            self_check=self_check,
            rate_limits=rate_limits,
            url_ttl=url_ttl,
            retention=retention,
            keepalive_seconds=keepalive_seconds,
            header_timeout=header_timeout,
            body_timeout=body_timeout,
            storage_dir=storage_dir,
            log_requests=log_requests,
            profile=profile,
        )
        self.host = host
        self.port = port
        self.handlers = handlers
        self.api_key = api_key or self.new_key("pro")
        self.app: SandboxApp | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._base_url = ""
        self._error: BaseException | None = None

    @staticmethod
    def new_key(tier: str = "pro") -> str:
        """A fresh API key of ``tier`` (free, pro, business): a new, empty account."""
        if tier not in ("free", "pro", "business"):
            raise ValueError("tier must be free, pro or business")
        return f"ck_{tier}_sandbox_{secrets.token_hex(8)}"

    @property
    def base_url(self) -> str:
        if not self._base_url:
            raise RuntimeError(
                "the sandbox is not running; use `with Sandbox() as sb:` or call start()"
            )
        return self._base_url

    def start(self, timeout: float = 10.0) -> Sandbox:
        if self._thread is not None:
            return self
        self.app = SandboxApp(self.config, handlers=self.handlers)
        sock = _bind(self.host, self.port)
        self._base_url = _base_url(sock, self.host)
        started = threading.Event()
        server = _Server(_uvicorn_config(self.app), on_started=started.set)
        self._server = server

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # surfaced by start()
                self._error = exc
            finally:
                sock.close()
                started.set()

        self._thread = threading.Thread(
            target=run, name=f"convilyn-sandbox-{sock.getsockname()[1]}", daemon=True
        )
        self._thread.start()
        if not started.wait(timeout) or self._error is not None or not server.started:
            self.stop()
            raise RuntimeError(f"the sandbox did not start: {self._error!r}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        server, thread = self._server, self._thread
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(timeout)
        if self.app is not None:
            self.app.close()
        self._server = self._thread = None
        self._base_url = ""

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # control ----------------------------------------------------------------------------------
    def _admin(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        # The control routes take a POST only as JSON (see routes/admin.py), even with no argument.
        data = None if method == "GET" else json.dumps(body or {}).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code != 422:
                raise
            raise ValueError(json.loads(exc.read() or b"{}").get("message", str(exc))) from None
        return json.loads(raw) if raw else None

    def stats(self) -> dict[str, Any]:
        """Counters: requests, statuses, objects created, idempotent replays, chaos faults injected."""
        out: dict[str, Any] = self._admin("GET", "/_sandbox/stats")
        return out

    def reset(self) -> None:
        """Forget every account, file, job and fork, and zero the counters."""
        self._admin("POST", "/_sandbox/reset")

    def inject(
        self, fault: str, times: int = 1, *, path: str | None = None, method: str | None = None
    ) -> None:
        """Force ``fault`` (500, 502, 503, 429, reset_before, reset_after, latency, or quota: a
        402 ``QUOTA_EXCEEDED`` saying when to retry) on the next ``times`` API requests
        (optionally only those whose path starts with ``path``)."""
        self._admin(
            "POST",
            "/_sandbox/chaos",
            {"fault": fault, "times": times, "path": path, "method": method},
        )


def serve(
    config: SandboxConfig,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve in the foreground until SIGINT/SIGTERM; returns an exit code (0 on a clean stop)."""
    app = SandboxApp(config)
    sock = _bind(host, port)
    base = _base_url(sock, host)
    server = _Server(
        _uvicorn_config(app), on_started=(lambda: on_ready(base)) if on_ready else None
    )
    # uvicorn shuts down gracefully on either signal, then raises it again: SIGTERM's default
    # action (docker stop, a CI cancel, `timeout`) would end the process before `finally`
    # removes the temporary directory and its blobs, so here it raises KeyboardInterrupt too.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
        app.close()
    return 0 if server.started else 1


__all__ = ["Sandbox", "make_config", "serve"]
