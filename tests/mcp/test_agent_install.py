"""``convilyn agent install`` into a temporary home: valid config files, merged, idempotent,
no key written."""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from mcp_helpers import REPO, server_command

from convilyn.cli.shapes import schema_for

KEY = "ck_pro_sandbox_0123456789abcdef"


def agent_install(home: Path, *args: str, expect: int = 0) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVILYN_")}
    env |= {
        "HOME": str(home),
        "CONVILYN_API_KEY": KEY,  # must not end up in any file
        "CONVILYN_CONFIG_DIR": str(home / "convilyn-config"),
        "PYTHONPATH": str(REPO / "src"),
    }
    proc = subprocess.run(
        [*server_command(), "agent", "install", "--json", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == expect, proc.stderr + proc.stdout
    document: dict[str, Any] = json.loads(proc.stdout)
    validator = jsonschema_rs.validator_for(schema_for("agent install"))
    assert not [e.message for e in validator.iter_errors(document)], document
    return document


def snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and "convilyn-config" not in p.parts
    }


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def test_dry_run_writes_nothing_and_says_what_it_would(home: Path) -> None:
    document = agent_install(home, "--dry-run")
    assert document["dry_run"] is True
    assert [s["action"] for s in document["steps"]] == ["created", "created", "created"]
    assert snapshot(home) == {}


def test_the_human_output_speaks_in_the_conditional_for_a_dry_run(home: Path) -> None:
    dry = run_cli("agent", "install", "--dry-run", home=home)
    assert dry.returncode == 0, dry.stderr
    assert [line.split(":")[0] for line in dry.stdout.splitlines()] == ["would create"] * 3
    assert snapshot(home) == {}
    run_cli("agent", "install", home=home)
    again = run_cli("agent", "install", home=home)
    assert "nothing to change" in again.stdout


def test_install_leaves_valid_configs_naming_the_server_and_no_key(home: Path) -> None:
    document = agent_install(home)
    assert document["ok"] is True
    assert all(step["changed"] for step in document["steps"])
    command = document["command"]
    assert command[1:] == ["mcp", "serve"]
    assert Path(command[0]).is_absolute()

    plugin = home / ".claude" / "skills" / "convilyn"
    mcp_json = json.loads((plugin / ".mcp.json").read_text())
    assert mcp_json == {"mcpServers": {"convilyn": {"command": command[0], "args": command[1:]}}}
    manifest = json.loads((plugin / ".claude-plugin" / "plugin.json").read_text())
    assert manifest["name"] == "convilyn"
    for skill in (plugin / "SKILL.md", home / ".agents" / "skills" / "convilyn" / "SKILL.md"):
        text = skill.read_text()
        assert text.startswith("---\nname: convilyn\n")
        assert "run_workflow" in text
    codex = tomllib.loads((home / ".codex" / "config.toml").read_text())
    assert codex["mcp_servers"]["convilyn"] == {"command": command[0], "args": command[1:]}
    for name, content in snapshot(home).items():
        assert KEY.encode() not in content, name
        assert b"CONVILYN_API_KEY" not in content or name.endswith("SKILL.md"), name


def test_a_second_install_changes_nothing(home: Path) -> None:
    agent_install(home)
    first = snapshot(home)
    again = agent_install(home)
    assert [s["action"] for s in again["steps"]] == ["unchanged"] * 3
    assert not any(s["changed"] for s in again["steps"])
    assert snapshot(home) == first


def test_an_existing_codex_config_is_merged_not_rewritten(home: Path) -> None:
    config = home / ".codex" / "config.toml"
    config.parent.mkdir()
    mine = 'model = "o4"\n\n[mcp_servers.other]\ncommand = "other"\nargs = []\n'
    config.write_text(mine)
    document = agent_install(home)
    assert document["steps"][2]["action"] == "appended"
    text = config.read_text()
    assert text.startswith(mine)
    parsed = tomllib.loads(text)
    assert parsed["model"] == "o4"
    assert set(parsed["mcp_servers"]) == {"other", "convilyn"}
    assert agent_install(home)["steps"][2]["action"] == "unchanged"
    assert config.read_text() == text


@pytest.mark.parametrize(
    "mine",
    [
        'mcp_servers = { other = { command = "other" } }\n',
        "[mcp_servers.convilyn]\ncommand = 'my-own-convilyn'\nargs = []\n",
        "this is [not toml\n",
    ],
    ids=["inline-table", "another-convilyn", "invalid"],
)
def test_a_codex_config_that_cannot_take_the_table_is_left_as_it_was(home: Path, mine: str) -> None:
    config = home / ".codex" / "config.toml"
    config.parent.mkdir()
    config.write_text(mine)
    document = agent_install(home, expect=1)
    assert document["ok"] is False
    codex = document["steps"][2]
    assert codex["action"] == "refused"
    assert "left as it was" in codex["detail"]
    assert config.read_text() == mine
    # the destinations this package owns are still written
    assert (home / ".claude" / "skills" / "convilyn" / ".mcp.json").is_file()


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVILYN_")}
    env |= {"HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [*server_command(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--api-key", KEY], "takes no --api-key"),
        (["--http", "--host", "0.0.0.0"], "not a loopback address"),
        (["--port", "8080"], "--host and --port need --http"),
    ],
    ids=["api-key", "not-loopback", "port-without-http"],
)
def test_mcp_serve_refuses_what_it_cannot_do_safely(
    home: Path, args: list[str], message: str
) -> None:
    proc = run_cli("mcp", "serve", *args, home=home)
    assert proc.returncode == 1, proc
    assert message in proc.stderr
    assert KEY not in proc.stderr + proc.stdout


def test_without_the_mcp_library_serve_and_install_say_how_to_get_it(
    home: Path, tmp_path: Path
) -> None:
    shadow = tmp_path / "shadow" / "mcp"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("")  # an `mcp` without its server: as if absent
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVILYN_")}
    env |= {"HOME": str(home), "PYTHONPATH": f"{shadow.parent}:{REPO / 'src'}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*server_command(), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    serve = run("mcp", "serve")
    assert serve.returncode == 1
    assert "needs the mcp library" in serve.stderr
    assert "pip install 'convilyn[mcp]'" in serve.stderr
    install = run("agent", "install", "--json")
    assert install.returncode == 0, install.stderr
    assert json.loads(install.stdout)["mcp_extra_installed"] is False
    assert "pip install 'convilyn[mcp]'" in install.stderr
