"""``--dry-run`` on the commands that upload or spend (``convert``, ``goals run``, ``goals
start``): everything checked that reads allow, the cost named, and nothing created (the
sandbox's counters say so)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import CLI, assert_one_line_error, check_shape, write

TAILOR = ("--workflow", "goal_lane.resume_tailor")
WRITES = ("presignUpload", "confirmUpload", "uploadFile", "createConvertJob", "createGoalJob")


def writes(sandbox: Any) -> dict[str, Any]:
    """What would show that something was created: the counters, and the writing calls."""
    stats = sandbox.stats()
    by_op = stats["byOperation"]
    return {"created": stats["created"], **{op: by_op.get(op, 0) for op in WRITES}}


def test_goals_run_dry_run_checks_and_names_the_cost_and_creates_nothing(
    cli: CLI, sandbox: Any, resume: Path, job_description: Path
) -> None:
    before = writes(sandbox)
    result = cli(
        "goals", "run", *TAILOR, str(resume), str(job_description),
        "--slot", "target_role=Staff Engineer", "-o", "results/", "--dry-run", "--json",
    )  # fmt: skip
    check_shape("goals run --dry-run", result.json)
    doc = result.json
    assert doc["workflow_id"] == "goal_lane.resume_tailor"
    assert doc["slots"] == {"target_role": "Staff Engineer"}
    assert doc["would"][0].startswith(f"upload {resume}")
    assert any("download the results to results/" in step for step in doc["would"])
    cost = doc["cost"]
    assert cost["estimated_micro_u"] > 0
    assert cost["quota_state"] == "ok"
    assert cost["tier"] == "pro"
    assert cost["balance_credits"] > 0
    assert any("catalog" in item for item in doc["checked"])
    assert writes(sandbox) == before
    assert not (cli.cwd / "results").exists()

    human = cli("goals", "run", *TAILOR, str(resume), str(job_description), "--dry-run")
    assert f"would upload {resume}" in human.stdout
    assert "cost: estimated" in human.stdout
    assert "micro-U" in human.stdout
    assert "quota ok on the pro plan" in human.stdout
    assert "nothing was uploaded, created or charged" in human.stdout
    assert writes(sandbox) == before


def test_goals_dry_run_refuses_what_the_run_would_refuse(
    cli: CLI, sandbox: Any, resume: Path, tmp_path: Path
) -> None:
    before = writes(sandbox)
    typo = cli(
        "goals", "run", *TAILOR, str(resume), "--slot", "target_rol=x", "--dry-run", expect=1
    )
    assert_one_line_error(typo, "target_rol")
    stream = cli("goals", "run", *TAILOR, str(resume), "--dry-run", "--ndjson", expect=1)
    assert_one_line_error(stream, "--json")
    unknown = cli("goals", "start", *TAILOR, "--file-id", "file_nope", "--dry-run", expect=1)
    assert_one_line_error(unknown, "no stored file file_nope", "convilyn files list")
    missing = cli("goals", "start", "--goal", "Summarise", "nope.md", "--dry-run", expect=1)
    assert_one_line_error(missing, "nope.md")
    (cli.cwd / "taken.zip").write_bytes(b"mine")
    taken = cli("goals", "run", *TAILOR, str(resume), "-o", "taken.zip", "--dry-run", expect=1)
    assert_one_line_error(taken, "already exists", "--overwrite")
    free = sandbox.new_key("free")
    contract = write(tmp_path / "contract.pdf", "%PDF-1.4\n")
    plan = cli(
        "goals", "run", "--workflow", "goal_lane.contract_review", str(contract), "--dry-run",
        env={"CONVILYN_API_KEY": free}, expect=2,
    )  # fmt: skip
    assert_one_line_error(plan, "pro")
    assert writes(sandbox) == before


def test_goals_start_dry_run_with_stored_files_and_other_sources(
    cli: CLI, sandbox: Any, resume: Path
) -> None:
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    before = writes(sandbox)
    start = cli("goals", "start", *TAILOR, "--file-id", file_id, "--dry-run", "--json")
    check_shape("goals start --dry-run", start.json)
    assert start.json["file_ids"] == [file_id]
    assert "stored file ids" in start.json["checked"]
    assert "goals status JOB --watch" in start.json["would"][-1]
    own = cli("goals", "start", "--user-workflow", "uw_mine", str(resume), "--dry-run", "--json")
    assert any("uw_mine" in item for item in own.json["not_checked"])
    assert own.json["cost"]["estimated_micro_u"] > 0
    assert writes(sandbox) == before


def test_a_dry_run_without_a_key_checks_locally(offline_cli: CLI, resume: Path) -> None:
    result = offline_cli("goals", "run", *TAILOR, str(resume), "--dry-run", "--json")
    check_shape("goals run --dry-run", result.json)
    assert result.json["cost"] is None
    assert result.json["checked"] == ["the local files"]
    human = offline_cli("goals", "run", *TAILOR, str(resume), "--dry-run")
    assert "cost: unknown without an API key" in human.stdout
    assert "convilyn setup" in human.stdout


def test_convert_dry_run_reads_the_account_and_creates_nothing(
    cli: CLI, sandbox: Any, tmp_path: Path
) -> None:
    doc = write(tmp_path / "notes.md", "# Notes\n")
    before = writes(sandbox)
    result = cli("convert", str(doc), "--to", "pdf", "--dry-run", "--json")
    check_shape("convert --dry-run", result.json)
    assert result.json["cost"]["balance_credits"] > 0
    assert "no cost preview" in result.json["cost"]["basis"]
    assert {"the file", "the format pair", "storage room", "credit balance"} <= set(
        result.json["checked"]
    )
    human = cli("convert", str(doc), "--to", "pdf", "--dry-run")
    assert "would upload" in human.stdout
    assert "cost: the conversion lane has no cost preview" in human.stdout
    assert "balance" in human.stdout
    assert writes(sandbox) == before
    # A stored file: the dry run looks its format up, and refuses an id that names nothing.
    file_id = cli("files", "upload", str(doc), "--json").json["files"][0]["file_id"]
    before = writes(sandbox)
    stored = cli("convert", "--file-id", file_id, "--to", "docx", "--dry-run", "--json")
    assert stored.json["source_format"] == "md"
    unknown = cli("convert", "--file-id", "file_nope", "--to", "pdf", "--dry-run", expect=1)
    assert_one_line_error(unknown, "no stored file file_nope")
    assert writes(sandbox) == before
