"""The command without a server: help, usage errors, exit codes, spec, dry runs, import cost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import CLI, assert_one_line_error, check_shape, clean_env

GROUPS = ["files", "convert", "goals", "workflows", "account", "api", "doctor", "login", "spec"]


def test_help_lists_every_command_and_the_exit_codes(offline_cli: CLI) -> None:
    result = offline_cli("--help")
    for name in [*GROUPS, "sandbox", "logout"]:
        assert re.search(rf"^ +{name}(\s|$)", result.stdout, re.M), name
    assert "4 needs input" in result.stdout
    goals = offline_cli("goals", "--help").stdout
    for name in [
        "run", "start", "status", "wait", "fill-slot", "confirm", "cancel", "retry",
        "artifacts", "download", "events",
    ]:  # fmt: skip
        assert re.search(rf"^ +{name}(\s|$)", goals, re.M), name
    assert offline_cli("--version").stdout.startswith("convilyn ")


def test_usage_errors_exit_1_with_one_line(offline_cli: CLI) -> None:
    result = offline_cli("files", "upload", expect=1)
    assert_one_line_error(result, "required: PATH", "convilyn files upload --help")
    assert result.stdout == ""
    group = offline_cli("goals", expect=1)
    assert "COMMAND" in group.stderr
    bad = offline_cli("--json", "bogus", expect=1)
    check_shape("error", bad.json)
    assert bad.json["error"]["exit_code"] == 1
    slot = offline_cli("goals", "run", "--workflow", "w", "--slot", "novalue", expect=1)
    assert_one_line_error(slot, "is not KEY=VALUE")


def test_bare_convilyn_prints_help(offline_cli: CLI) -> None:
    bare = offline_cli()
    assert bare.stdout.startswith("usage: convilyn")
    assert "goals" in bare.stdout
    assert bare.stderr == ""


def test_missing_or_foreign_key_is_a_configuration_error(offline_cli: CLI) -> None:
    result = offline_cli("files", "list", expect=1)
    line = assert_one_line_error(result, "no API key", "convilyn login")
    assert "Traceback" not in line
    foreign = offline_cli("files", "list", "--api-key", "cvl_live_session_key", expect=1)
    assert_one_line_error(foreign, "cvl_")
    http = offline_cli(
        "files", "list", "--api-key", "ck_pro_key_12345", "--base-url", "http://example.com",
        expect=1,
    )  # fmt: skip
    assert_one_line_error(http, "http")


def test_connection_refused_is_an_api_error_and_debug_shows_the_traceback(
    offline_cli: CLI,
) -> None:
    args = ("files", "list", "--api-key", "ck_pro_key_12345", "--max-retries", "0")
    env = {"CONVILYN_BASE_URL": "http://127.0.0.1:9"}
    result = offline_cli(*args, env=env, expect=2)
    assert_one_line_error(result, "list files failed", "convilyn doctor")
    debug = offline_cli(*args, env={**env, "CONVILYN_DEBUG": "1"}, expect=2)
    assert "Traceback (most recent call last)" in debug.stderr


def test_spec_prints_writes_and_converts_the_packaged_document(
    offline_cli: CLI, tmp_path: Path
) -> None:
    printed = offline_cli("spec")
    document = yaml.safe_load(printed.stdout)
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/jobs/goal" in document["paths"]
    as_json = offline_cli("spec", "--json")
    check_shape("spec", as_json.json)
    assert as_json.json == document
    target = tmp_path / "convilyn.yaml"
    written = offline_cli("spec", "-o", str(target), "--json")
    check_shape("spec -o", written.json)
    assert target.read_text(encoding="utf-8") == printed.stdout
    again = offline_cli("spec", "-o", str(target), expect=1)
    assert_one_line_error(again, "already exists", "--overwrite")


def test_convert_dry_run_checks_the_pair_and_sends_nothing(offline_cli: CLI, resume: Path) -> None:
    # No key and no server: a dry run never needs either.
    result = offline_cli("convert", str(resume), "--to", "pdf", "--dry-run", "--json")
    check_shape("convert --dry-run", result.json)
    assert result.json["processor_type"] == "document_conversion"
    assert result.json["source_format"] == "md"
    human = offline_cli("convert", str(resume), "--to", "docx", "--dry-run")
    assert "would convert" in human.stdout
    assert "md → docx" in human.stdout
    bad = offline_cli("convert", str(resume), "--to", "mp3", "--dry-run", expect=1)
    assert_one_line_error(bad, "different families", "same family")
    missing = offline_cli("convert", "nope.docx", "--to", "pdf", "--dry-run", expect=1)
    assert_one_line_error(missing, "nope.docx")


def test_import_convilyn_loads_neither_the_cli_nor_rich() -> None:
    # httpx imports its own CLI (click + rich) when click is installed (uvicorn, a sandbox
    # dependency, brings it): rich may then be loaded by httpx, never by convilyn.
    code = (
        "import sys, convilyn; from convilyn import Convilyn, AsyncConvilyn; "
        "cli = [m for m in sys.modules if m.startswith('convilyn.cli')]; "
        "rich = 'rich' in sys.modules and 'httpx._main' not in sys.modules; "
        "print(cli, rich); sys.exit(1 if cli or rich else 0)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(), timeout=30
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_directory_or_a_missing_file_is_named_as_such(offline_cli: CLI) -> None:
    (offline_cli.cwd / "folder").mkdir()
    convert = offline_cli("convert", "folder", "--to", "pdf", "--dry-run", expect=1)
    assert_one_line_error(convert, "folder", "directory")
    args = ("--api-key", "ck_pro_key_12345", "--base-url", "http://127.0.0.1:9")
    upload_dir = offline_cli("files", "upload", "folder", *args, expect=1)
    line = assert_one_line_error(upload_dir, "folder", "directory")
    assert "cannot use:" not in line
    missing = offline_cli("files", "upload", "absent.md", *args, expect=1)
    line = assert_one_line_error(missing, "absent.md", "Try: check the path")
    assert "cannot use:" not in line


def test_a_foreign_key_error_names_where_the_key_came_from(offline_cli: CLI) -> None:
    from_env = offline_cli(
        "files", "list", env={"CONVILYN_API_KEY": "cvl_live_session_key"}, expect=1
    )
    line = assert_one_line_error(from_env, "cvl_", "CONVILYN_API_KEY")
    assert "in api_key" not in line
    from_flag = offline_cli("files", "list", "--api-key", "cvi_integration_key", expect=1)
    assert_one_line_error(from_flag, "cvi_", "--api-key")
    config = Path(offline_cli.env["CONVILYN_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('api_key = "cvl_stored_key_1234"\n', encoding="utf-8")
    from_file = offline_cli("files", "list", expect=1)
    assert_one_line_error(from_file, "cvl_", str(config / "config.toml"))
