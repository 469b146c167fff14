"""The OpenAPI document the sandbox serves, indexed by operation.

Loaded from the package (``convilyn/openapi.yaml``, copied there by ``make generate``) or, in a
source checkout before generation, from ``openapi/convilyn.yaml``. Local ``$ref``s to
parameters, responses and headers are inlined; schema ``$ref``s are left for the validator.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # path | query | header
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class ResponseSpec:
    status: str
    content: dict[str, dict[str, Any]]  # media type -> schema
    headers: tuple[HeaderSpec, ...]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    tag: str
    secured: bool
    params: tuple[Param, ...]
    body_required: bool
    body_content: dict[str, dict[str, Any]]
    responses: dict[str, ResponseSpec] = field(hash=False)

    @property
    def has_body(self) -> bool:
        return bool(self.body_content)


@dataclass(frozen=True)
class Spec:
    document: dict[str, Any] = field(hash=False)
    text: str
    operations: tuple[Operation, ...]

    def by_id(self) -> dict[str, Operation]:
        return {op.operation_id: op for op in self.operations}


def _spec_text() -> str:
    try:
        resource = importlib.resources.files("convilyn").joinpath("openapi.yaml")
        if resource.is_file():
            return resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "openapi" / "convilyn.yaml"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(
        "convilyn/openapi.yaml is missing from the package (run `make generate`)"
    )


def _resolve(doc: dict[str, Any], node: Any) -> Any:
    while (
        isinstance(node, dict)
        and "$ref" in node
        and not str(node["$ref"]).startswith("#/components/schemas/")
    ):
        target: Any = doc
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that keeps timestamps as strings (the spec is served as JSON too)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@functools.cache
def load_spec() -> Spec:
    text = _spec_text()
    doc: dict[str, Any] = yaml.load(text, Loader=_Loader)
    global_security = bool(doc.get("security"))
    ops: list[Operation] = []
    for path, item in doc.get("paths", {}).items():
        shared = [_resolve(doc, p) for p in item.get("parameters", [])]
        for method in METHODS:
            raw = item.get(method)
            if raw is None:
                continue
            params = {(p["name"], p["in"]): p for p in shared}
            for p in raw.get("parameters", []):
                p = _resolve(doc, p)
                params[(p["name"], p["in"])] = p
            body = _resolve(doc, raw.get("requestBody")) or {}
            responses: dict[str, ResponseSpec] = {}
            for status, resp in raw.get("responses", {}).items():
                resp = _resolve(doc, resp)
                headers = tuple(
                    HeaderSpec(name, bool(h.get("required")), h.get("schema", {}))
                    for name, h in (
                        (n, _resolve(doc, v)) for n, v in resp.get("headers", {}).items()
                    )
                )
                content = {ct: c.get("schema", {}) for ct, c in resp.get("content", {}).items()}
                responses[str(status)] = ResponseSpec(str(status), content, headers)
            security = raw.get("security")
            ops.append(
                Operation(
                    operation_id=raw["operationId"],
                    method=method.upper(),
                    path=path,
                    tag=(raw.get("tags") or ["default"])[0],
                    secured=bool(security) if security is not None else global_security,
                    params=tuple(
                        Param(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
                        for p in params.values()
                    ),
                    body_required=bool(body.get("required")),
                    body_content={
                        ct: c.get("schema", {}) for ct, c in body.get("content", {}).items()
                    },
                    responses=responses,
                )
            )
    return Spec(doc, text, tuple(ops))
