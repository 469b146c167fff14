"""The API key never appears in a repr, a str, a log record (any logger, any level), a warning,
an exception message or a traceback."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest

from convilyn import (
    AsyncConvilyn,
    AuthenticationError,
    Convilyn,
    ConvilynError,
    ExponentialBackoffRetry,
    NotFoundError,
    VersionConflictError,
)
from convilyn._config import ClientConfig

ROOT = Path(__file__).resolve().parents[2]
FAST = ExponentialBackoffRetry(initial_delay=0.001, max_delay=0.01)


def _everything_about(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    parts += [repr(a) for a in exc.args]
    parts += [f"{k}={v!r}" for k, v in vars(exc).items()]
    return "\n".join(parts)


def test_reprs_and_strs_hide_the_key() -> None:
    key = "ck_live_reprsecret0123456789"
    sync = Convilyn(api_key=key, base_url="https://api.example.com")
    aclient = AsyncConvilyn(api_key=key, base_url="https://api.example.com")
    try:
        objs: list[Any] = [
            sync,
            aclient,
            sync.with_options(timeout=5),
            aclient.with_options(max_retries=1),
            sync._pipeline.config,
            ClientConfig.resolve(
                api_key=key, base_url=None, ws_url=None, timeout=None, default_headers=None
            ),
        ]
        for obj in objs:
            assert key not in repr(obj)
            assert key not in str(obj)
            assert key not in f"{obj!r:>10}"
    finally:
        sync.close()
        asyncio.run(aclient.aclose())


def test_a_full_run_emits_no_key(
    convilyn_sandbox: Any,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Uploads, a goal job with slots and a checkpoint, a download, retried faults and several
    errors, with every logger at DEBUG: nothing emitted or raised contains the key."""
    caplog.set_level(logging.DEBUG)
    for name in ("convilyn", "httpx", "httpcore", "httpx_ws"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    key = convilyn_sandbox.api_key
    bad_key = "ck_wrong-key-0123456789"  # not a key the sandbox accepts
    errors: list[BaseException] = []

    async def run() -> None:
        async with AsyncConvilyn(
            api_key=key, base_url=convilyn_sandbox.base_url, retry_policy=FAST
        ) as client:
            convilyn_sandbox.inject("503", times=2)
            convilyn_sandbox.inject("reset_after", times=1, path="/api/v1/upload/confirm")
            upload = await client.files.upload(b"PK resume " * 10, filename="resume.docx")
            job = await client.goals.run(
                workflow_id="goal_lane.resume_tailor",
                files=[upload],
                slots={"target_role": "x", "tone": "bold", "confirmed_titles": "y"},
                on_preview=lambda job: True,
                poll_interval=0.01,
            )
            await client.goals.download_to(job.job_spec_id, to=tmp_path)
            for op in (
                client.goals.retrieve("js_missing"),
                client.goals.fill_slots(job.job_spec_id, {"tone": "x"}, expected_version=1),
                client.goals.download_to(job.job_spec_id, to=tmp_path),  # exists: refused
            ):
                try:
                    await op
                except ConvilynError as exc:
                    errors.append(exc)
        async with AsyncConvilyn(api_key=bad_key, base_url=convilyn_sandbox.base_url) as bad:
            try:
                await bad.files.list()
            except ConvilynError as exc:
                errors.append(exc)

    os.environ["CONVILYN_LOG"] = "debug"  # the SDK's own stderr handler, if set up now
    try:
        asyncio.run(run())
    finally:
        os.environ.pop("CONVILYN_LOG", None)
    kinds = {type(e) for e in errors}
    assert NotFoundError in kinds
    assert AuthenticationError in kinds
    assert any(isinstance(e, VersionConflictError | ConvilynError) for e in errors)
    emitted = [logging.Formatter().format(r) for r in caplog.records]
    assert any("retrying" in line for line in emitted), "the retries were logged"
    out, err = capfd.readouterr()
    haystack = "\n".join([*emitted, out, err, *(_everything_about(e) for e in errors)])
    for secret in (key, bad_key):
        assert secret not in haystack


def test_grep_the_whole_e2e_suite_output_for_keys(tmp_path: Path) -> None:
    """Run the facade's end-to-end suite in a subprocess with every logger at DEBUG, recording
    all it emits (logs with tracebacks, warnings, captured stdout/stderr, failure reports), then
    grep all of it for every key any client registered."""
    env = dict(os.environ)
    env["LEAK_CAPTURE_DIR"] = str(tmp_path)
    env["CONVILYN_LOG"] = "debug"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).parent), env.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "leak_capture_plugin",
            "-o",
            "log_level=DEBUG",
            "-rA",
            str(ROOT / "tests" / "e2e"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    secrets = json.loads((tmp_path / "secrets.json").read_text())
    emitted = (tmp_path / "emitted.txt").read_text(encoding="utf-8")
    assert len(secrets) >= 2, secrets  # several clients and keys took part
    assert emitted.count("convilyn DEBUG") > 50  # the record really holds the SDK's debug log
    everything = emitted + proc.stdout + proc.stderr
    leaked = [s for s in secrets if s in everything]
    assert leaked == []
