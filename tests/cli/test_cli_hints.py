"""Every command and flag the CLI's texts name exists: the hints after "Try:", the help
descriptions and the examples. Walks every string literal of the CLI's source against the
argument parser itself, so a renamed flag or a removed command cannot leave a hint behind."""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from convilyn.cli._app import build_parser

CLI_SOURCE = Path(__file__).resolve().parents[2] / "src" / "convilyn" / "cli"
# "convilyn goals fill-slot", up to the first placeholder, quote, bracket or sentence end.
COMMAND = re.compile(r"\bconvilyn((?: [a-z][a-z-]*)+)((?: [^`'\"()\n;,]*)?)")
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]+)")
# Words after "convilyn" in prose, not commands ("the convilyn command", "convilyn login").
NOT_COMMANDS = {"command", "sandbox's", "package", "logger", "developers"}


def command_tree() -> dict[tuple[str, ...], set[str]]:
    """Every command path and the options it takes (the global ones included)."""
    tree: dict[tuple[str, ...], set[str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        tree[path] = {option for action in parser._actions for option in action.option_strings}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))

    walk(build_parser(), ())
    return tree


def texts() -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every string literal of the CLI (each literal part of an
    f-string on its own: a placeholder ends a command)."""
    for path in sorted(CLI_SOURCE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.name}:{node.lineno}", node.value


TREE = command_tree()
ALL_FLAGS = set().union(*TREE.values())


def named_commands() -> list[tuple[str, tuple[str, ...], list[str]]]:
    found = []
    for where, text in texts():
        for match in COMMAND.finditer(text):
            words = tuple(match.group(1).split())
            if words[0] in NOT_COMMANDS:
                continue
            found.append((where, words, FLAG.findall(match.group(2) or "")))
    return found


def test_the_walk_finds_the_hints() -> None:
    commands = {" ".join(words) for _, words, _ in named_commands()}
    assert {"goals fill-slot", "goals confirm", "convert download", "workflows catalog"} <= commands


@pytest.mark.parametrize(("where", "words", "flags"), named_commands())
def test_every_named_command_and_its_flags_exist(
    where: str, words: tuple[str, ...], flags: list[str]
) -> None:
    path: tuple[str, ...] = ()
    for word in words:
        if (*path, word) not in TREE:
            break
        path = (*path, word)
    assert path, f"{where}: `convilyn {' '.join(words)}` names no command"
    leftover = words[len(path) :]
    if path in {("goals",), ("files",), ("workflows",), ("account",)} and leftover:
        pytest.fail(f"{where}: `convilyn {' '.join(words)}`: no command {leftover[0]!r}")
    for flag in flags:
        assert flag in TREE[path], f"{where}: `convilyn {' '.join(path)}` has no {flag}"


@pytest.mark.parametrize(
    ("where", "flag"),
    [(where, flag) for where, text in texts() for flag in FLAG.findall(text)],
)
def test_every_flag_named_anywhere_exists(where: str, flag: str) -> None:
    assert flag in ALL_FLAGS, f"{where}: no command takes {flag}"


SDK_SPELLING = re.compile(r"\b[a-z_]+=(?:True|False|None|\.\.\.)|\b[a-z]+_[a-z_]+=")


def hints() -> Iterator[tuple[str, str]]:
    """The texts after "Try:": every ``hint=`` argument, and the hint tables of _errors."""
    for path in sorted(CLI_SOURCE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values: list[ast.AST] = []
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "hint"]
            elif isinstance(node, ast.Dict) and path.name == "_errors.py":
                values = [v for v in node.values if v is not None]
            for value in values:
                for part in ast.walk(value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        yield f"{path.name}:{part.lineno}", part.value


def test_hints_speak_cli_not_sdk() -> None:
    """A hint names a flag to pass, never an SDK keyword (``overwrite=True``)."""
    found = list(hints())
    assert len(found) > 30
    sdk = [(where, text) for where, text in found if SDK_SPELLING.search(text)]
    assert not sdk, sdk
