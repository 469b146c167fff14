"""``goals status JOB --watch``: one line per change until the job stops or needs input, with
the exit codes of ``goals wait``; against a sandbox paced so that a run has visible steps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CLI, assert_one_line_error, check_shape, clean_env, write


@pytest.fixture(scope="module")
def paced() -> Iterator[Any]:
    from convilyn.sandbox import Sandbox

    # A document_summary run takes 5 s: far longer than a command takes to start and poll once.
    with Sandbox(speed=0.3, self_check=True) as sb:
        yield sb


@pytest.fixture
def watch_cli(paced: Any, tmp_path: Path) -> CLI:
    work = tmp_path / "work"
    work.mkdir()
    env = clean_env(
        CONVILYN_BASE_URL=paced.base_url,
        CONVILYN_API_KEY=paced.new_key("pro"),
        CONVILYN_CONFIG_DIR=str(tmp_path / "config"),
    )
    return CLI(work, env)


def start(cli: CLI, path: Path) -> str:
    started = cli(
        "goals", "start", "--workflow", "goal_lane.document_summary", str(path),
        "--slot", "length=short", "--json",
    )  # fmt: skip
    job_id: str = started.json["job_spec_id"]
    return job_id


def test_watch_prints_each_change_until_the_job_is_done(watch_cli: CLI, tmp_path: Path) -> None:
    job_id = start(watch_cli, write(tmp_path / "notes.md", "# Notes\n"))
    # Being analysed, then waiting for a confirm: the watch stops there, exit 4.
    waiting = watch_cli("goals", "status", job_id, "--watch", expect=4)
    assert_one_line_error(waiting, "waits for a confirm", f"convilyn goals confirm {job_id}")
    assert [line.split()[1] for line in waiting.stdout.splitlines()][-1] == "ready"
    watch_cli("goals", "confirm", job_id)
    watched = watch_cli("goals", "status", job_id, "--watch")
    changes = watched.stdout.split("\n\n")[0].splitlines()
    statuses = [line.split()[1] for line in changes]
    assert len(changes) >= 2, watched.stdout  # it refreshed: more than the final state
    assert len(set(changes)) == len(changes)  # a change is printed once
    assert statuses[-1] == "completed"
    assert "executing" in statuses[:-1] or "queued" in statuses[:-1]
    assert changes[-1].split()[2] == "100%"
    assert "status:   completed" in watched.stdout  # then the job, as `goals wait` shows it
    again = watch_cli("goals", "status", job_id, "--watch", "--json")
    check_shape("goals status --watch", again.json)
    assert again.json["status"] == "completed"


def test_watch_exits_3_when_the_job_fails(watch_cli: CLI, tmp_path: Path) -> None:
    job_id = start(watch_cli, write(tmp_path / "flaky__fail_once__.md", "# CV\n"))
    watch_cli("goals", "status", job_id, "--watch", expect=4)  # until it waits for the confirm
    watch_cli("goals", "confirm", job_id)
    failed = watch_cli("goals", "status", job_id, "--watch", "--json", expect=3)
    assert failed.json["error"]["kind"] == "job_failed"
    assert failed.json["error"]["job_spec_id"] == job_id
    slow = start(watch_cli, write(tmp_path / "b.md"))
    watch_cli("goals", "status", slow, "--watch", expect=4)
    watch_cli("goals", "confirm", slow)
    timed_out = watch_cli("goals", "status", slow, "--watch", "--wait-timeout", "0.5", expect=3)
    assert_one_line_error(timed_out, f"convilyn goals wait {slow}")
