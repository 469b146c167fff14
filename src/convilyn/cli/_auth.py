"""The sign-in client of ``convilyn setup``: the vendor 4.1's endpoints, kept out of the SDK.

These routes are not part of the v1 API wire (WIRE.md does not list them; they belong to the
service's console), so they are spoken here, over plain httpx, and nowhere else:

* ``GET  /api/v1/auth/desktop/authorize?provider&code_challenge&state&client_id&redirect_uri``:
  the page the browser opens (RFC 8252 loopback redirect, RFC 7636 PKCE with S256);
* ``POST /api/v1/auth/desktop/token {code, code_verifier, state, client_id, device_label}``;
* ``POST /api/v1/auth/signin {email, password}``;
  both answer ``{"accessToken": ...}`` (a short-lived session);
* ``POST /api/v1/console/keys {name}`` with ``Authorization: Bearer <session>``: ``{"key": "ck_..."}``.

The session is used once, to mint the key, and dropped: neither it nor the password is logged,
printed or written, and both are scrubbed from any error the server's answer becomes. Errors are
the SDK's typed ones (``convilyn.errors.error_from_response``: status, code, message, request id).
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.server
import platform
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from ._exit import CLIError, ExitCode

__all__ = [
    "CALLBACK_PATH",
    "CLIENT_ID",
    "AuthClient",
    "Callback",
    "Pkce",
    "SignInError",
    "loopback_callback",
]

CLIENT_ID = "convilyn-cli"
CALLBACK_PATH = "/callback"


class SignInError(CLIError):
    """The sign-in did not complete on this side (a refused or missing callback, a timeout,
    no terminal to ask on): exit 1, nothing stored."""

    exit_code = ExitCode.USAGE
    kind = "sign_in_failed"


@dataclass(frozen=True)
class Pkce:
    """RFC 7636: a fresh verifier (43-128 characters) and its S256 challenge."""

    verifier: str
    challenge: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = secrets.token_urlsafe(64)[:128]
        return cls(verifier, s256(verifier))


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


# -- the loopback redirect ---------------------------------------------------------------------


class Callback:
    """What the loopback listener caught: the code, or why the sign-in cannot go on."""

    def __init__(self, state: str) -> None:
        self.state = state
        self.code: str | None = None
        self.error: str | None = None
        self.forged = 0  # callbacks refused for a wrong state: they end nothing
        self.done = threading.Event()

    def receive(self, query: str) -> tuple[int, str]:
        """Judge one ``/callback`` request: its status and the page the browser shows."""
        params = {k: v[0] for k, v in parse_qs(query).items()}
        if not secrets.compare_digest(params.get("state", ""), self.state):
            # Not the answer to this sign-in (a stale tab, another program): refused, and the
            # real one is still awaited, so a stray request can neither inject a code nor end it.
            self.forged += 1
            return 400, _page("This is not the sign-in this terminal started.", ok=False)
        if "error" in params:
            reason = params.get("error_description") or params["error"]
            self.error = f"the sign-in was not approved: {reason}"
        elif not params.get("code"):
            self.error = "the callback carried no authorization code"
        else:
            self.code = params["code"]
        self.done.set()
        if self.error:
            return 400, _page(f"{self.error}. Nothing was saved.", ok=False)
        return 200, _page(
            "Signed in. A key for this machine is being created; you can close this window.",
            ok=True,
        )


def _page(text: str, *, ok: bool) -> str:
    title = "Signed in to Convilyn" if ok else "Sign-in not completed"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Convilyn</title></head><body><h1>{title}</h1><p>{html.escape(text)}</p>"
        "<p>Return to your terminal.</p></body></html>"
    )


def _handler(callback: Callback) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != CALLBACK_PATH:
                status, body = 404, _page("Not found.", ok=False)
            else:
                status, body = callback.receive(parts.query)
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return  # the query carries the code: no access log

    return Handler


@contextmanager
def loopback_callback(state: str) -> Iterator[tuple[str, Callback]]:
    """Listen on 127.0.0.1, on a port the OS picks, until the callback for ``state`` arrives;
    yields the ``redirect_uri`` and the :class:`Callback`. The listener is closed on leaving."""
    callback = Callback(state)
    server = http.server.HTTPServer(("127.0.0.1", 0), _handler(callback))
    server.timeout = 0.2
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set() and not callback.done.is_set():
            server.handle_request()

    thread = threading.Thread(target=serve, name="convilyn-setup-callback", daemon=True)
    thread.start()  # listening already (bound in the constructor): a fast browser is answered
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{CALLBACK_PATH}", callback
    finally:
        stop.set()
        thread.join(timeout=2)
        server.server_close()


def wait_for_code(callback: Callback, timeout: float) -> str:
    """The authorization code, once the browser comes back; :class:`SignInError` otherwise."""
    deadline = time.monotonic() + timeout
    while not callback.done.wait(timeout=min(0.5, max(0.0, deadline - time.monotonic()))):
        if time.monotonic() >= deadline:  # Ctrl-C interrupts the short waits above
            raise SignInError(
                f"no answer from the browser within {timeout:g}s; nothing was saved",
                hint="run `convilyn setup` again and finish the sign-in in the browser "
                "(raise --wait-timeout; on a machine without a browser add --no-browser "
                "and open the printed URL elsewhere)",
            )
    if callback.error or not callback.code:
        raise SignInError(
            callback.error or "no authorization code",
            hint="run `convilyn setup` again, or sign in with --provider email",
        )
    return callback.code


# -- the service's sign-in endpoints ---------------------------------------------------------


class AuthClient:
    """The four calls, against the API host ``base_url`` (already validated: https, or http on
    loopback only, since a session travels)."""

    def __init__(self, base_url: str, *, timeout: float, user_agent: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={
                "User-Agent": user_agent,
                "Accept": "application/json",
                "X-Convilyn-Client": "python-sdk",
            },
        )

    def __enter__(self) -> AuthClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def authorize_url(self, *, provider: str, pkce: Pkce, state: str, redirect_uri: str) -> str:
        query = urlencode(
            {
                "provider": provider,
                "code_challenge": pkce.challenge,
                "state": state,
                "client_id": CLIENT_ID,
                "redirect_uri": redirect_uri,
            }
        )
        return f"{self.base_url}/api/v1/auth/desktop/authorize?{query}"

    def exchange(self, *, code: str, pkce: Pkce, state: str) -> str:
        body = {
            "code": code,
            "code_verifier": pkce.verifier,
            "state": state,
            "client_id": CLIENT_ID,
            "device_label": f"cli:{platform.system()}"[:64],
        }
        return self._session("/api/v1/auth/desktop/token", body, secret=pkce.verifier)

    def signin(self, *, email: str, password: str) -> str:
        body = {"email": email, "password": password}
        return self._session("/api/v1/auth/signin", body, secret=password)

    def mint_key(self, *, session: str, name: str) -> tuple[str, str]:
        """A new ``ck_`` key and its name: ``name``, or when that is taken (409) once more with
        a timestamp suffix, as 4.1 does (the existing key is left alone)."""
        response = self._post_key(session, name)
        if response.status_code == 409:
            name = _suffixed(name)
            response = self._post_key(session, name)
        data = self._json(response, secrets=(session,))
        key = data.get("key") if isinstance(data, dict) else None
        if not isinstance(key, str) or not key.startswith("ck_"):
            raise self._malformed(response, "no ck_ key in the answer")
        return key, name

    # -- plumbing ---------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any], **kwargs: Any) -> httpx.Response:
        url = f"{self.base_url}{path}"
        try:
            return self._http.post(url, json=body, **kwargs)
        except httpx.TimeoutException:
            from convilyn.errors import APITimeoutError

            raise APITimeoutError(f"POST {path} timed out", url=self.base_url) from None
        except httpx.HTTPError as exc:
            from convilyn.errors import APIConnectionError

            raise APIConnectionError(
                f"POST {path} failed: {type(exc).__name__}", url=self.base_url
            ) from None

    def _post_key(self, session: str, name: str) -> httpx.Response:
        return self._post(
            "/api/v1/console/keys", {"name": name}, headers={"Authorization": f"Bearer {session}"}
        )

    def _session(self, path: str, body: dict[str, Any], *, secret: str) -> str:
        response = self._post(path, body)
        data = self._json(response, secrets=(secret,))
        token = data.get("accessToken") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise self._malformed(response, "no accessToken in the answer")
        return token

    @staticmethod
    def _json(response: httpx.Response, *, secrets: tuple[str, ...]) -> Any:
        if response.status_code >= 400 or 300 <= response.status_code < 400:
            from convilyn.errors import error_from_response

            raise error_from_response(
                response.status_code, response.headers, response.content, secrets=secrets
            )
        try:
            return response.json()
        except ValueError:
            return None

    @staticmethod
    def _malformed(response: httpx.Response, what: str) -> Exception:
        from convilyn.errors import ResponseValidationError

        path = response.request.url.path
        return ResponseValidationError(
            f"POST {path} answered {response.status_code} with {what}",
            model="session" if "key" not in path else "key",
            request_id=response.headers.get("x-request-id"),
        )


def _suffixed(name: str) -> str:
    suffix = f"-{int(time.time())}"
    return f"{name[: 50 - len(suffix)]}{suffix}"
