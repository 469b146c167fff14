"""The 4.1 quickstart's five-line hello-world, then ``content=`` and ``to_dir=``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from convilyn import Convilyn

workdir = Path(tempfile.mkdtemp(prefix="convilyn-4x-"))
report = workdir / "report.docx"
report.write_bytes(b"PK\x03\x04 a small report " * 64)

client = Convilyn()  # reads CONVILYN_API_KEY from env
file = client.files.upload(report)
job = client.convert.create_and_wait(file=file, target_format="pdf")
written = client.convert.download_to(job, to=workdir / "report.pdf")
print(f"OK: job={job.job_id} status={job.status} -> {written}")

# Re-running over the previous result says so.
client.convert.download_to(job, to=workdir / "report.pdf", overwrite=True)

# Raw bytes need a filename; to_dir= keeps the platform's name for the result.
note = client.files.upload(content=b"PK\x03\x04 notes " * 32, filename="notes.docx")
job = client.convert.create_and_wait(file=note, target_format="pdf")
print("to_dir:", client.convert.download_to(job, to_dir=workdir / "out"))
client.close()
