"""Your own workflows and the chat Builder, over HTTP: the dialogue that registers a workflow,
the workflow stored per account, its runs, delete / export / grounded contract, the Pro gate and
the turn budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from convilyn.sandbox import Sandbox

from .conftest import Api

MakeApi = Callable[..., Api]


def _session(api: Api, **body: Any) -> str:
    r = api.post("/chat/sessions", json={"mode": "builder", **body})
    assert r.status_code == 201, r.text
    return str(r.json()["chat_id"])


def _say(api: Api, chat_id: str, content: str) -> dict[str, Any]:
    r = api.post(f"/chat/sessions/{chat_id}/messages", json={"content": content})
    assert r.status_code == 201, r.text
    turn: dict[str, Any] = r.json()
    return turn


def _build(api: Api, goal: str = "Summarise an invoice into a short note") -> str:
    chat = _session(api, builder_mode="from_scratch")
    _say(api, chat, goal)
    _say(api, chat, "markdown")
    turn = _say(api, chat, "register")
    return str(turn["registered_workflow_id"])


def test_the_dialogue_asks_drafts_and_registers_a_runnable_workflow(api: Api) -> None:
    chat = _session(api, builder_mode="from_scratch", title="Invoice notes")
    asked = _say(api, chat, "Summarise an invoice into a short note")
    assert asked["verdict_action"] == "request_input"
    assert [s["slot_id"] for s in asked["pending_slots"]] == ["output_format"]
    assert asked["clarification_options"] == ["markdown", "pdf", "docx"]
    assert [m["role"] for m in asked["messages"]] == ["user", "assistant"]
    staged = _say(api, chat, "pdf please")
    assert (staged["verdict_action"], staged["registered_workflow_id"]) == ("stage_draft", None)
    registered = _say(api, chat, "register it")
    uw = registered["registered_workflow_id"]
    assert registered["verdict_action"] == "register"
    assert uw.startswith("uw_")
    assert uw in registered["messages"][-1]["content"]

    detail = api.get(f"/user_workflows/{uw}").json()
    assert (detail["name"], detail["sourceType"], detail["visibility"]) == (
        "Invoice notes",
        "builder",
        "private",
    )
    assert detail["foundingIntent"] == "Summarise an invoice into a short note"
    assert [w["workflowId"] for w in api.get("/user_workflows").json()["items"]] == [uw]

    first = api.post("/jobs/goal", json={"userWorkflowId": uw, "fileIds": []})
    second = api.post("/jobs/goal", json={"userWorkflowId": uw, "fileIds": []})
    assert first.status_code == second.status_code == 201, first.text
    runs = api.get(f"/user_workflows/{uw}/runs").json()["items"]
    assert [r["jobSpecId"] for r in runs] == [second.json()["jobSpecId"], first.json()["jobSpecId"]]
    assert len(api.get(f"/user_workflows/{uw}/runs", params={"limit": 1}).json()["items"]) == 1


def test_the_session_and_its_transcript(api: Api) -> None:
    chat = _session(api, initial_message="hello")
    _say(api, chat, "Translate a memo")
    session = api.get(f"/chat/sessions/{chat}").json()
    assert session["message_count"] == 3  # the stored first message, then a turn of two
    assert session["working_memory_summary"]["goal"] == "Translate a memo"
    page = api.get(f"/chat/sessions/{chat}/messages", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)
    assert next(m["content"] for m in page["messages"]) == "Translate a memo"
    assert api.get("/chat/sessions/chat_0000000000000000").status_code == 404


def test_sessions_and_workflows_belong_to_their_account(api: Api, make_api: MakeApi) -> None:
    uw = _build(api)
    chat = _session(api)
    other = make_api("pro")
    for path in (f"/user_workflows/{uw}", f"/user_workflows/{uw}/export", f"/chat/sessions/{chat}"):
        r = other.get(path)
        assert r.status_code == 404, path
    assert other.delete(f"/user_workflows/{uw}").status_code == 404
    assert other.get("/user_workflows").json()["items"] == []
    r = other.post("/chat/sessions", json={"mode": "builder", "target_workflow_id": uw})
    assert r.json()["code"] == "WORKFLOW_NOT_FOUND"


def test_authoring_needs_pro_but_discover_does_not(make_api: MakeApi) -> None:
    free = make_api("free")
    r = free.post("/chat/sessions", json={"mode": "builder", "builder_mode": "from_scratch"})
    assert (r.status_code, r.json()["code"]) == (402, "TIER_REQUIRED")
    chat = _session(free, builder_mode="discover")
    turn = _say(free, chat, "register")
    assert turn["verdict_action"] == "recommend_existing"
    assert turn["registered_workflow_id"] is None
    assert free.get("/user_workflows").json()["items"] == []


def test_edit_mode_updates_the_target(api: Api) -> None:
    uw = _build(api)
    before = api.get(f"/user_workflows/{uw}").json()
    chat = _session(api, target_workflow_id=uw)
    assert _say(api, chat, "also list the due date")["verdict_action"] == "stage_draft"
    assert _say(api, chat, "save")["registered_workflow_id"] == uw
    after = api.get(f"/user_workflows/{uw}").json()
    assert after["itemVersion"] == before["itemVersion"] + 1
    assert "due date" in after["description"]
    r = api.post(
        "/chat/sessions",
        json={"mode": "builder", "builder_mode": "from_scratch", "target_workflow_id": uw},
    )
    assert (r.status_code, r.json()["code"]) == (400, "INVALID_BUILDER_MODE")


def test_a_public_workflow_is_archived_before_it_is_deleted(api: Api) -> None:
    uw = _build(api)
    version = api.get(f"/user_workflows/{uw}").json()["itemVersion"]
    api.patch(f"/workflows/{uw}", json={"itemVersion": version, "visibility": "public"})
    refused = api.delete(f"/user_workflows/{uw}")
    assert (refused.status_code, refused.json()["code"]) == (409, "WORKFLOW_IS_PUBLIC_USE_ARCHIVE")
    api.patch(f"/workflows/{uw}", json={"itemVersion": version + 1, "visibility": "archived"})
    assert api.delete(f"/user_workflows/{uw}").status_code == 204
    assert api.get(f"/user_workflows/{uw}").status_code == 404
    assert api.delete(f"/user_workflows/{uw}").status_code == 404


def test_export_carries_its_schema_version(api: Api) -> None:
    uw = _build(api)
    r = api.get(f"/user_workflows/{uw}/export")
    assert r.headers["X-Export-Schema-Version"] == "3"
    assert r.json()["systemPrompt"].startswith("You are a workflow")


def test_a_grounded_contract_needs_an_extract_stage(api: Api) -> None:
    plain = _build(api)
    r = api.get(f"/user_workflows/{plain}/grounded-contract")
    assert (r.status_code, r.json()["code"]) == (409, "CONTRACT_NOT_DERIVABLE")
    extracting = _build(api, "Extract the totals from invoices")
    r = api.get(
        f"/user_workflows/{extracting}/grounded-contract",
        params={"model_binding": "local-qwen3-4b", "locale": "ja"},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["model_binding"], r.json()["locale"]) == ("local-qwen3-4b", "ja")
    bad = api.get(f"/user_workflows/{extracting}/grounded-contract", params={"locale": "xx"})
    assert (bad.status_code, bad.json()["code"]) == (422, "UNSUPPORTED_LOCALE")


def test_the_live_profile_has_grounded_contracts_switched_off() -> None:
    with Sandbox(speed=0, profile="live", self_check=True) as sb:
        api = Api(sb)
        try:
            uw = _build(api, "Extract the totals from invoices")
            r = api.get(f"/user_workflows/{uw}/grounded-contract")
            assert (r.status_code, r.json()["code"]) == (404, "NOT_FOUND")
            assert api.get(f"/user_workflows/{uw}/runs").status_code == 200
        finally:
            api.close()


def test_listing_pages_with_a_cursor_and_filters(api: Api) -> None:
    made = {_build(api, f"Workflow number {i}") for i in range(3)}
    first = api.get("/user_workflows", params={"limit": 2}).json()
    assert len(first["items"]) == 2
    assert first["cursor"]
    rest = api.get("/user_workflows", params={"limit": 2, "cursor": first["cursor"]}).json()
    assert rest["cursor"] is None
    assert {w["workflowId"] for w in first["items"] + rest["items"]} == made
    assert api.get("/user_workflows", params={"visibility": "public"}).json()["items"] == []
    mixed = api.get("/user_workflows", params={"visibility": "private", "cursor": first["cursor"]})
    assert (mixed.status_code, mixed.json()["code"]) == (422, "INVALID_CURSOR")


def test_the_turn_budget_runs_out_and_says_when_it_resets(make_api: MakeApi) -> None:
    free = make_api("free")  # 10 turns a window
    chat = _session(free, builder_mode="discover")
    for _ in range(10):
        _say(free, chat, "anything for invoices?")
    quota = free.get("/chat/builder/quota").json()
    assert (quota["used"], quota["remaining"]) == (10, 0)
    assert quota["retry_after_seconds"] > 0
    r = free.post(f"/chat/sessions/{chat}/messages", json={"content": "one more"})
    assert (r.status_code, r.json()["code"]) == (429, "BUILDER_QUOTA_EXCEEDED")
    assert int(r.headers["Retry-After"]) > 0


def test_the_turn_window_opens_with_the_first_turn_not_on_the_hour() -> None:
    from convilyn.sandbox.builder import TURNS_PER_WINDOW, WINDOW_SECONDS, window

    spent = TURNS_PER_WINDOW["free"]
    first = 10 * WINDOW_SECONDS - 30  # half a minute before the clock's hour
    start, used, limit, _ = window((first, spent), "free", first + 60)  # past the hour
    assert (start, used, limit) == (first, spent, spent)  # still spent
    start, used, _, reset_in = window((first, spent), "free", first + WINDOW_SECONDS)
    assert (start, used) == (first + WINDOW_SECONDS, 0)  # an hour after its first turn
    assert reset_in == WINDOW_SECONDS + 1
    assert window((0.0, 0), "pro", first)[:2] == (first, 0)  # no turn yet: opens now
