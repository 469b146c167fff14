"""``outputSchema`` / ``outputFormat`` goal creates: routed jobs land ``ready``, run on confirm,
and leave a JSON artifact that fits the schema, or a Markdown one; refusals as the live
service's (one file per request, a kind with a Markdown pipeline)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema_rs
import pytest

from convilyn.models import GoalJob
from convilyn.sandbox.understand import instance

from .conftest import Api

SCHEMAS: list[dict[str, Any]] = [
    {"type": "object", "properties": {"total": {"type": "number"}}},
    {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}}},
    {"type": "object", "properties": {"a": {"type": "null"}}, "additionalProperties": False},
    {"type": "array", "items": {"type": "integer", "minimum": 5, "maximum": 5}, "minItems": 3},
    {"type": "string", "minLength": 40, "maxLength": 41},
    {"type": "string", "format": "date-time"},
    {"enum": ["x", "y"]},
    {"const": {"fixed": [1, 2]}},
    {"type": ["null", "boolean"]},
    {"anyOf": [{"type": "integer", "multipleOf": 7, "minimum": 20}, {"type": "string"}]},
    {"allOf": [{"properties": {"a": {"type": "string"}}}, {"required": ["b"]}]},
    {"type": "number", "exclusiveMinimum": 2, "exclusiveMaximum": 3},
    {
        "type": "object",
        "properties": {"tree": {"$ref": "#/definitions/node"}},
        "definitions": {
            "node": {
                "type": "object",
                "required": ["name", "children"],
                "properties": {
                    "name": {"type": "string"},
                    "children": {
                        "type": "array",
                        "maxItems": 0,
                        "items": {"$ref": "#/definitions/node"},
                    },
                },
            }
        },
    },
    {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "minItems": 2},
    {"type": "object", "properties": {"n": {"default": 3, "type": "integer"}}},
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=[json.dumps(s)[:40] for s in SCHEMAS])
def test_the_instance_fits_its_schema(schema: dict[str, Any]) -> None:
    value = instance(schema, root=schema)
    assert jsonschema_rs.validator_for(schema).is_valid(value), value
    assert instance(schema, root=schema) == value  # deterministic


def _artifacts(api: Api, job_id: str) -> list[dict[str, Any]]:
    r = api.get(f"/jobs/goal/{job_id}/artifacts")
    assert r.status_code == 200, r.text
    return list(r.json()["artifacts"])


def _body(api: Api, job_id: str, artifact_id: str) -> bytes:
    info = api.get(f"/jobs/goal/{job_id}/artifacts/{artifact_id}/download").json()
    return httpx.get(info["downloadUrl"]).content  # presigned: no key


def _run(api: Api, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    r = api.post("/jobs/goal", json=body)
    assert r.status_code == 201, r.text
    created = r.json()
    GoalJob.model_validate(created)
    assert api.confirm(created["jobSpecId"]).status_code == 202
    return created, api.job(created["jobSpecId"])


def test_an_output_schema_job_lands_ready_and_its_json_fits(api: Api) -> None:
    schema = {
        "type": "object",
        "required": ["vendor", "lines"],
        "properties": {
            "vendor": {"type": "string"},
            "lines": {"type": "array", "items": {"type": "object", "required": ["qty"]}},
        },
    }
    created, done = _run(
        api, {"fileIds": [api.upload("bill.pdf")], "outputSchema": schema, "instructions": "all"}
    )
    assert (created["status"], created["pendingSlots"]) == ("ready", [])
    assert done["status"] == "completed"
    [art] = _artifacts(api, done["jobSpecId"])
    assert (art["mimeType"], art["isPrimary"]) == ("application/json", True)
    result = json.loads(_body(api, done["jobSpecId"], art["artifactId"]))
    assert jsonschema_rs.validator_for(schema).is_valid(result), result


def test_an_output_format_job_leaves_markdown(api: Api) -> None:
    file_id = api.upload("scan.png", b"\x89PNG\r\n\x1a\n")
    _, done = _run(api, {"fileIds": [file_id], "outputFormat": "markdown"})
    [art] = _artifacts(api, done["jobSpecId"])
    assert art["mimeType"] == "text/markdown"
    text = _body(api, done["jobSpecId"], art["artifactId"]).decode()
    assert text.startswith("# ")
    assert file_id in text


def test_more_than_one_file_is_refused_by_count(api: Api) -> None:
    files = [api.upload("a.pdf"), api.upload("b.pdf"), api.upload("c.pdf")]
    r = api.post("/jobs/goal", json={"fileIds": files, "outputSchema": {"type": "object"}})
    assert r.status_code == 400
    assert "carries 3" in r.json()["message"]


def test_markdown_of_a_kind_without_a_pipeline_is_refused(api: Api) -> None:
    r = api.post(
        "/jobs/goal",
        json={"fileIds": [api.upload("data.zip", b"PK")], "outputFormat": "markdown"},
    )
    assert r.status_code == 400
    assert "file conversion" in r.json()["message"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"workflowId": "goal_lane.document_summary", "outputSchema": {}}, "workflowId"),
        ({"outputSchema": {}, "outputFormat": "markdown"}, "outputFormat"),
        ({"instructions": "x"}, "instructions"),
        ({"outputFormat": "markdown", "instructions": "x"}, "instructions"),
    ],
)
def test_a_shape_and_a_source_together_are_422(api: Api, extra: dict[str, Any], field: str) -> None:
    r = api.post("/jobs/goal", json={"fileIds": [api.upload("a.pdf")], **extra})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", field]


def test_extracts_fixed_workflow_is_in_the_catalog(api: Api) -> None:
    ids = {w["workflowId"] for w in api.get("/workflows/catalog").json()["workflows"]}
    assert "goal_lane.personal_document_actions" in ids


HOSTILE: list[Any] = [
    {"type": "array", "minItems": 10**9, "items": {"type": "array", "minItems": 10**9}},
    {"$ref": "#", "type": "object", "required": ["a"], "properties": {"a": {"$ref": "#"}}},
    {"type": "string", "minLength": 10**9},
    {"type": "number", "minimum": "low", "multipleOf": -3, "maxItems": float("inf")},
    {"properties": [1, 2], "required": "a", "allOf": [3], "enum": "abc", "anyOf": {}},
    {"type": "array", "maxItems": float("nan")},
]


@pytest.mark.parametrize("schema", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_schema_gives_a_bounded_artifact_never_a_crash(schema: Any) -> None:
    from convilyn.sandbox.understand import understand_json

    body = understand_json(schema, "a.pdf")
    assert len(body) < 200_000
    json.loads(body)
