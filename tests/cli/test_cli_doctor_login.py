"""``login`` / ``logout`` (the stored key, its permissions, precedence) and ``doctor``."""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import CLI, assert_one_line_error, check_shape

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@posix_only
def test_login_stores_the_key_owner_only_and_the_cli_uses_it(
    cli: CLI, sandbox: Any, api_key: str
) -> None:
    no_env = {"CONVILYN_API_KEY": None, "CONVILYN_BASE_URL": None}
    login = cli(
        "login", "--with-token", "--base-url", sandbox.base_url, "--json",
        input=api_key + "\n", env=no_env,
    )  # fmt: skip
    check_shape("login", login.json)
    assert login.json["verified"] is True
    assert api_key not in login.stdout
    path = Path(login.json["config_file"])
    assert path == Path(cli.env["CONVILYN_CONFIG_DIR"]) / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    stored = tomllib.loads(path.read_text(encoding="utf-8"))
    assert stored == {"api_key": api_key, "base_url": sandbox.base_url}

    # Neither flag nor environment: the stored key and base URL are used.
    assert "files" in cli("files", "list", "--json", env=no_env).json
    doctor = cli("doctor", "--ping", "--json", env=no_env)
    check_shape("doctor", doctor.json)
    assert doctor.json["ok"] is True
    assert doctor.json["key_source"] == "file"
    assert doctor.json["base_url_source"] == "file"
    assert api_key not in doctor.stdout
    assert doctor.json["api_key"].endswith(api_key[-4:])
    # Precedence: flag > environment > file.
    other = sandbox.new_key("free")
    env_wins = cli("doctor", "--json", env={"CONVILYN_API_KEY": other})
    assert env_wins.json["key_source"] == "env"
    flag_wins = cli("doctor", "--json", "--api-key", api_key, env={"CONVILYN_API_KEY": other})
    assert flag_wins.json["key_source"] == "flag"

    logout = cli("logout", "--json")
    check_shape("logout", logout.json)
    assert logout.json["removed"] is True
    assert not path.exists()
    assert cli("logout", "--json").json["removed"] is False
    no_key = cli("files", "list", env=no_env, expect=1)
    assert_one_line_error(no_key, "no API key", "convilyn login")


def test_login_refuses_a_key_the_api_rejects(cli: CLI) -> None:
    bad = cli("login", "--with-token", input="ck_x\n", expect=2)
    assert_one_line_error(bad, "verify the key", "401")
    assert not (Path(cli.env["CONVILYN_CONFIG_DIR"]) / "config.toml").exists()
    no_token = cli("login", env={"CONVILYN_API_KEY": None}, expect=1)
    assert_one_line_error(no_token, "--with-token")
    unverified = cli("login", "--api-key", "ck_offline_key_123", "--no-verify")
    assert "ck_…_123" in unverified.stdout
    assert "warning" in unverified.stderr


def test_doctor_is_offline_unless_asked_to_ping(cli: CLI, sandbox: Any) -> None:
    before = sandbox.stats()["requests"]
    offline = cli("doctor", "--json")
    check_shape("doctor", offline.json)
    assert offline.json["ok"] is True
    assert offline.json["online"] is False
    assert [c["name"] for c in offline.json["checks"]] == ["configuration"]
    assert sandbox.stats()["requests"] == before  # nothing sent (stats reads are not counted)
    assert "--ping" in cli("doctor").stdout
    # Offline it still finds what it can: a key of the wrong kind, a plain-http remote URL.
    wrong = cli("doctor", "--json", env={"CONVILYN_API_KEY": "cvl_other_product_key"}, expect=1)
    assert not wrong.json["checks"][0]["ok"]
    http = cli("doctor", "--json", env={"CONVILYN_BASE_URL": "http://api.example.com"}, expect=1)
    assert "http" in http.json["checks"][0]["detail"]
    # Unreachable: offline says nothing about it (exit 0), --ping does (exit 2).
    down = {"CONVILYN_BASE_URL": "http://127.0.0.1:9"}
    assert cli("doctor", "--json", env=down).json["ok"] is True
    cli("doctor", "--ping", "--max-retries", "0", env=down, expect=2)


def test_doctor_reports_configuration_and_connectivity(cli: CLI) -> None:
    healthy = cli("doctor", "--ping")
    assert "ok   API reachable" in healthy.stdout
    assert "ok   key accepted" in healthy.stdout
    assert cli.env["CONVILYN_API_KEY"] not in healthy.stdout
    no_key = cli("doctor", "--ping", "--json", env={"CONVILYN_API_KEY": None}, expect=1)
    check_shape("doctor", no_key.json)
    assert no_key.json["ok"] is False
    assert no_key.json["key_source"] == "none"
    down = cli(
        "doctor", "--ping", "--json", "--max-retries", "0",
        env={"CONVILYN_BASE_URL": "http://127.0.0.1:9"},
        expect=2,
    )  # fmt: skip
    failing = [c["name"] for c in down.json["checks"] if not c["ok"]]
    assert failing == ["API reachable", "key accepted"]


@posix_only
def test_doctor_flags_a_readable_config_file(cli: CLI) -> None:
    cli("login", "--api-key", "ck_offline_key_123", "--no-verify")
    path = Path(cli.env["CONVILYN_CONFIG_DIR"]) / "config.toml"
    os.chmod(path, 0o644)
    report = cli("doctor", "--json", expect=1)
    check = next(c for c in report.json["checks"] if c["name"] == "config file is owner-only")
    assert check["ok"] is False
    assert "chmod 600" in check["detail"]


def test_doctor_says_an_unreachable_api_is_unreachable(cli: CLI) -> None:
    env = {"CONVILYN_BASE_URL": "http://127.0.0.1:9"}
    down = cli("doctor", "--ping", "--json", "--max-retries", "0", env=env, expect=2)
    health = next(c for c in down.json["checks"] if c["name"] == "API reachable")
    assert "http://127.0.0.1:9" in health["detail"]
    assert "unexpected" not in health["detail"]
    assert "report it" not in health["detail"]


def test_doctor_does_not_suggest_itself(cli: CLI) -> None:
    report = cli("doctor", "--ping", "--json", env={"CONVILYN_API_KEY": "ck_x"}, expect=2)
    accepted = next(c for c in report.json["checks"] if c["name"] == "key accepted")
    assert accepted["ok"] is False
    assert "401" in accepted["detail"]
    assert "convilyn doctor" not in accepted["detail"]
    assert "convilyn login" in accepted["detail"]
    down = cli(
        "doctor", "--ping", "--json", "--max-retries", "0",
        env={"CONVILYN_BASE_URL": "http://127.0.0.1:9"},
        expect=2,
    )  # fmt: skip
    for check in down.json["checks"]:
        assert "convilyn doctor" not in check["detail"], check


def test_an_empty_api_key_flag_is_refused_like_the_sdk_refuses_it(cli: CLI) -> None:
    # The environment holds a working key: falling through to it would hide the mistake.
    result = cli("files", "list", "--api-key", "", expect=1)  # usage, as a cvl_ key is
    assert "--api-key is empty" in result.stderr


def test_the_cli_reads_the_key_4x_setup_stored(cli: CLI, api_key: str) -> None:
    folder = Path(cli.env["CONVILYN_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    stored = '{"api_key": "%s", "created_at": "2026-01-01T00:00:00+00:00", "source": "setup"}'
    (folder / "credentials.json").write_text(stored % api_key)
    no_env = {"CONVILYN_API_KEY": None}
    assert "files" in cli("files", "list", "--json", env=no_env).json
    doctor = cli("doctor", "--ping", env=no_env)
    assert str(folder / "credentials.json") in doctor.stdout
    assert "ok   key accepted" in doctor.stdout
