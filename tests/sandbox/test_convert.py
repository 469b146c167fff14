"""Turbo-lane conversion jobs."""

from __future__ import annotations

import time

import httpx

from convilyn.models import ConvertJob
from convilyn.sandbox import Sandbox

from .conftest import Api


def test_conversion_completes_with_downloadable_result(api: Api) -> None:
    f = api.upload("report.docx", b"PK fake docx")
    r = api.post(
        "/jobs",
        json={
            "processor_type": "document_conversion",
            "params": {"source_file_id": f, "source_format": "docx", "target_format": "pdf"},
        },
    )
    assert r.status_code == 202
    job = ConvertJob.model_validate(r.json())
    assert job.status == "completed"
    assert job.result_files is not None
    result = job.result_files[0]
    assert result.filename == "report.pdf"
    body = httpx.get(result.url).content
    assert body.startswith(b"%PDF")
    assert len(body) == result.size
    assert api.get(f"/jobs/{job.job_id}").json()["status"] == "completed"


def test_unsupported_pair_fails_like_the_live_service(api: Api) -> None:
    f = api.upload("photo.png", b"\x89PNG")
    r = api.post(
        "/jobs",
        json={
            "processor_type": "image_conversion",
            "params": {"file_id": f, "output_format": "mp3"},
        },
    )
    assert r.status_code == 202
    job = r.json()
    assert job["status"] == "failed"
    assert job["error"]["code"] == "UNSUPPORTED_CONVERSION"
    assert job["resultFiles"] is None


def test_missing_params_and_files(api: Api) -> None:
    f = api.upload("a.mp3", b"ID3")
    r = api.post(
        "/jobs",
        json={
            "processor_type": "document_conversion",
            "params": {"file_id": f, "output_format": "wav"},
        },
    )
    assert r.status_code == 422
    r = api.post(
        "/jobs",
        json={
            "processor_type": "media_processing",
            "params": {"file_id": "file_nope", "output_format": "wav"},
        },
    )
    assert r.status_code == 404
    assert api.get("/jobs/cj_nope").status_code == 404


def test_progress_moves_through_statuses(convilyn_sandbox_factory, make_api) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(speed=3)
    api = make_api("pro", sandbox)
    f = api.upload("talk.wav", b"RIFF")
    job = api.post(
        "/jobs",
        json={
            "processor_type": "media_processing",
            "params": {"file_id": f, "output_format": "mp3"},
        },
    ).json()
    statuses, progress = [job["status"]], [job["progress"]]
    deadline = time.monotonic() + 10
    while statuses[-1] != "completed" and time.monotonic() < deadline:
        time.sleep(0.02)
        cur = api.get(f"/jobs/{job['jobId']}").json()
        progress.append(cur["progress"])
        if cur["status"] != statuses[-1]:
            statuses.append(cur["status"])
    assert statuses == ["queued", "processing", "completed"]
    assert progress == sorted(progress)
    assert len(set(progress)) > 3
