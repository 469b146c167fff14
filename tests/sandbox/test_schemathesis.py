"""Schemathesis 4.x over every operation of the spec, against the running sandbox.

Checks: no server errors, status codes declared, bodies/headers/content types as specified.
Bounded in examples (and by a time budget) to stay well under two minutes. Auth comes from a
``schemathesis.toml``, as a user of the sandbox would configure it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from convilyn.sandbox import Sandbox

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "response_schema_conformance",
        "content_type_conformance",
        "response_headers_conformance",
    ]
)
MAX_EXAMPLES = os.environ.get("CONVILYN_SCHEMATHESIS_EXAMPLES", "25")


def _schemathesis() -> list[str]:
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
        "schemathesis"
    )
    if exe is None:
        pytest.skip("schemathesis is not installed")
    return [exe]


def _seed_objects(sb: Sandbox) -> dict[str, str]:
    """Real ids for the path parameters, so the run reaches past 404s into the handlers."""
    with httpx.Client(
        base_url=sb.base_url + "/api/v1", headers={"Authorization": f"Bearer {sb.api_key}"}
    ) as api:
        files = [
            api.post("/upload", files={"file": (n, b"%PDF sandbox")}).json()["fileId"]
            for n in ("cv.pdf", "jd.pdf")
        ]
        job = api.post(
            "/jobs/goal", json={"workflowId": "goal_lane.cover_letter", "fileIds": files}
        ).json()
        api.post(f"/jobs/goal/{job['jobSpecId']}/confirm", json={})
        artifact = api.get(f"/jobs/goal/{job['jobSpecId']}/artifacts").json()["artifacts"][0][
            "artifactId"
        ]
        conv = api.post(
            "/jobs",
            json={
                "processor_type": "document_conversion",
                "params": {
                    "source_file_id": files[0],
                    "source_format": "pdf",
                    "target_format": "docx",
                },
            },
        ).json()
        fork = api.post("/workflows/fork", json={"sourceSpecId": "goal_lane.cover_letter"}).json()
        chat = api.post("/chat/sessions", json={"mode": "builder"}).json()
    return {
        "path.jobSpecId": job["jobSpecId"],
        "path.artifactId": artifact,
        "path.jobId": conv["jobId"],
        "path.workflowId": fork["workflowId"],
        "path.fileId": files[1],
        "path.chatId": chat["chat_id"],
    }


def test_schemathesis_finds_no_failures(tmp_path: Path) -> None:
    cmd = _schemathesis()
    key = Sandbox.new_key("business")
    with Sandbox(speed=0, self_check=True, rate_limits=False, api_key=key, seed=1) as sb:
        pinned = _seed_objects(sb)
        config = tmp_path / "schemathesis.toml"
        config.write_text(
            'headers = { Authorization = "Bearer ${CONVILYN_SANDBOX_KEY}" }\n\n[parameters]\n'
            + "".join(f'"{k}" = "{v}"\n' for k, v in pinned.items())
        )
        proc = subprocess.run(
            [
                *cmd,
                "--config-file",
                str(config),
                "--no-color",
                "run",
                f"{sb.base_url}/openapi.json",
                "--url",
                sb.base_url,
                "--checks",
                CHECKS,
                "--max-examples",
                MAX_EXAMPLES,
                "--generation-database",
                "none",
                "--seed",
                "20261123",
                # One worker: CPython 3.11.7's ast module is not thread-safe (gh-106905), and
                # hypothesis parses lambdas' source while schemathesis's threads generate cases.
                "--workers",
                "1",
            ],
            cwd=tmp_path,
            env={**os.environ, "CONVILYN_SANDBOX_KEY": key},
            capture_output=True,
            text=True,
            timeout=170,
        )
        stats = sb.stats()
    summary = proc.stdout[-4000:]
    assert proc.returncode == 0, summary + proc.stderr[-2000:]
    assert "Tested: 38" in proc.stdout, summary
    assert " failed" not in proc.stdout.split("SUMMARY")[-1], summary
    assert stats["specDrift"] == 0
    assert stats["byStatus"].get("500", 0) == 0
    assert len(stats["byOperation"]) == 38  # every operation was exercised
