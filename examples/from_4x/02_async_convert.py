"""The async variant of the hello-world, and 4.1's ``files.upload(path=...)``."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from convilyn import AsyncConvilyn


async def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="convilyn-4x-"))
    source = workdir / "sample.docx"
    source.write_bytes(b"PK\x03\x04 sample " * 64)
    async with AsyncConvilyn() as client:
        file = await client.files.upload(path=source)
        job = await client.convert.create_and_wait(file=file, target_format="pdf")
        written = await client.convert.download_to(job, to=workdir / "sample.pdf")
    print(f"OK: job={job.job_id} status={job.status} -> {written}")


if __name__ == "__main__":
    asyncio.run(main())
