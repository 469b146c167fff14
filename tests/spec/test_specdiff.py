"""tools/spec/specdiff.py: every change class on small in-memory spec pairs, the changelog
acknowledgement, and the command line in a throwaway git repository."""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import specdiff
import yaml

ROOT = Path(__file__).resolve().parents[2]
Doc = dict[str, Any]


def base_spec() -> Doc:
    """Two operations over shared components: a request schema, a response schema, an enum."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "parameters": [
                        {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CreateThing"}
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "created",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        },
                        "422": {"description": "invalid"},
                    },
                }
            },
            "/things/{thingId}": {
                "parameters": [
                    {
                        "name": "thingId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "get": {
                    "operationId": "getThing",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "Color": {"type": "string", "enum": ["red", "green", "blue"]},
                "CreateThing": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "note": {"type": "string"},
                    },
                },
                "Thing": {
                    "type": "object",
                    "required": ["thingId", "name", "size"],
                    "properties": {
                        "thingId": {"type": "string"},
                        "name": {"type": "string"},
                        "size": {"type": "integer"},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "parent": {
                            "anyOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]
                        },
                    },
                },
            }
        },
    }


def changed(edit: Callable[[Doc], None]) -> list[specdiff.Change]:
    old = base_spec()
    new = copy.deepcopy(old)
    edit(new)
    return specdiff.diff(old, new)


def keys(changes: list[specdiff.Change], severity: str | None = None) -> set[str]:
    return {c.key for c in changes if severity is None or c.severity == severity}


BREAKING, COMPATIBLE = specdiff.BREAKING, specdiff.COMPATIBLE


def schemas(doc: Doc) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"]
    return found


# -- no change ---------------------------------------------------------------------------------


def test_identical_documents_have_no_change() -> None:
    assert specdiff.diff(base_spec(), base_spec()) == []


def test_the_real_spec_against_itself_has_no_change() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "convilyn.yaml").read_text(encoding="utf-8"))
    assert specdiff.diff(spec, copy.deepcopy(spec)) == []


# -- breaking classes --------------------------------------------------------------------------


def test_removed_operation_is_breaking() -> None:
    result = changed(lambda d: d["paths"]["/things/{thingId}"].pop("get"))
    assert keys(result, BREAKING) == {"removed-operation GET /things/{thingId}"}


def test_changed_operation_id_is_breaking() -> None:
    def edit(d: Doc) -> None:
        d["paths"]["/things/{thingId}"]["get"]["operationId"] = "fetchThing"

    assert keys(changed(edit), BREAKING) == {"changed-operation-id GET /things/{thingId}"}


def test_removed_response_field_is_breaking_and_names_every_operation() -> None:
    result = changed(lambda d: schemas(d)["Thing"]["properties"].pop("size"))
    assert keys(result, BREAKING) == {"removed-field Thing.size"}
    (change,) = result
    assert sorted(change.operations) == ["createThing", "getThing"]


def test_removed_request_field_is_breaking() -> None:
    result = changed(lambda d: schemas(d)["CreateThing"]["properties"].pop("note"))
    assert keys(result, BREAKING) == {"removed-field CreateThing.note"}


def test_retyped_field_is_breaking() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["Thing"]["properties"]["size"] = {"type": "string"}

    assert keys(changed(edit), BREAKING) == {"retyped-field Thing.size"}


def test_retyped_array_items_are_breaking() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["Thing"]["properties"]["tags"]["items"] = {"type": "integer"}

    assert keys(changed(edit), BREAKING) == {"retyped-field Thing.tags[]"}


def test_a_response_field_that_becomes_nullable_is_breaking() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["Thing"]["properties"]["name"] = {"type": ["string", "null"]}

    assert keys(changed(edit), BREAKING) == {"retyped-field Thing.name"}


def test_a_request_field_that_accepts_null_too_is_compatible() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["CreateThing"]["properties"]["note"] = {"type": ["string", "null"]}

    result = changed(edit)
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"relaxed-field CreateThing.note"}


def test_new_required_request_field_is_breaking() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["CreateThing"]["properties"]["owner"] = {"type": "string"}
        schemas(d)["CreateThing"]["required"].append("owner")

    assert keys(changed(edit), BREAKING) == {"new-required-request-field CreateThing.owner"}


def test_a_request_field_that_becomes_required_is_breaking() -> None:
    result = changed(lambda d: schemas(d)["CreateThing"]["required"].append("note"))
    assert keys(result, BREAKING) == {"field-became-required CreateThing.note"}


def test_a_response_field_no_longer_required_is_breaking() -> None:
    result = changed(lambda d: schemas(d)["Thing"]["required"].remove("size"))
    assert keys(result, BREAKING) == {"field-became-optional Thing.size"}


def test_narrowed_enum_is_breaking() -> None:
    result = changed(lambda d: schemas(d)["Color"]["enum"].remove("blue"))
    assert keys(result, BREAKING) == {"narrowed-enum Color"}
    assert "blue" in result[0].detail


def test_an_enum_added_to_a_free_string_is_a_narrowed_enum() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["CreateThing"]["properties"]["note"]["enum"] = ["a", "b"]

    assert keys(changed(edit), BREAKING) == {"narrowed-enum CreateThing.note"}


def test_removed_and_new_required_parameters_are_breaking() -> None:
    def edit(d: Doc) -> None:
        op = d["paths"]["/things"]["post"]
        op["parameters"] = [
            {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
        ]

    assert keys(changed(edit), BREAKING) == {
        "removed-parameter createThing query dryRun",
        "new-required-parameter createThing query region",
    }


def test_a_parameter_that_becomes_required_is_breaking() -> None:
    def edit(d: Doc) -> None:
        d["paths"]["/things"]["post"]["parameters"][0]["required"] = True

    assert keys(changed(edit), BREAKING) == {"parameter-became-required createThing query dryRun"}


def test_removed_success_response_is_breaking_removed_error_response_is_not() -> None:
    def edit(d: Doc) -> None:
        responses = d["paths"]["/things"]["post"]["responses"]
        responses["200"] = responses.pop("201")
        del responses["422"]

    result = changed(edit)
    assert keys(result, BREAKING) == {"removed-response createThing 201"}
    assert keys(result, COMPATIBLE) == {
        "new-response createThing 200",
        "removed-response createThing 422",
    }


def test_a_request_union_that_loses_a_variant_is_breaking() -> None:
    def make_union(d: Doc) -> None:
        schemas(d)["CreateThing"]["properties"]["note"] = {
            "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Color"}]
        }

    old = base_spec()
    make_union(old)
    new = copy.deepcopy(old)
    schemas(new)["CreateThing"]["properties"]["note"] = {"type": "string"}
    result = specdiff.diff(old, new)
    assert keys(result, BREAKING) == {"removed-union-variant CreateThing.note<Color>"}


# -- compatible classes ------------------------------------------------------------------------


def test_new_operation_is_compatible() -> None:
    def edit(d: Doc) -> None:
        d["paths"]["/things/{thingId}"]["delete"] = {
            "operationId": "deleteThing",
            "responses": {"204": {"description": "gone"}},
        }

    result = changed(edit)
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"new-operation DELETE /things/{thingId}"}


def test_new_optional_request_field_is_compatible() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["CreateThing"]["properties"]["weight"] = {"type": "number"}

    result = changed(edit)
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"new-optional-field CreateThing.weight"}


def test_new_response_field_is_compatible_even_when_required() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["Thing"]["properties"]["weight"] = {"type": "number"}
        schemas(d)["Thing"]["required"].append("weight")

    result = changed(edit)
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"new-response-field Thing.weight"}


def test_new_optional_parameter_is_compatible() -> None:
    def edit(d: Doc) -> None:
        d["paths"]["/things/{thingId}"]["get"]["parameters"] = [
            {"name": "expand", "in": "query", "schema": {"type": "string"}}
        ]

    result = changed(edit)
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"new-optional-parameter getThing query expand"}


def test_widened_enum_is_compatible() -> None:
    result = changed(lambda d: schemas(d)["Color"]["enum"].append("black"))
    assert keys(result, BREAKING) == set()
    assert keys(result, COMPATIBLE) == {"widened-enum Color"}


def test_a_recursive_schema_is_walked_once() -> None:
    def edit(d: Doc) -> None:
        schemas(d)["Thing"]["properties"]["size"]["minimum"] = 0  # not a classified change

    assert changed(edit) == []


def test_the_real_spec_with_a_new_optional_field_is_compatible() -> None:
    old = yaml.safe_load((ROOT / "openapi" / "convilyn.yaml").read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    new["components"]["schemas"]["CreateGoalJobRequest"]["properties"]["priority"] = {
        "type": "integer"
    }
    result = specdiff.diff(old, new)
    assert [c.key for c in result] == ["new-optional-field CreateGoalJobRequest.priority"]
    assert not result[0].breaking


# -- acknowledgement ---------------------------------------------------------------------------

CHANGE = specdiff.Change("removed-field", BREAKING, "Thing.size", "field removed")
PREAMBLE = "# API changelog\n\nExample: - `removed-field Thing.size`: how to acknowledge.\n\n"


def test_a_breaking_change_is_acknowledged_under_unreleased() -> None:
    text = PREAMBLE + "## [Unreleased]\n\n- `removed-field Thing.size`: use weight.\n\n## [0.1.0]\n"
    assert specdiff.acknowledged(CHANGE, text, base_changelog=text)


def test_a_line_added_since_the_base_in_a_release_section_acknowledges() -> None:
    base = PREAMBLE + "## [Unreleased]\n\n## [0.1.0] - 2026-01-01\n\nInitial.\n"
    head = base.replace(
        "## [0.1.0]", "## [0.2.0] - 2026-02-01\n\n- `removed-field Thing.size`: x\n\n## [0.1.0]"
    )
    assert specdiff.acknowledged(CHANGE, head, base_changelog=base)


def test_an_old_line_or_the_preamble_does_not_acknowledge() -> None:
    old_release = PREAMBLE + "## [Unreleased]\n\n## [0.1.0]\n\n- `removed-field Thing.size`: x\n"
    assert not specdiff.acknowledged(CHANGE, old_release, base_changelog=old_release)
    assert not specdiff.acknowledged(CHANGE, PREAMBLE + "## [Unreleased]\n", base_changelog="")
    other = PREAMBLE + "## [Unreleased]\n\n- `removed-field Thing.name`: x\n"
    assert not specdiff.acknowledged(CHANGE, other, base_changelog="")


# -- command line in a git repository ----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, spec: Doc, changelog: str, message: str) -> None:
    (repo / "openapi").mkdir(exist_ok=True)
    (repo / "openapi" / "convilyn.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (repo / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EMPTY_CHANGELOG = "# API changelog\n\n## [Unreleased]\n\n"


def test_one_commit_passes_with_a_message(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, base_spec(), EMPTY_CHANGELOG, "first")
    assert specdiff.main([]) == 0
    assert "only one commit" in capsys.readouterr().out


def test_a_base_without_the_spec_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "README").write_text("x", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "no spec yet")
    commit(repo, base_spec(), EMPTY_CHANGELOG, "spec")
    assert specdiff.main([]) == 0
    assert "does not exist at HEAD~1" in capsys.readouterr().out


def test_an_unacknowledged_breaking_change_fails_until_acknowledged(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, base_spec(), EMPTY_CHANGELOG, "first")
    new = base_spec()
    del new["components"]["schemas"]["Thing"]["properties"]["size"]
    commit(repo, new, EMPTY_CHANGELOG, "drop size")
    assert specdiff.main([]) == 1
    out = capsys.readouterr().out
    assert "- `removed-field Thing.size`: field removed." in out

    acknowledged = EMPTY_CHANGELOG + "- `removed-field Thing.size`: read `weight` instead.\n"
    (repo / "CHANGELOG.md").write_text(acknowledged, encoding="utf-8")
    assert specdiff.main([]) == 0
    assert "[acknowledged]" in capsys.readouterr().out


def test_compatible_changes_pass(repo: Path) -> None:
    commit(repo, base_spec(), EMPTY_CHANGELOG, "first")
    new = base_spec()
    new["components"]["schemas"]["Color"]["enum"].append("black")
    commit(repo, new, EMPTY_CHANGELOG, "black")
    assert specdiff.main([]) == 0


def test_the_default_base_is_the_latest_tag_not_on_head(repo: Path) -> None:
    commit(repo, base_spec(), EMPTY_CHANGELOG, "first")
    assert specdiff.default_base(repo) is None
    git(repo, "tag", "v0.1.0")
    assert specdiff.default_base(repo) is None  # the only tag is HEAD itself, and no HEAD~1
    new = base_spec()
    new["components"]["schemas"]["Color"]["enum"].append("black")
    commit(repo, new, EMPTY_CHANGELOG, "second")
    assert specdiff.default_base(repo) == "v0.1.0"
    commit(repo, new, EMPTY_CHANGELOG + "\n", "third")
    assert specdiff.default_base(repo) == "v0.1.0"
    git(repo, "tag", "v0.2.0")
    assert specdiff.default_base(repo) == "v0.1.0"  # HEAD's own tag is skipped


def test_an_explicit_base_is_used(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, base_spec(), EMPTY_CHANGELOG, "first")
    commit(repo, base_spec(), EMPTY_CHANGELOG + "\n", "second")
    new = base_spec()
    del new["paths"]["/things/{thingId}"]
    (repo / "openapi" / "convilyn.yaml").write_text(yaml.safe_dump(new), encoding="utf-8")
    assert specdiff.main(["--base", "HEAD~1"]) == 1
    assert "removed-operation GET /things/{thingId}" in capsys.readouterr().out
    assert specdiff.main(["--base", "no-such-ref"]) == 0
