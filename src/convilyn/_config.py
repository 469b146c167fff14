"""Client configuration: API key, base URL, WebSocket URL and timeout resolution (pure)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from convilyn.errors import AuthError, ConfigurationError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ENV_WS_URL",
    "ClientConfig",
    "coerce_timeout",
    "derive_ws_url",
    "is_loopback_host",
    "mask_key",
    "normalize_base_url",
    "resolve_api_key",
]

DEFAULT_BASE_URL = "https://api.convilyn.corenovus.com"
ENV_API_KEY = "CONVILYN_API_KEY"
ENV_BASE_URL = "CONVILYN_BASE_URL"
ENV_WS_URL = "CONVILYN_WS_URL"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
API_PREFIX = "/api/v1"

_FOREIGN_PREFIXES = {
    "cvl_": "a Convilyn live-session key",
    "cvi_": "a Convilyn integration key",
}


def mask_key(key: str | None) -> str:
    """A recognisable but harmless rendering of a key: ``ck_…9f2a``."""
    if not key:
        return "<none>"
    prefix = key.split("_", 1)[0] + "_" if "_" in key[:8] else ""
    tail = key[-4:] if len(key) >= 12 else ""
    return f"{prefix}…{tail}"


def resolve_api_key(api_key: str | None, *, env: Mapping[str, str] | None = None) -> str:
    """The API key from the argument, else ``CONVILYN_API_KEY``; refuse what cannot work."""
    environ = os.environ if env is None else env
    source = "api_key"
    if api_key is None:
        api_key = environ.get(ENV_API_KEY)
        source = ENV_API_KEY
    key = (api_key or "").strip()
    if not key:
        raise AuthError(
            "No Convilyn API key. Pass api_key='ck_...' to the client or set the "
            f"{ENV_API_KEY} environment variable. Create a key (it starts with 'ck_') in your "
            "account settings at https://convilyn.corenovus.com."
        )
    for prefix, what in _FOREIGN_PREFIXES.items():
        if key.startswith(prefix):
            raise AuthError(
                f"The key in {source} starts with {prefix!r}: that is {what}, which the v1 API "
                "does not accept. Use a consumer API key (it starts with 'ck_') from your "
                "account settings at https://convilyn.corenovus.com."
            )
    if any(ch.isspace() for ch in key) or not key.isprintable():
        raise AuthError(f"The key in {source} contains whitespace or control characters.")
    return key


def is_loopback_host(host: str | None) -> bool:
    """True for ``localhost`` (and ``*.localhost``), 127.0.0.0/8 and ::1."""
    if not host:
        return False
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str) -> str:
    """Validate a base URL and return it as the host root (no trailing slash, no ``/api/v1``).

    ``https://api.example.com/api/v1/`` → ``https://api.example.com``. Plain ``http`` is refused
    except on loopback hosts (the local sandbox).
    """
    text = url.strip()
    if not text:
        raise ConfigurationError("The base URL is empty.")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(
            f"Invalid base URL {url!r}: expected something like {DEFAULT_BASE_URL!r}."
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"The base URL {url!r} must not have a query or fragment.")
    if parts.username or parts.password:
        raise ConfigurationError("The base URL must not carry credentials.")
    if scheme == "http" and not is_loopback_host(parts.hostname):
        raise ConfigurationError(
            f"Refusing plain http base URL {url!r}: the API key would travel unencrypted. "
            "Use https (http is only allowed for loopback hosts such as the local sandbox)."
        )
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return urlunsplit((scheme, parts.netloc.lower(), path.rstrip("/"), "", ""))


def derive_ws_url(base_url: str) -> str:
    """The WebSocket root for a (normalised) base URL: https → wss, http → ws."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path, "", ""))


def normalize_ws_url(url: str) -> str:
    """Validate a ``ws_url``: ``wss`` (or ``ws`` on loopback); ``/api/v1`` suffix dropped."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in {"https", "http"}:
        scheme = "wss" if scheme == "https" else "ws"
    if scheme not in {"ws", "wss"} or not parts.hostname:
        raise ConfigurationError(f"Invalid ws_url {url!r}: expected wss://host")
    if scheme == "ws" and not is_loopback_host(parts.hostname):
        raise ConfigurationError(f"Refusing plain ws:// URL {url!r} outside loopback; use wss://")
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return urlunsplit((scheme, parts.netloc.lower(), path.rstrip("/"), "", ""))


def coerce_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    """A float (seconds) or an ``httpx.Timeout``; ``None`` means the default (30 s)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return httpx.Timeout(float(timeout), connect=min(10.0, float(timeout)))


@dataclass(frozen=True)
class ClientConfig:
    """Resolved, validated client settings. ``repr`` never shows the key."""

    api_key: str = field(repr=False)
    base_url: str
    ws_url: str
    timeout: httpx.Timeout
    default_headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        ws_url: str | None,
        timeout: float | httpx.Timeout | None,
        default_headers: Mapping[str, str] | None,
        env: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        environ = os.environ if env is None else env
        key = resolve_api_key(api_key, env=environ)
        raw_base = base_url or environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
        base = normalize_base_url(raw_base)
        raw_ws = ws_url or environ.get(ENV_WS_URL)
        ws = normalize_ws_url(raw_ws) if raw_ws else derive_ws_url(base)
        headers = dict(default_headers or {})
        for name in headers:
            if name.lower() in {"authorization", "idempotency-key"}:
                raise ConfigurationError(
                    f"default_headers must not set {name!r}: the client manages it."
                )
        return cls(
            api_key=key,
            base_url=base,
            ws_url=ws,
            timeout=coerce_timeout(timeout),
            default_headers=headers,
        )

    @property
    def masked_key(self) -> str:
        return mask_key(self.api_key)

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(urlsplit(self.base_url).hostname)

    def __repr__(self) -> str:
        return (
            f"ClientConfig(base_url={self.base_url!r}, api_key={self.masked_key!r}, "
            f"timeout={self.timeout!r})"
        )
