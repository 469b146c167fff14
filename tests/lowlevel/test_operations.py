"""Every operation of the generated low-level client (src/convilyn/lowlevel), used on its own.

Each case builds the request with the generated models (Python names), checks what goes on the
wire (method, path, query, JSON body with wire names, auth header, Idempotency-Key), and parses
the operation's success example from openapi/convilyn.yaml (type, a full round trip through
to_dict, and key attributes read by their Python names). Every case runs through the four
entry points: sync_detailed, asyncio_detailed, sync_raw and asyncio_raw.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx
import yaml

from convilyn.lowlevel import AuthenticatedClient, Client
from convilyn.lowlevel import models as m
from convilyn.lowlevel.types import File as Upload

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "convilyn.yaml"
BASE_URL = "https://api.convilyn.test"
TOKEN = "ck_test_4f9a1c"
KEY = "5d2f8c7e-9a41-4b3e-8f0a-2c6d1e7b9a10"  # Idempotency-Key
FILE_ID = "file_8f14e45fceea167a"
JOB_SPEC_ID = "js_7b52009b64fd0a2a"
WORKFLOW_ID = "wf_2b8a61594b1f4c4d"
USER_WORKFLOW_ID = "uw_5e0f3a9c2d7b41e8a6c3f0d1"
CHAT_ID = "chat_0f5e2b7c9a1d4e36"
S3_KEY = f"uploads/usr_45c48cce2e2d7fbd/{FILE_ID}/resume.pdf"


@dataclass(frozen=True)
class Case:
    op: str  # "<tag>.<module>" under convilyn.lowlevel.api
    method: str
    path: str
    parsed: type | None  # the model the success example parses into (None: no body)
    args: tuple[str, ...] = ()  # path parameters, positional
    kwargs: dict[str, Any] = field(default_factory=dict)  # body, query and header parameters
    request_json: Any = None  # the JSON body expected on the wire (None: no JSON body)
    query: dict[str, str] = field(default_factory=dict)
    # python attribute path -> wire key path, compared between parsed model and example
    fields: dict[str, str] = field(default_factory=dict)
    opaque: bool = False  # the body is an opaque object: every key is an additional property

    @property
    def operation_id(self) -> str:
        head, *rest = self.op.split(".")[1].split("_")
        return head + "".join(word.title() for word in rest)

    def __str__(self) -> str:
        return self.op


CASES = [
    # files
    Case(
        "files.presign_upload",
        "POST",
        "/api/v1/upload/presign",
        m.PresignResponse,
        kwargs={
            "body": m.PresignRequest(
                file_name="resume.pdf", file_size=184320, content_type="application/pdf"
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "fileName": "resume.pdf",
            "fileSize": 184320,
            "contentType": "application/pdf",
        },
        fields={"upload_url": "uploadUrl", "file_id": "fileId", "expires_in": "expiresIn"},
    ),
    Case(
        "files.confirm_upload",
        "POST",
        "/api/v1/upload/confirm",
        m.File,
        kwargs={
            "body": m.ConfirmUploadRequest(
                file_id=FILE_ID,
                file_name="resume.pdf",
                file_size=184320,
                content_type="application/pdf",
                s_3_key=S3_KEY,
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "fileId": FILE_ID,
            "fileName": "resume.pdf",
            "fileSize": 184320,
            "contentType": "application/pdf",
            "s3Key": S3_KEY,
        },
        fields={"file_id": "fileId", "created_at": "createdAt", "is_input": "isInput"},
    ),
    Case(
        "files.upload_file",
        "POST",
        "/api/v1/upload",
        m.UploadedFile,
        kwargs={
            "body": m.UploadFileBody(
                file=Upload(
                    # bytes, not a stream: the case is sent four times (httpx accepts both).
                    payload=b"%PDF-1.7 resume",  # type: ignore[arg-type]
                    file_name="resume.pdf",
                    mime_type="application/pdf",
                )
            ),
            "idempotency_key": KEY,
        },
        fields={"file_id": "file_id", "file_size": "fileSize", "mime_type": "mimeType"},
    ),
    Case(
        "files.list_files",
        "GET",
        "/api/v1/files",
        m.FileList,
        fields={
            "files.0.file_id": "files.0.file_id",
            "files.0.file_extension": "files.0.file_extension",
            "usage.free_bytes": "usage.free_bytes",
            "usage.over_quota": "usage.over_quota",
        },
    ),
    Case(
        "files.delete_file",
        "DELETE",
        f"/api/v1/files/{FILE_ID}",
        None,
        args=(FILE_ID,),
        kwargs={"idempotency_key": KEY},
    ),
    # convert
    Case(
        "convert.create_convert_job",
        "POST",
        "/api/v1/jobs",
        m.ConvertJob,
        kwargs={
            "body": m.CreateConvertJobRequest(
                processor_type=m.ProcessorType.DOCUMENT_CONVERSION,
                params=m.DocumentConversionParams(
                    source_file_id=FILE_ID, source_format="docx", target_format="pdf"
                ),
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "processor_type": "document_conversion",
            "params": {"source_file_id": FILE_ID, "source_format": "docx", "target_format": "pdf"},
        },
        fields={"job_id": "jobId", "status": "status", "estimated_duration": "estimatedDuration"},
    ),
    Case(
        "convert.get_convert_job",
        "GET",
        "/api/v1/jobs/cj_5f4dcc3b5aa765d6",
        m.ConvertJob,
        args=("cj_5f4dcc3b5aa765d6",),
        fields={
            "status": "status",
            "result_files.0.url": "resultFiles.0.url",
            "completed_at": "completedAt",
            "warnings": "warnings",
        },
    ),
    # goals
    Case(
        "goals.create_goal_job",
        "POST",
        "/api/v1/jobs/goal",
        m.GoalJob,
        kwargs={
            "body": m.CreateGoalJobRequest(
                file_ids=[FILE_ID, "file_c9f0f895fb98ab91"],
                workflow_id="goal_lane.cover_letter",
                slot_answers=[m.SlotAnswer(slot_id="company", value="Acme Robotics")],
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "fileIds": [FILE_ID, "file_c9f0f895fb98ab91"],
            "workflowId": "goal_lane.cover_letter",
            "slotAnswers": [{"slotId": "company", "value": "Acme Robotics"}],
        },
        fields={
            "job_spec_id": "jobSpecId",
            "status": "status",
            "item_version": "itemVersion",
            "pending_slots.0.slot_id": "pendingSlots.0.slotId",
            "pending_slots.0.suggested_confidence": "pendingSlots.0.suggestedConfidence",
        },
    ),
    Case(
        "goals.get_goal_job",
        "GET",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}",
        m.GoalJob,
        args=(JOB_SPEC_ID,),
        fields={"status": "status", "progress": "progress", "attempt_id": "attemptId"},
    ),
    Case(
        "goals.get_goal_job_status",
        "GET",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/status",
        m.GoalJobStatus,
        args=(JOB_SPEC_ID,),
        fields={
            "status": "status",
            "checkpoint.checkpoint_id": "checkpoint.checkpointId",
            "suggested_poll_interval_ms": "suggestedPollIntervalMs",
        },
    ),
    Case(
        "goals.update_goal_job_slots",
        "PATCH",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/slots",
        m.GoalJob,
        args=(JOB_SPEC_ID,),
        kwargs={
            "body": m.UpdateSlotsRequest(
                answers=[
                    m.SlotAnswer(slot_id="tone", value="professional"),
                    m.SlotAnswer(slot_id="length", value="one_page"),
                ],
                expected_version=1,
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "answers": [
                {"slotId": "tone", "value": "professional"},
                {"slotId": "length", "value": "one_page"},
            ],
            "expectedVersion": 1,
        },
        fields={"status": "status", "item_version": "itemVersion"},
    ),
    Case(
        "goals.confirm_goal_job",
        "POST",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/confirm",
        m.GoalJobSubmission,
        args=(JOB_SPEC_ID,),
        kwargs={"body": m.ConfirmGoalJobRequest(expected_version=2), "idempotency_key": KEY},
        request_json={"expectedVersion": 2},
        fields={"message_id": "messageId", "submitted_at": "submittedAt"},
    ),
    Case(
        "goals.cancel_goal_job",
        "POST",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/cancel",
        m.CancelGoalJobResponse,
        args=(JOB_SPEC_ID,),
        kwargs={"idempotency_key": KEY},
        fields={"job_spec_id": "jobSpecId", "status": "status"},
    ),
    Case(
        "goals.retry_goal_job",
        "POST",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/retry",
        m.GoalJobSubmission,
        args=(JOB_SPEC_ID,),
        kwargs={
            "body": m.RetryGoalJobRequest(
                rerun_mode=m.RerunMode.FRESH_RERUN, reason="Source file was replaced"
            ),
            "idempotency_key": KEY,
        },
        request_json={"rerunMode": "fresh_rerun", "reason": "Source file was replaced"},
        fields={"status": "status", "message_id": "messageId"},
    ),
    Case(
        "goals.list_goal_job_artifacts",
        "GET",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/artifacts",
        m.ArtifactList,
        args=(JOB_SPEC_ID,),
        fields={
            "total": "total",
            "artifacts.0.artifact_id": "artifacts.0.artifactId",
            "artifacts.0.is_primary": "artifacts.0.isPrimary",
            "artifacts.1.size_bytes": "artifacts.1.sizeBytes",
        },
    ),
    Case(
        "goals.get_goal_job_artifact_download",
        "GET",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/artifacts/art_a87ff679a2f3e71d/download",
        m.ArtifactDownload,
        args=(JOB_SPEC_ID, "art_a87ff679a2f3e71d"),
        fields={"download_url": "downloadUrl", "expires_at": "expiresAt"},
    ),
    Case(
        "goals.get_goal_job_download",
        "GET",
        f"/api/v1/jobs/goal/{JOB_SPEC_ID}/download",
        m.GoalJobDownload,
        args=(JOB_SPEC_ID,),
        fields={"url": "url", "filename": "filename", "expires_at": "expiresAt"},
    ),
    # workflows
    Case(
        "workflows.get_workflow_catalog",
        "GET",
        "/api/v1/workflows/catalog",
        m.WorkflowCatalog,
        fields={
            "workflows.0.workflow_id": "workflows.0.workflowId",
            "workflows.0.required_slots.0.slot_id": "workflows.0.requiredSlots.0.slotId",
            "workflows.0.max_input_size_bytes": "workflows.0.maxInputSizeBytes",
        },
    ),
    Case(
        "workflows.search_community_workflows",
        "GET",
        "/api/v1/workflows/community",
        m.WorkflowSearchPage,
        kwargs={
            "sort": m.WorkflowSort.POPULAR,
            "limit": 20,
            "tag": "career",
            "cursor": "eyJvZmZzZXQiOjIwfQ",
        },
        query={"sort": "popular", "limit": "20", "tag": "career", "cursor": "eyJvZmZzZXQiOjIwfQ"},
        fields={
            "cursor": "cursor",
            "items.0.workflow_id": "items.0.workflowId",
            "items.0.stats.like_count": "items.0.stats.likeCount",
        },
    ),
    Case(
        "workflows.get_workflow",
        "GET",
        f"/api/v1/workflows/{WORKFLOW_ID}",
        m.Workflow,
        args=(WORKFLOW_ID,),
        fields={
            "workflow_id": "workflowId",
            "visibility": "visibility",
            "item_version": "itemVersion",
        },
    ),
    Case(
        "workflows.fork_workflow",
        "POST",
        "/api/v1/workflows/fork",
        m.Workflow,
        kwargs={
            "body": m.ForkWorkflowRequest(
                source_spec_id="spec_6512bd43d9caa6e0", name="Cover letter (engineering roles)"
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "sourceSpecId": "spec_6512bd43d9caa6e0",
            "name": "Cover letter (engineering roles)",
        },
        fields={"source_spec_id": "sourceSpecId", "spec_id": "specId"},
    ),
    Case(
        "workflows.patch_workflow",
        "PATCH",
        f"/api/v1/workflows/{WORKFLOW_ID}",
        m.Workflow,
        args=(WORKFLOW_ID,),
        kwargs={
            "body": m.PatchWorkflowRequest(
                item_version=1,
                visibility=m.WorkflowVisibility.PUBLIC,
                tags=["career", "writing", "engineering"],
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "itemVersion": 1,
            "visibility": "public",
            "tags": ["career", "writing", "engineering"],
        },
        fields={"visibility": "visibility", "tags": "tags", "item_version": "itemVersion"},
    ),
    Case(
        "workflows.like_workflow",
        "POST",
        f"/api/v1/workflows/{WORKFLOW_ID}/like",
        m.LikeResponse,
        args=(WORKFLOW_ID,),
        kwargs={"idempotency_key": KEY},
        fields={"liked": "liked", "like_count": "likeCount"},
    ),
    # account
    Case(
        "account.preview_workflow_cost",
        "POST",
        "/api/v1/workflows/cost-preview",
        m.CostEstimate,
        kwargs={
            "body": m.CostPreviewRequest(
                tool_names=["document_parser", "llm_writer"], max_iterations=8
            ),
            "idempotency_key": KEY,
        },
        request_json={"toolNames": ["document_parser", "llm_writer"], "maxIterations": 8},
        fields={
            "estimated_usd": "estimatedUsd",
            "tools.1.per_invocation_micro_u": "tools.1.perInvocationMicroU",
            "quota_check.state": "quotaCheck.state",
            "quota_check.tier": "quotaCheck.tier",
        },
    ),
    Case(
        "account.get_usage_history",
        "GET",
        "/api/v1/payment/usage/history",
        list,
        fields={"0.period_start": "0.period_start", "0.limit": "0.limit", "1.used": "1.used"},
    ),
    Case(
        "account.get_credit_balance",
        "GET",
        "/api/v1/credits/balance",
        m.CreditBalance,
        fields={"balance_credits": "balanceCredits", "period_end": "periodEnd"},
    ),
    # user workflows
    Case(
        "user_workflows.list_user_workflows",
        "GET",
        "/api/v1/user_workflows",
        m.UserWorkflowsPage,
        kwargs={"visibility": m.WorkflowVisibility.PRIVATE, "limit": 20, "cursor": "c1"},
        query={"visibility": "private", "limit": "20", "cursor": "c1"},
        fields={"items.0.workflow_id": "items.0.workflowId", "cursor": "cursor"},
    ),
    Case(
        "user_workflows.get_user_workflow",
        "GET",
        f"/api/v1/user_workflows/{USER_WORKFLOW_ID}",
        m.UserWorkflowDetail,
        args=(USER_WORKFLOW_ID,),
        fields={"system_prompt": "systemPrompt", "item_version": "itemVersion"},
    ),
    Case(
        "user_workflows.delete_user_workflow",
        "DELETE",
        f"/api/v1/user_workflows/{USER_WORKFLOW_ID}",
        None,
        args=(USER_WORKFLOW_ID,),
        kwargs={"idempotency_key": KEY},
    ),
    Case(
        "user_workflows.export_user_workflow",
        "GET",
        f"/api/v1/user_workflows/{USER_WORKFLOW_ID}/export",
        m.UserWorkflowExportDocument,
        args=(USER_WORKFLOW_ID,),
        opaque=True,
    ),
    Case(
        "user_workflows.get_user_workflow_grounded_contract",
        "GET",
        f"/api/v1/user_workflows/{USER_WORKFLOW_ID}/grounded-contract",
        m.GroundedContract,
        args=(USER_WORKFLOW_ID,),
        kwargs={"model_binding": "local-qwen3-4b", "locale": "ja"},
        query={"model_binding": "local-qwen3-4b", "locale": "ja"},
        opaque=True,
    ),
    Case(
        "user_workflows.list_user_workflow_runs",
        "GET",
        f"/api/v1/user_workflows/{USER_WORKFLOW_ID}/runs",
        m.UserWorkflowRunList,
        args=(USER_WORKFLOW_ID,),
        kwargs={"limit": 5},
        query={"limit": "5"},
        fields={"items.0.job_spec_id": "items.0.jobSpecId", "items.0.progress": "items.0.progress"},
    ),
    # builder (snake_case)
    Case(
        "builder.create_builder_session",
        "POST",
        "/api/v1/chat/sessions",
        m.BuilderSession,
        kwargs={
            "body": m.CreateBuilderSessionRequest(
                mode=m.CreateBuilderSessionRequestMode.BUILDER,
                builder_mode=m.BuilderMode.FROM_SCRATCH,
                title="Invoice summariser",
            ),
            "idempotency_key": KEY,
        },
        request_json={
            "mode": "builder",
            "builder_mode": "from_scratch",
            "title": "Invoice summariser",
        },
        fields={"chat_id": "chat_id", "message_count": "message_count"},
    ),
    Case(
        "builder.get_builder_session",
        "GET",
        f"/api/v1/chat/sessions/{CHAT_ID}",
        m.BuilderSession,
        args=(CHAT_ID,),
        fields={"last_message_at": "last_message_at"},
    ),
    Case(
        "builder.send_builder_message",
        "POST",
        f"/api/v1/chat/sessions/{CHAT_ID}/messages",
        m.BuilderTurn,
        args=(CHAT_ID,),
        kwargs={"body": m.SendBuilderMessageRequest(content="register it"), "idempotency_key": KEY},
        request_json={"content": "register it"},
        fields={
            "registered_workflow_id": "registered_workflow_id",
            "messages.1.role": "messages.1.role",
        },
    ),
    Case(
        "builder.list_builder_messages",
        "GET",
        f"/api/v1/chat/sessions/{CHAT_ID}/messages",
        m.BuilderMessageList,
        args=(CHAT_ID,),
        kwargs={"limit": 50, "offset": 0},
        query={"limit": "50", "offset": "0"},
        fields={"total": "total", "messages.0.content": "messages.0.content"},
    ),
    Case(
        "builder.get_builder_quota",
        "GET",
        "/api/v1/chat/builder/quota",
        m.BuilderQuota,
        fields={"remaining": "remaining", "window_seconds": "window_seconds"},
    ),
    # health
    Case("health.get_health", "GET", "/api/v1/health", m.HealthStatus, fields={"status": "status"}),
]

VARIANTS = ["sync_detailed", "asyncio_detailed", "sync_raw", "asyncio_raw"]


# helpers ----------------------------------------------------------------------------------------


@cache
def spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def success_example(operation_id: str) -> tuple[int, Any]:
    """(status, example body) of the operation's first 2xx response in the spec."""
    for item in spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                for status, response in operation["responses"].items():
                    if status.startswith("2"):
                        return int(status), example_of(deref(response))
    raise AssertionError(f"{operation_id} is not in {SPEC.name}")


def deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].split("/")[1:]:
            target = target[part]
        node = target
    return node


def example_of(response: dict[str, Any]) -> Any:
    media = response.get("content", {}).get("application/json")
    if media is None:
        return None
    if "example" in media:
        return media["example"]
    return next(iter(media["examples"].values()))["value"]


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def normalized(value: Any) -> Any:
    """Wire values made comparable: datetimes as datetime (Z vs +00:00), enums as their value."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return datetime.fromisoformat(value)
    return value


def walk(root: Any, path: str, step: Callable[[Any, str], Any]) -> Any:
    for part in path.split("."):
        root = root[int(part)] if part.isdigit() else step(root, part)
    return root


def module(case: Case) -> ModuleType:
    return importlib.import_module(f"convilyn.lowlevel.api.{case.op}")


def client() -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token=TOKEN)


async def call(case: Case, variant: str, api_client: AuthenticatedClient | Client) -> Any:
    function = getattr(module(case), variant)
    result = function(*case.args, client=api_client, **case.kwargs)
    return await result if variant.startswith("asyncio") else result


def assert_request(case: Case, request: httpx.Request) -> None:
    assert request.method == case.method
    assert request.url.path == case.path
    assert dict(request.url.params) == case.query
    assert request.headers.get_list("Authorization") == [f"Bearer {TOKEN}"]
    if "idempotency_key" in case.kwargs:
        assert request.headers["Idempotency-Key"] == KEY
    else:
        assert "Idempotency-Key" not in request.headers
    if case.request_json is not None:
        assert request.headers["Content-Type"] == "application/json"
        assert json.loads(request.content) == case.request_json
    elif case.op != "files.upload_file":
        assert request.content == b""


def assert_parsed(case: Case, parsed: Any, example: Any) -> None:
    if case.parsed is None:
        assert parsed is None
        return
    assert isinstance(parsed, case.parsed)
    model: Any = parsed
    wire = [item.to_dict() for item in model] if isinstance(model, list) else model.to_dict()
    assert normalized(wire) == normalized(example)
    if not case.opaque:
        assert getattr(parsed, "additional_properties", {}) == {}
    for attribute, key in case.fields.items():
        actual = walk(parsed, attribute, getattr)
        expected = walk(example, key, lambda node, part: node[part])
        assert normalized(actual) == normalized(expected), attribute


# tests ------------------------------------------------------------------------------------------


def test_every_operation_of_the_spec_has_a_case() -> None:
    operation_ids = {
        operation["operationId"]
        for item in spec()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert len(CASES) == 38
    assert {case.operation_id for case in CASES} == operation_ids


@pytest.mark.anyio
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=str)
async def test_operation(case: Case, variant: str) -> None:
    status, example = success_example(case.operation_id)
    headers = {"X-Request-Id": "req_0f1e2d3c", "X-RateLimit-Remaining": "59"}
    with respx.mock(base_url=BASE_URL, assert_all_called=True) as mock:
        route = mock.route(method=case.method, path=case.path).respond(
            status, json=example, headers=headers
        )
        result = await call(case, variant, client())

    assert route.call_count == 1
    assert_request(case, route.calls.last.request)
    if variant.endswith("_raw"):
        assert isinstance(result, httpx.Response)
        assert result.status_code == status
        assert result.headers["X-Request-Id"] == "req_0f1e2d3c"
        assert (result.json() if example is not None else None) == example
    else:
        assert result.status_code == status
        assert result.headers["X-Request-Id"] == "req_0f1e2d3c"
        assert_parsed(case, result.parsed, example)


def test_upload_is_multipart_with_the_file_part() -> None:
    case = next(case for case in CASES if case.op == "files.upload_file")
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.post(case.path).respond(200, json=success_example(case.operation_id)[1])
        module(case).sync_detailed(client=client(), **case.kwargs)

    request = route.calls.last.request
    boundary = request.headers["Content-Type"].removeprefix("multipart/form-data; boundary=")
    assert boundary != request.headers["Content-Type"]
    assert request.content.startswith(f"--{boundary}\r\n".encode())
    assert b'Content-Disposition: form-data; name="file"; filename="resume.pdf"' in request.content
    assert b"Content-Type: application/pdf\r\n\r\n%PDF-1.7 resume\r\n" in request.content


def test_idempotency_key_is_optional() -> None:
    from convilyn.lowlevel.api.workflows import like_workflow

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.post(f"/api/v1/workflows/{WORKFLOW_ID}/like").respond(
            200, json={"liked": True, "likeCount": 212}
        )
        parsed = like_workflow.sync(WORKFLOW_ID, client=client())

    assert parsed == m.LikeResponse(liked=True, like_count=212)
    assert "Idempotency-Key" not in route.calls.last.request.headers


def test_query_parameters_left_unset_are_not_sent() -> None:
    from convilyn.lowlevel.api.workflows import search_community_workflows

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/workflows/community").respond(
            200, json={"items": [], "cursor": None}
        )
        page = search_community_workflows.sync(client=client())

    assert route.calls.last.request.url.query == b""
    assert isinstance(page, m.WorkflowSearchPage)
    assert page.items == []
    assert page.cursor is None


def test_health_needs_no_key() -> None:
    from convilyn.lowlevel.api.health import get_health

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/health").respond(200, json={"status": "ok"})
        health = get_health.sync(client=Client(base_url=BASE_URL))

    assert health == m.HealthStatus(status="ok")
    assert "Authorization" not in route.calls.last.request.headers


# error responses --------------------------------------------------------------------------------


def test_version_conflict_parses_as_error_response() -> None:
    from convilyn.lowlevel.api.goals import update_goal_job_slots

    body = {
        "code": "VERSION_CONFLICT",
        "message": "Job was modified (expected version 1, current 2)",
        "details": {"currentVersion": 2, "expectedVersion": 1},
    }
    with respx.mock(base_url=BASE_URL) as mock:
        mock.patch(f"/api/v1/jobs/goal/{JOB_SPEC_ID}/slots").respond(409, json=body)
        response = update_goal_job_slots.sync_detailed(
            JOB_SPEC_ID,
            client=client(),
            body=m.UpdateSlotsRequest(answers=[m.SlotAnswer(slot_id="tone", value="friendly")]),
            idempotency_key=KEY,
        )

    assert response.status_code == 409
    error = response.parsed
    assert isinstance(error, m.ErrorResponse)
    assert error.code == "VERSION_CONFLICT"
    assert isinstance(error.details, m.ErrorResponseDetails)
    assert error.details["currentVersion"] == 2


def test_validation_error_carries_field_errors() -> None:
    from convilyn.lowlevel.api.files import presign_upload

    body = {
        "code": "VALIDATION_ERROR",
        "message": "Request validation failed",
        "details": {},
        "errors": [
            {"loc": ["body", "fileSize"], "msg": "must be >= 1", "type": "value_error"},
        ],
    }
    with respx.mock(base_url=BASE_URL) as mock:
        mock.post("/api/v1/upload/presign").respond(422, json=body)
        error = presign_upload.sync(
            client=client(),
            body=m.PresignRequest(
                file_name="empty.pdf", file_size=0, content_type="application/pdf"
            ),
        )

    assert isinstance(error, m.ErrorResponse)
    assert isinstance(error.errors, list)
    assert error.errors[0].loc == ["body", "fileSize"]
    assert error.errors[0].msg == "must be >= 1"


@pytest.mark.parametrize(
    ("status", "content_type", "text"),
    [
        (429, "text/plain", "Too Many Requests"),
        (502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        (520, "text/html", "<html><body>Web server is returning an unknown error</body></html>"),
    ],
)
def test_unforeseen_error_bodies_do_not_crash(status: int, content_type: str, text: str) -> None:
    from convilyn.lowlevel.api.goals import get_goal_job_status

    with respx.mock(base_url=BASE_URL) as mock:
        mock.get(f"/api/v1/jobs/goal/{JOB_SPEC_ID}/status").respond(
            status, text=text, headers={"Content-Type": content_type, "Retry-After": "3"}
        )
        response = get_goal_job_status.sync_detailed(JOB_SPEC_ID, client=client())

    assert response.status_code == status
    assert response.parsed is None
    assert response.content == text.encode()
    assert response.headers["Retry-After"] == "3"


def test_injected_httpx_client_keeps_the_key() -> None:
    from convilyn.lowlevel.api.account import get_credit_balance

    api_client = client()
    with respx.mock(base_url=BASE_URL) as mock, httpx.Client(base_url=BASE_URL) as injected:
        route = mock.get("/api/v1/credits/balance").respond(
            200, json={"balanceCredits": 850, "periodEnd": "2026-04-01T00:00:00Z"}
        )
        api_client.set_httpx_client(injected)
        balance = get_credit_balance.sync(client=api_client)

    assert isinstance(balance, m.CreditBalance)
    assert balance.balance_credits == 850
    assert route.calls.last.request.headers.get_list("Authorization") == [f"Bearer {TOKEN}"]
