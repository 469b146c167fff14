"""``convilyn doctor``: the configuration (offline), and with ``--ping`` connectivity; the key
masked."""

from __future__ import annotations

import os
import platform
import re
import stat
import time
from collections.abc import Callable
from typing import Any

from convilyn.config import mask_key as mask

from ._app import Commands, Context
from ._credentials import source_label
from ._exit import ExitCode


def register(commands: Commands) -> None:
    p = commands.command(
        "doctor",
        "check the configuration (offline); --ping also reaches the API (key masked)",
        _doctor,
        description=(
            "Show which key and base URL the CLI uses and where they come from, and check\n"
            "them without the network: the key's form, the base URL, the config file's\n"
            "permissions. With --ping, also reach the API's health endpoint and make one\n"
            "authenticated call. Exit 0 when all is well, 1 for configuration, 2 for the API."
        ),
    )
    p.add_argument(
        "--ping",
        action="store_true",
        help="also reach the API: its health endpoint and one call with the key",
    )


def _check(name: str, fn: Callable[[], str]) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        detail, ok = fn(), True
    except Exception as exc:
        from ._errors import describe

        failure = describe(exc)
        if failure.hint and "convilyn doctor" in failure.hint:  # this is doctor already
            failure.hint = (
                "store a valid key with `convilyn login`, or pass --api-key"
                if failure.status_code == 401
                else re.sub(r",? (?:with|and) `convilyn doctor(?: --ping)?`", "", failure.hint)
            )
        detail, ok = failure.line(None).removeprefix("convilyn: error: "), False
    return {
        "name": name,
        "ok": ok,
        "detail": detail,
        "duration_ms": round((time.perf_counter() - start) * 1000, 1),
    }


def _doctor(ctx: Context) -> int:
    from convilyn import __version__

    ctx.action = "doctor"
    creds = ctx.credentials
    key_source, base_url_source = source_label(creds.api_key), source_label(creds.base_url)
    checks: list[dict[str, Any]] = []
    config_file = creds.config_file
    file_info: dict[str, Any] = {"path": str(config_file), "exists": config_file.exists()}
    if config_file.exists() and os.name == "posix":
        mode = stat.S_IMODE(config_file.stat().st_mode)
        file_info["mode"] = oct(mode)
        private = not mode & (stat.S_IRWXG | stat.S_IRWXO)
        checks.append(
            {
                "name": "config file is owner-only",
                "ok": private,
                "detail": oct(mode) if private else f"{oct(mode)}: run chmod 600 {config_file}",
                "duration_ms": 0.0,
            }
        )
    if creds.config_error:
        checks.append(
            {"name": "config file", "ok": False, "detail": creds.config_error, "duration_ms": 0.0}
        )

    def key_check() -> str:
        if creds.api_key.source == "none":
            raise ValueError("no API key: run `convilyn login` or set CONVILYN_API_KEY")
        ctx.client()  # the SDK's own checks: key format, base URL
        return f"{mask(creds.api_key.value)} from {key_source}"

    key = _check("configuration", key_check)
    checks.append(key)
    base_url = creds.base_url.value

    def health() -> str:
        import httpx

        from convilyn.config import normalize_base_url
        from convilyn.errors import APIConnectionError
        from convilyn.lowlevel import Client
        from convilyn.lowlevel.api.health import get_health

        # The generated client, which needs no key: this check must tell an outage from a key
        # problem.
        root = normalize_base_url(base_url or "")
        low = Client(base_url=root, timeout=httpx.Timeout(ctx.args.timeout or 10.0))
        try:
            with low:
                response = get_health.sync_detailed(client=low)
        except httpx.HTTPError as exc:  # not a bug to report: the API cannot be reached
            raise APIConnectionError(
                f"GET {root} health failed: {type(exc).__name__}: {exc}", url=root
            ) from None
        if response.status_code != 200:
            raise ValueError(f"{root} answered {int(response.status_code)} to its health check")
        return f"{root} answered {int(response.status_code)}"

    if ctx.args.ping:
        checks.append(_check("API reachable", health))
    if ctx.args.ping and key["ok"]:

        def auth() -> str:
            balance = ctx.client().account.get_balance()
            return f"balance {balance.balance_credits} credits"

        checks.append(_check("key accepted", auth))
    ok = all(c["ok"] for c in checks)
    document = {
        "ok": ok,
        "version": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "base_url": str(base_url) if base_url else None,
        "base_url_source": base_url_source,
        "api_key": mask(creds.api_key.value),
        "key_source": key_source,
        "config_file": file_info,
        "online": bool(ctx.args.ping),
        "checks": checks,
    }

    # Two files can hold the key: convilyn login's config.toml, 4.x's credentials.json.
    from_file = f" {creds.api_key.origin}" if creds.api_key.source == "file" else ""

    def human() -> None:
        ctx.out.fields(
            [
                ("convilyn", f"{__version__} (Python {platform.python_version()})"),
                ("base URL", f"{base_url or '(default)'} [{base_url_source}]"),
                ("API key", f"{mask(creds.api_key.value)} [{key_source}]" + from_file),
                ("config file", f"{config_file}" + ("" if file_info["exists"] else " (none)")),
            ]
        )
        for c in checks:
            ctx.out.line(f"{'ok  ' if c['ok'] else 'FAIL'} {c['name']}: {c['detail']}")
        if not ctx.args.ping:
            ctx.out.line("(offline: nothing was sent; `convilyn doctor --ping` reaches the API)")

    ctx.out.result(document, human)
    if ok:
        return 0
    api_checks = {"API reachable", "key accepted"}
    if any(not c["ok"] and c["name"] not in api_checks for c in checks):
        return int(ExitCode.USAGE)
    return int(ExitCode.API)
