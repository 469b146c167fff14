"""Does a large upload and download keep the sandbox's memory flat?

Starts ``python -m convilyn.sandbox`` in its own process, uploads a file of ``--size-mib`` MiB
through the presigned storage POST and again through the one-step ``POST /api/v1/upload``,
runs a media conversion (the sandbox copies the bytes through), streams the result back, and
samples the server's resident set size (``/proc/<pid>/status``) all along.

    python benchmarks/sandbox_memory.py --size-mib 200          # human-readable
    python benchmarks/sandbox_memory.py --size-mib 200 --json   # for tests

Linux only (reads /proc). Exit status 1 when the RSS grew by more than ``--limit-mib``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

MIB = 1024 * 1024
KEY = "ck_business_memorybench"


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            self.samples += 1
            time.sleep(0.01)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def make_file(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    block = os.urandom(MIB)
    with path.open("wb") as fh:
        left = size
        while left > 0:
            chunk = block[: min(MIB, left)]
            fh.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def download_sha256(url: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    n = 0
    with httpx.stream("GET", url, timeout=120) as r:
        r.raise_for_status()
        for chunk in r.iter_bytes(256 * 1024):
            digest.update(chunk)
            n += len(chunk)
    return digest.hexdigest(), n


def run(size_mib: int) -> dict[str, Any]:
    server = subprocess.Popen(
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
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        api = httpx.Client(
            base_url=base + "/api/v1", headers={"Authorization": f"Bearer {KEY}"}, timeout=120
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "talk.wav"
            size = size_mib * MIB
            want = make_file(path, size)
            # warm up every code path with a small file first, then take the baseline
            small = Path(tmp) / "warm.wav"
            small.write_bytes(b"RIFF" * 1024)
            _transfer(api, small, small.stat().st_size)
            baseline = rss_bytes(server.pid)
            sampler = Sampler(server.pid)
            sampler.start()
            start = time.perf_counter()
            got_presigned, got_onestep, n = _transfer(api, path, size)
            elapsed = time.perf_counter() - start
            peak = sampler.stop()
        return {
            "sizeMiB": size_mib,
            "baselineMiB": round(baseline / MIB, 1),
            "peakMiB": round(peak / MIB, 1),
            "growthMiB": round((peak - baseline) / MIB, 1),
            "seconds": round(elapsed, 2),
            "throughputMiBps": round(4 * size_mib / elapsed, 1),  # two uploads, two downloads
            "samples": sampler.samples,
            "intact": got_presigned == want and got_onestep == want and n == size,
        }
    finally:
        server.terminate()
        server.wait(10)


def _transfer(api: httpx.Client, path: Path, size: int) -> tuple[str, str, int]:
    p = api.post(
        "/upload/presign",
        json={"fileName": path.name, "fileSize": size, "contentType": "audio/wav"},
    ).json()
    with path.open("rb") as fh:
        r = httpx.post(
            p["uploadUrl"],
            data=p["fields"],
            files={"file": (path.name, fh, "audio/wav")},
            timeout=120,
        )
    r.raise_for_status()
    confirmed = api.post(
        "/upload/confirm",
        json={
            "fileId": p["fileId"],
            "fileName": path.name,
            "fileSize": size,
            "contentType": "audio/wav",
            "s3Key": p["s3Key"],
        },
    )
    confirmed.raise_for_status()
    with path.open("rb") as fh:
        one = api.post("/upload", files={"file": (path.name, fh, "audio/wav")})
    one.raise_for_status()
    results = []
    for file_id in (p["fileId"], one.json()["fileId"]):
        job = api.post(
            "/jobs",
            json={
                "processor_type": "media_processing",
                "params": {"file_id": file_id, "output_format": "mp3"},
            },
        ).json()
        assert job["status"] == "completed", job
        results.append(job["resultFiles"][0]["url"])
    a, n = download_sha256(results[0])
    b, _ = download_sha256(results[1])
    return a, b, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mib", type=int, default=200)
    parser.add_argument("--limit-mib", type=float, default=50.0, help="allowed RSS growth")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.size_mib)
    result["limitMiB"] = args.limit_mib
    result["flat"] = result["growthMiB"] <= args.limit_mib
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.size_mib} MiB up (presigned, one-step) and down (twice): server RSS {result['baselineMiB']} -> "
            f"peak {result['peakMiB']} MiB (+{result['growthMiB']} MiB, limit {args.limit_mib}); "
            f"{result['seconds']} s, {result['throughputMiBps']} MiB/s; data intact: {result['intact']}"
        )
    return 0 if result["flat"] and result["intact"] else 1


if __name__ == "__main__":
    sys.exit(main())
