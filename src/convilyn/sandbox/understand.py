"""Structured understanding (``outputSchema``) and Markdown extraction (``outputFormat``) on the
goal create: the routing, the refusals and the artifacts. Pure: no I/O.

A create with ``outputSchema`` or ``outputFormat`` names no workflow source; it runs a
single-step job that lands ``ready`` (so it runs on confirm, as the live service's does) and
whose primary artifact is JSON that fits the schema (a deterministic instance of it, built
here), or Markdown. As the live service, one file per request (400 naming the count); Markdown
for a document, image, audio or video file (400 for another kind).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .catalog import MIB, OutputDef, StepDef, WorkflowDef

__all__ = [
    "MARKDOWN_WORKFLOW",
    "UNDERSTAND_WORKFLOW",
    "instance",
    "markdown_refusal",
    "routed_workflow",
    "understand_json",
]

UNDERSTAND_WORKFLOW = WorkflowDef(
    workflow_id="goal_lane.structured_understanding",
    name="Structured understanding",
    description="Extract one file into the caller's JSON Schema, grounded against it.",
    category="understanding",
    icon="braces",
    input_types=("document", "image"),
    input_formats=(),
    max_input_size_bytes=100 * MIB,
    min_file_count=1,
    steps=(
        StepDef("reading", "document_parser", 0.4, "Read the document."),
        StepDef("grounding", "llm_writer", 0.6, "Filled the schema and grounded every value."),
    ),
    outputs=(OutputDef("result.json", "application/json", "json", "The grounded result.", True),),
    credits=3,
    listed=False,
)

MARKDOWN_WORKFLOW = WorkflowDef(
    workflow_id="goal_lane.markdown_extraction",
    name="Markdown extraction",
    description="Extract one document, image, audio or video file into Markdown.",
    category="understanding",
    icon="markdown",
    input_types=("document", "image", "audio", "video"),
    input_formats=(),
    max_input_size_bytes=500 * MIB,
    min_file_count=1,
    steps=(
        StepDef("extracting", "document_parser", 0.4, "Extracted the content."),
        StepDef("writing", "llm_writer", 0.4, "Wrote it down as Markdown."),
    ),
    outputs=(OutputDef("content.md", "text/markdown", "markdown", "The extracted content.", True),),
    credits=2,
    listed=False,
)

_MARKDOWN_KINDS = {
    "document": {"pdf", "doc", "docx", "odt", "rtf", "txt", "md", "html", "htm", "pptx", "epub"},
    "image": {"png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp", "heic"},
    "audio": {"mp3", "wav", "m4a", "flac", "ogg", "aac"},
    "video": {"mp4", "mov", "mkv", "webm", "avi"},
}


def routed_workflow(body: dict[str, Any]) -> WorkflowDef | None:
    """The workflow an ``outputSchema`` / ``outputFormat`` create runs (None: neither)."""
    if body.get("outputSchema") is not None:
        return UNDERSTAND_WORKFLOW
    if body.get("outputFormat") is not None:
        return MARKDOWN_WORKFLOW
    return None


def too_many_files(count: int) -> str | None:
    if count <= 1:
        return None
    return (
        "Structured understanding currently accepts one file per request, and this request "
        f"carries {count}. Send each file as its own request."
    )


def markdown_refusal(file_name: str, extension: str) -> str | None:
    """Why a Markdown extraction of ``file_name`` is refused (None: a kind it serves)."""
    if any(extension in exts for exts in _MARKDOWN_KINDS.values()):
        return None
    return (
        f"No Markdown pipeline serves {file_name} (.{extension or '?'}): Markdown output is "
        "served for document, image, audio and video files. For a deterministic "
        "document-to-Markdown render, use file conversion."
    )


def understand_json(schema: dict[str, Any] | None, file_name: str) -> bytes:
    """The JSON artifact of a structured-understanding run: an instance of ``schema``."""
    try:
        value = instance(schema or {}, root=schema or {}, name=file_name)
    except (TypeError, ValueError, AttributeError, RecursionError, OverflowError):
        value = {}  # a schema too odd to instantiate: still an artifact, never a crash
    return json.dumps(value, indent=2).encode()


# --- a deterministic instance of a JSON Schema ---------------------------------------------

_FORMATS = {
    "date": "2026-01-01",
    "date-time": "2026-01-01T00:00:00Z",
    "time": "00:00:00Z",
    "email": "sandbox@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
}
_MAX_DEPTH = 12
_MAX_ITEMS = 10  # and 1 below _WIDE_DEPTH: a hostile minItems cannot explode the artifact
_WIDE_DEPTH = 3
_MAX_STRING = 1000


def _n(value: Any) -> float | None:
    """A numeric keyword's value, or None when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def instance(schema: Any, *, root: Any, name: str = "value", depth: int = 0) -> Any:
    """A value that validates against ``schema`` (local ``$ref``s resolved against ``root``):
    ``const`` / ``enum`` / ``default`` first, else one built from the type and its bounds."""
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return None if depth > _MAX_DEPTH else "sandbox"
    schema = _deref(schema, root)
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return instance(schema[key][0], root=root, name=name, depth=depth + 1)
    if isinstance(schema.get("allOf"), list) and schema["allOf"]:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged = _merge(merged, _deref(part, root) if isinstance(part, dict) else {})
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        return instance(_merge(merged, rest), root=root, name=name, depth=depth + 1)
    kind = _type_of(schema)
    build = _BUILDERS.get(kind, _string)
    return build(schema, root, name, depth)


def _deref(schema: dict[str, Any], root: Any) -> dict[str, Any]:
    seen = 0
    while isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#") and seen < 20:
        target: Any = root
        for part in schema["$ref"].lstrip("#").strip("/").split("/"):
            if part and isinstance(target, dict):
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {})
        schema = target if isinstance(target, dict) else {}
        seen += 1
    return schema


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = {**a, **b}
    if "properties" in a or "properties" in b:
        out["properties"] = {**a.get("properties", {}), **b.get("properties", {})}
    if "required" in a or "required" in b:
        out["required"] = sorted({*a.get("required", []), *b.get("required", [])})
    return out


def _type_of(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    return "string"


def _object(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    required = schema.get("required")
    required = required if isinstance(required, list) else []
    names = list(props) + [str(r) for r in required if r not in props]
    return {
        key: instance(props.get(key, {"type": "string"}), root=root, name=key, depth=depth + 1)
        for key in names
    }


def _array(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    prefix = list(schema.get("prefixItems") or [])
    items = schema.get("items", {})
    if isinstance(items, list):  # draft 4-7 tuple form
        prefix, items = items, schema.get("additionalItems", {})
    count = max(1, int(_n(schema.get("minItems")) or 1), len(prefix))
    count = min(count, _MAX_ITEMS if depth < _WIDE_DEPTH else max(1, len(prefix)))
    if _n(schema.get("maxItems")) is not None:
        count = min(count, int(schema["maxItems"]))
    out = []
    for i in range(count):
        item = prefix[i] if i < len(prefix) else items
        out.append(
            instance(item if item is not False else {}, root=root, name=name, depth=depth + 1)
        )
    return out


def _number(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    integer = _type_of(schema) == "integer"
    value: float = 1 if integer else 1.5
    low, high = _n(schema.get("minimum")), _n(schema.get("maximum"))
    exclusive_low, exclusive_high = (
        _n(schema.get("exclusiveMinimum")),
        _n(schema.get("exclusiveMaximum")),
    )
    if exclusive_low is not None:
        low = exclusive_low + (1 if integer else 0.5)
    if exclusive_high is not None:
        high = exclusive_high - (1 if integer else 0.5)
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    step = _n(schema.get("multipleOf"))
    if step and step > 0:
        value = step * max(1, round(value / step))
    return int(value) if integer else value


def _string(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    text = _FORMATS.get(str(schema.get("format", "")), f"sandbox {name}")
    low = min(int(_n(schema.get("minLength")) or 0), _MAX_STRING)
    high = _n(schema.get("maxLength"))
    if len(text) < low:
        text += "x" * (low - len(text))
    if high is not None:
        text = text[: max(0, int(high))]
    return text


def _boolean(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    return True


def _null(schema: dict[str, Any], root: Any, name: str, depth: int) -> Any:
    return None


_BUILDERS: dict[str, Callable[[dict[str, Any], Any, str, int], Any]] = {
    "object": _object,
    "array": _array,
    "integer": _number,
    "number": _number,
    "string": _string,
    "boolean": _boolean,
    "null": _null,
}
