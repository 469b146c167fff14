"""Security tests: the API key never leaks, never travels to another host; presigned URLs and
downloads are handled defensively."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

PUBLIC_IP = "93.184.216.34"  # a global address; no connection is ever made to it


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    """Resolve chosen host names to chosen addresses, without any DNS traffic."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host in table:
            addr = table[host]
            family = socket.AF_INET6 if ":" in addr else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (addr, port or 443))]
        if isinstance(host, str) and host not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "no DNS in tests")
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table.__setitem__
