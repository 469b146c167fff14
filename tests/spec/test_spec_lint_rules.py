"""The lint rules of .redocly.yaml fire on small known-bad documents and stay quiet on a good one.

Runs the pinned Redocly CLI from node_modules (`make lint-spec` installs it and runs this file);
skipped when node_modules is absent.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"

pytestmark = pytest.mark.skipif(
    not REDOCLY.exists(), reason="node_modules missing: `make lint-spec` installs Redocly CLI"
)

ERROR_RESPONSE = {"$ref": "#/components/responses/Error"}


def _op(op_id: str, tag: str, ok: dict[str, Any], **errors: Any) -> dict[str, Any]:
    responses = {"200": ok, "401": ERROR_RESPONSE, "429": ERROR_RESPONSE}
    responses.update(errors)
    return {
        "operationId": op_id,
        "tags": [tag],
        "summary": f"Do {op_id}",
        "description": f"The {op_id} operation.",
        "x-convilyn-replay": "safe",
        "responses": responses,
    }


def _json(ref: str, example: Any) -> dict[str, Any]:
    return {
        "description": "OK.",
        "content": {"application/json": {"schema": {"$ref": ref}, "example": example}},
    }


def good_document() -> dict[str, Any]:
    list_files = _op(
        "listFiles",
        "files",
        _json("#/components/schemas/FileList", {"files": [{"file_id": "f1"}]}),
    )
    get_thing = _op(
        "getThing",
        "things",
        _json("#/components/schemas/Thing", {"thingId": "t1", "sizeBytes": 3}),
        **{"404": ERROR_RESPONSE, "422": ERROR_RESPONSE},
    )
    get_thing["parameters"] = [
        {
            "name": "thingId",
            "in": "path",
            "required": True,
            "description": "The thing.",
            "schema": {"type": "string"},
        },
        {
            "name": "pageSize",
            "in": "query",
            "required": False,
            "description": "Page size.",
            "schema": {"type": "integer"},
        },
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lint fixture",
            "version": "1.0.0",
            "description": "A small document for the lint rule tests.",
            "contact": {"name": "tests", "url": "https://example.org"},
        },
        "servers": [{"url": "https://api.convilyn.test"}],
        "security": [{"bearerAuth": []}],
        "tags": [
            {"name": "files", "description": "Files."},
            {"name": "things", "description": "Things."},
        ],
        "paths": {
            "/api/v1/files": {"get": list_files},
            "/api/v1/things/{thingId}": {"get": get_thing},
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Error": {
                    "description": "An error.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ErrorResponse"},
                            "example": {"code": "NOPE", "message": "No."},
                        }
                    },
                }
            },
            "schemas": {
                "ErrorResponse": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
                "FileList": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}
                    },
                },
                "Row": {
                    "type": "object",
                    "required": ["file_id"],
                    "properties": {"file_id": {"type": "string"}},
                },
                "Thing": {
                    "type": "object",
                    "required": ["thingId"],
                    "properties": {"thingId": {"type": "string"}, "sizeBytes": {"type": "integer"}},
                    "additionalProperties": False,
                },
            },
        },
    }


def lint(tmp_path: Path, doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(ruleId, JSON pointer) of every problem Redocly reports with the repository's config."""
    # The family of the fixture's listFiles is the real config's `listFiles` family.
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
    done = subprocess.run(
        [
            str(REDOCLY),
            "lint",
            str(path),
            "--config",
            str(ROOT / ".redocly.yaml"),
            *("--format", "json", "--max-problems", "500"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    return [
        (problem["ruleId"], problem["location"][0]["pointer"]) for problem in report["problems"]
    ]


def test_the_good_document_passes(tmp_path: Path) -> None:
    problems = lint(tmp_path, good_document())
    # Only the check of the config itself: nine of its snake_case families name operations
    # (createConvertJob, getUsageHistory, the Builder's) this small document does not have.
    assert problems == [("convilyn/property-casing", "#/paths")] * 9


def test_every_house_rule_fires_on_a_bad_document(tmp_path: Path) -> None:
    doc = copy.deepcopy(good_document())
    thing = doc["paths"]["/api/v1/things/{thingId}"]["get"]
    files = doc["paths"]["/api/v1/files"]["get"]
    schemas = doc["components"]["schemas"]
    # Operation metadata: no operationId / summary / description on one, two tags on another.
    doc["paths"]["/api/v1/other"] = {"get": copy.deepcopy(files)}
    other = doc["paths"]["/api/v1/other"]["get"]
    del other["operationId"], other["summary"], other["description"]
    thing["tags"] = ["things", "files"]
    # Casing: snake_case outside a family, camelCase inside one, a snake_case query parameter.
    schemas["Thing"]["properties"]["size_bytes"] = {"type": "integer"}
    schemas["Row"]["properties"]["fileName"] = {"type": "string"}
    thing["parameters"][1]["name"] = "page_size"
    # An example that does not match its schema.
    thing["responses"]["200"]["content"]["application/json"]["example"] = {"sizeBytes": "three"}
    # An inline object schema in a response body and one nested in a component.
    thing["responses"]["200"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "properties": {"thingId": {"type": "string"}},
    }
    schemas["Thing"]["properties"]["owner"] = {
        "type": "object",
        "properties": {"ownerId": {"type": "string"}},
    }
    # Error responses: 404 and 422 missing, a 429 whose body is not ErrorResponse.
    del thing["responses"]["404"], thing["responses"]["422"]
    thing["responses"]["429"] = {
        "description": "Slow down.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
    }

    problems = lint(tmp_path, doc)
    rules = {rule for rule, _ in problems}
    for expected in [
        "operation-operationId",
        "operation-summary",
        "operation-description",
        "operation-singular-tag",
        "no-invalid-media-type-examples",
        "convilyn/property-casing",
        "convilyn/no-inline-object-schemas",
        "convilyn/error-responses-declared",
    ]:
        assert expected in rules, (expected, problems)
    casing = {p for r, p in problems if r == "convilyn/property-casing"}
    assert "#/components/schemas/Thing/properties/size_bytes" in casing
    assert "#/components/schemas/Row/properties/fileName" in casing
    assert "#/paths/~1api~1v1~1things~1{thingId}/get/parameters/1" in casing
    inline = {p for r, p in problems if r == "convilyn/no-inline-object-schemas"}
    assert "#/components/schemas/Thing/properties/owner" in inline
    assert any(p.endswith("/responses/200/content/application~1json/schema") for p in inline)
    errors = [p for r, p in problems if r == "convilyn/error-responses-declared"]
    assert len(errors) >= 3, errors  # 404 missing, 422 missing, 429 body


def test_an_operation_without_tags_is_reported(tmp_path: Path) -> None:
    doc = copy.deepcopy(good_document())
    del doc["paths"]["/api/v1/files"]["get"]["tags"]
    rules = {rule for rule, _ in lint(tmp_path, doc)}
    assert "rule/operation-has-a-tag" in rules


@pytest.mark.parametrize("replay", [None, "maybe"], ids=["missing", "unknown-class"])
def test_an_operation_without_a_replay_class_is_reported(
    tmp_path: Path, replay: str | None
) -> None:
    doc = copy.deepcopy(good_document())
    op = doc["paths"]["/api/v1/files"]["get"]
    if replay is None:
        del op["x-convilyn-replay"]
    else:
        op["x-convilyn-replay"] = replay
    rules = {rule for rule, _ in lint(tmp_path, doc)}
    assert "rule/operation-declares-replay-safety" in rules


def test_the_real_spec_passes() -> None:
    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
    done = subprocess.run(
        [
            str(REDOCLY),
            "lint",
            "openapi/convilyn.yaml",
            "--config",
            ".redocly.yaml",
            "--format",
            "json",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["totals"]["errors"] == 0


def test_a_listed_snake_case_query_parameter_passes_and_only_that_one(tmp_path: Path) -> None:
    """``snakeCaseParameters`` names ``operationId.parameter`` (the grounded contract's
    ``model_binding``); another snake_case parameter of the same operation is still reported."""
    doc = copy.deepcopy(good_document())
    thing = doc["paths"]["/api/v1/things/{thingId}"]["get"]
    thing["operationId"] = "getUserWorkflowGroundedContract"
    thing["parameters"][1]["name"] = "model_binding"
    thing["parameters"].append({**thing["parameters"][1], "name": "page_size"})
    casing = [p for r, p in lint(tmp_path, doc) if r == "convilyn/property-casing"]
    base = "#/paths/~1api~1v1~1things~1{thingId}/get/parameters"
    assert f"{base}/1" not in casing
    assert f"{base}/2" in casing
