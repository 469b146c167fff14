"""``convilyn setup``: sign in, mint a ``ck_`` key, store it owner-only (as ``gh auth login``).

The vendor 4.1's flow (its ``cli/setup.py``): a session obtained through the browser (RFC 8252
loopback redirect with PKCE) or with an email and password is used exactly once to create an
API key, then dropped; only the key is stored, in the same file ``convilyn login`` writes. The
sign-in endpoints are spoken by :mod:`._auth`.
"""

from __future__ import annotations

import argparse
import getpass
import os
import platform
import re
import secrets
from typing import Any, TextIO, cast

from convilyn.config import ENV_API_KEY
from convilyn.config import mask_key as mask

from ._app import Commands, Context
from ._auth import AuthClient, Pkce, loopback_callback, wait_for_code
from ._credentials import load_config, save_config
from ._exit import UsageError

PROVIDERS = ("google", "github", "email")

DESCRIPTION = """\
Sign in to Convilyn and store a new API key for this machine, owner-only (0600), in the file
`convilyn login` writes. Nothing to copy by hand:

  convilyn setup                                 # asks how to sign in, opens the browser
  convilyn setup --provider github --no-browser  # prints the URL: open it on any device
  convilyn setup --provider email                # asks for the email and password (hidden)
  printf '%s\\n' "$PASSWORD" | convilyn setup --provider email --email me@example.com --password-stdin

The browser sign-in redirects to a listener on 127.0.0.1 (a port the system picks) and is
protected by PKCE and a state check. The session it yields is used once, to create a key named
after this machine (--key-name to choose), and is never stored or printed. When a stored key
still works, nothing happens (--force signs in again and creates another key).
"""

_KEY_NAME = re.compile(r"[A-Za-z0-9_\- ]{1,50}")


def _key_name(text: str) -> str:
    if not _KEY_NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(
            "1-50 letters, digits, spaces, '-' or '_' (as the web console allows)"
        )
    return text


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def register(commands: Commands) -> None:
    p = commands.command(
        "setup",
        "sign in (browser or email) and store a new API key",
        _setup,
        description=DESCRIPTION,
    )
    p.add_argument(
        "--provider",
        choices=PROVIDERS,
        help="google or github: in a browser; email: asks here (default: asked on a terminal)",
    )
    p.add_argument(
        "--no-browser", action="store_true", help="print the sign-in URL instead of opening it"
    )
    p.add_argument("--email", metavar="ADDRESS", help="with --provider email: the address")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="with --provider email: read the password from stdin (for scripts)",
    )
    p.add_argument(
        "--key-name",
        type=_key_name,
        metavar="NAME",
        help="the new key's name in the web console (default: cli-<this machine's name>)",
    )
    p.add_argument(
        "--force", action="store_true", help="sign in again even when the stored key works"
    )
    p.add_argument(
        "--wait-timeout",
        type=_positive,
        default=180.0,
        metavar="SECONDS",
        help="how long to wait for the browser sign-in (default 180)",
    )


def _default_key_name() -> str:
    name = "".join(c if _KEY_NAME.fullmatch(c) else "-" for c in f"cli-{platform.node()}")
    return name.strip()[:50] or "cli"


def _stored_key_works(base_url: str) -> str | None:
    """The stored key, when the API accepts it (one read); ``None`` otherwise."""
    from convilyn import Convilyn
    from convilyn.errors import ConvilynError

    try:
        stored = load_config().get("api_key")
    except (OSError, ValueError):
        return None
    if not stored:
        return None
    try:
        with Convilyn(api_key=stored, base_url=base_url, max_retries=0) as client:
            client.account.get_balance()
    except ConvilynError:
        return None
    return stored


def _provider(ctx: Context) -> str:
    args = ctx.args
    if args.provider not in (None, "email") and (args.email or args.password_stdin):
        raise UsageError(
            f"--email and --password-stdin are for --provider email, not {args.provider}"
        )
    if args.provider:
        return str(args.provider)
    if ctx.args.email or ctx.args.password_stdin:
        return "email"
    if not ctx.out.interactive:
        raise UsageError(
            "--provider is needed when stdin is not a terminal",
            hint="convilyn setup --provider github --no-browser (prints a URL to open anywhere)",
        )
    while True:
        answer = ctx.out.ask("Sign in with google, github or email [google]: ").strip().lower()
        if answer in ("", *PROVIDERS):
            return answer or "google"
        ctx.out.error(f"  please answer one of {', '.join(PROVIDERS)}")


def _credentials(ctx: Context) -> tuple[str, str]:
    """The email and password: flags and stdin, else asked (the password without echo)."""
    args = ctx.args
    if args.password_stdin:
        if not args.email:
            raise UsageError("--password-stdin needs --email ADDRESS")
        password = ctx.out.stdin.readline().rstrip("\r\n")
    elif ctx.out.interactive:
        email = args.email or ctx.out.ask("Email: ").strip()
        password = getpass.getpass("Password: ", stream=cast("TextIO", ctx.out.stderr))
        return email, password
    else:
        raise UsageError(
            "--provider email asks for the password, and stdin is not a terminal",
            hint="pass --email ADDRESS --password-stdin and pipe the password in, "
            "or use --provider github --no-browser",
        )
    if not password:
        raise UsageError("the password is empty", hint="pipe it in with --password-stdin")
    return str(args.email), password


def _browser_session(ctx: Context, auth: AuthClient, provider: str) -> str:
    pkce, state = Pkce.new(), secrets.token_urlsafe(32)
    with loopback_callback(state) as (redirect_uri, callback):
        url = auth.authorize_url(
            provider=provider, pkce=pkce, state=state, redirect_uri=redirect_uri
        )
        if ctx.args.no_browser:
            ctx.out.error(f"Open this URL to sign in with {provider}:\n\n  {url}\n")
        else:
            ctx.out.error(f"Opening your browser to sign in with {provider}. If it does not open:")
            ctx.out.error(f"\n  {url}\n")
            _open_browser(ctx, url)
        ctx.out.error(f"Waiting for the sign-in (up to {ctx.args.wait_timeout:g}s; Ctrl-C stops)")
        code = wait_for_code(callback, ctx.args.wait_timeout)
    ctx.action = f"redeem the {provider} sign-in"
    ctx.api_hint = "run `convilyn setup` again: a sign-in code works once, for a few minutes"
    return auth.exchange(code=code, pkce=pkce, state=state)


def _open_browser(ctx: Context, url: str) -> None:
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except Exception:  # no display, no handler: the printed URL is the way
        opened = False
    if not opened:
        ctx.out.error("(no browser could be opened here: open the URL above yourself)")


def _setup(ctx: Context) -> int:
    from convilyn import __version__
    from convilyn.config import normalize_base_url

    args = ctx.args
    ctx.action = "setup"
    creds = ctx.credentials
    base_url = normalize_base_url(creds.base_url.value or "")  # a session travels: https only
    if not args.force and (stored := _stored_key_works(base_url)):
        return _already(ctx, stored, base_url)
    provider = _provider(ctx)
    timeout = float(args.timeout or 30.0)
    with AuthClient(base_url, timeout=timeout, user_agent=f"convilyn-python/{__version__}") as auth:
        if provider == "email":
            email, password = _credentials(ctx)
            ctx.action = f"sign in as {email}"
            ctx.api_hint = (
                "check the email and password (or sign in with --provider google or github)"
            )
            session = auth.signin(email=email, password=password)
            del password
        else:
            ctx.action = f"sign in with {provider}"
            session = _browser_session(ctx, auth, provider)
        name = args.key_name or _default_key_name()
        ctx.action = f"create the API key {name!r}"
        ctx.api_hint = (
            "choose another name with --key-name, or revoke the old key in the web console"
        )
        key, name = auth.mint_key(session=session, name=name)
        del session  # used once: never stored, never printed
    ctx.api_hint = None
    return _store(ctx, key, base_url, provider, name)


def _tier(key: str, base_url: str) -> str | None:
    """The new key's plan, best effort: a failure here does not undo a key already made."""
    from convilyn import Convilyn
    from convilyn.errors import ConvilynError

    try:
        with Convilyn(api_key=key, base_url=base_url, max_retries=0) as client:
            return str(client.account.get_plan().tier)
    except ConvilynError:
        return None


def _store(ctx: Context, key: str, base_url: str, provider: str, name: str) -> int:
    ctx.action = "save the key"
    settings = {"api_key": key}
    if ctx.credentials.base_url.source != "default":  # the key belongs to that host
        settings["base_url"] = base_url
    try:
        path = save_config(settings)
    except OSError as exc:
        raise UsageError(
            f"the key {mask(key)} was created but cannot be stored: {exc.strerror or exc}",
            hint="fix the config directory's permissions (or set CONVILYN_CONFIG_DIR), then "
            "run `convilyn setup --force`; revoke the unsaved key in the web console",
        ) from None
    tier = _tier(key, base_url)
    if os.environ.get(ENV_API_KEY):
        ctx.out.warn(f"{ENV_API_KEY} is set and takes precedence over the stored key")
    document: dict[str, Any] = {
        "config_file": str(path),
        "api_key": mask(key),
        "base_url": settings.get("base_url"),
        "provider": provider,
        "key_name": name,
        "tier": tier,
        "already_set_up": False,
    }

    def human() -> None:
        plan = f" on the {tier} plan" if tier else ""
        ctx.out.line(f"signed in with {provider}{plan}; created the API key {name!r}")
        ctx.out.line(f"saved {mask(key)} (owner-only) to {path}")
        ctx.out.line("next: convilyn doctor --ping")

    ctx.out.result(document, human)
    return 0


def _already(ctx: Context, stored: str, base_url: str) -> int:
    from ._credentials import config_path

    document: dict[str, Any] = {
        "config_file": str(config_path()),
        "api_key": mask(stored),
        "base_url": base_url,
        "provider": None,
        "key_name": None,
        "tier": None,
        "already_set_up": True,
    }

    def human() -> None:
        ctx.out.line(f"already set up: the stored key {mask(stored)} works ({config_path()})")
        ctx.out.line("`convilyn setup --force` signs in again and creates another key")

    ctx.out.result(document, human)
    return 0
