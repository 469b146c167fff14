"""Does the sandbox stay flat under hours of CI load? Memory, latency and store sizes over time.

Starts one sandbox in its own process (instant speed, rate limits off, a short ``--retention``
so that what it forgets is forgotten within the run: the 24 h default, compressed, and presigned
URLs valid for 5 s instead of an hour, for the same reason) and drives it
at full load through ``AsyncConvilyn`` with a CI-like mix: uploads (presign, storage POST,
confirm) and deletes, conversions, goal runs to completion, runs abandoned waiting for an
answer, and files left for the sandbox to expire; never a reset. A new key every minute, as
separate pipelines would use (a business key's credits last about that long here).

Every ``--interval`` seconds it samples the server's resident set size (``/proc``), the latency
percentiles of the single-request calls finished in that interval, and the store sizes from
``/_sandbox/stats``. After a warm-up (twice the retention or the URL lifetime, the time for
expiry to catch up with creation) it compares the last third of the samples to the first third:

- memory: the last third's median RSS at most 10% (and 8 MiB) above the first third's;
- per-request work: the server's CPU time per request (``/proc/<pid>/stat`` over the requests
  it counted), median of the last third at most 1.5x (plus 0.2 ms) the first third's;
- stores: every store's largest size in the last third at most 1.5x (plus 20) the first third's.

The latency the client sees (p50/p95/p99 of single-request calls) is reported and compared
with 1.5x (plus 2 ms) but does not decide: on a shared machine it follows the other
processes' load (the 1-minute load average is in the table); the CPU time per request does not.

    python benchmarks/sandbox_soak.py --seconds 600 --out benchmarks/SOAK.md   # make soak-sandbox
    python benchmarks/sandbox_soak.py --seconds 20 --retention 3 --json        # the CI test

Linux only (reads /proc). Exit status 1 unless the verdict is flat and no call failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sandbox_memory import MIB, rss_bytes  # this folder is the script's sys.path[0]

from convilyn import AsyncConvilyn, File

URL_TTL = 5  # seconds: presigns expire within the run too (the storage POST follows at once)
DOC = b"quarterly report of the sandbox soak\n" * 64


# --- the server -------------------------------------------------------------------------------


def serve(retention: float) -> int:
    """The sandbox process: prints its base URL, serves until terminated."""
    from convilyn.sandbox.server import make_config
    from convilyn.sandbox.server import serve as serve_forever

    config = make_config(
        speed=0, rate_limits=False, retention=retention, url_ttl=URL_TTL, log_requests=False
    )
    return serve_forever(config, on_ready=lambda url: print(url, flush=True))


def start_server(retention: float) -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, __file__, "--serve", "--retention", str(retention)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    base = proc.stdout.readline().strip()
    if not base.startswith("http://127.0.0.1:"):
        proc.kill()
        raise RuntimeError(f"the sandbox did not start: {base!r}")
    return proc, base


# --- the load ---------------------------------------------------------------------------------


@dataclass
class Load:
    """What the workers record; the sampler takes the latencies of each interval."""

    latencies: list[float] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)

    async def timed(self, name: str, call: Awaitable[Any]) -> Any:
        start = time.perf_counter()
        result = await call
        self.latencies.append(time.perf_counter() - start)
        self.calls[name] += 1
        return result


async def _upload(c: AsyncConvilyn, load: Load, name: str) -> File:
    # three requests (presign, storage POST, confirm): counted, not timed as one
    load.calls["upload"] += 1
    return await c.files.upload(DOC, filename=name)


async def upload_delete(c: AsyncConvilyn, load: Load) -> None:
    f = await _upload(c, load, "notes.txt")
    await load.timed("listFiles", c.files.list())
    await load.timed("deleteFile", c.files.delete(f))


async def convert(c: AsyncConvilyn, load: Load) -> None:
    f = await _upload(c, load, "report.docx")
    job = await load.timed("createConvertJob", c.convert.create(file=f, target_format="pdf"))
    await load.timed("getConvertJob", c.convert.retrieve(job))
    if random.random() < 0.5:  # else left for the sandbox to expire
        await load.timed("deleteFile", c.files.delete(f))


async def goal_run(c: AsyncConvilyn, load: Load) -> None:
    f = await _upload(c, load, "report.docx")
    load.calls["goals.run"] += 1
    job = await c.goals.run(
        workflow_id="goal_lane.document_summary", files=[f], slots={"length": "short"}
    )
    if str(job.status) != "completed":
        raise RuntimeError(f"goal run ended {job.status}")
    await load.timed("listGoalJobArtifacts", c.goals.artifacts(job.job_spec_id))
    await load.timed("deleteFile", c.files.delete(f))


async def abandoned_run(c: AsyncConvilyn, load: Load) -> None:
    f = await _upload(c, load, "report.docx")
    load.calls["goals.run (abandoned)"] += 1
    job = await c.goals.run(workflow_id="goal_lane.document_summary", files=[f])
    if not job.needs_input:  # the question nobody answers: left waiting, as a killed CI job
        raise RuntimeError(f"expected a question, got {job.status}")


Action = Callable[[AsyncConvilyn, Load], Awaitable[None]]
MIX: list[tuple[Action, int]] = [
    (upload_delete, 4),
    (convert, 3),
    (goal_run, 3),
    (abandoned_run, 1),
]


class Clients:
    """One client per minute of the run: a fresh business key each (its own account)."""

    def __init__(self, base_url: str, start: float) -> None:
        self.base_url, self.start = base_url, start
        self._by_minute: dict[int, AsyncConvilyn] = {}

    def current(self) -> AsyncConvilyn:
        minute = int((time.monotonic() - self.start) // 60)
        if minute not in self._by_minute:
            key = f"ck_business_soak_{minute:04d}_{random.getrandbits(32):08x}"
            self._by_minute[minute] = AsyncConvilyn(api_key=key, base_url=self.base_url)
        return self._by_minute[minute]

    async def aclose(self) -> None:
        for client in self._by_minute.values():
            await client.aclose()


async def worker(clients: Clients, load: Load, deadline: float, rng: random.Random) -> None:
    actions, weights = zip(*MIX, strict=True)
    while time.monotonic() < deadline:
        action = rng.choices(actions, weights)[0]
        try:
            await action(clients.current(), load)
        except Exception as exc:  # counted: the verdict fails on any
            load.failures[f"{action.__name__}: {type(exc).__name__}: {exc}"[:160]] += 1


# --- sampling ---------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (``/proc/<pid>/stat`` fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def sampler(
    base_url: str, pid: int, load: Load, start: float, deadline: float, interval: float
) -> list[dict[str, Any]]:
    samples: list[dict[str, Any]] = []
    cpu, served = cpu_seconds(pid), 0
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as admin:
        while time.monotonic() < deadline:
            await asyncio.sleep(min(interval, max(0.0, deadline - time.monotonic())))
            taken, load.latencies = load.latencies, []
            stats = (await admin.get("/_sandbox/stats")).json()
            now_cpu, requests = cpu_seconds(pid), stats["requests"]
            per_request = (now_cpu - cpu) / max(1, requests - served)
            cpu, served = now_cpu, requests
            samples.append(
                {
                    "t": round(time.monotonic() - start, 1),
                    "load1": round(os.getloadavg()[0], 2),
                    "rssMiB": round(rss_bytes(pid) / MIB, 1),
                    "cpuMsPerReq": round(per_request * 1000, 3),
                    "calls": len(taken),
                    "p50ms": round(_percentile(taken, 0.50) * 1000, 2),
                    "p95ms": round(_percentile(taken, 0.95) * 1000, 2),
                    "p99ms": round(_percentile(taken, 0.99) * 1000, 2),
                    "stores": {**stats["stores"], "accounts": stats["accounts"]},
                }
            )
    return samples


# --- the verdict ------------------------------------------------------------------------------

RSS_GROWTH, RSS_SLACK_MIB = 0.10, 8.0
CPU_GROWTH, CPU_SLACK_MS = 1.5, 0.2
P95_GROWTH, P95_SLACK_MS = 1.5, 2.0
STORE_GROWTH, STORE_SLACK = 1.5, 20
UNBOUNDED = ("accounts",)  # one per minute by design (a fresh key each)


def thirds(samples: list[dict[str, Any]], warmup: float) -> tuple[list[Any], list[Any]]:
    steady = [s for s in samples if s["t"] > warmup]
    n = max(1, len(steady) // 3)
    return steady[:n], steady[-n:]


def verdict(samples: list[dict[str, Any]], warmup: float) -> dict[str, Any]:
    first, last = thirds(samples, warmup)
    if not first:
        return {"flat": False, "why": ["no sample after the warm-up"], "grown": {}}
    rss, cpu, p95, load1 = (
        _medians(first, last, k) for k in ("rssMiB", "cpuMsPerReq", "p95ms", "load1")
    )
    why = []
    if rss[1] > max(rss[0] * (1 + RSS_GROWTH), rss[0] + RSS_SLACK_MIB):
        why.append(f"RSS {rss[0]} -> {rss[1]} MiB")
    if cpu[1] > cpu[0] * CPU_GROWTH + CPU_SLACK_MS:
        why.append(f"server CPU per request {cpu[0]} -> {cpu[1]} ms")
    grown = store_growth(first, last)
    why += [f"store {name} {a} -> {b}" for name, (a, b) in grown.items()]
    return {
        "flat": not why,
        "why": why,
        "rssMiB": rss,
        "cpuMsPerReq": cpu,
        "p95ms": p95,
        "p95Flat": p95[1] <= p95[0] * P95_GROWTH + P95_SLACK_MS,
        "load1": load1,
        "grown": grown,
    }


def _medians(first: list[Any], last: list[Any], key: str) -> tuple[float, float]:
    return statistics.median(s[key] for s in first), statistics.median(s[key] for s in last)


def store_growth(first: list[Any], last: list[Any]) -> dict[str, tuple[int, int]]:
    grown = {}
    for name in first[0]["stores"]:
        if name in UNBOUNDED:
            continue
        a = max(s["stores"][name] for s in first)
        b = max(s["stores"][name] for s in last)
        if b > a * STORE_GROWTH + STORE_SLACK:
            grown[name] = (a, b)
    return grown


# --- the run ----------------------------------------------------------------------------------


async def drive(
    base_url: str, pid: int, seconds: float, concurrency: int, interval: float
) -> tuple[list[dict[str, Any]], Load]:
    load, start = Load(), time.monotonic()
    deadline = start + seconds
    clients = Clients(base_url, start)
    try:
        rngs = [random.Random(i) for i in range(concurrency)]
        workers = [worker(clients, load, deadline, rng) for rng in rngs]
        samples, *_ = await asyncio.gather(
            sampler(base_url, pid, load, start, deadline, interval), *workers
        )
    finally:
        await clients.aclose()
    return samples, load


def run(seconds: float, retention: float, concurrency: int, interval: float) -> dict[str, Any]:
    proc, base = start_server(retention)
    try:
        samples, load = asyncio.run(drive(base, proc.pid, seconds, concurrency, interval))
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
    warmup = 2 * max(retention, URL_TTL)
    judged = verdict(samples, warmup)
    result: dict[str, Any] = {
        "seconds": seconds,
        "retention": retention,
        "concurrency": concurrency,
        "warmup": warmup,
        "calls": dict(load.calls),
        "failures": dict(load.failures),
        "samples": samples,
        "verdict": judged,
        "ok": judged["flat"] and not load.failures,
    }
    return result


STORE_COLUMNS = ("files", "uploads", "goalJobs", "convertJobs", "idempotency", "deadlines", "blobs")


def markdown(result: dict[str, Any]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Sandbox soak (`make soak-sandbox`, {when})",
        "",
        f"{result['seconds']:.0f} s at full load, {result['concurrency']} workers through "
        f"`AsyncConvilyn`, retention {result['retention']:g} s (the 24 h default compressed), "
        f"warm-up {result['warmup']:g} s. Calls: "
        + ", ".join(f"{k} {n}" for k, n in sorted(result["calls"].items()))
        + f". Failures: {sum(result['failures'].values())}.",
        "",
        "| t (s) | load | RSS MiB | server CPU ms/req | calls | p50 ms | p95 ms | p99 ms | "
        + " | ".join(STORE_COLUMNS)
        + " | accounts |",
        "|" + "---:|" * (9 + len(STORE_COLUMNS)),
    ]
    for s in result["samples"]:
        stores = [str(s["stores"][c]) for c in (*STORE_COLUMNS, "accounts")]
        lines.append(
            f"| {s['t']} | {s['load1']} | {s['rssMiB']} | {s['cpuMsPerReq']} | {s['calls']} | "
            f"{s['p50ms']} | {s['p95ms']} | {s['p99ms']} | " + " | ".join(stores) + " |"
        )
    return "\n".join([*lines, "", verdict_line(result["verdict"])]) + "\n"


def verdict_line(v: dict[str, Any]) -> str:
    if "rssMiB" not in v:
        return f"**Verdict: NOT flat: {'; '.join(v['why'])}**"
    thresholds = (
        f"RSS median +{RSS_GROWTH:.0%} (and {RSS_SLACK_MIB:g} MiB), server CPU per request "
        f"x{CPU_GROWTH:g} + {CPU_SLACK_MS:g} ms, each store's max x{STORE_GROWTH:g} + "
        f"{STORE_SLACK}; client p95 x{P95_GROWTH:g} + {P95_SLACK_MS:g} ms, reported only"
    )
    head = "flat" if v["flat"] else "NOT flat: " + "; ".join(v["why"])
    p95 = "within" if v["p95Flat"] else "NOT within"
    return (
        f"**Verdict: {head}** (last third vs first third after the warm-up: RSS "
        f"{v['rssMiB'][0]} -> {v['rssMiB'][1]} MiB, server CPU {v['cpuMsPerReq'][0]} -> "
        f"{v['cpuMsPerReq'][1]} ms per request, stores within their bound; client p95 "
        f"{v['p95ms'][0]} -> {v['p95ms'][1]} ms, {p95} its threshold, at load average "
        f"{v['load1'][0]} -> {v['load1'][1]}; thresholds: {thresholds})."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--retention", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--interval", type=float, default=0.0, help="default: seconds / 30")
    parser.add_argument("--out", type=Path, help="append the section to this Markdown file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.retention)
    interval = args.interval or max(1.0, args.seconds / 30)
    result = run(args.seconds, args.retention, args.concurrency, interval)
    if args.json:
        print(json.dumps(result))
    else:
        print(markdown(result))
    if args.out is not None:
        with args.out.open("a") as fh:
            fh.write("\n" + markdown(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
