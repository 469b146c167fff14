"""Convert several files concurrently with AsyncConvilyn, then follow a goal job's events.

CONVILYN_API_KEY=ck_... python examples/async_concurrent_jobs.py a.docx b.docx c.png
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from pathlib import Path

from convilyn import AsyncConvilyn, ConvertJob, ConvilynError


async def convert_one(client: AsyncConvilyn, path: Path, target: str, out: Path) -> Path:
    job: ConvertJob = await client.convert.create_and_wait(file=path, target_format=target)
    return await client.convert.download_to(job, to=out, overwrite=True)


async def main(argv: list[str]) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="convilyn-example-"))
    paths = [Path(p) for p in argv[1:]]
    if not paths:
        for name in ("a.docx", "b.docx", "c.md"):
            (workdir / name).write_bytes(f"PK\x03\x04 document {name} ".encode() * 32)
            paths.append(workdir / name)
    try:
        async with AsyncConvilyn.from_env() as client:
            results = await asyncio.gather(
                *(convert_one(client, p, "pdf", workdir) for p in paths), return_exceptions=True
            )
            for path, result in zip(paths, results, strict=True):
                print(f"{path.name}: {result}")
            if any(isinstance(r, BaseException) for r in results):
                return 1

            # A goal job, watched through its event stream (WebSocket, or polling when the
            # server refuses the stream); answers go in while the stream keeps running.
            doc = await client.files.upload(paths[0])
            job = await client.goals.start(
                workflow_id="goal_lane.document_summary", files=[doc], slots={"length": "short"}
            )
            async with contextlib.aclosing(client.goals.events(job.job_spec_id)) as events:
                async for event in events:
                    print(f"  #{event.seq} {event.type}")
                    current = await client.goals.retrieve(job.job_spec_id)
                    if current.needs_input:
                        await client.goals.fill_slots(
                            job.job_spec_id,
                            {
                                s.slot_id: s.suggested_value or "short"
                                for s in current.pending_slots
                            },
                        )
                    elif str(current.status) in {"ready", "ready_with_preview"}:
                        await client.goals.confirm(job.job_spec_id)
            final = await client.goals.retrieve(job.job_spec_id)
            print(f"goal job {final.job_spec_id}: {final.status}")
    except ConvilynError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv)))
