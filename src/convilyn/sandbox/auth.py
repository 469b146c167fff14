"""The sign-in side of the service, outside the v1 API spec (what ``convilyn setup`` talks to).

The vendor's 4.1 ``convilyn setup`` obtains a short-lived session, uses it once to mint a ``ck_``
key, and discards it. Two ways in:

* the RFC 8252 loopback flow with PKCE (RFC 7636, S256 only):
  ``GET /api/v1/auth/desktop/authorize?provider&code_challenge&state&client_id&redirect_uri``
  approves at once (there is no user to ask) and redirects to the loopback ``redirect_uri`` with
  ``code`` and ``state``; ``POST /api/v1/auth/desktop/token {code, code_verifier, state,
  client_id, device_label}`` redeems the code, once, when the verifier hashes to the challenge;
* ``POST /api/v1/auth/signin {email, password}``: any address with the password
  :data:`SANDBOX_PASSWORD`.

Both answer ``{accessToken, refreshToken, tokenType, expiresIn}``. ``POST /api/v1/console/keys
{name}`` with ``Authorization: Bearer <accessToken>`` mints ``{key, keyId, name, createdAt}``: a
``ck_`` key of the signed-in user's tier (the address's local part ``free`` / ``business``
chooses; browser users are ``pro``), which the sandbox's API accepts like any ``ck_`` key. An
active name is taken once per user (409). Pure state: no I/O, the routes are in
:mod:`.routes.auth`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from .errors import ApiError, field_error, validation_failed

CLIENT_ID = "convilyn-cli"
PROVIDERS = ("google", "github")
SANDBOX_PASSWORD = "sandbox-password"
CODE_TTL = 300.0
SESSION_TTL = 900.0
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")  # RFC 7636 §4.1
_KEY_NAME = re.compile(r"[A-Za-z0-9_\- ]{1,50}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class _Grant:
    challenge: str
    state: str
    redirect_uri: str
    user: str
    tier: str
    expires: float


@dataclass
class _Session:
    user: str
    tier: str
    expires: float


@dataclass
class AuthState:
    """Codes, sessions and minted key names; counters for ``GET /_sandbox/stats``."""

    grants: dict[str, _Grant] = field(default_factory=dict)
    sessions: dict[str, _Session] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)  # user -> active key names
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "authorizations": 0,
            "exchanges": 0,
            "refusedExchanges": 0,
            "signins": 0,
            "refusedSignins": 0,
            "keysMinted": 0,
        }
    )

    def authorize(self, query: dict[str, str], now: float | None = None) -> str:
        """The ``Location`` to redirect to: the loopback callback with ``code`` and ``state``.

        Nothing is redirected to a ``redirect_uri`` that is not loopback http (RFC 8252 §7.3)."""
        now = time.monotonic() if now is None else now
        client_id, provider = query.get("client_id", ""), query.get("provider", "")
        challenge, state = query.get("code_challenge", ""), query.get("state", "")
        redirect_uri = query.get("redirect_uri", "")
        if client_id != CLIENT_ID:
            raise _oauth(400, "invalid_client", f"unknown client_id {client_id!r}")
        if provider not in PROVIDERS:
            raise _oauth(400, "invalid_request", f"provider must be one of {', '.join(PROVIDERS)}")
        if not _is_loopback(redirect_uri):
            raise _oauth(400, "invalid_request", "redirect_uri must be http://127.0.0.1:PORT/...")
        if query.get("code_challenge_method", "S256") != "S256" or not _CHALLENGE.fullmatch(
            challenge
        ):
            raise _oauth(400, "invalid_request", "code_challenge must be an S256 challenge")
        if not state:
            raise _oauth(400, "invalid_request", "state is required")
        code = "code_" + secrets.token_urlsafe(24)
        self.grants[code] = _Grant(
            challenge, state, redirect_uri, f"{provider}-user", "pro", now + CODE_TTL
        )
        self.counts["authorizations"] += 1
        return f"{redirect_uri}?{urlencode({'code': code, 'state': state})}"

    def exchange(self, body: Any, now: float | None = None) -> dict[str, Any]:
        """Redeem a code (once: a refused attempt spends it too) for a session."""
        now = time.monotonic() if now is None else now
        data = _object(body, ("code", "code_verifier", "state", "client_id"))
        grant = self.grants.pop(str(data["code"]), None)
        verifier = str(data["code_verifier"])
        problem = None
        if grant is None or grant.expires < now:
            problem = "the authorization code is unknown, used or expired"
        elif data["client_id"] != CLIENT_ID:
            problem = "the code was issued to another client"
        elif data["state"] != grant.state:
            problem = "state does not match the authorization request"
        elif not _VERIFIER.fullmatch(verifier) or _s256(verifier) != grant.challenge:
            problem = "code_verifier does not match the code_challenge (PKCE)"
        if problem is not None or grant is None:
            self.counts["refusedExchanges"] += 1
            raise _oauth(400, "invalid_grant", problem or "invalid grant")
        self.counts["exchanges"] += 1
        return self._session(grant.user, grant.tier, now)

    def signin(self, body: Any, now: float | None = None) -> dict[str, Any]:
        now = time.monotonic() if now is None else now
        data = _object(body, ("email", "password"))
        email = str(data["email"]).strip().lower()
        if not _EMAIL.fullmatch(email):
            raise validation_failed(
                [field_error(["body", "email"], "not an email address", "email")]
            )
        if data["password"] != SANDBOX_PASSWORD:
            self.counts["refusedSignins"] += 1
            raise ApiError(401, "INVALID_CREDENTIALS", "Incorrect email or password")
        local = email.split("@", 1)[0]
        tier = local if local in ("free", "business") else "pro"
        self.counts["signins"] += 1
        return self._session(email, tier, now)

    def mint(
        self, authorization: str | None, body: Any, now: float | None = None
    ) -> dict[str, Any]:
        now = time.monotonic() if now is None else now
        scheme, _, token = (authorization or "").partition(" ")
        session = self.sessions.get(token.strip()) if scheme.lower() == "bearer" else None
        if session is None or session.expires < now:
            raise ApiError(401, "UNAUTHORIZED", "Sign in first: this needs a session token")
        name = str(_object(body, ("name",))["name"])
        if not _KEY_NAME.fullmatch(name):
            raise validation_failed(
                [
                    field_error(
                        ["body", "name"], "1-50 letters, digits, spaces, '-' or '_'", "pattern"
                    )
                ]
            )
        taken = self.names.setdefault(session.user, set())
        if name in taken:
            raise ApiError(
                409,
                "KEY_NAME_TAKEN",
                "An active key with this name already exists. Revoke it or pick another name",
                {"name": name},
            )
        taken.add(name)
        self.counts["keysMinted"] += 1
        key_id = "key_" + secrets.token_hex(6)
        return {
            "keyId": key_id,
            "name": name,
            "key": f"ck_{session.tier}_minted_{secrets.token_hex(12)}",
            "createdAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }

    def _session(self, user: str, tier: str, now: float) -> dict[str, Any]:
        token = "sess_" + secrets.token_urlsafe(32)
        self.sessions[token] = _Session(user, tier, now + SESSION_TTL)
        return {
            "accessToken": token,
            "refreshToken": "refresh_" + secrets.token_urlsafe(32),
            "tokenType": "bearer",
            "expiresIn": int(SESSION_TTL),
        }


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _is_loopback(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and (parts.hostname or "") in LOOPBACK_HOSTS
        and port is not None
        and "@" not in parts.netloc
    )


def _object(body: Any, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise validation_failed([field_error(["body"], "Body must be a JSON object", "type")])
    missing = [name for name in required if not isinstance(body.get(name), str)]
    if missing:
        raise validation_failed(
            [field_error(["body", name], "a string is required", "missing") for name in missing]
        )
    return body


def _oauth(status: int, code: str, message: str) -> ApiError:
    return ApiError(status, code, message)
