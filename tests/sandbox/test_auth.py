"""The sandbox's sign-in endpoints as pure state (``convilyn.sandbox.auth``): what ``convilyn
setup`` relies on the service to refuse."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest

from convilyn.sandbox.auth import CODE_TTL, SANDBOX_PASSWORD, SESSION_TTL, AuthState
from convilyn.sandbox.errors import ApiError


def challenge_of(verifier: str) -> str:
    return (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )


def authorize(auth: AuthState, verifier: str, now: float = 0.0, **over: str) -> str:
    query = {
        "provider": "github",
        "client_id": "convilyn-cli",
        "code_challenge": challenge_of(verifier),
        "state": "st",
        "redirect_uri": "http://127.0.0.1:50000/callback",
        **over,
    }
    location = auth.authorize(query, now=now)
    code: str = parse_qs(urlsplit(location).query)["code"][0]
    return code


def refused(call: object, *args: object, **kwargs: object) -> ApiError:
    with pytest.raises(ApiError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value


def test_authorize_refuses_all_but_a_loopback_s256_request() -> None:
    auth, verifier = AuthState(), secrets.token_urlsafe(48)
    for bad in (
        {"client_id": "other"},
        {"provider": "facebook"},
        {"code_challenge": "short"},
        {"code_challenge_method": "plain"},
        {"state": ""},
        {"redirect_uri": "http://example.com:80/callback"},
        {"redirect_uri": "http://127.0.0.1/callback"},  # no port
        {"redirect_uri": "http://user@127.0.0.1:5/callback"},
    ):
        assert refused(authorize, auth, verifier, **bad).status == 400, bad
    assert auth.counts["authorizations"] == 0


def test_a_code_expires_and_a_session_mints_named_keys_once_per_name() -> None:
    auth, verifier = AuthState(), secrets.token_urlsafe(48)
    body = {"code_verifier": verifier, "state": "st", "client_id": "convilyn-cli"}
    late = authorize(auth, verifier, now=0.0)
    assert refused(auth.exchange, {**body, "code": late}, now=CODE_TTL + 1).code == "invalid_grant"
    session = auth.exchange({**body, "code": authorize(auth, verifier)}, now=0.0)["accessToken"]
    minted = auth.mint(f"Bearer {session}", {"name": "laptop"}, now=1.0)
    assert minted["key"].startswith("ck_pro_")
    assert refused(auth.mint, f"Bearer {session}", {"name": "laptop"}, now=2.0).status == 409
    assert refused(auth.mint, f"Bearer {session}", {"name": "a/b"}, now=2.0).status == 422
    assert refused(auth.mint, "Bearer sess_nope", {"name": "x"}, now=2.0).status == 401
    assert refused(auth.mint, f"Bearer {session}", {"name": "y"}, now=SESSION_TTL + 1).status == 401


def test_email_sign_in_takes_the_sandbox_password_and_the_tier_from_the_address() -> None:
    auth = AuthState()
    wrong = refused(auth.signin, {"email": "me@example.com", "password": "nope"})
    assert (wrong.status, wrong.code) == (401, "INVALID_CREDENTIALS")
    assert (
        refused(auth.signin, {"email": "not-an-address", "password": SANDBOX_PASSWORD}).status
        == 422
    )
    session = auth.signin({"email": "Free@Example.com", "password": SANDBOX_PASSWORD})
    key = auth.mint(f"Bearer {session['accessToken']}", {"name": "ci"})["key"]
    assert key.startswith("ck_free_")
    assert auth.counts == {**auth.counts, "signins": 1, "refusedSignins": 1, "keysMinted": 1}
