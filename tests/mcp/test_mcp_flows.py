"""What the human chooses, and what a client that cannot ask gets: over stdio, against the
sandbox, with the mcp library's client."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mcp_types as types
import pytest
from mcp_helpers import Connection, Human, accept, server_env, stdio_connection

from convilyn import Convilyn
from convilyn.sandbox import Sandbox

pytestmark = pytest.mark.anyio

Reply = Callable[[str, dict[str, Any]], types.ElicitResult]
Connect = Callable[..., contextlib.AbstractAsyncContextManager[Connection]]


@pytest.fixture
def connect(convilyn_sandbox: Sandbox, config_dir: Path, workspace: Path) -> Connect:
    env = server_env(convilyn_sandbox, config_dir)

    def over_stdio(
        *, human: Human | None = None, args: tuple[str, ...] = (), errlog: Any = None
    ) -> contextlib.AbstractAsyncContextManager[Connection]:
        return stdio_connection(
            env, cwd=workspace.parent, human=human, roots=[workspace], args=args, errlog=errlog
        )

    return over_stdio


def reply(action: str, content: dict[str, Any] | None = None) -> Reply:
    def answer(message: str, schema: dict[str, Any]) -> types.ElicitResult:
        if action == "accept":
            return accept(content or {})
        return types.ElicitResult(action=action)  # type: ignore[arg-type]

    return answer


APPROVE = reply("accept", {"approve": True})


def _default(message: str, schema: dict[str, Any]) -> types.ElicitResult:
    return accept({"answer": schema["properties"]["answer"]["default"]})


def job_of(sandbox: Sandbox, job_spec_id: str) -> Any:
    with Convilyn(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        return client.goals.retrieve(job_spec_id)


def files_in(workspace: Path, paths: list[str]) -> dict[str, int]:
    """``{name: size}`` of the files at ``paths``, each a file inside ``workspace``."""
    found = {}
    for path in map(Path, paths):
        assert path.is_file(), path
        assert path.is_relative_to(workspace), path
        found[path.name] = path.stat().st_size
    return found


RESUME_TAILOR = {"workflow_id": "goal_lane.resume_tailor", "paths": ["resume.md"]}


async def test_a_client_without_elicitation_is_refused_before_anything_is_created(
    connect: Connect, convilyn_sandbox: Sandbox
) -> None:
    before = convilyn_sandbox.stats()["created"]
    async with connect(human=None) as conn:
        run = await conn.call("run_workflow", **RESUME_TAILOR)
        converted = await conn.call("convert", path="resume.md", to="pdf")
    for result in (run, converted):
        assert "cannot ask you to approve spending" in result["error"]
        assert "convilyn mcp serve --yes" in result["hint"]
    assert convilyn_sandbox.stats()["created"] == before


async def test_declining_a_question_cancels_the_job(
    connect: Connect, convilyn_sandbox: Sandbox
) -> None:
    human = Human().on("Convilyn will UPLOAD", APPROVE).on("Which role", reply("decline"))
    async with connect(human=human) as conn:
        result = await conn.call("run_workflow", **RESUME_TAILOR)
    assert result["status"] == "cancelled", result
    assert "cancelled, as you chose" in result["message"]
    assert job_of(convilyn_sandbox, result["job_spec_id"]).status == "cancelled"
    assert [m for m, _ in human.asked if "Which tone" in m] == []  # nothing asked after it


async def test_a_dismissed_question_leaves_the_job_waiting_and_resume_job_finishes_it(
    connect: Connect, convilyn_sandbox: Sandbox, workspace: Path
) -> None:
    first = Human().on("Convilyn will UPLOAD", APPROVE).on("Which role", reply("cancel"))
    async with connect(human=first) as conn:
        left = await conn.call("run_workflow", **RESUME_TAILOR)
        status = await conn.call("job_status", job_spec_id=left["job_spec_id"])
    job_spec_id = left["job_spec_id"]
    assert left["status"] == "waiting", left
    assert {q["slot_id"] for q in left["waiting_for"]} == {"target_role", "tone"}
    assert f"resume_job(job_spec_id='{job_spec_id}'" in left["next"]
    assert job_of(convilyn_sandbox, job_spec_id).needs_input
    assert status["status"] == "slots_pending"
    assert {q["slot_id"] for q in status["waiting_for"]} == {"target_role", "tone"}

    later = (
        Human()
        .on("Convilyn will run job", APPROVE)  # confirming spends: asked again
        .on("Which tone", _default)
        .on("Which job titles", reply("accept", {"answer": "Tech Lead"}))
        .on("is ready. It proposes", APPROVE)
    )
    async with connect(human=later) as conn:
        done = await conn.call(
            "resume_job", job_spec_id=job_spec_id, answers={"target_role": "Staff Engineer"}
        )
    assert done["status"] == "completed", done
    assert [m for m, _ in later.asked if "Which role" in m] == []  # answered by the call
    assert len(later.forms("Convilyn will run job")) == 1
    assert files_in(workspace, done["files"])
    filled = job_of(convilyn_sandbox, job_spec_id).filled_slots
    assert filled["target_role"] == "Staff Engineer"
    assert filled["confirmed_titles"] == "Tech Lead"


async def test_yes_waives_consent_and_says_so(connect: Connect, convilyn_sandbox: Sandbox) -> None:
    answers = {"target_role": "Staff Engineer", "tone": "bold"}
    async with connect(human=None, args=("--yes",)) as conn:
        left = await conn.call("run_workflow", **RESUME_TAILOR, answers=answers)
        assert left["consent"] == "waived: the server runs with --yes"
        # nobody can answer the checkpoint's question: the job waits for it
        assert left["status"] == "waiting", left
        assert [q["slot_id"] for q in left["waiting_for"]] == ["confirmed_titles"]
        done = await conn.call(
            "resume_job",
            job_spec_id=left["job_spec_id"],
            answers={"confirmed_titles": "Senior Engineer"},
        )
    assert done["status"] == "completed", done
    assert done["files"]


async def test_convert_saves_the_result_in_the_workspace(connect: Connect, workspace: Path) -> None:
    (workspace / "report.docx").write_bytes(b"PK\x03\x04 report " * 64)
    human = Human().on("Convilyn will UPLOAD report.docx", APPROVE)
    async with connect(human=human) as conn:
        result = await conn.call("convert", path="report.docx", to="pdf")
    assert result["ok"] is True, result
    written = Path(result["file"])
    assert written.parent == workspace
    assert files_in(workspace, [result["file"]]) == {written.name: result["size"]}


async def test_workflows_and_account_spend_nothing_and_never_show_the_key(
    connect: Connect, convilyn_sandbox: Sandbox, tmp_path: Path
) -> None:
    before = convilyn_sandbox.stats()["created"]
    log = tmp_path / "server.log"
    with log.open("w") as errlog:
        async with connect(human=Human(), errlog=errlog) as conn:
            found = await conn.call("workflows", query="resume role", source="catalog")
            market = await conn.call("workflows", source="marketplace", sort="popular", limit=3)
            account = await conn.call("account", workflow_id="goal_lane.meeting_notes")
            missing = await conn.call("job_status", job_spec_id="js_doesnotexist")
    assert "catalog" not in market
    assert 1 <= len(market["marketplace"]) <= 3
    assert all(item["spec_id"] for item in market["marketplace"])
    assert "convilyn workflows fork SPEC_ID" in market["marketplace_note"]
    (entry,) = found["catalog"]
    assert entry["workflow_id"] == "goal_lane.resume_tailor"
    assert {q["slot_id"] for q in entry["questions"]} == {"target_role", "tone"}
    assert account["plan"] == "pro"
    assert isinstance(account["balance_credits"], int)
    assert account["workflow"] == {
        "workflow_id": "goal_lane.meeting_notes",
        "plan_needed": "business",
        "allowed": False,
    }
    assert missing["error_type"] == "NotFoundError"
    assert convilyn_sandbox.stats()["created"] == before
    key = convilyn_sandbox.api_key
    assert key not in repr([found, market, account, missing])
    assert key not in log.read_text()


async def test_a_multi_choice_checkpoint_and_a_preview_go_to_the_human(
    connect: Connect, convilyn_sandbox: Sandbox, workspace: Path
) -> None:
    (workspace / "sales.csv").write_text("month,revenue\n2026-01,10\n2026-02,12\n")
    human = (
        Human()
        .on("Convilyn will UPLOAD", APPROVE)
        .on("is ready. It proposes", APPROVE)
        .on("Which charts", reply("accept", {"answer": ["arpu_trend", "top_accounts"]}))
    )
    async with connect(human=human) as conn:
        result = await conn.call(
            "run_workflow", workflow_id="goal_lane.data_report", paths=["sales.csv"]
        )
    assert result["status"] == "completed", result
    (charts,) = human.forms("Which charts")
    assert charts["properties"]["answer"]["type"] == "array"
    assert charts["properties"]["answer"]["items"]["enum"] == [
        "revenue_by_month",
        "churn_by_cohort",
        "arpu_trend",
        "top_accounts",
    ]
    preview = next(m for m, _ in human.asked if "is ready. It proposes" in m)
    assert "propose charts for you to choose" in preview  # the workflow's own preview text
    job = job_of(convilyn_sandbox, result["job_spec_id"])
    assert job.filled_slots["charts"] == ["arpu_trend", "top_accounts"]


async def test_declining_the_preview_cancels_the_job(
    connect: Connect, convilyn_sandbox: Sandbox, workspace: Path
) -> None:
    (workspace / "sales.csv").write_text("month,revenue\n2026-01,10\n")
    human = (
        Human().on("Convilyn will UPLOAD", APPROVE).on("is ready. It proposes", reply("decline"))
    )
    async with connect(human=human) as conn:
        result = await conn.call(
            "run_workflow", workflow_id="goal_lane.data_report", paths=["sales.csv"]
        )
    assert result["status"] == "cancelled", result
    assert job_of(convilyn_sandbox, result["job_spec_id"]).status == "cancelled"


async def test_a_refused_creation_names_the_files_it_uploaded(
    connect: Connect, convilyn_sandbox: Sandbox
) -> None:
    convilyn_sandbox.inject("503", times=20, path="/api/v1/jobs/goal", method="POST")
    human = Human().on("Convilyn will UPLOAD", APPROVE)
    async with connect(human=human) as conn:
        result = await conn.call("run_workflow", **RESUME_TAILOR)
    assert result["status_code"] == 503, result
    assert "no job was created" in result["hint"]
    with Convilyn(api_key=convilyn_sandbox.api_key, base_url=convilyn_sandbox.base_url) as c:
        stored = {f.file_id for f in c.files.list().files}
    assert set(result["uploaded"]) == stored
    assert len(stored) == 1
    assert convilyn_sandbox.stats()["created"].get("goalJobs", 0) == 0
