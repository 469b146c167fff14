"""``goals`` against the sandbox: the driven run, the step-by-step lane, events, failures."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .conftest import CLI, assert_one_line_error, check_shape, write

TAILOR = ("--workflow", "goal_lane.resume_tailor")
SLOTS = (
    "--slot", "target_role=Staff Backend Engineer",
    "--slot", "tone=professional",
    "--slot", 'confirmed_titles=["Tech Lead", "Senior Engineer"]',
)  # fmt: skip
OUTPUTS = {"tailored_resume.docx", "changes.md"}


def test_run_answers_slots_and_the_checkpoint_and_downloads_the_zip(
    cli: CLI, resume: Path, job_description: Path
) -> None:
    result = cli(
        "goals", "run", *TAILOR, str(resume), str(job_description), *SLOTS, "-o", "out/",
        "--json",
    )  # fmt: skip
    check_shape("goals run", result.json)
    job, download = result.json["job"], result.json["download"]
    assert job["status"] == "completed"
    assert len(job["file_ids"]) == 2
    assert job["filled_slots"]["confirmed_titles"] == ["Tech Lead", "Senior Engineer"]
    assert {e["name"] for e in download["entries"]} == OUTPUTS
    with zipfile.ZipFile(cli.cwd / download["path"]) as archive:
        assert set(archive.namelist()) == OUTPUTS

    human = cli("goals", "run", *TAILOR, str(resume), *SLOTS, "-o", "out/", "--overwrite")
    assert "completed" in human.stdout
    assert "it contains 2 file(s)" in human.stdout
    assert "changes.md" in human.stdout
    assert "uploaded resume.md" in human.stderr  # notes go to stderr, results to stdout


def test_run_ndjson_prints_one_event_per_line(cli: CLI, resume: Path) -> None:
    result = cli("goals", "run", *TAILOR, str(resume), *SLOTS, "--ndjson", "-o", "out/")
    events = result.lines
    for event in events:
        check_shape("goals run --ndjson", event)
    types = [e["type"] for e in events]
    assert types[0] == "uploaded"
    assert types[-1] == "downloaded"
    assert "completed" in types
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    created = types.index("created")
    assert events[created - 1]["type"] == "uploaded"
    job_id = events[created]["job_spec_id"]
    assert job_id
    assert all(e["job_spec_id"] == job_id for e in events[created:])
    needed = [e["data"] for e in events if e["type"] == "slot_needed"]
    assert [n["slot_id"] for n in needed] == ["target_role", "tone", "confirmed_titles"]
    assert needed[-1]["preview"], "the checkpoint's preview travels with its slot"
    # Status and progress lines are the SDK's derivation, as `goals events` yields them.
    derived = [e for e in events if e["type"] in ("status", "progress", "completed")]
    assert {e["data"]["source"] for e in derived} == {"poll"}
    assert [e["data"]["status"] for e in derived if e["type"] == "status"][-1] == "completed"
    assert cli("goals", "run", *TAILOR, "--ndjson", "--json", expect=1).json["error"]


def test_run_without_an_answer_exits_4_naming_the_slots(cli: CLI, resume: Path) -> None:
    before = cli(
        "goals", "run", *TAILOR, str(resume), "--slot", "target_role=Engineer", "--json",
        expect=4,
    )  # fmt: skip
    check_shape("error", before.json)
    error = before.json["error"]
    assert error["pending_slots"] == ["tone"]
    assert error["status"] == "slots_pending"
    assert error["job_spec_id"].startswith("js_")

    at_checkpoint = cli(
        "goals", "run", *TAILOR, str(resume), "--slot", "target_role=Engineer",
        "--slot", "tone=bold",
        expect=4,
    )  # fmt: skip
    line = assert_one_line_error(at_checkpoint, "confirmed_titles", "goals fill-slot")
    assert "target_role" not in line.split("Try:")[0]


def test_the_goal_lane_step_by_step(cli: CLI, resume: Path) -> None:
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    started = cli(
        "goals", "start", *TAILOR, "--file-id", file_id, "--slot", "target_role=Staff Engineer",
        "--json",
    )  # fmt: skip
    check_shape("goals start", started.json)
    job_id = started.json["job_spec_id"]

    status, full = cli.many(
        ("goals", "status", job_id, "--json"), ("goals", "status", job_id, "--full", "--json")
    )
    check_shape("goals status", status.json)
    check_shape("goals status --full", full.json)
    assert [s["slot_id"] for s in full.json["pending_slots"]] == ["tone"]

    filled = cli("goals", "fill-slot", job_id, "tone=friendly", "--json")
    check_shape("goals fill-slot", filled.json)
    assert filled.json["status"] == "ready"
    confirmed = cli("goals", "confirm", job_id, "--json")
    check_shape("goals confirm", confirmed.json)

    paused = cli("goals", "wait", job_id, "--json", expect=4)
    assert paused.json["error"]["pending_slots"] == ["confirmed_titles"]
    human_status = cli("goals", "status", job_id)
    assert "checkpoint profile_review" in human_status.stdout
    assert "needs confirmed_titles" in human_status.stdout

    cli("goals", "fill-slot", job_id, 'confirmed_titles=["Tech Lead"]')
    cli("goals", "confirm", job_id)
    done = cli("goals", "wait", job_id, "--json")
    check_shape("goals wait", done.json)
    assert done.json["status"] == "completed"

    artifacts, zipped, events = cli.many(
        ("goals", "artifacts", job_id, "--json"),
        ("goals", "download", job_id, "-o", "results.zip", "--json"),
        ("goals", "events", job_id),
    )
    check_shape("goals artifacts", artifacts.json)
    assert {a["file_name"] for a in artifacts.json["artifacts"]} == OUTPUTS
    check_shape("goals download", zipped.json)
    assert {e["name"] for e in zipped.json["entries"]} == OUTPUTS
    lines = events.lines
    for event in lines:
        check_shape("goals events", event)
    assert lines[-1]["type"] == "completed"
    assert events.stderr == ""

    primary = next(a for a in artifacts.json["artifacts"] if a["is_primary"])
    one = cli("goals", "download", job_id, "--artifact", primary["artifact_id"], "--json")
    assert one.json["path"].endswith("tailored_resume.docx")
    assert one.json["entries"] is None
    assert cli("goals", "artifacts", job_id).stdout.count("\n") == 3  # header + 2 rows


def test_failed_job_exits_3_then_retry_and_cancel(cli: CLI, tmp_path: Path) -> None:
    flaky = write(tmp_path / "flaky__fail_once__.md", "# CV\n")
    failed = cli(
        "goals", "run", "--workflow", "goal_lane.document_summary", str(flaky),
        "--slot", "length=short", "--json",
        expect=3,
    )  # fmt: skip
    check_shape("error", failed.json)
    job_id = failed.json["error"]["job_spec_id"]
    assert failed.json["error"]["kind"] == "job_failed"

    retried = cli("goals", "retry", job_id, "--reason", "flaky input", "--json")
    check_shape("goals retry", retried.json)
    assert cli("goals", "wait", job_id, "--json").json["status"] == "completed"

    started = cli("goals", "start", "--goal", "Summarise this", "--file-id",
                  retried.json["file_ids"][0], "--json")  # fmt: skip
    cancelled = cli("goals", "cancel", started.json["job_spec_id"], "--json")
    check_shape("goals cancel", cancelled.json)
    assert cancelled.json["status"] == "cancelled"
    again = cli("goals", "cancel", started.json["job_spec_id"], expect=2)
    assert_one_line_error(again, "409", "request id")
    waited = cli("goals", "wait", started.json["job_spec_id"], expect=3)
    assert_one_line_error(waited, "cancelled")


def test_partial_result_warns_and_still_downloads(cli: CLI, tmp_path: Path) -> None:
    half = write(tmp_path / "half__partial__.md", "# CV\n")
    result = cli(
        "goals", "run", "--workflow", "goal_lane.document_summary", str(half),
        "--slot", "length=medium", "-o", "out/",
    )  # fmt: skip
    assert "partial" in result.stdout
    assert "warning: goal job" in result.stderr
    assert [p.name.startswith("js_") for p in (cli.cwd / "out").glob("*.zip")] == [True]


def test_results_already_there_never_cost_a_run(cli: CLI, resume: Path) -> None:
    """A file at -o is refused before anything is uploaded or run; a folder holding earlier
    results takes the next run's ZIP beside them (named after the job)."""
    taken = cli.cwd / "taken.zip"
    taken.write_bytes(b"mine")
    before = len(cli("files", "list", "--json").json["files"])
    refused = cli(
        "goals", "run", "--workflow", "goal_lane.document_summary", str(resume),
        "--slot", "length=short", "-o", str(taken), expect=1,
    )  # fmt: skip
    assert_one_line_error(refused, "taken.zip already exists", "--overwrite")
    assert len(cli("files", "list", "--json").json["files"]) == before  # nothing uploaded
    assert taken.read_bytes() == b"mine"
    folder = cli.cwd / "results"
    folder.mkdir()
    (folder / "output.zip").write_bytes(b"an earlier run's")
    for _ in range(2):
        cli(
            "goals", "run", "--workflow", "goal_lane.document_summary", str(resume),
            "--slot", "length=short", "-o", "results/",
        )  # fmt: skip
    assert len(list(folder.glob("js_*.zip"))) == 2
    assert (folder / "output.zip").read_bytes() == b"an earlier run's"


def test_run_ndjson_error_is_one_json_line_too(cli: CLI, resume: Path) -> None:
    # A consumer reads the stream line by line: the closing error must not break that.
    result = cli("goals", "run", *TAILOR, str(resume), "--ndjson", expect=4)
    lines = result.lines
    assert lines[-1]["error"]["exit_code"] == 4
    check_shape("error", lines[-1])


def test_run_checks_local_files_against_the_workflow_before_uploading(
    cli: CLI, tmp_path: Path, resume: Path
) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as f:
        f.truncate(10 * 1024 * 1024 + 1)  # resume_tailor takes at most 10 MiB
    too_big = cli("goals", "run", *TAILOR, str(big), expect=1)
    assert_one_line_error(too_big, "big.md", "10485760")
    wrong = cli("goals", "run", "--workflow", "goal_lane.data_report", str(resume), expect=1)
    assert_one_line_error(wrong, "resume.md", "csv")
    few = cli("goals", "run", "--workflow", "goal_lane.cover_letter", str(resume), expect=1)
    assert_one_line_error(few, "at least 2")
    assert "uploaded" not in too_big.stderr + wrong.stderr + few.stderr
    assert cli("files", "list", "--json").json["files"] == []  # nothing was uploaded


def test_wait_needing_input_suggests_commands_wait_understands(cli: CLI, resume: Path) -> None:
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    job_id = cli("goals", "start", *TAILOR, "--file-id", file_id, "--json").json["job_spec_id"]
    waited = cli("goals", "wait", job_id, expect=4)
    line = assert_one_line_error(waited, f"goals fill-slot {job_id}")
    assert "--slot" not in line  # `goals wait` has no --slot


def test_a_refused_step_hints_at_the_job_it_was_for(cli: CLI, resume: Path) -> None:
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    job_id = cli("goals", "start", *TAILOR, "--file-id", file_id, "--json").json["job_spec_id"]
    early = cli("goals", "confirm", job_id, expect=2)  # its slots are still pending: a 400
    hint = assert_one_line_error(early, "400").split("Try:")[1]
    assert f"`convilyn goals status {job_id}`" in hint


def test_not_found_hints_name_what_was_not_found(cli: CLI, resume: Path) -> None:
    job, file, workflow = cli.many(
        ("goals", "status", "js_does_not_exist"),
        ("files", "delete", "file_does_not_exist"),
        ("workflows", "get", "wf_does_not_exist"),
        expect=2,
    )
    job_hint = assert_one_line_error(job, "404").split("Try:")[1]
    assert "goals status" in job_hint
    assert "job id" in job_hint
    assert "files list" not in job_hint
    assert "workflows catalog" not in job_hint
    file_hint = assert_one_line_error(file, "404").split("Try:")[1]
    assert "files list" in file_hint
    assert "workflows" not in file_hint
    wf_hint = assert_one_line_error(workflow, "404").split("Try:")[1]
    assert "workflows catalog" in wf_hint
    assert "files list" not in wf_hint


def test_a_404_outside_the_catalog_does_not_point_to_it(cli: CLI, resume: Path) -> None:
    # A user workflow and one being published are not in the catalog, though the 404 says
    # "Workflow ... not found"; a catalog read (`workflows get`) is covered above.
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    started, published = cli.many(
        ("goals", "start", "--user-workflow", "uw_does_not_exist", "--file-id", file_id),
        ("workflows", "publish", "wf_does_not_exist", "--item-version", "1"),
        expect=2,
    )
    for result in (started, published):
        hint = assert_one_line_error(result, "404", "not found").split("Try:")[1]
        assert "workflows catalog" not in hint
        assert "check the id" in hint


def test_cancelling_a_finished_job_says_it_already_ended(cli: CLI, resume: Path) -> None:
    file_id = cli("files", "upload", str(resume), "--json").json["files"][0]["file_id"]
    job_id = cli("goals", "start", *TAILOR, "--file-id", file_id, "--json").json["job_spec_id"]
    cli("goals", "cancel", job_id)
    again = cli("goals", "cancel", job_id, expect=2)
    line = assert_one_line_error(again, "409", "already")
    assert "retry" not in line.split("Try:")[1]


def test_start_while_preparing_prints_the_next_step(tmp_path: Path, resume: Path) -> None:
    from convilyn.sandbox import Sandbox

    from .conftest import clean_env

    with Sandbox(speed=0.01) as slow:  # created/analyzing last many seconds
        env = clean_env(
            CONVILYN_BASE_URL=slow.base_url,
            CONVILYN_API_KEY=slow.new_key("pro"),
            CONVILYN_CONFIG_DIR=str(tmp_path / "config"),
        )
        slow_cli = CLI(tmp_path, env)
        started = slow_cli("goals", "start", *TAILOR, str(resume))
    job_id = next(w for w in started.stdout.split() if w.startswith("js_"))
    assert "created" in started.stdout or "analyzing" in started.stdout
    assert f"next: convilyn goals wait {job_id}" in started.stdout


def test_repeated_slot_keys_are_refused(offline_cli: CLI) -> None:
    result = offline_cli(
        "goals", "run", "--workflow", "w", "--slot", "tone=a", "--slot", "tone=b", expect=1
    )
    assert_one_line_error(result, "tone", "more than once")


def test_a_rejected_answer_after_creation_names_the_job(cli: CLI, resume: Path) -> None:
    result = cli(
        "goals", "run", *TAILOR, str(resume), "--slot", "target_role=Engineer",
        "--slot", "tone=weird", "--json",
        expect=2,
    )  # fmt: skip
    check_shape("error", result.json)
    error = result.json["error"]
    assert error["status_code"] == 422
    job_id = error["job_spec_id"]
    assert job_id.startswith("js_")
    assert "fill-slot" in error["hint"]
    assert "cancel" in error["hint"]
    human = cli(
        "goals", "run", *TAILOR, str(resume), "--slot", "target_role=Engineer",
        "--slot", "tone=weird",
        expect=2,
    )  # fmt: skip
    line = assert_one_line_error(human, "422", "js_", "goals fill-slot", "goals cancel")
    assert line.split("Try:")[0].count("js_") == 1


def test_run_checks_the_workflow_and_the_plan_before_uploading(
    cli: CLI, sandbox: Any, resume: Path, tmp_path: Path
) -> None:
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF-1.7 a contract")
    unknown = cli("goals", "run", "--workflow", "goal_lane.nope", str(resume), expect=1)
    assert_one_line_error(unknown, "goal_lane.nope is not in", "workflows catalog")
    free = {"CONVILYN_API_KEY": sandbox.new_key("free")}
    pro_only = cli(
        "goals", "run", "--workflow", "goal_lane.contract_review", str(contract), "--json",
        env=free, expect=2,
    )  # fmt: skip
    assert pro_only.json["error"]["code"] == "PRO_TIER_REQUIRED"
    assert "nothing was uploaded" in pro_only.json["error"]["message"]
    assert cli("files", "list", "--json", env=free).json["files"] == []
    assert cli("files", "list", "--json").json["files"] == []


def test_a_mistyped_slot_key_is_refused_before_uploading(cli: CLI, resume: Path) -> None:
    typo = cli(
        "goals", "run", "--workflow", "goal_lane.document_summary", str(resume),
        "--slot", "lenght=short", "--json", expect=1,
    )  # fmt: skip
    assert "did you mean 'length'" in typo.json["error"]["message"]
    assert cli("files", "list", "--json").json["files"] == []
    unasked = cli(
        "goals", "run", "--workflow", "goal_lane.document_summary", str(resume),
        "--slot", "length=short", "--slot", "colour=blue", "--no-download",
    )  # fmt: skip
    assert "warning: goal job js_" in unasked.stderr
    assert "never asked for colour" in unasked.stderr
