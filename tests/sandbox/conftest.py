"""Sandbox tests run over real HTTP against the sandbox in a background thread (instant speed,
responses self-checked against the spec)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

os.environ.setdefault("CONVILYN_SANDBOX_SELF_CHECK", "1")

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from convilyn.sandbox import Sandbox


class Api:
    """A thin httpx wrapper: one API key, JSON helpers, uploads."""

    def __init__(self, sandbox: Sandbox, key: str | None = None) -> None:
        self.sandbox = sandbox
        self.key = key or sandbox.api_key
        self.http = httpx.Client(
            base_url=sandbox.base_url, headers={"Authorization": f"Bearer {self.key}"}, timeout=30
        )

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.get("/api/v1" + path, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> httpx.Response:
        return self.http.post("/api/v1" + path, json=json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> httpx.Response:
        return self.http.patch("/api/v1" + path, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.delete("/api/v1" + path, **kw)

    def upload(self, name: str = "resume.pdf", content: bytes = b"%PDF-1.4 sandbox test\n") -> str:
        r = self.post("/upload", files={"file": (name, content, "application/octet-stream")})
        assert r.status_code == 200, r.text
        return str(r.json()["fileId"])

    def goal(
        self,
        workflow_id: str = "goal_lane.cover_letter",
        files: list[str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        if files is None:
            files = [self.upload("resume.pdf"), self.upload("job.txt")]
        r = self.post("/jobs/goal", json={"workflowId": workflow_id, "fileIds": files, **extra})
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body

    def job(self, job_spec_id: str) -> dict[str, Any]:
        r = self.get(f"/jobs/goal/{job_spec_id}")
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def confirm(self, job_spec_id: str, **body: Any) -> httpx.Response:
        return self.post(f"/jobs/goal/{job_spec_id}/confirm", json=body)


@pytest.fixture
def sb(convilyn_sandbox: Sandbox) -> Sandbox:
    return convilyn_sandbox


@pytest.fixture
def api(sb: Sandbox) -> Iterator[Api]:
    client = Api(sb)
    yield client
    client.close()


@pytest.fixture
def make_api(sb: Sandbox) -> Iterator[Any]:
    made: list[Api] = []

    def make(tier: str = "pro", sandbox: Sandbox | None = None) -> Api:
        target = sandbox or sb
        client = Api(target, target.new_key(tier))
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
