"""Per-call overhead in `make bench`: ``goals.retrieve`` beside the same request made with
raw httpx, against the sandbox (interleaved rounds), and the client's own cost without a
server (both answered in-process by ``httpx.MockTransport``, so neither the network nor the
server's CPU moves the figures), with a profile of the facade's calls by package."""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import statistics
import time
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from bench_goals import WORKFLOW, _package

BASE = "https://api.convilyn.test"
KEY = "ck_test_bench"
JOB = (
    b'{"jobSpecId": "js_1", "status": "ready", "progress": 0, "itemVersion": 3, '
    b'"workflowId": "goal_lane.cover_letter", "fileIds": ["file_1", "file_2"], '
    b'"pendingSlots": [], "filledSlots": {}, "pendingInterrupts": [], '
    b'"createdAt": "2026-12-06T21:49:09Z", "updatedAt": "2026-12-06T21:49:09Z"}'
)
HEADERS = [
    ("content-type", "application/json"),
    ("x-request-id", "req_1"),
    ("x-ratelimit-limit", "60"),
    ("x-ratelimit-remaining", "59"),
    ("x-ratelimit-reset", "1700000000"),
]


async def per_call(
    base: str, key: str, calls: int, rounds: int
) -> tuple[dict[str, list[float]], str]:
    """Per-call times per variant, one per round, and the job the calls read."""
    import convilyn.aiohttp
    from convilyn import AsyncConvilyn
    from convilyn.lowlevel import AuthenticatedClient
    from convilyn.lowlevel.api.goals import get_goal_job

    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    async with (
        AsyncConvilyn(api_key=key, base_url=base) as client,
        convilyn.aiohttp.client() as aiohttp_http,
        AsyncConvilyn(api_key=key, base_url=base, http_client=aiohttp_http) as on_aiohttp,
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

        async def aiohttp_call() -> None:
            await on_aiohttp.goals.retrieve(jid)

        variants = {
            "raw": raw_call,
            "facade": facade_call,
            "lowlevel": low_call,
            "aiohttp": aiohttp_call,
        }
        for fn in variants.values():  # warm up connections and code paths
            for _ in range(20):
                await fn()
        samples: dict[str, list[float]] = {k: [] for k in variants}
        names = list(variants)
        for r in range(rounds):
            # Short rounds, rotated order: load from other processes hits all variants alike.
            for name in names[r % len(names) :] + names[: r % len(names)]:
                fn = variants[name]
                t0 = time.perf_counter()
                for _ in range(calls):
                    await fn()
                samples[name].append((time.perf_counter() - t0) / calls)
    return samples, jid


def per_call_sync(base: str, key: str, jid: str, calls: int, rounds: int) -> dict[str, list[float]]:
    from convilyn import Convilyn

    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    path = f"/api/v1/jobs/goal/{jid}"
    with (
        Convilyn(api_key=key, base_url=base) as client,
        httpx.Client(base_url=base, headers=headers) as raw,
    ):

        def raw_call() -> None:
            r = raw.get(path)
            r.raise_for_status()
            r.json()

        def facade_call() -> None:
            client.goals.retrieve(jid)

        variants = {"raw": raw_call, "facade": facade_call}
        for fn in variants.values():
            for _ in range(20):
                fn()
        samples: dict[str, list[float]] = {k: [] for k in variants}
        for r in range(rounds):
            for name in ["raw", "facade"] if r % 2 else ["facade", "raw"]:
                t0 = time.perf_counter()
                for _ in range(calls):
                    variants[name]()
                samples[name].append((time.perf_counter() - t0) / calls)
    return samples


def versus_raw(samples: dict[str, list[float]]) -> tuple[dict[str, float], dict[str, float]]:
    """Median per-call time of each variant, and its median ratio to raw httpx of the same
    round: rounds run back to back, so a ratio within a round cancels the load drifting
    across the run (the machine is shared)."""
    medians = {k: statistics.median(v) for k, v in samples.items()}
    raw = samples["raw"]
    ratios = {
        k: statistics.median(a / b for a, b in zip(v, raw, strict=True)) for k, v in samples.items()
    }
    return medians, ratios


# -- 2. import time --------------------------------------------------------------------------


# -- without a server ---------------------------------------------------------------------


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers=HEADERS, content=JOB)


def _rounds(calls: dict[str, Callable[[], Any]], rounds: int, per_round: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for r in range(rounds):
        for name in list(calls)[r % 2 :] + list(calls)[: r % 2]:
            t0 = time.perf_counter()
            for _ in range(per_round):
                calls[name]()
            samples[name].append((time.perf_counter() - t0) / per_round)
    return {name: statistics.median(values) for name, values in samples.items()}


def measure(rounds: int = 20, per_round: int = 200) -> dict[str, dict[str, float]]:
    """Median seconds per call, raw and facade, sync and async."""
    from convilyn import AsyncConvilyn, Convilyn

    warnings.simplefilter("ignore")  # the soft-limit warning of a stub's rate-limit headers
    transport = httpx.MockTransport(_answer)
    path = "/api/v1/jobs/goal/js_1"
    auth = {"Authorization": f"Bearer {KEY}"}
    found: dict[str, dict[str, float]] = {}
    with (
        httpx.Client(transport=transport, base_url=BASE, headers=auth) as raw,
        Convilyn(api_key=KEY, base_url=BASE, http_client=httpx.Client(transport=transport)) as c,
    ):
        calls: dict[str, Callable[[], Any]] = {
            "raw": lambda: raw.get(path).json(),
            "facade": lambda: c.goals.retrieve("js_1"),
        }
        _rounds(calls, 2, per_round)  # warm-up
        found["sync"] = _rounds(calls, rounds, per_round)

    async def main() -> dict[str, float]:
        async with (
            httpx.AsyncClient(transport=transport, base_url=BASE, headers=auth) as raw,
            AsyncConvilyn(
                api_key=KEY, base_url=BASE, http_client=httpx.AsyncClient(transport=transport)
            ) as c,
        ):

            async def raw_call() -> None:
                (await raw.get(path)).json()

            variants: dict[str, Callable[[], Awaitable[Any]]] = {
                "raw": raw_call,
                "facade": lambda: c.goals.retrieve("js_1"),
            }
            samples: dict[str, list[float]] = {name: [] for name in variants}
            for r in range(rounds + 2):
                for name in list(variants)[r % 2 :] + list(variants)[: r % 2]:
                    t0 = time.perf_counter()
                    for _ in range(per_round):
                        await variants[name]()
                    if r >= 2:  # the first two rounds warm up
                        samples[name].append((time.perf_counter() - t0) / per_round)
            return {name: statistics.median(values) for name, values in samples.items()}

    found["async"] = asyncio.run(main())
    return found


def facade_profile(calls: int = 5000) -> list[tuple[str, float]]:
    """Self time of the async facade's ``goals.retrieve`` by package, as shares."""
    from convilyn import AsyncConvilyn

    warnings.simplefilter("ignore")
    transport = httpx.MockTransport(_answer)

    async def main() -> pstats.Stats:
        async with AsyncConvilyn(
            api_key=KEY, base_url=BASE, http_client=httpx.AsyncClient(transport=transport)
        ) as c:
            for _ in range(200):
                await c.goals.retrieve("js_1")
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(calls):
                await c.goals.retrieve("js_1")
            profile.disable()
            return pstats.Stats(profile)

    stats: Any = asyncio.run(main())  # its table of raw timings is untyped
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        name = _package(filename)
        totals[name] = totals.get(name, 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    return sorted(((k, v / whole) for k, v in totals.items()), key=lambda kv: -kv[1])


def section(found: dict[str, dict[str, float]], shares: list[tuple[str, float]]) -> list[str]:
    rows = [
        "The client's own cost, without a server (both answered in-process by "
        "`httpx.MockTransport`; medians):",
        "",
        "| | raw httpx | facade | the facade's own cost per call |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, times in found.items():
        raw, facade = times["raw"], times["facade"]
        rows.append(
            f"| {kind} | {raw * 1e6:.0f} us | {facade * 1e6:.0f} us | {(facade - raw) * 1e6:.0f} us |"
        )
    rows += [
        "",
        "Where the async facade's time goes in such a call (self time by package, cProfile):",
        "",
        "| package | share |",
        "| --- | ---: |",
        *(f"| {name} | {share:.0%} |" for name, share in shares[:8]),
        "",
    ]
    return rows
