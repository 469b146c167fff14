"""Run by the contract venv's interpreter (the vendor's ``convilyn`` 4.1): N concurrent
``goals.run`` on already uploaded files against a sandbox, with 4.1's default polling.

    .venv-vendor/bin/python benchmarks/bench_vendor_child.py BASE KEY WORKFLOW N FILE_ID...

Prints one JSON line: ``[[noticed_iso, completed_at_iso], ...]``. Standard library plus the
vendor package only.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys


async def main(base: str, key: str, workflow: str, jobs: int, file_ids: list[str]) -> None:
    from convilyn import AsyncConvilyn

    client = AsyncConvilyn(api_key=key, base_url=base)
    noticed: list[list[str]] = []

    async def one() -> None:
        job = await client.goals.run(workflow_id=workflow, files=file_ids)
        seen = dt.datetime.now(dt.UTC)
        assert job.completed_at is not None, job.status
        done = job.completed_at
        noticed.append([seen.isoformat(), done.isoformat()])

    try:
        await asyncio.gather(*(one() for _ in range(jobs)))
    finally:
        await client.aclose()
    print(json.dumps(noticed))


if __name__ == "__main__":
    base, key, workflow, n, *ids = sys.argv[1:]
    asyncio.run(main(base, key, workflow, int(n), ids))
