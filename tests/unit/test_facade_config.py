"""Client configuration: keys, base URLs, timeouts, repr (no key ever shown)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from facade_helpers import KEY

from convilyn import AsyncConvilyn, AuthError, ConfigurationError, Convilyn, NoRetry, _config
from convilyn._config import (
    DEFAULT_BASE_URL,
    ClientConfig,
    Setting,
    load_user_config,
    mask_key,
    normalize_base_url,
    resolve_api_key,
    resolve_settings,
    user_config_dir,
    user_config_path,
)


def test_missing_key_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    with pytest.raises(AuthError) as info:
        Convilyn()
    message = str(info.value)
    assert "CONVILYN_API_KEY" in message
    assert "api_key=" in message
    assert "ck_" in message


@pytest.mark.parametrize("prefix", ["cvl_", "cvi_"])
def test_foreign_keys_are_refused(prefix: str) -> None:
    with pytest.raises(AuthError) as info:
        AsyncConvilyn(api_key=prefix + "abcdef1234567890")
    assert prefix in str(info.value)
    assert "ck_" in str(info.value)
    assert "abcdef1234567890" not in str(info.value)


def test_key_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVILYN_API_KEY", KEY)
    monkeypatch.setenv("CONVILYN_BASE_URL", "https://gw.example.com/api/v1/")
    client = Convilyn.from_env()
    assert client.base_url == "https://gw.example.com"
    assert client.ws_url == "wss://gw.example.com"
    client.close()


def test_argument_wins_over_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVILYN_API_KEY", "cvl_wrong_product_key")
    assert resolve_api_key(KEY) == KEY


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://api.convilyn.com/api/v1", "https://api.convilyn.com"),
        # the default host of the vendor's 1.1-3.x clients keeps working when given
        ("https://api.convilyn.corenovus.com", "https://api.convilyn.corenovus.com"),
        ("https://api.convilyn.corenovus.com/", "https://api.convilyn.corenovus.com"),
        ("https://API.example.com/api/v1", "https://api.example.com"),
        ("https://api.example.com/api/v1/", "https://api.example.com"),
        ("https://proxy.example.com/convilyn/api/v1", "https://proxy.example.com/convilyn"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("http://localhost:9000/api/v1", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_base_url_normalisation(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "http://api.example.com",
        "ftp://api.example.com",
        "api.example.com",
        "https://user:pw@api.example.com",
        "https://api.example.com/?x=1",
        "",
    ],
)
def test_bad_base_urls(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        normalize_base_url(bad)


def test_plain_http_message_explains() -> None:
    with pytest.raises(ConfigurationError, match="loopback"):
        Convilyn(api_key=KEY, base_url="http://api.example.com")


def test_repr_never_shows_the_key() -> None:
    for cls in (Convilyn, AsyncConvilyn):
        client = cls(api_key=KEY, base_url="https://api.test")
        text = repr(client)
        assert KEY not in text
        assert "ck_" in text
        assert KEY[-4:] in text
        config = client._pipeline.config
        assert KEY not in repr(config)
        assert KEY not in str(config)
    assert mask_key(KEY) == "ck_…" + KEY[-4:]
    assert mask_key("short") == "…"


def test_timeout_forms() -> None:
    client = Convilyn(api_key=KEY, base_url="https://api.test", timeout=5)
    assert client.timeout.read == 5.0
    client2 = Convilyn(api_key=KEY, base_url="https://api.test", timeout=httpx.Timeout(7.0))
    assert client2.timeout.read == 7.0
    with pytest.raises(ConfigurationError):
        Convilyn(api_key=KEY, base_url="https://api.test", timeout=-1)


def test_retry_options() -> None:
    assert Convilyn(api_key=KEY, base_url="https://api.test").max_retries == 3
    assert Convilyn(api_key=KEY, base_url="https://api.test", max_retries=0).max_retries == 0
    client = Convilyn(api_key=KEY, base_url="https://api.test", retry_policy=NoRetry())
    assert isinstance(client.retry_policy, NoRetry)
    with pytest.raises(ConfigurationError):
        Convilyn(api_key=KEY, base_url="https://api.test", max_retries=2, retry_policy=NoRetry())


def test_default_headers_cannot_override_auth() -> None:
    with pytest.raises(ConfigurationError):
        ClientConfig.resolve(
            api_key=KEY,
            base_url=None,
            ws_url=None,
            timeout=None,
            default_headers={"Authorization": "Bearer other"},
            env={},
        )


def test_wrong_http_client_type() -> None:
    with pytest.raises(ConfigurationError):
        Convilyn(api_key=KEY, base_url="https://api.test", http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_with_options_shares_the_pool_and_copies_are_not_closing_it() -> None:
    client = Convilyn(api_key=KEY, base_url="https://api.test")
    copy = client.with_options(timeout=99, max_retries=1)
    assert copy.timeout.read == 99
    assert copy.max_retries == 1
    assert client.max_retries == 3
    assert copy._pipeline.http_client is client._pipeline.http_client
    with copy:
        pass
    assert not client.is_closed
    client.close()
    assert client.is_closed


def _pool_size(http: httpx.Client | httpx.AsyncClient) -> tuple[int, int]:
    pool: Any = http._transport._pool  # type: ignore[union-attr]  # httpcore's pool settings
    return pool._max_connections, pool._max_keepalive_connections


@pytest.mark.parametrize("cls", [Convilyn, AsyncConvilyn])
def test_own_client_sizes_its_pool_as_httpx_does(cls: type[Convilyn] | type[AsyncConvilyn]) -> None:
    """100 connections at most, 20 kept alive: the sync client's own transport (deadline-aware)
    once had no limit at all, opening a socket per concurrent call."""
    client = cls(api_key=KEY, base_url="https://api.test")
    assert _pool_size(client._pipeline.http_client) == (100, 20)
    assert _pool_size(httpx.Client()) == (100, 20)


def test_injected_client_is_not_closed() -> None:
    http = httpx.Client()
    with Convilyn(api_key=KEY, base_url="https://api.test", http_client=http):
        pass
    assert not http.is_closed
    http.close()


# -- the login file (``convilyn login``): argument > environment > file ---------------------------

FILE_KEY = "ck_from_file_0123456789"
FILE_BASE = "https://file.example.com"


def _write_login_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> Path:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    monkeypatch.delenv("CONVILYN_BASE_URL", raising=False)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("cls", [Convilyn, AsyncConvilyn])
def test_file_is_the_last_fallback(
    cls: type[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _write_login_file(monkeypatch, tmp_path, f'api_key = "{FILE_KEY}"\nbase_url = "{FILE_BASE}"\n')
    for client in (cls.from_env(), cls()):
        assert client._pipeline.config.api_key == FILE_KEY
        assert client.base_url == FILE_BASE
        assert FILE_KEY not in repr(client)


def test_env_beats_file_field_by_field(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write_login_file(monkeypatch, tmp_path, f'api_key = "{FILE_KEY}"\nbase_url = "{FILE_BASE}"\n')
    monkeypatch.setenv("CONVILYN_API_KEY", KEY)
    client = Convilyn.from_env()
    assert client._pipeline.config.api_key == KEY
    assert client.base_url == FILE_BASE  # the environment did not set it
    monkeypatch.setenv("CONVILYN_BASE_URL", "https://env.example.com")
    assert Convilyn.from_env().base_url == "https://env.example.com"
    monkeypatch.setenv("CONVILYN_API_KEY", "")  # set but empty: as if unset
    assert Convilyn.from_env()._pipeline.config.api_key == FILE_KEY


def test_arguments_beat_env_and_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write_login_file(monkeypatch, tmp_path, f'api_key = "{FILE_KEY}"\nbase_url = "{FILE_BASE}"\n')
    monkeypatch.setenv("CONVILYN_API_KEY", "ck_from_env_0123456789")
    monkeypatch.setenv("CONVILYN_BASE_URL", "https://env.example.com")
    client = AsyncConvilyn.from_env(api_key=KEY, base_url="https://arg.example.com")
    assert client._pipeline.config.api_key == KEY
    assert client.base_url == "https://arg.example.com"


def test_file_is_not_read_when_argument_and_env_decide(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def boom(path: Path | None = None) -> dict[str, str]:
        raise AssertionError("the login file was read")

    monkeypatch.setattr(_config, "load_user_config", boom)
    monkeypatch.setenv("CONVILYN_BASE_URL", "https://env.example.com")
    Convilyn(api_key=KEY)
    monkeypatch.setenv("CONVILYN_API_KEY", KEY)
    Convilyn.from_env()


def test_missing_file_is_no_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path / "nowhere"))
    assert load_user_config() == {}
    assert Convilyn(api_key=KEY).base_url == "https://api.convilyn.com"
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    with pytest.raises(AuthError, match="convilyn login"):
        Convilyn.from_env()


@pytest.mark.parametrize(
    "content", [b'api_key = "unterminated\n', b"\xff\xfe not utf-8", b"[[[", b"api_key = 42\n"]
)
def test_garbled_file_is_skipped_and_named(
    content: bytes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = _write_login_file(monkeypatch, tmp_path, "")
    path.write_bytes(content)
    # With the key from elsewhere the client works; the file is skipped with a warning.
    with caplog.at_level(logging.WARNING, logger="convilyn"):
        assert Convilyn(api_key=KEY).base_url == "https://api.convilyn.com"
    # With the key expected from the file, the error says why it could not be used.
    with pytest.raises(AuthError) as info:
        Convilyn.from_env()
    if content != b"api_key = 42\n":  # valid TOML, only the wrong type: nothing to read
        assert "Ignoring the config file" in caplog.text
        assert str(path) in str(info.value)
        assert "skipped" in str(info.value)
        with pytest.raises(ValueError, match="not valid TOML"):
            load_user_config(path)


def test_unreadable_file_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    (tmp_path / "config.toml").mkdir()  # reading it raises an OSError, as a 000 file would
    with pytest.raises(IsADirectoryError):
        load_user_config()
    with pytest.raises(AuthError, match="skipped"):
        Convilyn()
    assert Convilyn(api_key=KEY).max_retries == 3


def test_foreign_key_in_file_names_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _write_login_file(monkeypatch, tmp_path, 'api_key = "cvl_abcdef1234567890"\n')
    with pytest.raises(AuthError) as info:
        Convilyn()
    assert str(path) in str(info.value)
    assert "abcdef1234567890" not in str(info.value)


def test_config_location_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "APPDATA": str(tmp_path / "appdata")}
    monkeypatch.setattr(sys, "platform", "linux")
    assert user_config_path(env) == tmp_path / "xdg" / "convilyn" / "config.toml"
    assert user_config_dir({}) == Path.home() / ".config" / "convilyn"
    assert user_config_dir({**env, "CONVILYN_CONFIG_DIR": str(tmp_path / "o")}) == tmp_path / "o"
    monkeypatch.setattr(sys, "platform", "win32")
    assert user_config_dir(env) == tmp_path / "appdata" / "convilyn"
    assert user_config_dir({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "convilyn"
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path / "o"))
    assert user_config_path() == tmp_path / "o" / "config.toml"


def test_load_user_config_keeps_only_known_non_empty_strings(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('api_key = "ck_x"\nbase_url = ""\nother = "y"\n', encoding="utf-8")
    assert load_user_config(path) == {"api_key": "ck_x"}


@pytest.mark.parametrize("bad", [-1, "3", 1.5, True])
def test_with_options_validates_max_retries_like_the_constructor(bad: Any) -> None:
    client = Convilyn(api_key=KEY, base_url="https://api.test")
    with pytest.raises(ConfigurationError, match="max_retries"):
        client.with_options(max_retries=bad)
    with pytest.raises(ConfigurationError):
        client.with_options(max_retries=1, retry_policy=NoRetry())
    assert client.with_options(max_retries=0).max_retries == 0


def test_settings_name_where_each_value_came_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _write_login_file(
        monkeypatch, tmp_path, f'api_key = "{FILE_KEY}"\nbase_url = "{FILE_BASE}"\n'
    )
    settings = resolve_settings()
    assert (settings.api_key.source, settings.api_key.origin) == ("file", str(path))
    assert (settings.base_url.source, settings.base_url.value) == ("file", FILE_BASE)
    assert FILE_KEY not in repr(settings)
    monkeypatch.setenv("CONVILYN_API_KEY", KEY)
    settings = resolve_settings(base_url="https://arg.example.com", argument_names=("-k", "-u"))
    assert (settings.api_key.source, settings.api_key.origin) == ("env", "CONVILYN_API_KEY")
    assert settings.checked_api_key() == KEY
    assert settings.base_url == Setting("https://arg.example.com", "argument", "-u")
    path.unlink()
    monkeypatch.delenv("CONVILYN_API_KEY")
    settings = resolve_settings()
    assert settings.api_key.source == "none"
    assert (settings.base_url.source, settings.base_url.value) == ("default", DEFAULT_BASE_URL)


def test_an_empty_key_argument_is_refused_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    # An explicit "" is a mistake to report, not a reason to use another key.
    monkeypatch.setenv("CONVILYN_API_KEY", KEY)
    with pytest.raises(AuthError, match="api_key is empty"):
        Convilyn(api_key="")
    with pytest.raises(ConfigurationError, match="base URL is empty"):
        Convilyn(api_key=KEY, base_url="")
