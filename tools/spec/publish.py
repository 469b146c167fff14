"""Publish the OpenAPI document: `make publish-spec`.

Writes dist/openapi/convilyn.yaml and dist/openapi/convilyn.json (bundled by Redocly CLI, with
`info.version` set to the package version of src/convilyn/_version.py), checks both with
openapi-spec-validator, and writes the release's entry in CHANGELOG.md: what changed in the API
since the previous release tag, classified by tools/spec/specdiff.py ("initial release" when
there is no tag yet). Running it again for the same version rewrites that entry, nothing more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import specdiff

VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)
SECTION_RE = re.compile(r"^## \[(?P<name>[^\]]+)\](?P<rest>.*)$", re.MULTILINE)
UNRELEASED_HEADING = "## [Unreleased]"


def package_version(root: Path) -> str:
    text = (root / "src" / "convilyn" / "_version.py").read_text(encoding="utf-8")
    match = VERSION_RE.search(text)
    if not match:
        raise SystemExit("publish-spec: no __version__ in src/convilyn/_version.py")
    return match.group(1)


def bundle(root: Path, spec: Path) -> dict[str, Any]:
    """Resolve every external $ref with Redocly CLI (internal refs stay refs)."""
    redocly = root / "node_modules" / ".bin" / "redocly"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundled.yaml"
        env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
        cmd = [str(redocly), "bundle", str(spec), "--config", str(root / ".redocly.yaml")]
        done = subprocess.run(
            [*cmd, "--output", str(out)], cwd=root, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit("publish-spec: redocly bundle failed")
        data = yaml.safe_load(out.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SystemExit("publish-spec: the bundled document is not a mapping")
    return data


def with_version(doc: dict[str, Any], version: str) -> dict[str, Any]:
    """A copy of the document whose info.version is the package version (key order kept)."""
    info = dict(doc.get("info") or {})
    info["version"] = version
    return {key: (info if key == "info" else value) for key, value in doc.items()}


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, as the source spec writes its descriptions."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def write_dist(doc: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    yaml_path, json_path = out_dir / "convilyn.yaml", out_dir / "convilyn.json"
    header = (
        "# Convilyn v1 REST API (OpenAPI 3.1), published by `make publish-spec` from "
        "openapi/convilyn.yaml.\n"
    )
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    yaml_path.write_text(header + body, encoding="utf-8")
    json_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # Both files must read back as the same valid document.
    from openapi_spec_validator import validate

    for path in (yaml_path, json_path):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if loaded != doc:
            raise SystemExit(f"publish-spec: {path} does not read back as the bundled document")
        validate(loaded)
    return yaml_path, json_path


# ---------------------------------------------------------------------------------------------
# Changelog


def previous_release_tag(root: Path) -> str | None:
    """The latest tag reachable from HEAD that does not point at HEAD itself."""
    base = specdiff.default_base(root)
    return None if base in (None, "HEAD~1") else base


def render_entry(
    version: str,
    date: str,
    base: str | None,
    changes: list[specdiff.Change] | None,
    operation_count: int,
    notes: str,
) -> str:
    lines = [f"## [{version}] - {date}", ""]
    if base is None or changes is None:
        lines.append(
            f"Initial release of the API description: {operation_count} operations "
            f"(`info.version` {version})."
        )
    elif not changes:
        lines.append(f"No change to the API since {base}.")
    else:
        breaking = [c for c in changes if c.breaking]
        compatible = [c for c in changes if not c.breaking]
        lines.append(
            f"Compared with {base} (`make spec-diff BASE={base}`): {len(breaking)} breaking, "
            f"{len(compatible)} compatible change(s)."
        )
        for title, group in (("Breaking", breaking), ("Compatible", compatible)):
            if group:
                lines += ["", f"### {title}", ""]
                lines += [f"- {change.describe()}" for change in group]
    if notes.strip():
        lines += ["", "### Notes", "", notes.strip()]
    return "\n".join(lines) + "\n"


def _sections(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each `## [name]` section."""
    found = list(SECTION_RE.finditer(text))
    return [
        (m.group("name"), m.start(), found[i + 1].start() if i + 1 < len(found) else len(text))
        for i, m in enumerate(found)
    ]


def _notes_of(section_text: str) -> str:
    match = re.search(r"^### Notes\n(.*?)(?=^### |\Z)", section_text, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def _strip_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL).strip()


def update_changelog(text: str, version: str, make_entry: Any) -> str:
    """Insert (or rewrite) the entry of `version` right after the Unreleased section, moving the
    Unreleased notes into it. `make_entry(notes, existing_date)` renders the entry."""
    if UNRELEASED_HEADING not in text:
        text = text.rstrip("\n") + f"\n\n{UNRELEASED_HEADING}\n\n"
    sections = _sections(text)
    unreleased = next(s for s in sections if s[0].lower() == "unreleased")
    heading_end = text.index("\n", unreleased[1]) + 1
    unreleased_notes = _strip_comments(text[heading_end : unreleased[2]])
    existing = next((s for s in sections if s[0] == version), None)
    existing_date = None
    notes = unreleased_notes
    if existing is not None:
        old = text[existing[1] : existing[2]]
        date_match = re.match(r"## \[[^\]]+\] - (\S+)", old)
        existing_date = date_match.group(1) if date_match else None
        kept = _notes_of(old)
        notes = "\n".join(n for n in (kept, unreleased_notes) if n)
        text = text[: existing[1]] + text[existing[2] :]
        sections = _sections(text)
        unreleased = next(s for s in sections if s[0].lower() == "unreleased")
    entry = make_entry(notes, existing_date)
    before = text[: unreleased[1]]
    after = text[unreleased[2] :].lstrip("\n")
    return f"{before}{UNRELEASED_HEADING}\n\n{entry}" + (f"\n{after}" if after else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--spec", default="openapi/convilyn.yaml")
    parser.add_argument("--out", default="dist/openapi")
    parser.add_argument("--changelog", default="CHANGELOG.md")
    parser.add_argument("--no-changelog", action="store_true", help="write dist/ only")
    args = parser.parse_args(argv)
    root = Path.cwd()
    version = package_version(root)
    spec = Path(args.spec)

    doc = with_version(bundle(root, spec), version)
    yaml_path, json_path = write_dist(doc, Path(args.out))
    print(f"publish-spec: wrote {yaml_path} and {json_path} (info.version {version})")
    if args.no_changelog:
        return 0

    operations = sum(1 for _ in specdiff._operations(doc))
    base = previous_release_tag(root)
    changes = None
    if base is not None:
        rel = spec.resolve().relative_to(root.resolve()).as_posix()
        old_text = specdiff.file_at(base, rel, root)
        if old_text is not None:
            changes = specdiff.diff(specdiff.load(old_text), specdiff.load(spec.read_text()))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)

    def make_entry(notes: str, existing_date: str | None) -> str:
        date = existing_date or now.date().isoformat()
        return render_entry(version, date, base, changes, operations, notes)

    changelog = Path(args.changelog)
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else "# API changelog\n"
    changelog.write_text(update_changelog(text, version, make_entry), encoding="utf-8")
    summary = "initial release" if changes is None else f"{len(changes)} change(s) since {base}"
    print(f"publish-spec: {changelog} entry [{version}]: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
