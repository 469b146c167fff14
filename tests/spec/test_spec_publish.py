"""tools/spec/publish.py: info.version, the dist files, and the changelog entry it writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import publish
import specdiff
import yaml

ROOT = Path(__file__).resolve().parents[2]

CHANGELOG = """# API changelog

Preamble.

## [Unreleased]

<!-- how to acknowledge -->
- `removed-field Thing.size`: read `weight` instead.

## [0.1.0] - 2026-01-01

Initial release of the API description: 2 operations (`info.version` 0.1.0).
"""


def entry(notes: str, date: str | None, changes: list[specdiff.Change] | None) -> str:
    return publish.render_entry("0.2.0", date or "2026-02-01", "v0.1.0", changes, 2, notes)


def test_the_package_version_is_read_from_version_py() -> None:
    text = (ROOT / "src" / "convilyn" / "_version.py").read_text(encoding="utf-8")
    assert publish.package_version(ROOT) in text


def test_info_version_is_replaced_and_key_order_kept() -> None:
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {},
    }
    out = publish.with_version(doc, "0.3.0")
    assert out["info"] == {"title": "t", "version": "0.3.0"}
    assert list(out) == ["openapi", "info", "paths"]
    assert doc["info"]["version"] == "1.0.0"


def test_dist_files_read_back_as_the_same_valid_document(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "convilyn.yaml").read_text(encoding="utf-8"))
    doc = publish.with_version(spec, "9.9.9")
    yaml_path, json_path = publish.write_dist(doc, tmp_path)
    assert yaml.safe_load(yaml_path.read_text(encoding="utf-8")) == doc
    assert json.loads(json_path.read_text(encoding="utf-8"))["info"]["version"] == "9.9.9"
    assert "description: |\n" in yaml_path.read_text(encoding="utf-8")  # readable blocks


def test_the_first_release_is_an_initial_release() -> None:
    text = publish.render_entry("0.1.0", "2026-01-01", None, None, 27, "")
    assert text.startswith("## [0.1.0] - 2026-01-01\n")
    assert "Initial release" in text
    assert "27 operations" in text


def test_changes_are_listed_breaking_first() -> None:
    changes = [
        specdiff.Change("removed-field", specdiff.BREAKING, "Thing.size", "field removed", ["a"]),
        specdiff.Change("new-operation", specdiff.COMPATIBLE, "GET /x", "new operation getX"),
    ]
    text = entry("", None, changes)
    assert "1 breaking, 1 compatible" in text
    assert text.index("### Breaking") < text.index("### Compatible")
    assert "- `removed-field Thing.size`: field removed (in a)" in text
    assert "No change" in entry("", None, [])


def test_the_entry_goes_under_unreleased_with_its_notes() -> None:
    out = publish.update_changelog(CHANGELOG, "0.2.0", lambda notes, date: entry(notes, date, []))
    assert out.index("## [Unreleased]") < out.index("## [0.2.0]") < out.index("## [0.1.0]")
    unreleased = out[out.index("## [Unreleased]") : out.index("## [0.2.0]")]
    assert "removed-field" not in unreleased  # the notes moved into the release
    release = out[out.index("## [0.2.0]") : out.index("## [0.1.0]")]
    assert "### Notes\n\n- `removed-field Thing.size`: read `weight` instead." in release
    assert "<!--" not in release
    assert out.startswith("# API changelog\n\nPreamble.\n")


def test_publishing_the_same_version_again_rewrites_its_entry_only() -> None:
    def make(notes: str, date: str | None) -> str:
        return entry(notes, date, [])

    once = publish.update_changelog(CHANGELOG, "0.2.0", make)
    twice = publish.update_changelog(once, "0.2.0", make)
    assert twice == once
    assert twice.count("## [0.2.0]") == 1


def test_a_changelog_without_unreleased_gets_one() -> None:
    out = publish.update_changelog(
        "# API changelog\n", "0.1.0", lambda n, d: "## [0.1.0] - x\n\nInitial.\n"
    )
    assert out == "# API changelog\n\n## [Unreleased]\n\n## [0.1.0] - x\n\nInitial.\n"
