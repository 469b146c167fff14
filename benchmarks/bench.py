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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import httpx

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = "goal_lane.cover_letter"  # two inputs, no questions: start, confirm, complete


def _quiet() -> None:
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    from convilyn import QuotaSoftLimitWarning

    warnings.simplefilter("ignore", QuotaSoftLimitWarning)


# -- 1. per-call overhead --------------------------------------------------------------------


async def _per_call(base: str, key: str, calls: int, rounds: int) -> dict[str, float]:
    from convilyn import AsyncConvilyn
    from convilyn.lowlevel import AuthenticatedClient
    from convilyn.lowlevel.api.goals import get_goal_job

    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    async with (
        AsyncConvilyn(api_key=key, base_url=base) as client,
        httpx.AsyncClient(base_url=base, headers=headers) as raw,
        AuthenticatedClient(base_url=base, token=key) as low,
    ):
        a = await client.files.upload(b"PK resume" * 10, filename="resume.docx")
        b = await client.files.upload(b"%PDF job" * 10, filename="job.pdf")
        job = await client.goals.start(workflow_id=WORKFLOW, files=[a, b])
        jid = job.job_spec_id
        path = f"/api/v1/jobs/goal/{jid}"

        async def raw_call() -> None:
            r = await raw.get(path)
            r.raise_for_status()
            r.json()

        async def facade_call() -> None:
            await client.goals.retrieve(jid)

        async def low_call() -> None:
            await get_goal_job.asyncio(jid, client=low)

        variants = {"raw": raw_call, "facade": facade_call, "lowlevel": low_call}
        for fn in variants.values():  # warm up connections and code paths
            for _ in range(20):
                await fn()
        samples: dict[str, list[float]] = {k: [] for k in variants}
        names = list(variants)
        for r in range(rounds):
            # Short rounds, rotated order: load from other processes hits all variants alike.
            for name in names[r % 3 :] + names[: r % 3]:
                fn = variants[name]
                t0 = time.perf_counter()
                for _ in range(calls):
                    await fn()
                samples[name].append((time.perf_counter() - t0) / calls)
    return {k: statistics.median(v) for k, v in samples.items()}


# -- 2. import time --------------------------------------------------------------------------


def _import_times(runs: int) -> dict[str, float]:
    stmts = {
        "empty": "pass",
        "httpx+pydantic": "import httpx, pydantic",
        "httpx+BaseModel": "import httpx; from pydantic import BaseModel",
        "convilyn": "import convilyn",
        # ``import convilyn`` is lazy: the client classes load on first use. This is the cost a
        # program actually pays before its first call.
        "convilyn+client": "import convilyn; convilyn.AsyncConvilyn; convilyn.Convilyn",
    }
    out: dict[str, list[float]] = {k: [] for k in stmts}
    for _ in range(runs):
        for name, stmt in stmts.items():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", stmt], check=True)
            out[name].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in out.items()}


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


# -- 4. throughput -----------------------------------------------------------------------------


async def _jobs_per_second(base: str, key: str, concurrency: int, jobs: int) -> float:
    from convilyn import AsyncConvilyn

    limits = httpx.Limits(
        max_connections=max(10, concurrency), max_keepalive_connections=max(10, concurrency)
    )
    async with (
        httpx.AsyncClient(limits=limits, timeout=120) as http,
        AsyncConvilyn(api_key=key, base_url=base, http_client=http) as client,
    ):
        a = await client.files.upload(b"PK resume" * 10, filename="resume.docx")
        b = await client.files.upload(b"%PDF job" * 10, filename="job.pdf")
        gate = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with gate:
                job = await client.goals.run(workflow_id=WORKFLOW, files=[a, b], poll_interval=0.01)
                assert str(job.status) == "completed", job.status

        await one()  # warm-up
        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(jobs)))
        return jobs / (time.perf_counter() - t0)


# -- 5. polls at demo speed ------------------------------------------------------------------


async def _polls(base: str, key: str, jobs: int) -> dict[str, float]:
    from convilyn import AsyncConvilyn

    async with AsyncConvilyn(api_key=key, base_url=base) as client:
        a = await client.files.upload(b"PK resume" * 10, filename="resume.docx")
        b = await client.files.upload(b"%PDF job" * 10, filename="job.pdf")
        lateness: list[float] = []

        async def one() -> None:
            job = await client.goals.run(workflow_id=WORKFLOW, files=[a, b])
            seen = dt.datetime.now(dt.UTC)
            assert job.completed_at is not None
            lateness.append((seen - job.completed_at).total_seconds())

        await asyncio.gather(*(one() for _ in range(jobs)))
    return {"late_median_s": statistics.median(lateness), "late_max_s": max(lateness)}


# -- report ------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


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
    with Sandbox(speed=0, rate_limits=False, api_key=key) as sb:
        per_call = asyncio.run(_per_call(sb.base_url, key, args.calls, args.rounds))
    print("4/5 throughput ...", file=sys.stderr)
    throughput: dict[int, float] = {}
    with _ServerProcess() as base:
        for conc, jobs in ((1, 50), (10, 150), (100, 300)):
            throughput[conc] = asyncio.run(_jobs_per_second(base, key, conc, jobs))
    print("2/5 import time ...", file=sys.stderr)
    imports = _import_times(args.import_runs)
    print(f"3/5 {args.file_mib} MiB transfers ...", file=sys.stderr)
    transfers = _transfers(args.file_mib)
    print("5/5 polls at demo speed ...", file=sys.stderr)
    with Sandbox(speed=1, rate_limits=False, api_key=key) as sb:
        late = asyncio.run(_polls(sb.base_url, key, args.poll_jobs))
        stats = sb.stats()
    ops = stats["byOperation"]
    polls = ops.get("getGoalJobStatus", 0) + ops.get("getGoalJob", 0)
    polls_per_job = polls / args.poll_jobs
    status_polls_per_job = ops.get("getGoalJobStatus", 0) / args.poll_jobs

    facade_ratio = per_call["facade"] / per_call["raw"]
    low_ratio = per_call["lowlevel"] / per_call["raw"]
    imp_gross = imports["convilyn"] / imports["httpx+pydantic"]
    net_c = imports["convilyn"] - imports["empty"]
    net_h = imports["httpx+pydantic"] - imports["empty"]
    imp_net = net_c / net_h if net_h > 0 else float("nan")
    net_cc = imports["convilyn+client"] - imports["empty"]
    imp_full = imports["convilyn+client"] / imports["httpx+pydantic"]
    imp_full_net = net_cc / net_h if net_h > 0 else float("nan")
    imp_vs_basemodel = imports["convilyn+client"] / imports["httpx+BaseModel"]
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
        "The sandbox is the server everywhere (loopback, instant speed unless noted); in 1 and 5 it",
        "runs in a thread of the same process, so its own CPU time is part of those figures; in 3",
        "and 4 it runs in its own process. The machine is shared: figures move by 10-20% between",
        "runs, so compare the ratios of one run, not absolute numbers across runs.",
        "",
        "## 1. Per-call overhead: `goals.retrieve` (GET /api/v1/jobs/goal/{id})",
        "",
        f"{args.rounds} interleaved rounds (order rotated) of {args.calls} sequential calls each; "
        "median per-call time.",
        "",
        "| client | per call | vs raw httpx | target |",
        "| --- | ---: | ---: | --- |",
        f"| raw httpx (`AsyncClient.get` + `.json()`) | {per_call['raw'] * 1e3:.3f} ms | 1.00x | |",
        f"| facade `AsyncConvilyn.goals.retrieve` (parsed pydantic model) | {per_call['facade'] * 1e3:.3f} ms | "
        f"{facade_ratio:.2f}x | <= 1.10x: {_verdict(facade_ratio <= 1.10)} |",
        f"| generated low level `get_goal_job.asyncio` (attrs model) | {per_call['lowlevel'] * 1e3:.3f} ms | "
        f"{low_ratio:.2f}x | |",
        "",
        "## 2. Cold import time",
        "",
        f"Fresh interpreter per run, {args.import_runs} runs each, median wall time of `python -c ...`.",
        "",
        "| statement | median | net of interpreter start |",
        "| --- | ---: | ---: |",
        f"| `pass` | {imports['empty'] * 1e3:.0f} ms | |",
        f"| `import httpx, pydantic` | {imports['httpx+pydantic'] * 1e3:.0f} ms | {net_h * 1e3:.0f} ms |",
        f"| `import httpx; from pydantic import BaseModel` (pydantic's lazy import resolved) | "
        f"{imports['httpx+BaseModel'] * 1e3:.0f} ms | "
        f"{(imports['httpx+BaseModel'] - imports['empty']) * 1e3:.0f} ms |",
        f"| `import convilyn` | {imports['convilyn'] * 1e3:.0f} ms | {net_c * 1e3:.0f} ms |",
        f"| `import convilyn` + first use of `Convilyn` / `AsyncConvilyn` | "
        f"{imports['convilyn+client'] * 1e3:.0f} ms | {net_cc * 1e3:.0f} ms |",
        "",
        f"`import convilyn` vs `import httpx, pydantic`: {imp_gross:.2f}x including interpreter "
        f"start, {imp_net:.2f}x net (target <= 1.3x: {_verdict(imp_gross <= 1.3)}). `import "
        "convilyn` is lazy, so the honest figure is the one with the clients loaded: "
        f"{imp_full:.2f}x gross, {imp_full_net:.2f}x net ({_verdict(imp_full <= 1.3)}).",
        "",
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
        "## 4. Goal jobs per second (AsyncConvilyn, instant sandbox)",
        "",
        "The sandbox runs in its own process here (one core for it, one for the client).",
        "",
        f"`goals.run(workflow_id={WORKFLOW!r})`: create, poll, confirm, poll to completed.",
        "",
        "| concurrency | jobs/s |",
        "| ---: | ---: |",
        *(f"| {c} | {v:.1f} |" for c, v in throughput.items()),
        "",
        "## 5. Polls per completed job at demo speed (speed 1)",
        "",
        f"{args.poll_jobs} concurrent `goals.run` calls with default polling settings.",
        "",
        f"- polls per completed job: {polls_per_job:.1f} (status endpoint {status_polls_per_job:.1f}, "
        "the rest full reads at the stops)",
        f"- the client noticed completion {late['late_median_s']:.2f} s (median) / "
        f"{late['late_max_s']:.2f} s (max) after the server's `completedAt`",
        "",
        "## Notes on the targets",
        "",
        f"- Import: against the literal baseline `import httpx, pydantic` the loaded clients cost "
        f"{imp_full:.2f}x. Most of the gap is pydantic's own lazy import: `import pydantic` does "
        "not load the model machinery, which any use of pydantic needs; against `import httpx; "
        f"from pydantic import BaseModel` the ratio is {imp_vs_basemodel:.2f}x. The rest is the "
        "generated low-level client (attrs) and the SDK's own modules. (In this venv `import "
        "httpx` also loads rich and click through httpx's optional CLI, on both sides.)",
        "- Jobs per second fall as concurrency grows although the server has its own core. "
        "Measured while writing this benchmark: requests per job stay at ~7 at every "
        "concurrency (no extra polling), but the client process goes from ~80% to 100% of a "
        "core and its CPU per request from ~1.1 ms to ~2.1 ms between concurrency 1 and 100. So "
        "at 100 jobs in flight the client is CPU-bound, and the per-request cost grows with the "
        "number of open connections; httpcore's pool bookkeeping (it walks its connection list "
        "on every request) is the likely cause, not yet profiled. Against a real service, where "
        "jobs take seconds, the client is far from this limit.",
        "",
    ]
    text = "\n".join(lines)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
