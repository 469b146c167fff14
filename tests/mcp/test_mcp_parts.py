"""The pure parts of the MCP server: forms from slots, the fence, what it imports, and the
commands its results name."""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mcp_helpers import REPO

from convilyn.cli._app import build_parser
from convilyn.errors import GoalArtifactUnusableError
from convilyn.mcp.fence import FenceError, Workspace, is_credential_shaped, paths_of_roots
from convilyn.mcp.questions import question_form, read_answer
from convilyn.mcp.understand import check_schema, unusable_refusal
from convilyn.types import PendingSlot

MCP_SOURCE = REPO / "src" / "convilyn" / "mcp"


def slot(**fields: Any) -> PendingSlot:
    wire = {"slotId": "s", "slotType": "text", "question": "Q?", "required": True}
    return PendingSlot.model_validate(wire | fields)


def test_a_choice_slot_becomes_an_enum_with_the_suggestion_as_default() -> None:
    form = question_form(
        slot(
            slotType="choice",
            options=[{"value": "one_page", "label": "One page"}, "two_pages"],
            suggestedValue="two_pages",
        )
    )
    answer = form["properties"]["answer"]
    assert answer["enum"] == ["one_page", "two_pages"]
    assert answer["enumNames"] == ["One page", "two_pages"]
    assert answer["default"] == "two_pages"
    assert form["required"] == ["answer"]


def test_a_multi_choice_slot_becomes_an_array_of_its_choices() -> None:
    charts = slot(slotType="multi_choice", options=["a", "b", "c"], required=False)
    form = question_form(charts)
    assert form["properties"]["answer"]["items"] == {"type": "string", "enum": ["a", "b", "c"]}
    assert form["required"] == []
    assert read_answer(charts, {"answer": ["a", "c"]}) == ["a", "c"]
    assert read_answer(charts, {}) is None
    with pytest.raises(ValueError, match="not among"):
        read_answer(charts, {"answer": ["z"]})


def test_a_free_text_slot_is_a_string_and_must_be_answered() -> None:
    free = slot(suggestedValue="Staff Engineer")
    assert question_form(free)["properties"]["answer"] == {
        "title": "s",
        "type": "string",
        "default": "Staff Engineer",
    }
    with pytest.raises(ValueError, match="no answer"):
        read_answer(free, {"answer": ""})


def test_paths_resolve_inside_the_roots_only(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.md").write_text("a")
    (tmp_path / "out.md").write_text("x")
    (root / "escape.md").symlink_to(tmp_path / "out.md")
    space = Workspace.of(paths_of_roots([root.as_uri(), "https://example.com/x"]))
    assert space.roots == (root.resolve(),)
    assert space.readable("sub/a.md") == (root / "sub" / "a.md").resolve()
    for bad in ("../out.md", str(tmp_path / "out.md"), "escape.md"):
        with pytest.raises(FenceError, match="outside this session's workspace"):
            space.readable(bad)
    with pytest.raises(FenceError, match="not a file"):
        space.readable("sub")
    with pytest.raises(FenceError, match="outside"):
        space.output_path("../elsewhere", "convilyn-results")
    assert space.output_path(None, "convilyn-results") == root.resolve() / "convilyn-results"


def test_no_roots_means_the_working_directory() -> None:
    assert Workspace.of([]).roots == (Path.cwd().resolve(),)


@pytest.mark.parametrize(
    "name",
    [".env", ".env.local", "id_rsa", "server.pem", "credentials.json", ".netrc", ".pypirc"],
)
def test_credential_shaped_files_are_refused_even_inside_a_root(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("secret")
    with pytest.raises(FenceError, match="credential"):
        Workspace.of([tmp_path]).readable(name)


def test_credential_directories_and_the_login_file_are_credential_shaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path / "cfg"))
    assert is_credential_shaped(tmp_path / "cfg" / "config.toml")
    assert is_credential_shaped(tmp_path / ".ssh" / "known_hosts")
    assert is_credential_shaped(tmp_path / ".config" / "gh" / "hosts.yml")
    assert not is_credential_shaped(tmp_path / "notes" / "report.md")


def test_understand_takes_a_non_empty_json_object_as_its_schema() -> None:
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}
    assert check_schema(schema) == schema
    bad: object
    for bad in ({}, [], "a schema", None, 3):
        assert check_schema(bad) is None


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("missing", "job_status(job_spec_id='js_1')"),
        ("unparsable", "`convilyn goals download js_1 --artifact art_1 -o DIR`"),
        ("too_large", "`convilyn goals download js_1 --artifact art_1 -o DIR`"),
    ],
)
def test_an_unusable_understand_result_says_why_and_where_the_json_is(
    reason: Any, says: str
) -> None:
    exc = GoalArtifactUnusableError(
        job_spec_id="js_1",
        kind="json",
        reason=reason,
        job_status="partial" if reason == "missing" else "completed",
        artifact_id=None if reason == "missing" else "art_1",
        size_bytes=9 << 20,
        max_bytes=8 << 20,
        detail="Expecting value",
    )
    out = unusable_refusal(exc)
    assert out["ok"] is False
    assert out["error_type"] == "GoalArtifactUnusableError"
    assert out["reason"] == reason
    assert out["job_spec_id"] == "js_1"
    assert says in out["hint"]


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_server_imports_only_the_public_sdk() -> None:
    private = {
        (path.name, name)
        for path in MCP_SOURCE.glob("*.py")
        for name in _imports(path)
        if name.startswith("convilyn.") and any(part.startswith("_") for part in name.split("."))
    }
    assert private == set()
    uses_mcp = {
        path.name
        for path in MCP_SOURCE.glob("*.py")
        if any(n.split(".")[0] in ("mcp", "mcp_types") for n in _imports(path))
    }
    assert uses_mcp == {"server.py"}


def test_importing_the_package_and_the_installer_does_not_load_mcp() -> None:
    code = (
        "import sys, convilyn.mcp, convilyn.mcp.install, convilyn.mcp.tools, convilyn.mcp.jobs, "
        "convilyn.mcp.understand; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'mcp_types')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PYTHONPATH": str(REPO / "src")},
    )
    assert out.stdout.strip() == "[]"


# `convilyn goals cancel ...`: an f-string's literal part ends at its first placeholder.
COMMAND = re.compile(r"`convilyn((?: [a-z][a-z-]*)+)([^`]*)")
FLAG = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")


def _tree() -> dict[tuple[str, ...], set[str]]:
    tree: dict[tuple[str, ...], set[str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        tree[path] = {option for action in parser._actions for option in action.option_strings}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))

    walk(build_parser(), ())
    return tree


def test_every_command_the_results_name_exists() -> None:
    tree = _tree()
    named = []
    for path in MCP_SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named += [(path.name, m.group(1), m.group(2)) for m in COMMAND.finditer(node.value)]
    assert len(named) >= 8
    for where, words, rest in named:
        command = tuple(words.split())
        while command and command not in tree:
            command = command[:-1]  # the rest are positional values (`convert download JOB`)
        is_group = any(len(k) > len(command) and k[: len(command)] == command for k in tree)
        assert command, f"{where}: no command `convilyn{words}`"
        assert not is_group, f"{where}: `convilyn{words}` names no command of its group"
        for flag in FLAG.findall(rest):
            assert flag in tree[command], f"{where}: `convilyn{words}` takes no {flag}"
