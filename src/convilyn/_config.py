"""Client configuration: API key, base URL, WebSocket URL and timeout resolution.

Each setting comes from, highest first: the constructor argument, the environment
(``CONVILYN_API_KEY``, ``CONVILYN_BASE_URL``, ``CONVILYN_WS_URL``), then, for the key and the
base URL only, the user config file that ``convilyn login`` writes (:func:`user_config_path`),
then, for the key only, ``credentials.json`` beside it (what the vendor's 4.x ``convilyn setup``
stores: ``{"api_key": ...}``, :func:`credentials_path`), then (base URL) the live default. A
file is read only when what comes before it leaves something unset. A file that cannot be read or parsed is skipped with a warning on the ``convilyn``
logger, and named in the "no API key" error if the key was to come from it: a broken login
file never breaks a client configured by argument or environment.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from convilyn._logging import logger
from convilyn.errors import AuthError, ConfigurationError

__all__ = [
    "CONFIG_FILENAME",
    "CONFIG_KEYS",
    "CREDENTIALS_FILENAME",
    "DEFAULT_BASE_URL",
    "DEFAULT_STORAGE_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ENV_CONFIG_DIR",
    "ENV_STRICT",
    "ENV_WS_URL",
    "LEGACY_BASE_URL",
    "ClientConfig",
    "Setting",
    "SettingSource",
    "Settings",
    "coerce_timeout",
    "credentials_path",
    "derive_ws_url",
    "is_loopback_host",
    "load_credentials",
    "load_user_config",
    "mask_key",
    "normalize_base_url",
    "resolve_api_key",
    "resolve_settings",
    "user_config_dir",
    "user_config_path",
]

DEFAULT_BASE_URL = "https://api.convilyn.com"
# The default of the vendor's 1.1-3.x clients: still served, and accepted like any https host.
LEGACY_BASE_URL = "https://api.convilyn.corenovus.com"
ENV_API_KEY = "CONVILYN_API_KEY"
ENV_BASE_URL = "CONVILYN_BASE_URL"
ENV_WS_URL = "CONVILYN_WS_URL"
ENV_CONFIG_DIR = "CONVILYN_CONFIG_DIR"
ENV_STRICT = "CONVILYN_STRICT"
CONFIG_FILENAME = "config.toml"
CREDENTIALS_FILENAME = "credentials.json"  # the vendor's 4.x ``convilyn setup``
CONFIG_KEYS = ("api_key", "base_url")
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# Presigned storage is slower than the API: the vendor measured 30 s read timeouts on uploads
# of a few kilobytes, and gives storage hops connect 30 s, read and write 300 s.
DEFAULT_STORAGE_TIMEOUT = httpx.Timeout(300.0, connect=30.0)
API_PREFIX = "/api/v1"
# An API answer is JSON of a few kilobytes: past this it is a broken or hostile server, and
# reading on would only grow the process (decompressed bytes are counted: a gzip bomb too).
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
# A download that brings less than this many bytes in any STALL_SECONDS has stalled: a server
# trickling a byte a second stays inside every read timeout, forever.
STALL_BYTES, STALL_SECONDS = 1024, 30.0

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


# -- the user config file (written by ``convilyn login``) ----------------------------------------


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$CONVILYN_CONFIG_DIR``; else ``%APPDATA%\\convilyn`` on Windows; else
    ``$XDG_CONFIG_HOME/convilyn``, else ``~/.config/convilyn`` (macOS included)."""
    environ = os.environ if env is None else env
    override = environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        appdata = environ.get("APPDATA")
        if appdata:
            return Path(appdata) / "convilyn"
    xdg = environ.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg).expanduser() / "convilyn"
    return Path.home() / ".config" / "convilyn"


def user_config_path(env: Mapping[str, str] | None = None) -> Path:
    """The login file: ``config.toml`` in :func:`user_config_dir`."""
    return user_config_dir(env) / CONFIG_FILENAME


def load_user_config(path: Path | None = None) -> dict[str, str]:
    """The non-empty string settings (``api_key``, ``base_url``) of the login file.

    ``{}`` when there is no file. A file that is not UTF-8 TOML raises ``ValueError``; one
    that cannot be read raises ``OSError`` (the client skips both, see the module docs).
    """
    import tomllib  # only when a file is actually read: keeps ``import convilyn`` light

    target = path or user_config_path()
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{target} is not valid TOML: {exc}") from exc
    return {k: data[k] for k in CONFIG_KEYS if isinstance(data.get(k), str) and data[k]}


def credentials_path(env: Mapping[str, str] | None = None) -> Path:
    """The 4.x login file: ``credentials.json`` in :func:`user_config_dir` (the directory the
    vendor's ``convilyn setup`` writes to, unless ``CONVILYN_CONFIG_DIR`` moves it)."""
    return user_config_dir(env) / CREDENTIALS_FILENAME


def load_credentials(path: Path | None = None) -> str | None:
    """The ``api_key`` of a 4.x ``credentials.json``; ``None`` when there is no file or no
    key in it. A file that is not a JSON object raises ``ValueError``, an unreadable one
    ``OSError`` (the client skips both, with a warning)."""
    import json

    target = path or credentials_path()
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{target} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{target} is not a JSON object")
    key = data.get("api_key")
    return key if isinstance(key, str) and key else None


SettingSource = Literal["argument", "env", "file", "default", "none"]


@dataclass(frozen=True)
class Setting:
    """One setting's value and where it came from. ``origin`` names that place the way a
    message to the user should (``api_key``, ``--api-key``, ``CONVILYN_API_KEY``, the file)."""

    value: str | None = field(repr=False)
    source: SettingSource
    origin: str


@dataclass(frozen=True)
class Settings:
    """The API key and base URL a client would use, each with its source; ``repr`` masks the
    key. ``config_error`` says why the login file was skipped, when it was."""

    api_key: Setting
    base_url: Setting
    config_file: Path
    config_error: str | None = None

    def checked_api_key(self) -> str:
        """The key, or ``AuthError`` naming where it came from and what to do."""
        return _check_api_key(self.api_key, self.config_file, self.config_error)

    def __repr__(self) -> str:
        return (
            f"Settings(api_key={mask_key(self.api_key.value)!r} from {self.api_key.source}, "
            f"base_url={self.base_url.value!r} from {self.base_url.source})"
        )


def resolve_settings(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    env: Mapping[str, str] | None = None,
    argument_names: tuple[str, str] = ("api_key", "base_url"),
) -> Settings:
    """Where the key and the base URL come from, highest first: the argument (an empty string
    is a value, refused when checked), the environment (an empty variable counts as unset),
    the login file (read only when the first two leave something unset; an unreadable file is
    skipped with a warning), then (the key) 4.x's ``credentials.json``, then (base URL) the
    default. ``argument_names`` name the arguments
    as the caller's user knows them (the CLI passes ``("--api-key", "--base-url")``)."""
    environ = os.environ if env is None else env
    path = user_config_path(environ)
    stored: Mapping[str, str] = {}
    error: str | None = None
    env_key, env_url = environ.get(ENV_API_KEY) or None, environ.get(ENV_BASE_URL) or None
    if (api_key is None and env_key is None) or (base_url is None and env_url is None):
        try:
            stored = load_user_config(path)
        except (OSError, ValueError) as exc:
            logger.warning("Ignoring the config file %s: %s", path, exc)
            error = str(exc)
    key_name, url_name = argument_names
    legacy, legacy_path = None, credentials_path(environ)
    if api_key is None and env_key is None and not stored.get("api_key"):
        try:
            legacy = load_credentials(legacy_path)
        except (OSError, ValueError) as exc:
            logger.warning("Ignoring the credentials file %s: %s", legacy_path, exc)
    return Settings(
        api_key=_first(
            (api_key, "argument", key_name),
            (env_key, "env", ENV_API_KEY),
            (stored.get("api_key"), "file", str(path)),
            (legacy, "file", str(legacy_path)),
            (None, "none", "nowhere"),
        ),
        base_url=_first(
            (base_url, "argument", url_name),
            (env_url, "env", ENV_BASE_URL),
            (stored.get("base_url"), "file", str(path)),
            (DEFAULT_BASE_URL, "default", "the default"),
        ),
        config_file=path,
        config_error=error,
    )


def _first(*candidates: tuple[str | None, SettingSource, str]) -> Setting:
    for value, source, origin in candidates:
        if value is not None or source in ("none", "default"):
            return Setting(value, source, origin)
    raise AssertionError("the last candidate always applies")


def _check_api_key(setting: Setting, config_file: Path, config_error: str | None) -> str:
    key = (setting.value or "").strip()
    if not key:
        skipped = (
            f" The config file {config_file} was skipped: {config_error}." if config_error else ""
        )
        given = f" {setting.origin} is empty." if setting.source != "none" else ""
        raise AuthError(
            f"No Convilyn API key.{given} Pass api_key='ck_...' to the client, set the "
            f"{ENV_API_KEY} environment variable, or run `convilyn login`. Create a key (it "
            "starts with 'ck_') in your account settings at https://convilyn.com." + skipped
        )
    for prefix, what in _FOREIGN_PREFIXES.items():
        if key.startswith(prefix):
            raise AuthError(
                f"The key in {setting.origin} starts with {prefix!r}: that is {what}, which the "
                "v1 API does not accept. Use a consumer API key (it starts with 'ck_') from "
                "your account settings at https://convilyn.com."
            )
    if any(ch.isspace() for ch in key) or not key.isprintable():
        raise AuthError(f"The key in {setting.origin} contains whitespace or control characters.")
    return key


def resolve_api_key(api_key: str | None, *, env: Mapping[str, str] | None = None) -> str:
    """The API key :func:`resolve_settings` finds, checked (``AuthError`` if unusable)."""
    return resolve_settings(api_key=api_key, env=env).checked_api_key()


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


def coerce_timeout(
    timeout: float | httpx.Timeout | None,
    *,
    default: httpx.Timeout = DEFAULT_TIMEOUT,
    name: str = "timeout",
) -> httpx.Timeout:
    """A float (seconds) or an ``httpx.Timeout``; ``None`` means ``default``. A float keeps the
    default's connect budget unless it is shorter."""
    if timeout is None:
        return default
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {timeout!r}")
    connect = default.connect if default.connect is not None else float(timeout)
    return httpx.Timeout(float(timeout), connect=min(connect, float(timeout)))


def attempt_limit(timeout: httpx.Timeout) -> float | None:
    """The wall-clock bound of one attempt, from its first byte out to its last byte in: the
    longest phase the timeout allows. Each phase of httpx's timeout bounds one wait; a server
    trickling a byte at a time stays inside every one of them, never inside this."""
    phases = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t]
    return max(phases) if phases else None


def coerce_deadline(value: float | None, *, name: str = "deadline") -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {value!r}")
    return float(value)


def _auth_key(auth: Any) -> str:
    """The secret of a 4.1 ``auth=`` strategy (``headers()`` and ``bearer_token()``)."""
    if not callable(getattr(auth, "headers", None)) or not callable(
        getattr(auth, "bearer_token", None)
    ):
        raise ConfigurationError(
            "auth must have headers() and bearer_token() (4.1's AuthStrategy); "
            f"got {type(auth).__name__}. Or pass api_key='ck_...'."
        )
    token = auth.bearer_token()
    return _check_api_key(Setting(token, "argument", "auth.bearer_token()"), Path(), None)


def strict_from_env(environ: Mapping[str, str]) -> bool:
    """``CONVILYN_STRICT``: 1/true/yes/on turn strict parsing on; anything else leaves it off."""
    return environ.get(ENV_STRICT, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ClientConfig:
    """Resolved, validated client settings. ``repr`` never shows the key."""

    api_key: str = field(repr=False)
    base_url: str
    ws_url: str
    timeout: httpx.Timeout
    default_headers: Mapping[str, str] = field(default_factory=dict)
    storage_timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_STORAGE_TIMEOUT)
    # Strict parsing: a field the models do not declare is an error, not an extra.
    strict: bool = False
    # Re-send keyed creates after an ambiguous failure, counting on the server to honour the
    # Idempotency-Key (the live service does not on POST /jobs; the sandbox's default does).
    trust_idempotency_keys: bool = False
    # The bound of one whole call (every attempt, the waits between them); None: only the
    # per-attempt bound and the retry policy's.
    deadline: float | None = None
    # 4.1's ``auth=``: an object whose ``headers()`` authorize each API request (the key above
    # is its ``bearer_token()``); None: ``Authorization: Bearer <api_key>``.
    auth: Any = field(default=None, repr=False, compare=False)
    # 4.1's ``disable_idempotency=True``: no Idempotency-Key is sent.
    disable_idempotency: bool = False

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        ws_url: str | None,
        timeout: float | httpx.Timeout | None,
        default_headers: Mapping[str, str] | None,
        storage_timeout: float | httpx.Timeout | None = None,
        strict: bool | None = None,
        trust_idempotency_keys: bool = False,
        deadline: float | None = None,
        env: Mapping[str, str] | None = None,
        auth: Any = None,
        disable_idempotency: bool = False,
    ) -> ClientConfig:
        environ = os.environ if env is None else env
        settings = resolve_settings(api_key=api_key, base_url=base_url, env=environ)
        key = _auth_key(auth) if auth is not None else settings.checked_api_key()
        if disable_idempotency and trust_idempotency_keys:
            raise ConfigurationError(
                "trust_idempotency_keys=True re-sends creates counting on their "
                "Idempotency-Key, which disable_idempotency=True leaves out: pass one of them."
            )
        base = normalize_base_url(settings.base_url.value or "")  # "" given: refused
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
            storage_timeout=coerce_timeout(
                storage_timeout, default=DEFAULT_STORAGE_TIMEOUT, name="storage_timeout"
            ),
            strict=strict_from_env(environ) if strict is None else bool(strict),
            trust_idempotency_keys=bool(trust_idempotency_keys),
            deadline=coerce_deadline(deadline),
            auth=auth,
            disable_idempotency=bool(disable_idempotency),
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
