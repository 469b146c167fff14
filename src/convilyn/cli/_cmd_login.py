"""``convilyn login`` / ``convilyn logout``: the key stored in the user config file."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from convilyn.config import ENV_API_KEY
from convilyn.config import mask_key as mask

from ._app import Commands, Context
from ._credentials import config_path, remove_config, save_config
from ._exit import UsageError

LOGIN_DESCRIPTION = """\
Store an API key (and optionally a base URL) in the user config file, owner-only (0600).

  convilyn login                                  # asks for the key (hidden) on a terminal
  printf '%s' "$KEY" | convilyn login --with-token
  convilyn login --api-key ck_... --base-url http://127.0.0.1:8765

The key is checked against the API first (skip with --no-verify). Precedence when the CLI or
Convilyn.from_env() look for a key: --api-key flag > CONVILYN_API_KEY > this file.
"""


def register(commands: Commands) -> None:
    p = commands.command(
        "login", "store an API key in the user config file", _login, description=LOGIN_DESCRIPTION
    )
    p.add_argument(
        "--with-token", action="store_true", help="read the key from stdin (for scripts)"
    )
    p.add_argument("--no-verify", action="store_true", help="store without checking the key")
    commands.command("logout", "delete the stored key", _logout)


def _read_key(ctx: Context) -> str:
    if ctx.args.api_key:
        return str(ctx.args.api_key)
    if ctx.args.with_token:
        return ctx.out.stdin.read().strip()
    if ctx.out.interactive:
        ctx.out.stderr.write(
            "Paste your Convilyn API key (it starts with ck_; "
            "create one in your account settings).\n"
        )
        ctx.out.stderr.flush()
        if ctx.out.stdin is sys.stdin:
            return getpass.getpass("API key: ", stream=sys.stderr).strip()
        return ctx.out.ask("API key: ").strip()
    raise UsageError(
        "no key given and stdin is not a terminal",
        hint="pipe it in with --with-token, or pass --api-key",
    )


def _login(ctx: Context) -> int:
    ctx.action = "login"
    key = _read_key(ctx)
    if not key:
        raise UsageError("the key is empty", hint="paste the ck_... key from your account settings")
    from convilyn import Convilyn

    base_url = ctx.args.base_url
    options: dict[str, Any] = {"api_key": key, "base_url": ctx.credentials.base_url.value}
    if ctx.args.timeout is not None:
        options["timeout"] = ctx.args.timeout
    if ctx.args.max_retries is not None:
        options["max_retries"] = ctx.args.max_retries
    verified = False
    with Convilyn(**options) as client:  # refuses cvl_/cvi_ keys and bad URLs here
        if not ctx.args.no_verify:
            ctx.action = "verify the key"
            client.account.get_balance()
            verified = True
    settings = {"api_key": key}
    if base_url:
        settings["base_url"] = base_url
    ctx.action = "save the key"
    path = save_config(settings)
    if os.environ.get(ENV_API_KEY):
        ctx.out.warn(f"{ENV_API_KEY} is set and takes precedence over the stored key")

    def human() -> None:
        check = "verified, " if verified else ""
        ctx.out.line(f"saved {mask(key)} ({check}owner-only) to {path}")

    ctx.out.result(
        {
            "config_file": str(path),
            "api_key": mask(key),
            "base_url": base_url,
            "verified": verified,
        },
        human,
    )
    return 0


def _logout(ctx: Context) -> int:
    ctx.action = "logout"
    path = config_path()
    removed = remove_config(path)
    ctx.out.result(
        {"config_file": str(path), "removed": removed},
        lambda: ctx.out.line(f"removed {path}" if removed else f"no stored key at {path}"),
    )
    return 0
