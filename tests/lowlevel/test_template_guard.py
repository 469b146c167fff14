"""codegen/template_guard.py: forks pinned to the stock templates they were forked from."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUARD = ROOT / "codegen" / "template_guard.py"


@pytest.fixture
def guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The guard module, pointed at a scratch copy of overrides/."""
    spec = importlib.util.spec_from_file_location("template_guard", GUARD)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    monkeypatch.setattr(module, "FORKS", tmp_path / "overrides" / "templates")
    monkeypatch.setattr(module, "LOCK", tmp_path / "overrides" / "templates.lock")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    return module


def test_repository_forks_match_the_installed_generator() -> None:
    result = subprocess.run(
        [sys.executable, str(GUARD)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "forked templates match" in result.stdout


def test_every_fork_is_pinned_and_says_why(guard: ModuleType) -> None:
    _, locked = guard.read_lock()
    assert sorted(locked) == guard.forked_names()
    for name in guard.forked_names():
        assert "convilyn fork of the stock" in (guard.FORKS / name).read_text()


def test_upstream_change_fails_with_a_clear_message(guard: ModuleType) -> None:
    lock = guard.LOCK.read_text()
    guard.LOCK.write_text(lock.replace(guard.read_lock()[1]["client.py.jinja"], "0" * 64))

    problems = guard.check()

    assert len(problems) == 1
    assert problems[0].startswith("client.py.jinja: the stock template changed upstream")
    assert "--update" in problems[0]
    assert guard.main([]) == 1


def test_new_fork_must_be_pinned(guard: ModuleType) -> None:
    shutil.copy(guard.stock_templates() / "errors.py.jinja", guard.FORKS / "errors.py.jinja")
    assert guard.check() == [
        "errors.py.jinja: forked but not in the lock; pin its stock version with --update"
    ]
    assert guard.main(["--update"]) == 0
    assert guard.check() == []


def test_dropped_fork_must_leave_the_lock(guard: ModuleType) -> None:
    (guard.FORKS / "types.py.jinja").unlink()
    assert guard.check() == [
        "types.py.jinja: in the lock but no longer forked; drop it with --update"
    ]
