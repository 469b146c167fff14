"""``goals understand`` / ``goals to-markdown`` against the sandbox: results, -o, --dry-run
(nothing created), and the exit codes of a refusal and of a bad --schema-file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs

from .conftest import CLI, assert_one_line_error, check_shape, write

SCHEMA = {
    "type": "object",
    "required": ["vendor", "total", "lines"],
    "properties": {
        "vendor": {"type": "string"},
        "total": {"type": "number", "minimum": 100},
        "lines": {"type": "array", "minItems": 2, "items": {"type": "object"}},
    },
}


def _inputs(cli: CLI) -> tuple[Path, Path]:
    schema = write(cli.cwd / "invoice.schema.json", json.dumps(SCHEMA))
    pdf = cli.cwd / "invoice.pdf"
    pdf.write_bytes(b"%PDF-1.7 an invoice " * 16)
    return schema, pdf


def test_understand_prints_json_that_fits_the_schema(cli: CLI) -> None:
    schema, pdf = _inputs(cli)
    result = cli(
        "goals", "understand", "--path", str(pdf), "--schema-file", str(schema),
        "--instructions", "amounts in EUR", "--json",
    )  # fmt: skip
    check_shape("goals understand", result.json)
    assert jsonschema_rs.validator_for(SCHEMA).is_valid(result.json["result"])
    human = cli("goals", "understand", "--path", str(pdf), "--schema-file", str(schema))
    assert jsonschema_rs.validator_for(SCHEMA).is_valid(json.loads(human.stdout))


def test_understand_writes_o_and_refuses_to_replace_it_before_running(cli: CLI) -> None:
    schema, pdf = _inputs(cli)
    cli("goals", "understand", "--path", str(pdf), "--schema-file", str(schema), "-o", "r.json")
    assert jsonschema_rs.validator_for(SCHEMA).is_valid(
        json.loads((cli.cwd / "r.json").read_text())
    )
    again = cli(
        "goals", "understand", "--path", str(pdf), "--schema-file", str(schema), "-o", "r.json",
        expect=1,
    )  # fmt: skip
    assert_one_line_error(again, "already exists", "--overwrite")
    assert "uploaded" not in again.stderr  # refused before anything was sent


def test_dry_run_sends_nothing_that_creates(cli: CLI) -> None:
    schema, pdf = _inputs(cli)
    before = cli("files", "list", "--json").json["files"]
    dry = cli(
        "goals", "understand", "--path", str(pdf), "--schema-file", str(schema), "--dry-run",
        "--json",
    )  # fmt: skip
    check_shape("goals understand --dry-run", dry.json)
    assert dry.json["request"]["outputSchema"] == SCHEMA
    assert dry.json["estimate"]["quota_check"]["state"] == "ok"
    md = cli("goals", "to-markdown", "--path", str(pdf), "--dry-run", "--json")
    check_shape("goals to-markdown --dry-run", md.json)
    assert md.json["request"] == {"fileIds": ["<upload>"], "outputFormat": "markdown"}
    assert cli("files", "list", "--json").json["files"] == before  # nothing uploaded
    missing = cli(
        "goals", "to-markdown", "--file-id", "file_0000000000000000", "--dry-run", expect=1
    )
    assert_one_line_error(missing, "file_0000000000000000", "nothing was sent")


def test_to_markdown_prints_or_writes_the_text(cli: CLI) -> None:
    png = cli.cwd / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = cli("goals", "to-markdown", "--path", str(png), "--json")
    check_shape("goals to-markdown", result.json)
    assert result.json["result"].startswith("# ")
    cli("goals", "to-markdown", "--path", str(png), "-o", "out/scan.md")
    assert (cli.cwd / "out" / "scan.md").read_text().startswith("# ")
    file_id = cli("files", "upload", str(png), "--json").json["files"][0]["file_id"]
    by_id = cli("goals", "to-markdown", "--files", file_id, "--json")  # the 4.x spelling
    assert file_id in by_id.json["result"]


def test_a_refused_request_exits_2_and_a_bad_schema_file_exits_1(cli: CLI) -> None:
    schema, pdf = _inputs(cli)
    refused = cli(
        "goals", "understand", "--path", str(pdf), "--path", str(pdf),
        "--schema-file", str(schema), expect=2,
    )  # fmt: skip
    assert_one_line_error(refused, "400", "carries 2", "one file per request")
    zipped = cli.cwd / "bundle.zip"
    zipped.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    unserved = cli("goals", "to-markdown", "--path", str(zipped), "--json", expect=2)
    assert "free on every plan" in unserved.json["error"]["message"]
    write(cli.cwd / "list.json", "[1, 2]")
    for bad, needle in (("list.json", "not a JSON Schema object"), ("nope.json", "cannot read")):
        result = cli("goals", "understand", "--path", str(pdf), "--schema-file", bad, expect=1)
        assert_one_line_error(result, "--schema-file", needle)
    none = cli("goals", "understand", "--files", " , ", "--schema-file", str(schema), expect=1)
    assert_one_line_error(none, "--path FILE")
