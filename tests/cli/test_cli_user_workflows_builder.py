"""``builder`` and ``user-workflows`` against the sandbox: talk a workflow into existence, run
it, list its runs, export, refuse and then archive-delete a public one."""

from __future__ import annotations

import json
from typing import Any

from .conftest import CLI, assert_one_line_error, check_shape


def _build(cli: CLI, goal: str, title: str = "Invoice notes") -> str:
    start = cli("builder", "start", "--mode", "from_scratch", "--title", title, "--json")
    check_shape("builder start", start.json)
    chat = start.json["chat_id"]
    asked = cli("builder", "say", chat, goal, "--json")
    check_shape("builder say", asked.json)
    assert asked.json["verdict_action"] == "request_input"
    staged = cli("builder", "say", chat, "markdown")  # human output
    assert "verdict: stage_draft" in staged.stdout
    assert f"convilyn builder say {chat} register" in staged.stdout
    registered = cli("builder", "say", chat, "register")
    assert "verdict: register" in registered.stdout
    line = next(x for x in registered.stdout.splitlines() if x.startswith("run it:"))
    return line.rsplit(" ", 1)[-1]


def test_build_run_and_list_runs(cli: CLI) -> None:
    uw = _build(cli, "Summarise an invoice into a short note")
    assert uw.startswith("uw_")
    run = cli("goals", "run", "--user-workflow", uw, "--no-download", "--json")
    job: dict[str, Any] = run.json["job"]
    assert job["status"] == "completed"
    runs = cli("user-workflows", "runs", uw, "--json")
    check_shape("user-workflows runs", runs.json)
    assert [r["job_spec_id"] for r in runs.json["runs"]] == [job["job_spec_id"]]
    listed, got, human = cli.many(
        ("user-workflows", "list", "--json"),
        ("user-workflows", "get", uw, "--json"),
        ("user-workflows", "list"),
    )
    check_shape("user-workflows list", listed.json)
    assert [w["workflow_id"] for w in listed.json["items"]] == [uw]
    check_shape("user-workflows get", got.json)
    assert got.json["source_type"] == "builder"
    assert uw in human.stdout


def test_session_views(cli: CLI) -> None:
    chat = cli("builder", "start", "--json").json["chat_id"]
    cli("builder", "say", chat, "Translate", "a", "memo")
    show, messages, quota, human = cli.many(
        ("builder", "show", chat, "--json"),
        ("builder", "messages", chat, "--limit", "1", "--json"),
        ("builder", "quota", "--json"),
        ("builder", "messages", chat, "--limit", "1"),
    )
    check_shape("builder show", show.json)
    assert show.json["message_count"] == 2
    check_shape("builder messages", messages.json)
    assert messages.json["messages"][0]["content"] == "Translate a memo"
    check_shape("builder quota", quota.json)
    assert quota.json["used"] == 1
    assert "more: --offset 1" in human.stdout
    missing = cli("builder", "show", "chat_0000000000000000", expect=2)
    assert_one_line_error(missing, "404", "convilyn builder start")


def test_export_contract_and_delete(cli: CLI) -> None:
    uw = _build(cli, "Write a weekly report")
    exported = cli("user-workflows", "export", uw, "--json")
    check_shape("user-workflows export", exported.json)
    assert exported.json["schema_version"] == "3"
    written = cli("user-workflows", "export", uw, "-o", "backup.json", "--json")
    check_shape("user-workflows export -o", written.json)
    document = json.loads((cli.cwd / "backup.json").read_text(encoding="utf-8"))
    assert document == exported.json["document"]
    again = cli("user-workflows", "export", uw, "-o", "backup.json", expect=1)
    assert_one_line_error(again, "already exists", "--overwrite")

    refused = cli("user-workflows", "contract", uw, expect=2)
    assert_one_line_error(refused, "CONTRACT_NOT_DERIVABLE", "convilyn builder start --edit")

    version = cli("user-workflows", "get", uw, "--json").json["item_version"]
    cli("workflows", "publish", uw, "--item-version", str(version))
    public = cli("user-workflows", "delete", uw, expect=2)
    assert_one_line_error(public, "409", "--archive")
    deleted = cli("user-workflows", "delete", uw, "--archive", "--json")
    check_shape("user-workflows delete", deleted.json)
    assert deleted.json == {"deleted": [uw], "archived": True}
    gone = cli("user-workflows", "get", uw, expect=2)
    assert_one_line_error(gone, "404", "convilyn user-workflows list")


def test_a_grounded_contract_is_printed_or_written(cli: CLI) -> None:
    uw = _build(cli, "Extract the totals from invoices")
    contract = cli("user-workflows", "contract", uw, "--locale", "ja", "--json")
    check_shape("user-workflows contract", contract.json)
    assert contract.json["locale"] == "ja"
    written = cli("user-workflows", "contract", uw, "-o", "c.uw.json", "--json")
    check_shape("user-workflows contract -o", written.json)
    assert json.loads((cli.cwd / "c.uw.json").read_text(encoding="utf-8"))["locale"] == "en"


def test_the_builder_needs_pro_except_discover(cli: CLI, sandbox: Any) -> None:
    free = {"CONVILYN_API_KEY": sandbox.new_key("free")}
    refused = cli("builder", "start", env=free, expect=2)
    assert_one_line_error(refused, "402", "TIER_REQUIRED")
    discover = cli("builder", "start", "--mode", "discover", "--json", env=free)
    assert discover.json["builder_mode"] == "discover"
    bad = cli("user-workflows", "list", "--limit", "500", expect=1)
    assert_one_line_error(bad, "limit")


def test_an_exhausted_turn_budget_names_the_quota_command(cli: CLI, sandbox: Any) -> None:
    free = {"CONVILYN_API_KEY": sandbox.new_key("free")}  # 10 turns a window
    chat = cli("builder", "start", "--mode", "discover", "--json", env=free).json["chat_id"]
    for _ in range(10):
        cli("builder", "say", chat, "invoices?", "--json", env=free)
    quota = cli("builder", "quota", "--json", env=free).json
    assert quota["remaining"] == 0
    refused = cli("builder", "say", chat, "one more", env=free, expect=2)
    assert_one_line_error(refused, "429", "convilyn builder quota")
