"""`make bench`: the SDK side by side with raw httpx, in one process and one run.

1. Per-call overhead of ``goals.retrieve`` (facade) and of the generated low-level call, against
   the same request made with raw httpx, on an instant sandbox (interleaved rounds, medians).
2. ``import convilyn`` cold import time vs ``import httpx, pydantic`` (fresh interpreters).
3. Upload and download of a large file (1 GiB; ``BENCH_FILE_MIB`` shrinks it): peak RSS growth
   of the client process and throughput, facade vs raw httpx streaming. The sandbox runs in its
   own process; each client runs in a fresh child process so its RSS is its own.
4. Goal jobs completed per second through AsyncConvilyn at concurrency 1, 10, 100.
5. Polls per completed goal job at demo speed (speed 1), and how late the client notices.

Writes ``benchmarks/RESULTS.md`` (``--out``) and prints it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import bench_import
import bench_overhead
import httpx
from bench_goals import (
    WORKFLOW,
    Shares,
    candidate_transports,
    raw_jobs_per_second,
    requests_per_job,
    sdk_jobs_per_second,
    transport_memory,
    where_time_goes,
)

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]


def _quiet() -> None:
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    from convilyn import QuotaSoftLimitWarning

    warnings.simplefilter("ignore", QuotaSoftLimitWarning)


# -- 1. per-call overhead --------------------------------------------------------------------


# -- 3. large transfers (child processes) ------------------------------------------------------


def _rss(field: str = "VmRSS") -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


class _Peak(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(0.005)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return max(self.peak, _rss())


async def _child_facade(base: str, key: str, src: Path, dst: Path) -> tuple[float, float]:
    from convilyn import AsyncConvilyn

    async with AsyncConvilyn(api_key=key, base_url=base, timeout=600) as client:
        t0 = time.perf_counter()
        up = await client.files.upload(src, filename=src.name)
        t1 = time.perf_counter()
        job = await client.convert.create(file=up, target_format="mp3")
        job = await client.convert.wait(job, poll_interval=0.05)
        t2 = time.perf_counter()
        await client.convert.download_to(job, to=dst, overwrite=True)
        t3 = time.perf_counter()
    return t1 - t0, t3 - t2


async def _child_raw(base: str, key: str, src: Path, dst: Path) -> tuple[float, float]:
    headers = {"Authorization": f"Bearer {key}"}
    size = src.stat().st_size  # noqa: ASYNC240 (once, before timing)
    async with (
        httpx.AsyncClient(base_url=base + "/api/v1", headers=headers, timeout=600) as api,
        httpx.AsyncClient(timeout=600) as storage,
    ):
        t0 = time.perf_counter()
        p = (
            await api.post(
                "/upload/presign",
                json={"fileName": src.name, "fileSize": size, "contentType": "audio/wav"},
            )
        ).json()
        with src.open("rb") as fh:
            r = await storage.post(
                p["uploadUrl"], data=p["fields"], files={"file": (src.name, fh, "audio/wav")}
            )
            r.raise_for_status()
        c = await api.post(
            "/upload/confirm",
            json={
                "fileId": p["fileId"],
                "fileName": src.name,
                "fileSize": size,
                "contentType": "audio/wav",
                "s3Key": p["s3Key"],
            },
        )
        c.raise_for_status()
        t1 = time.perf_counter()
        job = (
            await api.post(
                "/jobs",
                json={
                    "processor_type": "media_processing",
                    "params": {"file_id": p["fileId"], "output_format": "mp3"},
                },
            )
        ).json()
        while job["status"] not in ("completed", "failed"):
            await asyncio.sleep(0.05)
            job = (await api.get(f"/jobs/{job['jobId']}")).json()
        t2 = time.perf_counter()
        async with storage.stream("GET", job["resultFiles"][0]["url"]) as resp:
            resp.raise_for_status()
            with dst.open("wb") as out:
                async for chunk in resp.aiter_bytes():
                    out.write(chunk)
        t3 = time.perf_counter()
    return t1 - t0, t3 - t2


def child_transfer(mode: str, base: str, key: str, src: Path, dst: Path) -> dict[str, Any]:
    _quiet()
    run = _child_facade if mode == "facade" else _child_raw
    warm = src.parent / "warm.wav"
    warm.write_bytes(b"RIFF" + b"\0" * (256 * 1024))
    asyncio.run(run(base, key, warm, dst))  # warm up imports, pools and code paths
    baseline = _rss()
    sampler = _Peak()
    sampler.start()
    up, down = asyncio.run(run(base, key, src, dst))
    peak = sampler.stop()
    size = src.stat().st_size
    ok = dst.stat().st_size == size
    dst.unlink()
    return {
        "upload_s": up,
        "download_s": down,
        "rss_growth_mib": (peak - baseline) / MIB,
        "intact": ok,
    }


def _make_file(path: Path, size: int) -> None:
    """A real (non-sparse) file written in 4 MiB blocks, so reads hit actual data."""
    block = (b"RIFF" + os.urandom(4 * MIB - 4))[: 4 * MIB]
    with path.open("wb") as fh:
        left = size
        while left > 0:
            n = min(left, len(block))
            fh.write(block[:n])
            left -= n


class _ServerProcess:
    """``python -m convilyn.sandbox`` at instant speed in its own process (its own core)."""

    def __enter__(self) -> str:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "convilyn.sandbox",
                "--port",
                "0",
                "--speed",
                "0",
                "--quiet",
                "--no-rate-limits",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _transfers(size_mib: int) -> dict[str, dict[str, Any]]:
    key = "ck_business_bench_transfer"
    with _ServerProcess() as base:
        results: dict[str, dict[str, Any]] = {}
        runs: dict[str, list[dict[str, Any]]] = {}
        with tempfile.TemporaryDirectory(prefix="convilyn-bench-") as tmp:
            src = Path(tmp) / "big.wav"
            _make_file(src, size_mib * MIB)
            for mode in ("raw", "facade", "raw", "facade"):  # alternating, two runs each
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        mode,
                        base,
                        key,
                        str(src),
                        str(Path(tmp) / f"out_{mode}.mp3"),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs.setdefault(mode, []).append(json.loads(out.stdout.strip().splitlines()[-1]))
        # Best time of the two runs (least disturbed by other load), worst RSS growth.
        for mode, rs in runs.items():
            results[mode] = {
                "upload_s": min(r["upload_s"] for r in rs),
                "download_s": min(r["download_s"] for r in rs),
                "rss_growth_mib": max(r["rss_growth_mib"] for r in rs),
                "intact": all(r["intact"] for r in rs),
            }
        return results


# -- report ------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


_TRANSPORT_LABELS = {
    "httpx": "ours (httpx transport)",
    "aiohttp": "ours on `convilyn.aiohttp`",
    "httpcore2": "ours on httpcore2's pool",
}


def _throughput_rows(throughput: dict[int, dict[str, float]], transports: list[str]) -> list[str]:
    head = " | ".join(_TRANSPORT_LABELS[t] for t in transports)
    rows = [
        f"| concurrency | raw aiohttp loop | {head} | best of ours vs raw | target |",
        "| ---: | ---: | " + "---: | " * len(transports) + "---: | --- |",
    ]
    for concurrency, found in throughput.items():
        best = max(found[t] for t in transports)
        met = best >= 0.9 * found["raw"] and (concurrency < 100 or best >= 250)
        cells = " | ".join(f"{found[t]:.1f}" for t in transports)
        rows.append(
            f"| {concurrency} | {found['raw']:.1f} | {cells} | {best / found['raw']:.2f}x | "
            f"{_verdict(met)} |"
        )
    return rows


def _goal_requests(base: str) -> int:
    """Goal-job requests the sandbox has answered so far (its own count)."""
    ops = httpx.get(f"{base}/_sandbox/stats", timeout=10).json()["byOperation"]
    names = ("createGoalJob", "getGoalJob", "getGoalJobStatus", "confirmGoalJob")
    return sum(int(ops.get(name, 0)) for name in names)


def _per_request_lines(
    throughput: dict[int, dict[str, float]], sent: dict[str, float], transports: list[str]
) -> list[str]:
    """The jobs/s gap taken apart: requests per job, and requests per second at concurrency 1."""
    one = throughput[min(throughput)]
    rates = ", ".join(f"{_TRANSPORT_LABELS[t]} {one[t] * sent['ours']:.0f}" for t in transports)
    return [
        f"Requests per job in these runs (the sandbox's count): the raw loop {sent['raw']:.1f}, "
        f"ours {sent['ours']:.1f}. Requests per second at concurrency 1: the raw loop "
        f"{one['raw'] * sent['raw']:.0f}, {rates}.",
        "",
    ]


def _profile_rows(profiles: dict[str, tuple[Shares, Shares]], jobs: int) -> list[str]:
    rows: list[str] = []
    for transport, (packages, functions) in profiles.items():
        rows += [
            f"Where the client's CPU time goes at concurrency 100, {_TRANSPORT_LABELS[transport]} "
            f"({jobs} jobs under cProfile, shares of its total):",
            "",
            "| package | share | | function (self time) | share |",
            "| --- | ---: | --- | --- | ---: |",
            *(
                f"| {p} | {ps:.0%} | | {f} | {fs:.1%} |"
                for (p, ps), (f, fs) in zip(packages[:10], functions[:10], strict=False)
            ),
            "",
        ]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="convilyn benchmarks vs raw httpx")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument(
        "--file-mib", type=int, default=int(os.environ.get("BENCH_FILE_MIB", "1024"))
    )
    parser.add_argument("--poll-jobs", type=int, default=10)
    parser.add_argument("--profile-jobs", type=int, default=200)
    parser.add_argument("--child", nargs=5, metavar=("MODE", "BASE", "KEY", "SRC", "DST"))
    args = parser.parse_args(argv)
    if args.child:
        mode, base, key, src, dst = args.child
        print(json.dumps(child_transfer(mode, base, key, Path(src), Path(dst))))
        return 0

    _quiet()
    from convilyn import __version__
    from convilyn.sandbox import Sandbox

    started = time.perf_counter()
    print("1/5 per-call overhead ...", file=sys.stderr)
    key = Sandbox.new_key("business")
    # The server in its own process: in a thread of this one it would share the interpreter
    # lock with the client, and the client's own cost would count twice.
    with _ServerProcess() as base:
        async_samples, jid = asyncio.run(
            bench_overhead.per_call(base, key, args.calls, args.rounds)
        )
        per_call, per_call_ratio = bench_overhead.versus_raw(async_samples)
        per_call_sync, sync_ratios = bench_overhead.versus_raw(
            bench_overhead.per_call_sync(base, key, jid, args.calls, args.rounds)
        )
    in_process = bench_overhead.measure()
    overhead_shares = bench_overhead.facade_profile()
    print("4/5 throughput ...", file=sys.stderr)
    throughput: dict[int, dict[str, float]] = {}
    sent: dict[str, float] = {}  # goal-job requests per job, the raw loop's and ours
    transports = candidate_transports()
    with _ServerProcess() as base:
        for conc, jobs in ((1, 100), (100, 400)):
            before = _goal_requests(base)
            throughput[conc] = {"raw": asyncio.run(raw_jobs_per_second(base, key, conc, jobs))}
            sent["raw"] = (_goal_requests(base) - before) / (jobs + 1)  # + the warm-up job
            for transport in transports:
                before = _goal_requests(base)
                throughput[conc][transport] = asyncio.run(
                    sdk_jobs_per_second(base, key, conc, jobs, transport=transport)
                )
                sent["ours"] = (_goal_requests(base) - before) / (jobs + 1)
        profiles = {
            transport: where_time_goes(base, key, 100, args.profile_jobs, transport=transport)
            for transport in ("httpx", "aiohttp")
        }
        memory = {transport: transport_memory(base, key, transport) for transport in transports}
    print("2/5 import time ...", file=sys.stderr)
    imports = bench_import.measure(args.import_runs)
    import_breakdown = bench_import.first_call_breakdown()
    print(f"3/5 {args.file_mib} MiB transfers ...", file=sys.stderr)
    transfers = _transfers(args.file_mib)
    print("5/5 requests per job at demo speed ...", file=sys.stderr)
    per_job = requests_per_job(key, args.poll_jobs)

    facade_ratio = per_call_ratio["facade"]
    sync_ratio = sync_ratios["facade"]
    low_ratio = per_call_ratio["lowlevel"]
    size = args.file_mib
    raw_t, fac_t = transfers["raw"], transfers["facade"]
    lines = [
        "# Benchmarks: convilyn vs raw httpx",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}",
        f"- machine: {platform.node() or 'unknown'}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.release()}",
        f"- python {platform.python_version()}, convilyn {__version__}, httpx {httpx.__version__}",
        "- command: `make bench` (`.venv/bin/python benchmarks/bench.py`; "
        f"file size {size} MiB, `BENCH_FILE_MIB` to change)",
        f"- wall time of the whole run: {time.perf_counter() - started:.0f} s",
        "",
        "The sandbox is the server everywhere (loopback, instant speed unless noted); in 1, 3 and",
        "4 it runs in its own process, in 5 in a thread of the same process (its own CPU time is",
        "part of those figures). The machine is shared: figures move by 10-20% between runs, so",
        "compare the ratios of one run, not absolute numbers across runs.",
        "",
        "## 1. Per-call overhead: `goals.retrieve` (GET /api/v1/jobs/goal/{id})",
        "",
        f"{args.rounds} interleaved rounds (order rotated) of {args.calls} sequential calls each; "
        "median per-call time, and the median of each round's ratio to raw httpx in that round.",
        "",
        "| client | per call | vs raw httpx | target |",
        "| --- | ---: | ---: | --- |",
        f"| raw httpx (`AsyncClient.get` + `.json()`) | {per_call['raw'] * 1e3:.3f} ms | 1.00x | |",
        f"| facade `AsyncConvilyn.goals.retrieve` (parsed pydantic model) | {per_call['facade'] * 1e3:.3f} ms | "
        f"{facade_ratio:.2f}x | <= 1.10x: {_verdict(facade_ratio <= 1.10)} |",
        f"| generated low level `get_goal_job.asyncio` (attrs model) | {per_call['lowlevel'] * 1e3:.3f} ms | "
        f"{low_ratio:.2f}x | |",
        f"| facade on `convilyn.aiohttp` | {per_call['aiohttp'] * 1e3:.3f} ms | "
        f"{per_call_ratio['aiohttp']:.2f}x | |",
        f"| raw httpx, sync (`Client.get` + `.json()`) | {per_call_sync['raw'] * 1e3:.3f} ms | 1.00x | |",
        f"| facade `Convilyn.goals.retrieve` (sync) | {per_call_sync['facade'] * 1e3:.3f} ms | "
        f"{sync_ratio:.2f}x | <= 1.10x: {_verdict(sync_ratio <= 1.10)} |",
        "",
        *bench_overhead.section(in_process, overhead_shares),
        *bench_import.section(imports, import_breakdown, args.import_runs),
        f"## 3. {size} MiB upload and download (client process)",
        "",
        "Presigned storage POST (multipart, streamed from disk) and the streamed download of the",
        "converted copy. Each client runs in a fresh process after a small warm-up transfer; RSS",
        "growth = peak resident set during the transfer minus the resident set before it. Two",
        "alternating runs per client: best time, worst RSS growth.",
        "",
        "| client | upload | download | peak RSS growth | intact |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| raw httpx | {size / raw_t['upload_s']:.0f} MiB/s | {size / raw_t['download_s']:.0f} MiB/s | "
        f"{raw_t['rss_growth_mib']:.1f} MiB | {raw_t['intact']} |",
        f"| facade | {size / fac_t['upload_s']:.0f} MiB/s | {size / fac_t['download_s']:.0f} MiB/s | "
        f"{fac_t['rss_growth_mib']:.1f} MiB | {fac_t['intact']} |",
        "",
        f"Facade vs raw throughput: upload {raw_t['upload_s'] / fac_t['upload_s']:.2f}x, download "
        f"{raw_t['download_s'] / fac_t['download_s']:.2f}x (1.00 = as fast). RSS growth target "
        f"< 32 MiB: {_verdict(fac_t['rss_growth_mib'] < 32)}.",
        "",
        "## 4. Goal jobs per second (instant sandbox in its own process)",
        "",
        f"`goals.run(workflow_id={WORKFLOW!r})` on two uploaded files. The reference is a raw",
        "aiohttp loop sending the minimal requests (create; confirm once ready; one read when",
        "completed); target: at least 0.9x of it, and 250 jobs/s at concurrency 100.",
        "",
        *_throughput_rows(throughput, transports),
        "",
        *_per_request_lines(throughput, sent, transports),
        "Peak resident set of a fresh process running 400 jobs at concurrency 100: "
        + ", ".join(f"{_TRANSPORT_LABELS[t]} {mib:.0f} MiB" for t, mib in memory.items())
        + ".",
        "",
        "`httpcore2` is a candidate measured, not shipped: httpx over pydantic's fork of "
        "httpcore (its connection pool no longer scans every connection per request), through "
        "a bare adapter in benchmarks/bench_goals.py.",
        "",
        *_profile_rows(profiles, args.profile_jobs),
        "## 5. Requests per goal job at demo speed (speed 1)",
        "",
        f"{args.poll_jobs} concurrent `goals.run` calls with default polling settings, each client "
        "on a sandbox of its own; the sandbox counts the requests (uploads excluded). Target: at "
        "most 9 per job, completion noticed within 0.1 s of the server's `completedAt`.",
        "",
        "| client | requests per job | of which | noticed completion after (median / max) | "
        "target |",
        "| --- | ---: | --- | ---: | --- |",
        *(
            f"| {who} | {row['total']:.1f} | "
            + ", ".join(
                f"{op} {n:.1f}"
                for op, n in row.items()
                if op not in ("total", "late_median_s", "late_max_s")
            )
            + f" | {row['late_median_s']:.2f} s / {row['late_max_s']:.2f} s | "
            + (
                _verdict(row["total"] <= 9 and row["late_max_s"] <= 0.1)
                if who.startswith("ours")
                else ""
            )
            + " |"
            for who, row in per_job.items()
        ),
        "",
        "## Notes on the targets",
        "",
        "- Per call: without a server the facade's own cost is "
        f"{(in_process['async']['facade'] - in_process['async']['raw']) * 1e6:.0f} us async and "
        f"{(in_process['sync']['facade'] - in_process['sync']['raw']) * 1e6:.0f} us sync per "
        f"call (section 1), {(in_process['async']['facade'] - in_process['async']['raw']) / per_call['raw']:.0%}"
        f" and {(in_process['sync']['facade'] - in_process['sync']['raw']) / per_call_sync['raw']:.0%}"
        " of a call through the sandbox: the typed model (pydantic validation of the whole job), "
        "the time bound on each attempt, the retry and rate-limit bookkeeping. The ratios against "
        "the sandbox move by several percent between runs on this shared machine.",
        "- Jobs per second: the gap to the raw loop is two factors, both measured in section 4: "
        "requests per job (the confirm's answer carries no poll hint, so ours looks once more "
        "after it, see the next note) and the cost of each request through "
        "httpx's models and transport (requests per second at concurrency 1). The profiles put "
        "the client's CPU in the transport (httpcore's connection pool, anyio, h11, httpx's "
        "models), ours a few percent to a tenth; the function table names the hot spots. The "
        "transport decides the figure, so section 4 measures three. "
        "The default stays httpx's own transport, sync and async: `convilyn.aiohttp` "
        "(`convilyn[aiohttp]`, one line to select: `AsyncConvilyn(http_client="
        "convilyn.aiohttp.client())`) is the fastest here but runs on asyncio only, has no "
        "sync counterpart, and adds aiohttp and its "
        "dependencies to the import (section 2); it is httpx-aiohttp's transport with its "
        "failures translated (upstream reports a server that drops the connection after the "
        "request was sent as `httpx.ConnectTimeout`, 'nothing was sent' to a retry policy, so "
        "a create processed and then reset would be sent again: "
        "tests/reliability/test_aiohttp_transport.py). The hostile-server scenarios "
        "(tests/reliability/test_hostile_loopback.py) and the async end-to-end suite "
        "(`make e2e-aiohttp`) run on it as on httpx's. httpcore2's pool is the other lever: "
        "httpx's interface and anyio kept, sync and async; adopting it means porting httpx's "
        "transport (proxies, TLS, error mapping) onto it.",
        f"- Requests per job: at speed 0 ours sends {sent['ours']:.0f} per job where the raw "
        f"loop sends {sent['raw']:.0f} (section 4): only the light status carries "
        "`suggestedPollIntervalMs` (the confirm's answer does not), so the first look after "
        "the confirm is a status and the whole job is read at the stop it names; the raw loop "
        "reads the whole job straight away, as only a client that knows the server is instant "
        "can (a create answered with a job already at a stop is acted on as it is). The live "
        "profile sends no hint at all: there the SDK polls from 1 s, backing "
        "off while nothing changes, and notices completion up to a poll interval late; only a "
        "hint (or the event stream, which the live service does not offer API keys) makes 0.1 s "
        "possible without polling ten times a second.",
        "- Import: the clients load without pydantic's model machinery or any wire model; the "
        "first call loads the models it reads (one module per class, `convilyn.models._generated`"
        "), each building its validator when it first validates. The table under section 2 shows "
        "what a first call adds; constructing a client is mostly httpx's (its SSL context loads "
        "the CA bundle) and httpcore's.",
        "",
    ]
    text = "\n".join(lines)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
