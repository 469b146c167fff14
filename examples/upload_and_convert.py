"""Upload a document, convert it to PDF, and download the result.

    CONVILYN_API_KEY=ck_... python examples/upload_and_convert.py report.docx [out_dir]

CONVILYN_BASE_URL points it at another host (the local sandbox: `convilyn sandbox`). Without a
file argument a small sample document is created.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from convilyn import Convilyn, ConvilynError


def main(argv: list[str]) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="convilyn-example-"))
    source = Path(argv[1]) if len(argv) > 1 else workdir / "sample.docx"
    if len(argv) <= 1:
        source.write_bytes(b"PK\x03\x04 a sample document " * 64)
    out_dir = Path(argv[2]) if len(argv) > 2 else workdir

    try:
        with Convilyn.from_env() as client:
            uploaded = client.files.upload(
                source, on_progress=lambda done, total: print(f"uploaded {done}/{total} bytes")
            )
            print(f"file {uploaded.file_id} ({uploaded.size} bytes)")
            job = client.convert.create_and_wait(
                file=uploaded,
                target_format="pdf",
                on_progress=lambda j: print(f"  {j.status} {j.progress}%"),
            )
            path = client.convert.download_to(job, to=out_dir, overwrite=True)
            print(f"converted: {path}")
    except ConvilynError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
