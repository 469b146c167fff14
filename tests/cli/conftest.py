"""Run the real ``convilyn`` command as a subprocess against a sandbox (speed 0).

Every test gets a fresh account (a new key), its own working directory and its own config
directory, so tests never see each other's files, jobs or stored keys.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from convilyn.cli.shapes import schema_for

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"


def convilyn_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m convilyn.cli``."""
    script = Path(sys.executable).with_name("convilyn")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "convilyn.cli"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVILYN_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


@dataclass
class Result:
    args: list[str]
    code: int
    stdout: str
    stderr: str
    _json: Any = field(default=None, repr=False)

    @property
    def json(self) -> Any:
        if self._json is None:
            try:
                self._json = json.loads(self.stdout)
            except ValueError as exc:
                raise AssertionError(f"stdout is not one JSON document:\n{self}") from exc
        return self._json

    @property
    def lines(self) -> list[Any]:
        """NDJSON: one JSON object per non-empty stdout line."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def __str__(self) -> str:
        return (
            f"$ convilyn {' '.join(self.args)}\n-> exit {self.code}\n"
            f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"
        )


class CLI:
    def __init__(self, cwd: Path, env: Mapping[str, str]) -> None:
        self.cwd = cwd
        self.env = dict(env)

    def __call__(
        self,
        *args: str,
        input: str | None = None,
        env: Mapping[str, str | None] | None = None,
        expect: int | None = 0,
        timeout: float = 60,
    ) -> Result:
        full_env = dict(self.env)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        proc = subprocess.run(
            [*convilyn_command(), *args],
            cwd=self.cwd,
            env=full_env,
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        result = Result(list(args), proc.returncode, proc.stdout, proc.stderr)
        if expect is not None:
            assert proc.returncode == expect, str(result)
        return result

    def many(self, *commands: tuple[str, ...], expect: int | None = 0) -> list[Result]:
        """Independent commands run concurrently (each is a ~0.4 s process start)."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(self, *args, expect=expect) for args in commands]
            return [f.result() for f in futures]


def check_shape(command: str, document: Any) -> None:
    """The document matches the JSON Schema documented for ``command`` in convilyn.cli.shapes."""
    validator = jsonschema_rs.validator_for(schema_for(command))
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, f"{command!r} output does not match its documented shape: {errors}"


def assert_one_line_error(result: Result, *needles: str) -> str:
    """stderr is exactly one line starting with ``convilyn:`` (no traceback) with the needles."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("convilyn: ") and ": warning:" not in line]
    assert len(errors) == 1, str(result)
    assert "Traceback" not in result.stderr, str(result)
    for needle in needles:
        assert needle in errors[0], f"{needle!r} not in {errors[0]!r}"
    return errors[0]


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Any]:
    from convilyn.sandbox import Sandbox

    with Sandbox(speed=0, self_check=True) as sb:
        yield sb


@pytest.fixture
def api_key(sandbox: Any) -> str:
    key: str = sandbox.new_key("pro")
    return key


@pytest.fixture
def cli(sandbox: Any, api_key: str, tmp_path: Path) -> CLI:
    work = tmp_path / "work"
    work.mkdir()
    env = clean_env(
        CONVILYN_BASE_URL=sandbox.base_url,
        CONVILYN_API_KEY=api_key,
        CONVILYN_CONFIG_DIR=str(tmp_path / "config"),
    )
    return CLI(work, env)


@pytest.fixture
def offline_cli(tmp_path: Path) -> CLI:
    """No server, no key: for commands that must work (or fail) without one."""
    work = tmp_path / "work"
    work.mkdir()
    return CLI(work, clean_env(CONVILYN_CONFIG_DIR=str(tmp_path / "config")))


def write(path: Path, text: str = "hello\n") -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def resume() -> Path:
    return DEMO / "resume.md"


@pytest.fixture
def job_description() -> Path:
    return DEMO / "job_description.md"
