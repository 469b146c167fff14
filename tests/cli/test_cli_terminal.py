"""A real terminal session (pseudo-terminal): progress bars, the checkpoint preview, the
interactive slot prompt, and Ctrl-C."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import clean_env, convilyn_command

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@pytest.fixture(scope="module")
def paced_sandbox() -> Iterator[Any]:
    """A sandbox at a visible pace: a resume_tailor run takes about a second."""
    from convilyn.sandbox import Sandbox

    with Sandbox(speed=3) as sb:
        yield sb


def spawn(sandbox: Any, tmp_path: Path, *args: str) -> Any:
    env = clean_env(
        CONVILYN_BASE_URL=sandbox.base_url,
        CONVILYN_API_KEY=sandbox.new_key("pro"),
        CONVILYN_CONFIG_DIR=str(tmp_path / "config"),
        TERM="xterm-256color",
    )
    env.pop("NO_COLOR")
    command, *rest = convilyn_command()
    return pexpect.spawn(
        command,
        [*rest, *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 160),
    )


def test_terminal_shows_progress_and_asks_for_slots(
    paced_sandbox: Any, tmp_path: Path, resume: Path
) -> None:
    child = spawn(
        paced_sandbox, tmp_path,
        "goals", "run", "--workflow", "goal_lane.resume_tailor", str(resume),
        "--slot", "target_role=Staff Engineer", "-o", "out/",
    )  # fmt: skip
    transcript: list[str] = []

    def expect(pattern: str) -> None:
        child.expect(pattern)
        transcript.append(child.before + child.after)

    expect(r"upload resume\.md")  # the byte bar of the upload
    expect(r"\? Which tone should the resume take\?")
    expect(r"1\) professional\s+\(suggested\)")
    expect(r"answer \[professional\]: ")
    child.sendline("")  # Enter: take the suggested value
    expect(r"checkpoint|profile_review")  # the checkpoint's preview, above the bar
    expect(r"Detected roles")
    expect(r"\? .*\(confirmed_titles, text\)")
    expect(r"answer: ")
    child.sendline('["Tech Lead"]')
    expect(r"completed")
    expect(r"it contains 2 file\(s\)")
    child.expect(pexpect.EOF)
    transcript.append(child.before)
    child.close()
    screen = "".join(transcript)
    assert child.exitstatus == 0, screen
    assert "━" in screen, "a progress bar was drawn"
    assert "executing" in screen, "the job bar shows the status"
    assert "%" in screen, "the job bar shows the progress"
    assert len(list((tmp_path / "out").glob("js_*.zip"))) == 1


@pytest.fixture
def slow_sandbox() -> Iterator[Any]:
    """A sandbox slow enough that a job is still executing seconds after it says so: Ctrl-C
    never races the job's end, however loaded the machine (at speed 3 it could finish first)."""
    from convilyn.sandbox import Sandbox

    with Sandbox(speed=0.2) as sb:
        yield sb


def test_ctrl_c_exits_130_and_says_the_job_keeps_running(
    slow_sandbox: Any, tmp_path: Path, resume: Path
) -> None:
    child = spawn(
        slow_sandbox, tmp_path,
        "goals", "run", "--workflow", "goal_lane.document_summary", str(resume),
        "--slot", "length=long", "--no-download",
    )  # fmt: skip
    child.expect("executing")
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130, output
    assert "interrupted" in output
    assert "keeps running" in output
    assert "Traceback" not in output


def test_ctrl_d_at_a_slot_prompt_is_no_answer_exit_4_naming_the_job(
    paced_sandbox: Any, tmp_path: Path, resume: Path
) -> None:
    child = spawn(
        paced_sandbox, tmp_path,
        "goals", "run", "--workflow", "goal_lane.resume_tailor", str(resume), "--no-download",
    )  # fmt: skip
    child.expect("answer")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 4, output
    assert "needs input" in output
    assert "goals fill-slot js_" in output
    assert "EOFError" not in output
    assert "Traceback" not in output


def test_convert_in_a_terminal_shows_its_progress_and_saves_the_copy(
    paced_sandbox: Any, tmp_path: Path, resume: Path
) -> None:
    # The job bar takes goal snapshots and conversion jobs alike; a conversion has no preview.
    child = spawn(paced_sandbox, tmp_path, "convert", str(resume), "--to", "pdf", "-o", "out/")
    child.expect("convert")
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 0, output
    assert "Traceback" not in output
    assert "AttributeError" not in output
    assert list((tmp_path / "out").glob("*.pdf")), output
