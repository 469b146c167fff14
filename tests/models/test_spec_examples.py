"""Every example in the spec parses into its generated model and dumps back to the same wire JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from convilyn import models

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "convilyn.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
REF = "#/components/schemas/"


def _examples(media: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    if "example" in media:
        yield "example", media["example"]
    for name, example in (media.get("examples") or {}).items():
        if "$ref" in example:
            example = SPEC["components"]["examples"][example["$ref"].rsplit("/", 1)[-1]]
        yield name, example["value"]


def _resolve(obj: dict[str, Any], section: str) -> dict[str, Any]:
    while "$ref" in obj:
        obj = SPEC["components"][section][obj["$ref"].rsplit("/", 1)[-1]]
    return obj


def _cases() -> Iterator[Any]:
    for item in SPEC["paths"].values():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            bodies = []
            if "requestBody" in op:
                bodies.append(("request", _resolve(op["requestBody"], "requestBodies")))
            for status, response in op["responses"].items():
                bodies.append((status, _resolve(response, "responses")))
            for where, body in bodies:
                for media_type, media in (body.get("content") or {}).items():
                    if media_type != "application/json":
                        continue
                    for name, value in _examples(media):
                        case_id = f"{op['operationId']}-{where}-{name}"
                        yield pytest.param(media["schema"], value, id=case_id)


CASES = list(_cases())


def _model_for(schema: dict[str, Any]) -> tuple[type[BaseModel], bool]:
    if schema.get("type") == "array":
        return _model_for(schema["items"])[0], True
    ref = schema["$ref"]
    assert ref.startswith(REF), f"inline schema in spec: {schema}"
    model = getattr(models, ref[len(REF) :])
    assert issubclass(model, BaseModel)
    return model, False


def _dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def test_every_operation_has_an_example() -> None:
    ops = {c.id.split("-")[0] for c in CASES}
    all_ops = {
        op["operationId"]
        for item in SPEC["paths"].values()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }
    # /health and DELETE /files answer without a JSON body worth an example only if declared.
    assert len(ops) >= len(all_ops) - 1, sorted(all_ops - ops)


@pytest.mark.parametrize(("schema", "example"), CASES)
def test_example_round_trips(schema: dict[str, Any], example: Any) -> None:
    model, is_list = _model_for(schema)
    if is_list:
        parsed = [model.model_validate(item) for item in example]
        assert [_dump(p) for p in parsed] == example
    else:
        assert _dump(model.model_validate(example)) == example
