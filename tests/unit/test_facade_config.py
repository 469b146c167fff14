"""Client configuration: keys, base URLs, timeouts, repr (no key ever shown)."""

from __future__ import annotations

import httpx
import pytest
from facade_helpers import KEY

from convilyn import AsyncConvilyn, AuthError, ConfigurationError, Convilyn, NoRetry
from convilyn._config import ClientConfig, mask_key, normalize_base_url, resolve_api_key


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


def test_injected_client_is_not_closed() -> None:
    http = httpx.Client()
    with Convilyn(api_key=KEY, base_url="https://api.test", http_client=http):
        pass
    assert not http.is_closed
    http.close()
