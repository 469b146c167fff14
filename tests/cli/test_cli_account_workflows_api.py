"""``account``, ``workflows`` and ``api`` against the sandbox."""

from __future__ import annotations

import json
from typing import Any

from .conftest import CLI, assert_one_line_error, check_shape


def test_account_commands(cli: CLI) -> None:
    plan, quota, balance, usage, human = cli.many(
        ("account", "plan", "--json"),
        ("account", "quota", "--tool", "summarizer", "--tool", "llm_writer", "--json"),
        ("account", "balance", "--json"),
        ("account", "usage", "--since", "2020-01-01", "--json"),
        ("account", "quota", "--tool", "summarizer"),
    )
    check_shape("account plan", plan.json)
    assert plan.json["tier"] == "pro"
    check_shape("account quota", quota.json)
    assert {t["tool_name"] for t in quota.json["tools"]} == {"summarizer", "llm_writer"}
    check_shape("account balance", balance.json)
    check_shape("account usage", usage.json)
    assert "summarizer" in human.stdout
    assert "estimate:" in human.stdout
    bad = cli("account", "usage", "--since", "yesterday", expect=1)
    assert_one_line_error(bad, "not an ISO date")


def test_workflows_catalog_search_and_paging(cli: CLI) -> None:
    catalog, human_catalog, first, everything, capped, human = cli.many(
        ("workflows", "catalog", "--json"),
        ("workflows", "catalog"),
        ("workflows", "search", "--limit", "2", "--sort", "popular", "--json"),
        ("workflows", "search", "--all", "--limit", "50", "--json"),
        ("workflows", "search", "--all", "--limit", "5", "--max-items", "7", "--json"),
        ("workflows", "search", "--limit", "1"),
    )
    check_shape("workflows catalog", catalog.json)
    ids = [w["workflow_id"] for w in catalog.json["workflows"]]
    assert "goal_lane.resume_tailor" in ids
    assert "goal_lane.resume_tailor" in human_catalog.stdout

    check_shape("workflows search", first.json)
    assert len(first.json["items"]) == 2
    assert first.json["cursor"]
    second = cli(
        "workflows", "search", "--limit", "2", "--sort", "popular",
        "--cursor", first.json["cursor"], "--json",
    )  # fmt: skip
    assert {w["workflow_id"] for w in first.json["items"]}.isdisjoint(
        w["workflow_id"] for w in second.json["items"]
    )
    check_shape("workflows search", everything.json)
    assert everything.json["cursor"] is None
    assert len(everything.json["items"]) > 2
    assert len(capped.json["items"]) == 7
    assert "more: --cursor " in human.stdout
    bad = cli("workflows", "search", "--limit", "500", expect=1)
    assert_one_line_error(bad, "limit")


def test_workflows_get_fork_publish_like(cli: CLI) -> None:
    listed = cli("workflows", "search", "--limit", "1", "--json").json["items"][0]
    got = cli("workflows", "get", listed["workflow_id"], "--json")
    check_shape("workflows get", got.json)
    assert got.json["spec_id"] == listed["spec_id"]

    fork = cli("workflows", "fork", got.json["spec_id"], "--name", "My copy", "--json")
    check_shape("workflows fork", fork.json)
    assert fork.json["name"] == "My copy"
    assert fork.json["visibility"] == "private"
    published = cli("workflows", "publish", fork.json["workflow_id"], "--json")
    check_shape("workflows publish", published.json)
    assert published.json["visibility"] == "public"

    liked = cli("workflows", "like", listed["workflow_id"], "--json")
    check_shape("workflows like", liked.json)
    assert liked.json["liked"] is True
    unliked = cli("workflows", "like", listed["workflow_id"])
    assert unliked.stdout.startswith("unliked")
    missing = cli("workflows", "get", "wf_does_not_exist", expect=2)
    assert_one_line_error(missing, "404", "request id")


def test_api_escape_hatch(cli: CLI) -> None:
    listed = cli("api", "GET", "/files", "--json")
    check_shape("api", listed.json)
    assert listed.json["status_code"] == 200
    assert "files" in listed.json["body"]
    assert listed.json["headers"]["x-request-id"].startswith("req_")

    include = cli("api", "get", "/api/v1/workflows/community", "-q", "limit=1", "--include")
    head, _, body = include.stdout.partition("\n\n")
    assert head.startswith("HTTP 200 OK")
    assert "x-request-id:" in head
    assert len(json.loads(body)["items"]) == 1

    posted = cli(
        "api", "POST", "/workflows/cost-preview", "--data", '{"toolNames": ["summarizer"]}',
        "-H", "X-Trace: cli-test",
    )  # fmt: skip
    assert json.loads(posted.stdout)["tools"][0]["toolName"] == "summarizer"
    from_stdin = cli(
        "api", "POST", "/workflows/cost-preview", "--data", "@-",
        input='{"toolNames": ["llm_writer"]}',
    )  # fmt: skip
    assert json.loads(from_stdin.stdout)["tools"][0]["toolName"] == "llm_writer"

    body_file = cli.cwd / "body.json"
    body_file.write_text('{"toolNames": ["translator"]}', encoding="utf-8")
    raw = cli(
        "api", "POST", "/workflows/cost-preview", "--input", str(body_file),
        "-H", "Content-Type: application/json",
    )  # fmt: skip
    assert json.loads(raw.stdout)["tools"][0]["toolName"] == "translator"

    missing = cli("api", "GET", "/jobs/goal/js_nope", "--json", expect=2)
    check_shape("error", missing.json)
    assert missing.json["error"]["status_code"] == 404
    assert missing.json["error"]["request_id"].startswith("req_")
    bad = cli("api", "FETCH", "/files", expect=1)
    assert_one_line_error(bad, "unknown method")
    not_json = cli("api", "POST", "/files", "--data", "{nope", expect=1)
    assert_one_line_error(not_json, "not JSON")


def test_api_head_shows_the_status_and_headers(cli: CLI) -> None:
    head = cli("api", "HEAD", "/files")
    status, _, rest = head.stdout.partition("\n")
    assert status == "HTTP 200 OK"
    assert "x-request-id: req_" in rest
    assert "{" not in rest  # headers only: a HEAD answer has no body
    as_json = cli("api", "head", "/files", "--json")
    check_shape("api", as_json.json)
    assert as_json.json["status_code"] == 200
    assert as_json.json["body"] is None
    missing = cli("api", "HEAD", "/jobs/goal/js_nope", "--json", expect=2)
    assert missing.json["error"]["status_code"] == 404


def test_api_output_writes_the_body_and_refuses_an_existing_file(cli: CLI, sandbox: Any) -> None:
    target = cli.cwd / "files.json"
    wrote = cli("api", "GET", "/files", "-o", str(target), "--json")
    check_shape("api", wrote.json)
    assert wrote.json["body"] is None
    assert wrote.json["output"]["path"] == str(target)
    data = target.read_bytes()
    assert wrote.json["output"]["bytes"] == len(data)
    assert "files" in json.loads(data)

    # An existing file is refused before anything is sent: the cost preview is never asked.
    before = sandbox.stats()["byOperation"].get("previewWorkflowCost", 0)
    refused = cli(
        "api", "POST", "/workflows/cost-preview", "--data", '{"toolNames": []}',
        "-o", str(target), expect=1,
    )  # fmt: skip
    assert_one_line_error(refused, "already exists", "--overwrite")
    after = sandbox.stats()["byOperation"].get("previewWorkflowCost", 0)
    assert after == before
    assert json.loads(target.read_bytes()) == json.loads(data)
    replaced = cli(
        "api", "POST", "/workflows/cost-preview", "--data", '{"toolNames": []}',
        "-o", str(target), "--overwrite",
    )  # fmt: skip
    assert "wrote" in replaced.stderr
    assert "quotaCheck" in json.loads(target.read_bytes())
    # An error status writes nothing.
    error_target = cli.cwd / "missing.json"
    cli("api", "GET", "/jobs/goal/js_nope", "-o", str(error_target), expect=2)
    assert not error_target.exists()
    assert [p.name for p in cli.cwd.iterdir() if p.name.startswith(".")] == []  # no leftovers
