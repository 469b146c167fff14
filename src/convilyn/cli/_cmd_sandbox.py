"""``convilyn sandbox`` (also ``python -m convilyn.sandbox``): the local reference server.

    convilyn sandbox [--host 127.0.0.1] [--port 0] [--speed X] [--chaos SPEC] [--seed N]
                     [--profile default|live]

Prints the base URL as the first line of stdout, then serves until Ctrl-C (exit 0). The
sandbox's dependencies (starlette, uvicorn, ...) are imported when it runs, so the rest of the
CLI works without the extra.
"""

from __future__ import annotations

import logging
import sys

from ._app import Commands, Context
from ._exit import UsageError

DESCRIPTION = (
    "Run the local Convilyn sandbox, a stateful server speaking the v1 API.\n"
    "The first line on stdout is its base URL; stop it with Ctrl-C.\n"
    "Needs the extra: pip install 'convilyn[sandbox]'."
)
CHAOS_EXAMPLE = "500=0.05,502=0.05,503=0.05,429=0.05,latency=0.2,reset_before=0.02,reset_after=0.02"


def register(commands: Commands) -> None:
    parser = commands.command(
        "sandbox",
        "run the local sandbox server (prints its base URL on the first line)",
        _run,
        description=DESCRIPTION,
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    add("--port", type=int, default=0, help="port (default 0: a free port)")
    add("--speed", type=float, default=1.0, help="simulated-time factor; 0 = instant (default 1)")
    add(
        "--chaos", default=None, metavar="SPEC", help=f"fault probabilities, e.g. '{CHAOS_EXAMPLE}'"
    )
    add("--seed", type=int, default=None, help="seed for chaos and ids (reproducible runs)")
    add("--self-check", action="store_true", help="validate every response against the spec")
    add("--no-rate-limits", action="store_true", help="send rate-limit headers but never 429")
    add("--quiet", action="store_true", help="no per-request log lines")
    add(
        "--profile",
        default="default",
        metavar="NAME",
        help="default (the whole spec) or live (imitate the live service: the light /status, "
        "/download and /upload 404, no Idempotency-Key replays, no event stream for ck_ keys, "
        "lean responses)",
    )


def _run(ctx: Context) -> int:
    ctx.action = "sandbox"
    args = ctx.args
    try:
        from convilyn.sandbox.chaos import ChaosConfig
        from convilyn.sandbox.server import make_config, serve
    except ImportError as exc:
        raise UsageError(
            f"the sandbox is not available: {exc}", hint="pip install 'convilyn[sandbox]'"
        ) from None
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    try:
        config = make_config(
            speed=args.speed,
            chaos=ChaosConfig.parse(args.chaos),
            seed=args.seed,
            self_check=args.self_check,
            rate_limits=not args.no_rate_limits,
            log_requests=not args.quiet,
            profile=args.profile,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)

    def ready(base_url: str) -> None:
        print(base_url, flush=True)
        print(
            f"convilyn sandbox ready at {base_url} (speed {args.speed}, profile {config.profile}); "
            "any ck_ key works, e.g. ck_pro_sandbox_demo1234; Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )

    try:
        return serve(config, host=args.host, port=args.port, on_ready=ready)
    except OSError as exc:  # cannot listen (address in use, not an interface of this host)
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc}") from None
