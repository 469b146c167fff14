"""Request and response validation against the spec, with validators compiled once.

Every schema the sandbox checks (parameters, request bodies, response bodies) is gathered into
one JSON Schema document next to the spec's ``components`` and compiled by jsonschema_rs in a
single pass at startup; a request then costs microseconds, not milliseconds.

Request problems become 422 ``VALIDATION_ERROR`` with FastAPI-style field errors
(``loc = ["body", "fileIds", 0]``). In self-check mode every response is validated too (status
declared, body valid, required headers present) and drift becomes a loud 500.

Responses are checked closed: an object schema that does not say ``additionalProperties`` is
read as ``false`` here. The spec leaves response objects open so that clients tolerate what the
live service adds; the sandbox, which we write, must still send only what the spec declares
(``tolerated`` names the fields a profile adds on purpose).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from .errors import ApiError, field_error, validation_failed
from .spec import Operation, Spec


def _key(*parts: str) -> str:
    return "|".join(parts)


@dataclass
class Problem:
    loc: list[str | int]
    msg: str
    type: str


def closed(node: Any, tolerated: frozenset[str]) -> Any:
    """A copy of a schema tree in which every object schema with ``properties`` and no
    ``additionalProperties`` refuses other fields, except the ``tolerated`` ones."""
    if isinstance(node, list):
        return [closed(item, tolerated) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: closed(v, tolerated) for k, v in node.items()}
    props = out.get("properties")
    if isinstance(props, dict) and "additionalProperties" not in out:
        out["properties"] = {**props, **{name: {} for name in tolerated if name not in props}}
        out["additionalProperties"] = False
    return out


class Validators:
    def __init__(self, spec: Spec, *, tolerated: Iterable[str] = ()) -> None:
        self.spec = spec
        defs: dict[str, Any] = {}
        resp_defs: dict[str, Any] = {}
        for op in spec.operations:
            for p in op.params:
                defs[_key("param", op.operation_id, p.location, p.name)] = p.schema
            for ct, schema in op.body_content.items():
                defs[_key("body", op.operation_id, ct)] = schema
            for status, resp in op.responses.items():
                for ct, schema in resp.content.items():
                    resp_defs[_key("resp", op.operation_id, status, ct)] = schema
                for h in resp.headers:
                    defs[_key("header", op.operation_id, status, h.name)] = h.schema
        components = spec.document.get("components", {})
        keep = frozenset(tolerated)
        self._validators = {
            **_compile(defs, components),
            **_compile(closed(resp_defs, keep), closed(copy.deepcopy(components), keep)),
        }

    def _errors(self, key: str, instance: Any, prefix: list[str | int]) -> list[Problem]:
        validator = self._validators.get(key)
        if validator is None:
            return []
        out = []
        for err in validator.iter_errors(instance):
            loc: list[str | int] = [*prefix, *err.instance_path]
            kind = type(err.kind).__name__.lower()
            prop = getattr(err.kind, "property", None)
            if kind == "required" and isinstance(prop, str):
                loc.append(prop)
            out.append(Problem(loc, err.message, kind))
        return out

    # requests --------------------------------------------------------------------------------
    def check_params(
        self,
        op: Operation,
        path: dict[str, str],
        query: dict[str, list[str]],
        headers: dict[str, str],
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Coerce and validate parameters; returns ``({name: value}, {name: value})`` for the
        path and the query (headers are only validated)."""
        problems: list[Problem] = []
        values: dict[str, dict[str, Any]] = {"path": {}, "query": {}}
        for p in op.params:
            raw: Any
            if p.location == "path":
                raw = path.get(p.name)
            elif p.location == "query":
                got = query.get(p.name)
                raw = None if not got else (got if p.schema.get("type") == "array" else got[-1])
            elif p.location == "header":
                raw = headers.get(p.name.lower())
            else:
                continue
            if raw is None:
                if p.required:
                    problems.append(
                        Problem([p.location, p.name], f"{p.name} is required", "missing")
                    )
                continue
            value = _coerce(raw, p.schema, self.spec.document)
            problems += self._errors(
                _key("param", op.operation_id, p.location, p.name), value, [p.location, p.name]
            )
            if p.location in values:
                values[p.location][p.name] = value
        if problems:
            raise validation_failed([field_error(x.loc, x.msg, x.type) for x in problems])
        return values["path"], values["query"]

    def check_json_body(self, op: Operation, raw: bytes, content_type: str) -> Any:
        """Parse and validate a JSON request body; ``None`` when absent and optional."""
        if not op.body_content:
            return None
        media = content_type.split(";")[0].strip().lower()
        if not raw.strip():
            if op.body_required:
                raise validation_failed(
                    [field_error(["body"], "A request body is required", "missing")]
                )
            return None
        if "application/json" not in op.body_content:
            return None
        if media and media != "application/json" and not media.endswith("+json"):
            raise validation_failed(
                [
                    field_error(
                        ["body"],
                        f"Unsupported content type {media!r}; send application/json",
                        "content_type",
                    )
                ]
            )
        try:
            body = json.loads(raw)
        except RecursionError as exc:  # nested past the interpreter's recursion limit
            raise _too_deep() from exc
        except ValueError as exc:
            raise validation_failed(
                [field_error(["body"], f"Body is not valid JSON: {exc}", "json_invalid")]
            ) from exc
        try:
            problems = self._errors(
                _key("body", op.operation_id, "application/json"), body, ["body"]
            )
        except ValueError as exc:  # jsonschema_rs: "Recursion limit reached", a few hundred deep
            raise _too_deep() from exc
        if problems:
            raise validation_failed([field_error(x.loc, x.msg, x.type) for x in problems])
        return body

    # responses -------------------------------------------------------------------------------
    def check_response(
        self,
        op: Operation,
        status: int,
        body: Any,
        content_type: str | None,
        headers: dict[str, str],
    ) -> list[str]:
        """Every way this response drifts from the spec (empty when it conforms)."""
        resp = (
            op.responses.get(str(status))
            or op.responses.get(f"{str(status)[0]}XX")
            or op.responses.get("default")
        )
        if resp is None:
            return [f"status {status} is not declared for {op.operation_id}"]
        drift: list[str] = []
        lower = {k.lower(): v for k, v in headers.items()}
        for h in resp.headers:
            value = lower.get(h.name.lower())
            if value is None:
                if h.required:
                    drift.append(f"required header {h.name} missing")
                continue
            coerced = _coerce(value, h.schema, self.spec.document)
            for x in self._errors(
                _key("header", op.operation_id, resp.status, h.name), coerced, []
            ):
                drift.append(f"header {h.name}: {x.msg}")
        if not resp.content:
            if body is not None:
                drift.append(f"status {status} declares no body")
            return drift
        media = (content_type or "").split(";")[0].strip()
        if media not in resp.content:
            return [*drift, f"content type {media!r} not declared for {status}"]
        for x in self._errors(
            _key("resp", op.operation_id, resp.status, media), body, ["response"]
        ):
            drift.append(f"{'/'.join(map(str, x.loc))}: {x.msg}")
        return drift


def _compile(defs: dict[str, Any], components: Any) -> dict[str, Any]:
    names = {key: f"s{i}" for i, key in enumerate(defs)}  # pointer-safe names
    root = {"$defs": {names[k]: schema for k, schema in defs.items()}, "components": components}
    compiled = jsonschema_rs.validator_map_for(root, validate_formats=True)
    return {k: compiled[f"#/$defs/{names[k]}"] for k in defs}


def _coerce(raw: Any, schema: dict[str, Any], doc: dict[str, Any]) -> Any:
    """Turn a string parameter into the type its schema declares (left alone if it won't go)."""
    if "$ref" in schema:
        target: Any = doc
        for part in str(schema["$ref"]).removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        schema = target if isinstance(target, dict) else {}
    if isinstance(raw, list):
        item_schema = schema.get("items", {})
        return [_coerce(x, item_schema, doc) for x in raw]
    kind = schema.get("type")
    types = kind if isinstance(kind, list) else [kind]
    if not isinstance(raw, str):
        return raw
    if "integer" in types:
        try:
            return int(raw)
        except ValueError:
            return raw
    if "number" in types:
        try:
            return float(raw)
        except ValueError:
            return raw
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    return raw


def _too_deep() -> ApiError:
    return validation_failed([field_error(["body"], "Body is nested too deep", "too_deep")])


def drift_error(op: Operation, status: int, drift: list[str]) -> ApiError:
    return ApiError(
        500,
        "SANDBOX_SPEC_DRIFT",
        f"The sandbox's {status} response to {op.operation_id} does not match the spec: "
        + "; ".join(drift[:5]),
        {"operationId": op.operation_id, "status": status, "drift": drift},
    )
