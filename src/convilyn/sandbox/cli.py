"""The ``sandbox`` subcommand of the ``convilyn`` command (kept here so the CLI stays thin).

    convilyn sandbox [--host 127.0.0.1] [--port 0] [--speed X] [--chaos SPEC] [--seed N]
                     [--profile default|live]

Prints the base URL as the first line of stdout, then serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free port)")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="simulated-time factor; 0 = instant (default 1)"
    )
    parser.add_argument(
        "--chaos",
        default=None,
        metavar="SPEC",
        help="fault probabilities, e.g. '500=0.05,502=0.05,503=0.05,429=0.05,latency=0.2,reset_before=0.02,reset_after=0.02'",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed for chaos and ids (reproducible runs)"
    )
    parser.add_argument(
        "--self-check", action="store_true", help="validate every response against the spec"
    )
    parser.add_argument(
        "--no-rate-limits", action="store_true", help="send rate-limit headers but never 429"
    )
    parser.add_argument("--quiet", action="store_true", help="no per-request log lines")
    parser.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="default (the whole spec) or live (imitate the live service: the light /status, "
        "/download and /upload 404, no Idempotency-Key replays, no event stream for ck_ keys, lean responses)",
    )


def run(args: argparse.Namespace) -> int:
    from .chaos import ChaosConfig
    from .server import make_config, serve

    try:
        if not 0 <= args.port <= 65535:
            raise ValueError(f"--port must be between 0 and 65535, got {args.port}")
        chaos = ChaosConfig.parse(args.chaos)
        config = make_config(
            speed=args.speed,
            chaos=chaos,
            seed=args.seed,
            self_check=args.self_check,
            rate_limits=not args.no_rate_limits,
            log_requests=not args.quiet,
            profile=args.profile,
        )
    except ValueError as exc:
        print(f"convilyn sandbox: {exc}", file=sys.stderr)
        return 1  # a usage error, as for every convilyn command
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)

    def ready(base_url: str) -> None:
        print(base_url, flush=True)
        print(
            f"convilyn sandbox ready at {base_url} (speed {args.speed}, profile {config.profile}); "
            "any ck_ key works, "
            "e.g. ck_pro_sandbox_demo1234; Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )

    try:
        return serve(config, host=args.host, port=args.port, on_ready=ready)
    except OSError as exc:  # cannot listen (address in use, not an interface of this host)
        print(f"convilyn sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1


def run_from_argv(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convilyn.sandbox")
    configure(parser)
    args = parser.parse_args(argv)
    return run(args)
