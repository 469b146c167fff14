"""The sandbox is driven by the spec: every operation has a handler, bodies are validated,
responses self-checked, the spec itself is served."""

from __future__ import annotations

from typing import Any

import httpx
import yaml

from convilyn.sandbox import Sandbox
from convilyn.sandbox.app import SandboxApp
from convilyn.sandbox.config import SandboxConfig
from convilyn.sandbox.dispatch import Ctx, Handler, Reply
from convilyn.sandbox.pytest_plugin import SandboxFactory
from convilyn.sandbox.routes import handlers
from convilyn.sandbox.spec import load_spec

from .conftest import Api


def test_every_operation_has_a_handler_and_a_route() -> None:
    spec = load_spec()
    ids = {op.operation_id for op in spec.operations}
    assert len(ids) == len(spec.operations) == 38
    assert ids == set(handlers())
    app = SandboxApp(SandboxConfig(speed=0))
    try:
        assert app.missing_handlers() == []
        paths = {getattr(r, "path", None) for r in app.starlette.routes}
        assert {op.path for op in spec.operations} <= paths
    finally:
        app.close()


def test_every_operation_answers_over_http(api: Api) -> None:
    """No operation falls through to a 404/405/501 of the router: each one is really served."""
    for op in load_spec().operations:
        path = op.path.removeprefix("/api/v1")
        for p in op.params:
            if p.location == "path":
                path = path.replace("{" + p.name + "}", "x_missing")
        r = api.http.request(
            op.method,
            "/api/v1" + path,
            json={} if op.body_content and "application/json" in op.body_content else None,
        )
        data = r.json() if r.content else None
        code = data.get("code") if isinstance(data, dict) else None
        assert code not in ("METHOD_NOT_ALLOWED", "NOT_IMPLEMENTED"), (
            op.operation_id,
            r.status_code,
            r.text,
        )
        assert r.status_code in {int(s) for s in op.responses if s.isdigit()}, (
            op.operation_id,
            r.status_code,
            r.text,
        )


def test_spec_is_served(sb: Sandbox) -> None:
    as_json = httpx.get(sb.base_url + "/openapi.json").json()
    as_yaml = yaml.safe_load(httpx.get(sb.base_url + "/openapi.yaml").text)
    assert as_json["openapi"].startswith("3.1")
    assert as_json["paths"].keys() == as_yaml["paths"].keys()


def test_422_field_errors(api: Api) -> None:
    r = api.post("/jobs/goal", json={"fileIds": "nope", "extra": 1})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "VALIDATION_ERROR"
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "fileIds") in locs
    assert all({"loc", "msg", "type"} <= e.keys() for e in body["errors"])
    missing = api.post("/upload/presign", json={"fileName": "a"})
    assert {tuple(e["loc"]) for e in missing.json()["errors"]} == {
        ("body", "fileSize"),
        ("body", "contentType"),
    }
    not_json = api.post(
        "/jobs/goal", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert not_json.status_code == 422
    empty = api.post("/jobs/goal")
    assert empty.status_code == 422


def test_unknown_routes_and_methods_are_json(sb: Sandbox) -> None:
    r = httpx.get(sb.base_url + "/api/v1/nope")
    assert r.status_code == 404
    assert r.json()["code"] == "NOT_FOUND"
    r = httpx.put(sb.base_url + "/api/v1/workflows/x")
    assert r.status_code == 405
    assert set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "PATCH"}


def test_self_check_turns_drift_into_a_loud_500(
    convilyn_sandbox_factory: SandboxFactory, make_api: Any
) -> None:
    def api_with(**replaced: Handler) -> Api:
        sandbox = convilyn_sandbox_factory(self_check=True, handlers=replaced)
        client: Api = make_api(sandbox=sandbox)
        return client

    async def drifting(ctx: Ctx) -> Reply:
        return Reply(200, {"status": "ok", "surprise": True, "balanceCredits": "lots"})

    api = api_with(getCreditBalance=drifting)
    r = api.get("/credits/balance")
    assert r.status_code == 500
    body: dict[str, Any] = r.json()
    assert body["code"] == "SANDBOX_SPEC_DRIFT"
    assert any("balanceCredits" in d for d in body["details"]["drift"])
    assert api.sandbox.stats()["specDrift"] == 1

    async def undeclared(ctx: Ctx) -> Reply:
        return Reply(418, {"code": "TEAPOT", "message": "no"})

    api = api_with(getCreditBalance=undeclared)
    assert api.get("/credits/balance").json()["details"]["drift"] == [
        "status 418 is not declared for getCreditBalance"
    ]


def test_handler_crash_is_a_json_500(
    convilyn_sandbox_factory: SandboxFactory, make_api: Any
) -> None:
    async def crash(ctx: Ctx) -> Reply:
        raise RuntimeError("boom")

    api: Api = make_api(sandbox=convilyn_sandbox_factory(handlers={"listFiles": crash}))
    r = api.get("/files")
    assert r.status_code == 500
    assert r.json()["code"] == "INTERNAL_ERROR"
    assert r.headers["X-RateLimit-Limit"]
