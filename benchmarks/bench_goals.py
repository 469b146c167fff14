"""Goal jobs in `make bench`: throughput against references, and requests per job at demo speed.

Throughput (instant sandbox in its own process): ``AsyncConvilyn.goals.run`` with its default
transport, the same with httpx-aiohttp's transport injected, and the reference, a raw aiohttp
loop that sends the minimal requests (create; confirm once ready; one read when completed).

Requests per job (speed 1, sandbox in this process): ours and the vendor's 4.1 client (run by the
contract venv's interpreter, ``bench_vendor_child.py``), each on a sandbox of its own, counted by
the sandbox; and how long after the server's ``completedAt`` each client noticed completion.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = "goal_lane.cover_letter"  # two inputs, no questions: start, confirm, complete
VENDOR_PYTHON = ROOT / ".venv-vendor" / "bin" / "python"
INPUTS = ((b"PK resume" * 10, "resume.docx"), (b"%PDF job" * 10, "job.pdf"))


async def _upload_inputs(base: str, key: str) -> list[str]:
    from convilyn import AsyncConvilyn

    async with AsyncConvilyn(api_key=key, base_url=base) as client:
        return [(await client.files.upload(c, filename=n)).file_id for c, n in INPUTS]


async def _timed(one: Callable[[], Awaitable[None]], concurrency: int, jobs: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def gated() -> None:
        async with gate:
            await one()

    await one()  # warm-up
    t0 = time.perf_counter()
    await asyncio.gather(*(gated() for _ in range(jobs)))
    return jobs / (time.perf_counter() - t0)


class _Httpcore2Transport(httpx.AsyncBaseTransport):
    """A candidate measured, not shipped: httpx over pydantic's httpcore2 connection pool (the
    fork whose pool no longer scans every connection per request). No proxies, no error
    mapping: enough to measure throughput, not to use."""

    def __init__(self, limits: httpx.Limits) -> None:
        import httpcore2

        self._core = httpcore2
        self._pool = httpcore2.AsyncConnectionPool(
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        sent = self._core.Request(
            method=request.method,
            url=self._core.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        answer = await self._pool.handle_async_request(sent)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Httpcore2Body(answer.stream),
            extensions=answer.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


class _Httpcore2Body(httpx.AsyncByteStream):
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for part in self._stream:
            yield part

    async def aclose(self) -> None:
        await self._stream.aclose()


def candidate_transports() -> list[str]:
    """The transports section 4 measures: the SDK's own, convilyn.aiohttp, and httpcore2's
    pool where it is installed (the mcp extra brings it)."""
    found = ["httpx", "aiohttp"]
    if importlib.util.find_spec("httpcore2") is not None:
        found.append("httpcore2")
    return found


async def sdk_jobs_per_second(
    base: str, key: str, concurrency: int, jobs: int, *, transport: str = "httpx"
) -> float:
    """``transport``: "httpx" (the SDK's own client), "aiohttp" (``convilyn.aiohttp``) or
    "httpcore2" (the measured candidate)."""
    from convilyn import AsyncConvilyn

    file_ids = await _upload_inputs(base, key)
    limits = httpx.Limits(
        max_connections=max(10, concurrency), max_keepalive_connections=max(10, concurrency)
    )
    http: httpx.AsyncClient
    if transport == "aiohttp":
        import convilyn.aiohttp

        http = convilyn.aiohttp.client(limits=limits, timeout=120)
    elif transport == "httpcore2":
        http = httpx.AsyncClient(transport=_Httpcore2Transport(limits), timeout=120)
    else:
        http = httpx.AsyncClient(limits=limits, timeout=120)
    async with http, AsyncConvilyn(api_key=key, base_url=base, http_client=http) as client:

        async def one() -> None:
            # The instant sandbox hints 0 ms between polls; 0.01 s keeps the SDK from
            # sleeping its 0.1 s floor, as the raw loop does not sleep at all.
            job = await client.goals.run(workflow_id=WORKFLOW, files=file_ids, poll_interval=0.01)
            assert str(job.status) == "completed", job.status

        return await _timed(one, concurrency, jobs)


async def raw_jobs_per_second(base: str, key: str, concurrency: int, jobs: int) -> float:
    """The reference: aiohttp, the minimal requests, no parsing beyond ``json()``."""
    import aiohttp

    file_ids = await _upload_inputs(base, key)
    api = base + "/api/v1/jobs/goal"
    headers = {"Authorization": f"Bearer {key}"}
    connector = aiohttp.TCPConnector(limit=max(10, concurrency))
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def read(job_id: str) -> dict[str, Any]:
            async with session.get(f"{api}/{job_id}") as r:
                body: dict[str, Any] = await r.json()
                return body

        async def one() -> None:
            async with session.post(api, json={"workflowId": WORKFLOW, "fileIds": file_ids}) as r:
                job = await r.json()
            while job["status"] not in ("ready", "completed"):
                job = await read(job["jobSpecId"])
            if job["status"] == "ready":
                async with session.post(f"{api}/{job['jobSpecId']}/confirm", json={}) as r:
                    await r.json()
                job = await read(job["jobSpecId"])
                while job["status"] != "completed":
                    job = await read(job["jobSpecId"])

        return await _timed(one, concurrency, jobs)


def transport_memory(base: str, key: str, transport: str, jobs: int = 400) -> float:
    """Peak resident set (MiB) of a fresh process running ``jobs`` goal runs at concurrency
    100 on ``transport``: the client, its pool and ``jobs`` results."""
    code = (
        "import asyncio, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from bench_goals import sdk_jobs_per_second\n"
        f"asyncio.run(sdk_jobs_per_second({base!r}, {key!r}, 100, {jobs}, "
        f"transport={transport!r}))\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a large
        # process would report its parent's peak.
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # VmHWM is in kB


# -- requests per job at demo speed -------------------------------------------------------------


def _lateness(completed_at: list[tuple[str, str]]) -> list[float]:
    """Seconds from each job's ``completedAt`` to when its client noticed, (noticed, completed)."""
    return [
        (dt.datetime.fromisoformat(seen) - dt.datetime.fromisoformat(done)).total_seconds()
        for seen, done in completed_at
    ]


async def _ours_at_demo_speed(base: str, key: str, file_ids: list[str], jobs: int) -> list[float]:
    from convilyn import AsyncConvilyn

    noticed: list[tuple[str, str]] = []
    async with AsyncConvilyn(api_key=key, base_url=base) as client:

        async def one() -> None:
            job = await client.goals.run(workflow_id=WORKFLOW, files=file_ids)
            seen = dt.datetime.now(dt.UTC)
            assert job.completed_at is not None
            noticed.append((seen.isoformat(), job.completed_at.isoformat()))

        await asyncio.gather(*(one() for _ in range(jobs)))
    return _lateness(noticed)


def _vendor_at_demo_speed(base: str, key: str, file_ids: list[str], jobs: int) -> list[float]:
    out = subprocess.run(
        [
            str(VENDOR_PYTHON),
            str(ROOT / "benchmarks" / "bench_vendor_child.py"),
            base,
            key,
            WORKFLOW,
            str(jobs),
            *file_ids,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return _lateness([tuple(p) for p in json.loads(out.stdout.strip().splitlines()[-1])])


def requests_per_job(key: str, jobs: int) -> dict[str, dict[str, float]]:
    """Per client (ours, and 4.1 when the contract venv exists): requests per job by operation
    (uploads excluded), and the completion lag (median, max)."""
    from convilyn.sandbox import Sandbox

    clients = {"ours": ("ours", "default")}
    if VENDOR_PYTHON.exists():
        clients["vendor 4.1"] = ("vendor", "default")
    # The live profile imitates the live service: no suggestedPollIntervalMs, no light status.
    clients["ours, live profile"] = ("ours", "live")
    if VENDOR_PYTHON.exists():
        clients["vendor 4.1, live profile"] = ("vendor", "live")
    results: dict[str, dict[str, float]] = {}
    for label, (who, profile) in clients.items():
        with Sandbox(speed=1, rate_limits=False, api_key=key, profile=profile) as sb:
            file_ids = asyncio.run(_upload_inputs(sb.base_url, key))
            before = dict(sb.stats()["byOperation"])
            if who == "ours":
                late = asyncio.run(_ours_at_demo_speed(sb.base_url, key, file_ids, jobs))
            else:
                late = _vendor_at_demo_speed(sb.base_url, key, file_ids, jobs)
            after = sb.stats()["byOperation"]
        ops = {op: (n - before.get(op, 0)) / jobs for op, n in after.items()}
        row = {op: n for op, n in ops.items() if n}
        row["total"] = sum(row.values())
        row["late_median_s"] = statistics.median(late)
        row["late_max_s"] = max(late)
        results[label] = row
    return results


def _package(filename: str) -> str:
    """Where a profiled function lives: a site-packages distribution, convilyn, or the stdlib."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if "convilyn" in parts:
        return "convilyn (ours)"
    if filename.startswith("~") or filename.startswith("<"):
        return "interpreter built-ins"
    return "stdlib " + Path(filename).stem if "asyncio" not in parts else "stdlib asyncio"


Shares = list[tuple[str, float]]


def where_time_goes(
    base: str, key: str, concurrency: int, jobs: int, *, transport: str = "httpx"
) -> tuple[Shares, Shares]:
    """A cProfile of the client over ``jobs`` goal runs: its own CPU time by package and by
    function (self time), largest first, as shares of the total (the instant sandbox runs in
    another process)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    asyncio.run(sdk_jobs_per_second(base, key, concurrency, jobs, transport=transport))
    profile.disable()
    totals: dict[str, float] = {}
    functions: dict[str, float] = {}
    stats: Any = pstats.Stats(profile)  # its table of raw timings is untyped
    for (filename, line, function), (_, _, tottime, _, _) in stats.stats.items():
        name = _package(filename)
        if "select.epoll" in function:
            name = "waiting for the server (epoll)"
        elif "_socket.socket" in function:
            name = "socket calls"
        totals[name] = totals.get(name, 0.0) + tottime
        if "epoll" not in name:
            where = f"{Path(filename).name}:{line}" if line else "built-in"
            functions[f"{name}: `{function}` ({where})"] = tottime
    whole = sum(totals.values()) or 1.0

    def largest(table: dict[str, float]) -> Shares:
        return sorted(((k, v / whole) for k, v in table.items()), key=lambda kv: -kv[1])

    return largest(totals), largest(functions)
