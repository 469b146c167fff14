"""The control routes (``/_sandbox/*``): only the sandbox's own helpers may reach them.

Any web page the developer opens can send requests to loopback: a cross-site ``text/plain``
POST, or the page's own host name rebound to 127.0.0.1 (DNS rebinding). Neither may reset the
sandbox, inject faults or read its stats.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from convilyn.sandbox import Sandbox

from .conftest import Api


def _port(sb: Sandbox) -> int:
    return int(sb.base_url.rsplit(":", 1)[1])


def _admin(sb: Sandbox, method: str, path: str, **kw: Any) -> httpx.Response:
    return httpx.request(method, sb.base_url + "/_sandbox/" + path, timeout=30, **kw)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",  # DNS rebinding: the page's own name, resolved to 127.0.0.1
        "localhost.evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.1:{other}",  # another port: another server
        "127.0.0.1",  # port 80
        "localhost:{port}@evil.example",
        "[::2]:{port}",
        "",
    ],
)
def test_a_foreign_host_is_refused(api: Api, sb: Sandbox, host: str) -> None:
    api.upload("kept.pdf")
    header = host.format(port=_port(sb), other=_port(sb) + 1)
    calls: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "stats", {}),
        ("POST", "reset", {"json": {}}),
        ("POST", "chaos", {"json": {"fault": "500"}}),
    ]
    for method, path, kw in calls:
        r = _admin(sb, method, path, headers={"Host": header}, **kw)
        assert r.status_code == 403, (method, path, r.text)
        body = r.json()
        assert body["code"] == "HOST_NOT_ALLOWED"
        assert set(body) == {"code", "message", "details"}
    assert len(api.get("/files").json()["files"]) == 1  # not reset
    assert api.get("/files").status_code == 200  # no fault injected


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
def test_loopback_names_with_the_servers_port_are_allowed(sb: Sandbox, host: str) -> None:
    r = _admin(sb, "GET", "stats", headers={"Host": host.format(port=_port(sb))})
    assert r.status_code == 200, r.text
    assert "requests" in r.json()


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("text/plain", b'{"fault": "500"}'),  # what a cross-site fetch or form may send
        ("application/x-www-form-urlencoded", b"fault=500"),
        ("multipart/form-data; boundary=x", b"--x--\r\n"),
        (None, b'{"fault": "500"}'),
    ],
)
def test_admin_posts_must_be_json(
    api: Api, sb: Sandbox, content_type: str | None, data: bytes
) -> None:
    api.upload("kept.pdf")
    headers = {"Content-Type": content_type} if content_type else {}
    for path in ("chaos", "reset"):
        r = _admin(sb, "POST", path, content=data, headers=headers)
        assert r.status_code == 415, (path, r.text)
        assert r.json()["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert sb.stats()["chaos"]["pendingForced"] == []
    assert len(api.get("/files").json()["files"]) == 1


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"fault": "500", "path": 5}, ["body", "path"]),  # used to break every request
        ({"fault": "500", "path": "api"}, ["body", "path"]),
        ({"fault": "500", "method": 7}, ["body", "method"]),
        ({"fault": "500", "method": "GET /"}, ["body", "method"]),
        ({"fault": "500", "times": "3"}, ["body", "times"]),
        ({"fault": "500", "times": True}, ["body", "times"]),
        ({"fault": "500", "times": 1.5}, ["body", "times"]),
        ({"fault": "500", "times": 0}, ["body", "times"]),
        ({"fault": "500", "times": 10**400}, ["body", "times"]),
        ({"fault": "teapot"}, ["body", "fault"]),
        ({"fault": 500}, ["body", "fault"]),
        ({}, ["body", "fault"]),
        ({"fault": "500", "tims": 2}, ["body", "tims"]),
        ([], ["body"]),
        ("500", ["body"]),
    ],
)
def test_chaos_arguments_are_checked(
    api: Api, sb: Sandbox, body: Any, loc: list[str | int]
) -> None:
    r = _admin(sb, "POST", "chaos", json=body)
    assert r.status_code == 422, r.text
    error = r.json()
    assert error["code"] == "VALIDATION_ERROR"
    assert error["errors"][0]["loc"] == loc
    assert sb.stats()["chaos"]["pendingForced"] == []
    assert api.get("/files").status_code == 200


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("chaos", b'{"fault": '),
        ("chaos", b"[" * 5000 + b"]" * 5000),
        ("reset", b'{"everything": true}'),
        ("reset", b"[]"),
    ],
)
def test_admin_bodies_are_checked(api: Api, sb: Sandbox, path: str, data: bytes) -> None:
    api.upload("kept.pdf")
    r = _admin(sb, "POST", path, content=data, headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "VALIDATION_ERROR"
    assert len(api.get("/files").json()["files"]) == 1


def test_the_helpers_still_work(api: Api, sb: Sandbox) -> None:
    sb.inject("503", times=2, path="/api/v1/files", method="get")
    assert [api.get("/files").status_code for _ in range(3)] == [503, 503, 200]
    api.upload("gone.pdf")
    sb.reset()
    assert api.get("/files").json()["files"] == []
    assert sb.stats()["requests"] == 1
    r = _admin(sb, "POST", "chaos", json={"fault": "500", "times": 1, "path": None, "method": None})
    assert r.status_code == 204
