"""Inputs built to break a parser get the 4xx they deserve, never a 500 (a crashed handler)."""

from __future__ import annotations

import base64

import pytest

from .conftest import Api


def _json(api: Api, path: str, text: str) -> tuple[int, dict[str, object]]:
    r = api.post(path, content=text.encode(), headers={"Content-Type": "application/json"})
    return r.status_code, r.json()


@pytest.mark.parametrize("depth", [500, 1000, 100_000])
def test_a_body_nested_too_deep_is_a_422(api: Api, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    status, body = _json(api, "/workflows/cost-preview", f'{{"toolNames": ["a"], "x": {nested}}}')
    assert status == 422, body
    assert body["code"] == "VALIDATION_ERROR"


@pytest.mark.parametrize("digits", [30, 401])
def test_max_iterations_too_large_to_price_is_a_422(api: Api, digits: int) -> None:
    text = f'{{"toolNames": ["a"], "maxIterations": {"9" * digits}}}'
    status, body = _json(api, "/workflows/cost-preview", text)
    assert status == 422, body
    assert body["errors"][0]["loc"] == ["body", "maxIterations"]  # type: ignore[index]


@pytest.mark.parametrize("offset", ["1e400", "-1e400", "NaN", "[" * 5000 + "]" * 5000])
def test_a_forged_community_cursor_is_a_422(api: Api, offset: str) -> None:
    raw = f'{{"o":{offset},"s":"recent","t":null}}'.encode()
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    r = api.get("/workflows/community", params={"cursor": cursor})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "INVALID_CURSOR"
