"""Classify the changes between two versions of an OpenAPI 3.1 document.

`make spec-diff BASE=<git ref>` runs this against the spec at that ref and fails on a breaking
change that CHANGELOG.md does not acknowledge; `make publish-spec` uses the same classifier to
write the changelog entry of a release.

Each change has a class, a severity and a key. The key (`<class> <where>`) is what a changelog
line quotes to acknowledge a breaking change, e.g. ``- `removed-field ConvertJob.warnings`: ...``.

Breaking (a client generated from the old document, or code written against it, can fail):
  removed-operation, changed-operation-id, removed-parameter, new-required-parameter,
  parameter-became-required, removed-request-body-media-type, request-body-became-required,
  removed-response, removed-field, retyped-field, new-required-request-field,
  field-became-required (request), field-became-optional (response), narrowed-enum,
  removed-union-variant (request), new-union-variant (response)
Compatible:
  new-operation, new-optional-parameter, new-optional-field, new-response-field, new-response,
  widened-enum, relaxed-field (a request accepts more, or a response promises more), ...
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

BREAKING = "breaking"
COMPATIBLE = "compatible"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REQUEST = "request"
RESPONSE = "response"
SCHEMA_REF = re.compile(r"^#/components/schemas/([^/]+)$")

# Classes whose severity does not depend on the direction (request or response).
ALWAYS_BREAKING = {
    "removed-operation",
    "changed-operation-id",
    "removed-parameter",
    "new-required-parameter",
    "parameter-became-required",
    "removed-request-body-media-type",
    "request-body-became-required",
    "removed-response",
    "removed-response-media-type",
    "removed-field",
    "retyped-field",
    "new-required-request-field",
    "narrowed-enum",
}


@dataclasses.dataclass
class Change:
    """One classified change. `where` names the place, `operations` the operations it reaches."""

    kind: str
    severity: str
    where: str
    detail: str
    operations: list[str] = dataclasses.field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind} {self.where}"

    @property
    def breaking(self) -> bool:
        return self.severity == BREAKING

    def describe(self) -> str:
        ops = ""
        if self.operations:
            shown = ", ".join(self.operations[:4])
            more = f" and {len(self.operations) - 4} more" if len(self.operations) > 4 else ""
            ops = f" (in {shown}{more})"
        return f"`{self.key}`: {self.detail}{ops}"


class _Collector:
    """Gathers changes, merging the same key reached from several operations."""

    def __init__(self) -> None:
        self._by_key: dict[str, Change] = {}

    def add(self, kind: str, severity: str, where: str, detail: str, operation: str | None) -> None:
        key = f"{kind} {where}"
        change = self._by_key.get(key)
        if change is None:
            change = self._by_key[key] = Change(kind, severity, where, detail)
        elif severity == BREAKING:
            change.severity = BREAKING
        if operation and operation not in change.operations:
            change.operations.append(operation)

    def attach(self, key: str, operation: str | None) -> None:
        change = self._by_key.get(key)
        if change is not None and operation and operation not in change.operations:
            change.operations.append(operation)

    def changes(self) -> list[Change]:
        order = {BREAKING: 0, COMPATIBLE: 1}
        return sorted(self._by_key.values(), key=lambda c: (order[c.severity], c.kind, c.where))


# ---------------------------------------------------------------------------------------------
# Schema normalisation


def _resolve(doc: Mapping[str, Any], node: Any) -> tuple[Any, str | None]:
    """Follow local $refs; return the target and the name of the last component schema passed."""
    name = None
    for _ in range(32):
        if not isinstance(node, Mapping) or not isinstance(node.get("$ref"), str):
            return node, name
        ref = node["$ref"]
        match = SCHEMA_REF.match(ref)
        if match:
            name = match.group(1).replace("~1", "/").replace("~0", "~")
        target: Any = doc
        if not ref.startswith("#/"):
            return {}, name  # external refs are bundled before comparison
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            target = target.get(token) if isinstance(target, Mapping) else None
        node = target
    return node, name


ALL_TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object", "null"})


@dataclasses.dataclass
class _Shape:
    """The parts of a schema this classifier compares."""

    name: str | None
    types: frozenset[str]  # JSON types accepted; ALL_TYPES when unconstrained
    enum: list[Any] | None
    properties: dict[str, Any]
    required: set[str]
    items: Any
    additional: Any  # a schema for additionalProperties, or None
    variants: list[Any]  # non-null anyOf/oneOf members when there are several
    fmt: str | None


def _types_of(schema: Mapping[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {t for t in declared if isinstance(t, str)}
    else:
        types = set()
    if "const" in schema:
        types |= {_json_type(schema["const"])}
    if "enum" in schema and not types:
        types |= {_json_type(v) for v in schema["enum"]}
    if not types and ("properties" in schema or "additionalProperties" in schema):
        types = {"object"}
    if not types and "items" in schema:
        types = {"array"}
    return types


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _union_shape(doc: Mapping[str, Any], name: str | None, union: list[Any]) -> _Shape:
    """An anyOf / oneOf: one member (plus null) reads as that member, nullable."""
    nullable = False
    members = []
    for member in union:
        resolved, _ = _resolve(doc, member)
        if isinstance(resolved, Mapping) and _types_of(resolved) == {"null"}:
            nullable = True
        else:
            members.append(member)
    if len(members) == 1:
        inner = _shape(doc, members[0])
        inner.name = inner.name or name
        if nullable and inner.types != ALL_TYPES:
            inner.types = inner.types | {"null"}
        return inner
    types: set[str] = set()
    for member in members:
        types |= _shape(doc, member).types
    if nullable:
        types.add("null")
    return _Shape(name, frozenset(types), None, {}, set(), None, None, members, None)


def _shape(doc: Mapping[str, Any], node: Any) -> _Shape:
    schema, name = _resolve(doc, node)
    if not isinstance(schema, Mapping):
        schema = {}
    union = schema.get("anyOf") or schema.get("oneOf")
    if isinstance(union, list) and union:
        return _union_shape(doc, name, union)
    types = _types_of(schema)
    enum = list(schema["enum"]) if isinstance(schema.get("enum"), list) else None
    if "const" in schema:
        enum = [schema["const"]]
    additional = schema.get("additionalProperties")
    return _Shape(
        name=name,
        types=frozenset(types) if types else ALL_TYPES,
        enum=enum,
        properties=dict(schema.get("properties") or {}),
        required=set(schema.get("required") or []),
        items=schema.get("items"),
        additional=additional if isinstance(additional, Mapping) else None,
        variants=[],
        fmt=schema.get("format") if isinstance(schema.get("format"), str) else None,
    )


def _describe_types(types: frozenset[str]) -> str:
    return "any" if types == ALL_TYPES else " | ".join(sorted(types))


def _variant_key(doc: Mapping[str, Any], member: Any) -> str:
    shape = _shape(doc, member)
    return shape.name or _describe_types(shape.types - {"null"})


# ---------------------------------------------------------------------------------------------
# Comparison


class _Differ:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old = old
        self.new = new
        self.out = _Collector()
        # Keys found while walking each (old component, new component, direction).
        self._found_under: dict[tuple[str, str, str], set[str]] = {}
        self._active: list[tuple[str, str, str]] = []

    def add(
        self, kind: str, where: str, detail: str, op: str | None, severity: str | None = None
    ) -> None:
        if severity is None:
            severity = BREAKING if kind in ALWAYS_BREAKING else COMPATIBLE
        self.out.add(kind, severity, where, detail, op)
        for guard in self._active:
            self._found_under[guard].add(f"{kind} {where}")

    # -- schemas ----------------------------------------------------------------------------

    def schema(self, old: Any, new: Any, where: str, direction: str, op: str | None) -> None:
        a = _shape(self.old, old)
        b = _shape(self.new, new)
        if a.name is None or a.name != b.name:
            self._compare(a, b, old, new, where, direction, op)
            return
        # The same component on both sides: report under its name, and walk it once per
        # direction (recursive schemas end here); a later visit only records the operation.
        where = b.name
        guard = (a.name, b.name, direction)
        if guard in self._found_under:
            for key in self._found_under[guard]:
                self.out.attach(key, op)
            return
        self._found_under[guard] = set()
        self._active.append(guard)
        try:
            self._compare(a, b, old, new, where, direction, op)
        finally:
            self._active.pop()

    def _compare(
        self, a: _Shape, b: _Shape, old: Any, new: Any, where: str, direction: str, op: str | None
    ) -> None:
        if not self._compare_types(a, b, where, direction, op):
            return
        self._compare_enums(a.enum, b.enum, where, op)
        if a.variants or b.variants:
            self._compare_variants(a, b, old, new, where, direction, op)
            return
        self._compare_properties(a, b, where, direction, op)
        # Arrays and maps.
        if a.items is not None and b.items is not None:
            self.schema(a.items, b.items, f"{where}[]", direction, op)
        if a.additional is not None and b.additional is not None:
            self.schema(a.additional, b.additional, f"{where}{{}}", direction, op)

    def _compare_types(
        self, a: _Shape, b: _Shape, where: str, direction: str, op: str | None
    ) -> bool:
        """Report type and format changes (null included); false when the rest is moot."""
        if a.types != b.types:
            widened = b.types >= a.types
            narrowed = b.types <= a.types
            ok = (direction == REQUEST and widened) or (direction == RESPONSE and narrowed)
            detail = f"type {_describe_types(a.types)} -> {_describe_types(b.types)}"
            if not ok:
                self.add("retyped-field", where, detail, op)
                return False
            self.add("relaxed-field", where, detail, op)
        if a.fmt != b.fmt and (a.fmt or b.fmt):
            self.add("retyped-field", where, f"format {a.fmt} -> {b.fmt}", op)
        return True

    def _compare_enums(
        self, old_values: list[Any] | None, new_values: list[Any] | None, where: str, op: str | None
    ) -> None:
        if old_values is None and new_values is not None:
            self.add("narrowed-enum", where, f"now limited to {new_values}", op)
        elif old_values is not None and new_values is None:
            self.add("widened-enum", where, "no longer limited to a list of values", op)
        elif old_values is not None and new_values is not None:
            removed = [v for v in old_values if v not in new_values]
            added = [v for v in new_values if v not in old_values]
            if removed:
                self.add("narrowed-enum", where, f"values removed: {removed}", op)
            if added:
                detail = f"values added: {added} (clients must tolerate unknown values)"
                self.add("widened-enum", where, detail, op)

    def _compare_variants(
        self, a: _Shape, b: _Shape, old: Any, new: Any, where: str, direction: str, op: str | None
    ) -> None:
        old_variants = {_variant_key(self.old, m): m for m in (a.variants or [old])}
        new_variants = {_variant_key(self.new, m): m for m in (b.variants or [new])}
        for key in old_variants.keys() - new_variants.keys():
            sev = BREAKING if direction == REQUEST else COMPATIBLE
            self.add("removed-union-variant", f"{where}<{key}>", "variant removed", op, sev)
        for key in new_variants.keys() - old_variants.keys():
            sev = BREAKING if direction == RESPONSE else COMPATIBLE
            self.add("new-union-variant", f"{where}<{key}>", "variant added", op, sev)
        for key in old_variants.keys() & new_variants.keys():
            self.schema(old_variants[key], new_variants[key], where, direction, op)

    def _compare_properties(
        self, a: _Shape, b: _Shape, where: str, direction: str, op: str | None
    ) -> None:
        for prop in a.properties:
            place = f"{where}.{prop}"
            if prop not in b.properties:
                self.add("removed-field", place, "field removed", op)
                continue
            self.schema(a.properties[prop], b.properties[prop], place, direction, op)
            self._compare_required(prop in a.required, prop in b.required, place, direction, op)
        for prop in b.properties.keys() - a.properties.keys():
            place = f"{where}.{prop}"
            if direction == REQUEST and prop in b.required:
                self.add("new-required-request-field", place, "new required request field", op)
            elif direction == REQUEST:
                self.add("new-optional-field", place, "new optional request field", op)
            else:
                self.add("new-response-field", place, "new response field", op)

    def _compare_required(
        self, was: bool, now: bool, place: str, direction: str, op: str | None
    ) -> None:
        if was == now:
            return
        if direction == REQUEST and now:
            self.add("field-became-required", place, "request field now required", op, BREAKING)
        elif direction == REQUEST:
            self.add("relaxed-field", place, "request field now optional", op)
        elif was:
            detail = "response field no longer always sent"
            self.add("field-became-optional", place, detail, op, BREAKING)
        else:
            self.add("relaxed-field", place, "response field now always sent", op)

    # -- operations --------------------------------------------------------------------------

    def run(self) -> list[Change]:
        old_ops = dict(_operations(self.old))
        new_ops = dict(_operations(self.new))
        for ident in old_ops.keys() - new_ops.keys():
            op = old_ops[ident]
            name = op.get("operationId") or ident
            self.add("removed-operation", ident, f"operation {name} removed", name)
        for ident in new_ops.keys() - old_ops.keys():
            op = new_ops[ident]
            name = op.get("operationId") or ident
            self.add("new-operation", ident, f"new operation {name}", name)
        for ident in sorted(old_ops.keys() & new_ops.keys()):
            self.operation(ident, old_ops[ident], new_ops[ident])
        return self.out.changes()

    def operation(self, ident: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        name = new.get("operationId") or ident
        if old.get("operationId") != new.get("operationId"):
            self.add(
                "changed-operation-id",
                ident,
                f"operationId {old.get('operationId')} -> {new.get('operationId')}",
                name,
            )
        self.parameters(name, old, new)
        self.request_body(name, old.get("requestBody"), new.get("requestBody"))
        self.responses(name, old.get("responses") or {}, new.get("responses") or {})

    def parameters(self, name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        def index(doc: Mapping[str, Any], op: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
            out = {}
            for raw in op.get("__parameters__", []):
                param, _ = _resolve(doc, raw)
                if isinstance(param, Mapping) and "name" in param and "in" in param:
                    key = (
                        param["in"],
                        param["name"].lower() if param["in"] == "header" else param["name"],
                    )
                    out[key] = param
            return out

        a, b = index(self.old, old), index(self.new, new)
        for key in a.keys() - b.keys():
            self.add("removed-parameter", f"{name} {key[0]} {key[1]}", "parameter removed", name)
        for key in b.keys() - a.keys():
            where = f"{name} {key[0]} {key[1]}"
            if b[key].get("required"):
                self.add("new-required-parameter", where, "new required parameter", name)
            else:
                self.add("new-optional-parameter", where, "new optional parameter", name)
        for key in a.keys() & b.keys():
            where = f"{name} {key[0]} {key[1]}"
            if b[key].get("required") and not a[key].get("required"):
                self.add("parameter-became-required", where, "parameter now required", name)
            self.schema(a[key].get("schema"), b[key].get("schema"), where, REQUEST, name)

    def request_body(self, name: str, old: Any, new: Any) -> None:
        a, _ = _resolve(self.old, old)
        b, _ = _resolve(self.new, new)
        if not a and not b:
            return
        if not a and b:
            if b.get("required"):
                self.add(
                    "new-required-request-field", f"{name} request body", "new required body", name
                )
            else:
                self.add("new-optional-field", f"{name} request body", "new optional body", name)
            return
        if a and not b:
            self.add(
                "removed-request-body-media-type", f"{name} request body", "body removed", name
            )
            return
        if b.get("required") and not a.get("required"):
            self.add(
                "request-body-became-required", f"{name} request body", "body now required", name
            )
        old_content, new_content = a.get("content") or {}, b.get("content") or {}
        for media in old_content.keys() - new_content.keys():
            self.add(
                "removed-request-body-media-type",
                f"{name} request {media}",
                "media type no longer accepted",
                name,
            )
        for media in old_content.keys() & new_content.keys():
            self.schema(
                old_content[media].get("schema"),
                new_content[media].get("schema"),
                f"{name} request",
                REQUEST,
                name,
            )

    def responses(self, name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        for code in old.keys() - new.keys():
            severity = BREAKING if str(code).startswith("2") else COMPATIBLE
            self.add(
                "removed-response", f"{name} {code}", f"response {code} removed", name, severity
            )
        for code in new.keys() - old.keys():
            self.add("new-response", f"{name} {code}", f"new response {code}", name)
        for code in sorted(old.keys() & new.keys(), key=str):
            a, _ = _resolve(self.old, old[code])
            b, _ = _resolve(self.new, new[code])
            old_content = (a or {}).get("content") or {}
            new_content = (b or {}).get("content") or {}
            for media in old_content.keys() - new_content.keys():
                severity = BREAKING if str(code).startswith("2") else COMPATIBLE
                self.add(
                    "removed-response-media-type",
                    f"{name} {code} {media}",
                    "media type no longer sent",
                    name,
                    severity,
                )
            for media in old_content.keys() & new_content.keys():
                self.schema(
                    old_content[media].get("schema"),
                    new_content[media].get("schema"),
                    f"{name} {code} response",
                    RESPONSE,
                    name,
                )


def _operations(doc: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        shared = list(item.get("parameters") or [])
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, Mapping):
                merged = dict(op)
                merged["__parameters__"] = shared + list(op.get("parameters") or [])
                yield f"{method.upper()} {path}", merged


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every change from `old` to `new`, breaking first."""
    return _Differ(old, new).run()


# ---------------------------------------------------------------------------------------------
# Changelog acknowledgements

UNRELEASED = re.compile(r"^##\s+\[?unreleased\]?", re.IGNORECASE)
SECTION = re.compile(r"^##\s")


def unreleased_section(changelog: str) -> str:
    lines = changelog.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if SECTION.match(line):
            inside = bool(UNRELEASED.match(line))
            continue
        if inside:
            out.append(line)
    return "\n".join(out)


def acknowledged(change: Change, changelog: str, base_changelog: str | None) -> bool:
    """A breaking change is acknowledged by a changelog line quoting its key in backticks, either
    in the Unreleased section or on a line added since the base (a release's own section)."""
    token = f"`{change.key}`"
    if token in unreleased_section(changelog):
        return True
    old_lines = set((base_changelog or "").splitlines())
    return any(token in line and line not in old_lines for line in _entries(changelog).splitlines())


def _entries(changelog: str) -> str:
    """The changelog from its first `## ` section on (the preamble's example acknowledges nothing)."""
    match = re.search(r"^## ", changelog, re.MULTILINE)
    return changelog[match.start() :] if match else ""


# ---------------------------------------------------------------------------------------------
# Git helpers and the command line


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def default_base(cwd: Path) -> str | None:
    """The nearest release tag behind HEAD (a tag on HEAD itself is skipped: that release is what
    is being checked), else HEAD~1; None when there is neither."""
    parent = git("rev-parse", "--verify", "--quiet", "HEAD~1^{commit}", cwd=cwd).stdout.strip()
    head_tags = set(git("tag", "--points-at", "HEAD", cwd=cwd).stdout.split())
    for start in ("HEAD", "HEAD~1") if parent else ("HEAD",):
        described = git("describe", "--tags", "--abbrev=0", start, cwd=cwd)
        tag = described.stdout.strip()
        if described.returncode == 0 and tag and tag not in head_tags:
            return tag
    return "HEAD~1" if parent else None


def file_at(ref: str, path: str, cwd: Path) -> str | None:
    shown = git("show", f"{ref}:{path}", cwd=cwd)
    return shown.stdout if shown.returncode == 0 else None


def load(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise SystemExit("spec-diff: the document is not a mapping")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="", help="git ref to compare with (default: auto)")
    parser.add_argument("--spec", default="openapi/convilyn.yaml")
    parser.add_argument("--changelog", default="CHANGELOG.md")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    args = parser.parse_args(argv)
    root = Path(git("rev-parse", "--show-toplevel", cwd=Path.cwd()).stdout.strip() or ".")
    spec_path = Path(args.spec)

    if git("rev-parse", "--git-dir", cwd=root).returncode != 0:
        print("spec-diff: not a git work tree; nothing to compare with. PASS")
        return 0
    base = args.base or default_base(root)
    if base is None:
        print("spec-diff: only one commit and no release tag; nothing to compare with. PASS")
        return 0
    if git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", cwd=root).returncode != 0:
        print(f"spec-diff: {base} is not a commit here (shallow clone?); nothing to compare. PASS")
        return 0
    rel = spec_path.resolve().relative_to(root.resolve()).as_posix()
    old_text = file_at(base, rel, root)
    if old_text is None:
        print(f"spec-diff: {rel} does not exist at {base}; nothing to compare with. PASS")
        return 0
    changes = diff(load(old_text), load(spec_path.read_text(encoding="utf-8")))

    changelog_path = Path(args.changelog)
    changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.exists() else ""
    changelog_rel = changelog_path.resolve().relative_to(root.resolve()).as_posix()
    base_changelog = file_at(base, changelog_rel, root)

    if args.json:
        print(json.dumps([dataclasses.asdict(c) | {"key": c.key} for c in changes], indent=2))
    print(f"spec-diff: {rel} against {base}: {len(changes)} change(s)")
    missing = []
    for change in changes:
        mark = "BREAKING  " if change.breaking else "compatible"
        status = ""
        if change.breaking:
            ok = acknowledged(change, changelog, base_changelog)
            status = " [acknowledged]" if ok else " [NOT acknowledged]"
            if not ok:
                missing.append(change)
        print(f"  {mark} {change.describe()}{status}")
    if missing:
        print(
            f"\nspec-diff: {len(missing)} breaking change(s) not acknowledged in {changelog_rel}. "
            "If they are intended, add these lines under '## [Unreleased]' (with a word on what "
            "clients should do), then run again:\n"
        )
        for change in missing:
            print(f"- `{change.key}`: {change.detail}.")
        return 1
    print("spec-diff: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
