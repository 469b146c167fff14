"""The JSON the ``convilyn`` command prints: one documented shape per command.

With ``--json`` every command prints exactly one JSON document on stdout; ``goals events`` and
``goals run --ndjson`` print one JSON object per line. Field names are the SDK's Python names
(snake_case), the same as ``model.model_dump(mode="json")``; times are ISO 8601 strings in UTC.
SDK models appear as they are (``File``, ``GoalJob``, ...: see ``convilyn.types``).

Per command (``Name`` = an SDK model, dumped with ``model_dump(mode="json")``):

- ``files upload``: ``{"files": [File]}``
- ``files list``: ``{"files": [StoredFile], "usage": StorageUsage | null}``
- ``files delete``: ``{"deleted": [file_id]}``
- ``convert``: ``{"job": ConvertJob, "file": File | null, "output": path, "size": bytes}``
- ``convert --dry-run``: ``{"dry_run": true, "source", "size", "source_format",
  "target_format", "processor_type", "output", "would": [str], "cost": DryRunCost | null,
  "checked": [str], "not_checked": [str]}``
- ``goals run --dry-run``, ``goals start --dry-run``: ``{"dry_run": true, "workflow_id",
  "user_workflow_id", "goal_text", "files": [path], "file_ids": [id], "slots": {id: value},
  "would", "cost", "checked", "not_checked"}``
- ``convert status JOB``: ``ConvertJob``; ``convert download JOB``: as ``convert`` (``file``
  null)
- ``goals run``: ``{"job": GoalJob, "download": Download | null}``
- ``goals start``, ``wait``, ``fill-slot``, ``confirm``, ``cancel``, ``retry``: ``GoalJob``
  (the job after the action)
- ``goals status``: ``GoalJobStatus`` (with ``--full``: ``GoalJob``; with ``--watch``: the
  ``GoalJob`` it stopped at, as ``goals wait``)
- ``goals artifacts``: ``{"artifacts": [Artifact], "total": n}``
- ``goals download``: ``{"job_spec_id", "artifact_id": str | null, "path", "size",
  "entries": [{"name", "size"}] | null}``
- ``goals events`` (NDJSON): one ``Event`` per line
- ``goals understand``: ``{"result": any (the JSON that fits the schema), "output": path |
  null}``; ``goals to-markdown``: ``{"result": str, "output": path | null}``; either with
  ``--dry-run``: ``{"dry_run": true, "command", "uploads": [{"path", "size"}], "request": {...},
  "output": path | null, "estimate": CostEstimate}``
- ``goals run --ndjson``: one ``Event`` per line, of type ``uploaded``, ``created``, ``status``,
  ``progress``, ``slot_needed``, ``slot_answered``, ``completed`` / ``failed``, ``downloaded``
- ``workflows catalog``: ``{"workflows": [CatalogWorkflow]}``
- ``workflows search``: ``{"items": [WorkflowSummary], "cursor": str | null}``
- ``workflows get``, ``fork``, ``publish``: ``Workflow``
- ``workflows like``: ``LikeResponse``
- ``user-workflows list``: ``{"items": [UserWorkflowSummary], "cursor": str | null}``;
  ``get``: ``UserWorkflowDetail``; ``delete``: ``{"deleted": [workflow_id], "archived"}``;
  ``export``: ``{"document": {...}, "schema_version"}`` (with ``-o``: ``{"path", "bytes",
  "schema_version"}``); ``runs``: ``{"runs": [UserWorkflowRun]}``; ``contract``: the contract
  object (with ``-o``: ``{"path", "bytes"}``)
- ``builder start``, ``show``: ``BuilderSession``; ``say``: ``BuilderTurn``; ``messages``:
  ``BuilderMessageList``; ``quota``: ``BuilderQuota``
- ``account plan``: ``Plan``; ``account quota``: ``CostEstimate``;
  ``account balance``: ``CreditBalance``; ``account usage``: ``{"usage": [UsageHistoryEntry]}``
- ``api``: ``{"status_code", "headers": {name: value}, "body": any}``; with ``-o``: ``"body"``
  null and ``"output": {"path", "bytes", "sha256"}``
- ``doctor``: ``{"ok", "version", "python", "platform", "base_url", "base_url_source",
  "api_key" (masked), "key_source", "config_file": {"path", "exists", "mode"?},
  "online" (``--ping``), "checks": [Check]}``
- ``spec``: the OpenAPI document as JSON; with ``-o``: ``{"path", "bytes", "sha256"}``
- ``login``: ``{"config_file", "api_key" (masked), "base_url", "verified"}``
- ``logout``: ``{"config_file", "removed"}``
- ``setup``: ``{"config_file", "api_key" (masked), "base_url", "provider", "key_name", "tier",
  "already_set_up"}`` (the last four null when a stored key still works)
- ``agent install``: ``{"ok", "dry_run", "command": [str], "mcp_extra_installed",
  "steps": [{"target", "action", "changed", "detail"}]}``, ``action`` one of ``created``,
  ``updated``, ``appended``, ``unchanged``, ``refused``
- any command that fails: ``{"error": {"exit_code", "kind", "type", "action", "message",
  "status_code", "code", "request_id", "hint", ...}}``; exit code 4 adds ``"job_spec_id"``,
  ``"status"`` and ``"pending_slots": [slot_id]``; a command that failed half way adds
  ``"done"``, what it did before (``{"uploaded": ["file_1 (a.txt)"]}``)

``Download`` is ``{"path", "size", "entries": [{"name", "size"}] | null}`` (``entries`` lists a
zip's files). ``Event`` is ``{"type", "schema_version", "job_spec_id", "emitted_at", "seq",
"data": {...}}``, the shape of ``GoalEvent``. ``Check`` is ``{"name", "ok", "detail",
"duration_ms"}``. ``DryRunCost`` is ``{"basis", "balance_credits", "estimated_micro_u",
"estimated_usd", "estimated_min_micro_u", "estimated_max_micro_u", "quota_state", "tier",
"threshold_micro_u", "upgrade_url"}`` (what the cost preview and the balance say; absent fields
null).

``MODELS`` maps each command to a pydantic model of its document and ``schema_for(command)``
gives its JSON Schema; the CLI's tests validate every ``--json`` output against it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from convilyn.models import (
    Artifact,
    BuilderMessageList,
    BuilderQuota,
    BuilderSession,
    BuilderTurn,
    CatalogWorkflow,
    ConvertJob,
    CostEstimate,
    CreditBalance,
    File,
    GoalJob,
    GoalJobStatus,
    LikeResponse,
    Plan,
    StorageUsage,
    StoredFile,
    UsageHistoryEntry,
    UserWorkflowDetail,
    UserWorkflowRun,
    UserWorkflowSummary,
    Workflow,
    WorkflowSummary,
)

__all__ = ["MODELS", "schema_for"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FilesUpload(_Shape):
    files: list[File]


class FilesList(_Shape):
    files: list[StoredFile]
    usage: StorageUsage | None


class FilesDelete(_Shape):
    deleted: list[str]


class ConvertResult(_Shape):
    job: ConvertJob
    file: File | None
    output: str
    size: int


class DryRunCost(_Shape):
    basis: str
    balance_credits: int | float | None = None
    estimated_micro_u: int | None = None
    estimated_usd: float | None = None
    estimated_min_micro_u: int | None = None
    estimated_max_micro_u: int | None = None
    quota_state: str | None = None
    tier: str | None = None
    threshold_micro_u: int | None = None
    upgrade_url: str | None = None


class _DryRun(_Shape):
    dry_run: Literal[True]
    would: list[str]
    cost: DryRunCost | None
    checked: list[str]
    not_checked: list[str]


class ConvertDryRun(_DryRun):
    source: str | None
    size: int | None
    source_format: str
    target_format: str
    processor_type: str
    output: str


class GoalsDryRun(_DryRun):
    workflow_id: str | None
    user_workflow_id: str | None
    goal_text: str | None
    files: list[str]
    file_ids: list[str]
    slots: dict[str, Any]


class ZipEntry(_Shape):
    name: str
    size: int


class Download(_Shape):
    path: str
    size: int
    entries: list[ZipEntry] | None


class GoalsRun(_Shape):
    job: GoalJob
    download: Download | None


class GoalsArtifacts(_Shape):
    artifacts: list[Artifact]
    total: int


class GoalsDownload(Download):
    job_spec_id: str
    artifact_id: str | None


class Event(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    schema_version: int
    job_spec_id: str | None
    emitted_at: str
    seq: int
    data: dict[str, Any]


class GoalsUnderstand(_Shape):
    result: Any
    output: str | None


class GoalsToMarkdown(_Shape):
    result: str
    output: str | None


class Upload(_Shape):
    path: str
    size: int


class UnderstandDryRun(_Shape):
    dry_run: Literal[True]
    command: str
    uploads: list[Upload]
    request: dict[str, Any]
    output: str | None
    estimate: CostEstimate


class WorkflowsCatalog(_Shape):
    workflows: list[CatalogWorkflow]


class WorkflowsSearch(_Shape):
    items: list[WorkflowSummary]
    cursor: str | None


class UserWorkflowsList(_Shape):
    items: list[UserWorkflowSummary]
    cursor: str | None


class UserWorkflowsDelete(_Shape):
    deleted: list[str]
    archived: bool


class UserWorkflowsExport(_Shape):
    document: dict[str, Any]
    schema_version: str | None


class UserWorkflowsWritten(_Shape):
    path: str
    bytes: int
    schema_version: str | None = None


class UserWorkflowsRuns(_Shape):
    runs: list[UserWorkflowRun]


class AnyObject(BaseModel):
    model_config = ConfigDict(extra="allow")


class AccountUsage(_Shape):
    usage: list[UsageHistoryEntry]


class Written(_Shape):
    path: str
    bytes: int
    sha256: str


class ApiResult(_Shape):
    status_code: int
    headers: dict[str, str]
    body: Any
    output: Written | None = None


class ConfigFile(_Shape):
    path: str
    exists: bool
    mode: str | None = None


class Check(_Shape):
    name: str
    ok: bool
    detail: str
    duration_ms: float


class Doctor(_Shape):
    ok: bool
    version: str
    python: str
    platform: str
    base_url: str | None
    base_url_source: Literal["flag", "env", "file", "default"]
    api_key: str
    key_source: Literal["flag", "env", "file", "none"]
    config_file: ConfigFile
    online: bool
    checks: list[Check]


SpecWritten = Written


class OpenAPIDocument(BaseModel):
    model_config = ConfigDict(extra="allow")
    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


class Login(_Shape):
    config_file: str
    api_key: str
    base_url: str | None
    verified: bool


class Logout(_Shape):
    config_file: str
    removed: bool


class Setup(_Shape):
    config_file: str
    api_key: str
    base_url: str | None
    provider: Literal["google", "github", "email"] | None
    key_name: str | None
    tier: str | None
    already_set_up: bool


class AgentInstallStep(_Shape):
    target: str
    action: Literal["created", "updated", "appended", "unchanged", "refused"]
    changed: bool
    detail: str


class AgentInstall(_Shape):
    ok: bool
    dry_run: bool
    command: list[str]
    mcp_extra_installed: bool
    steps: list[AgentInstallStep]


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    exit_code: Literal[1, 2, 3, 4, 130]
    kind: str
    type: str
    action: str | None
    message: str
    status_code: int | None
    code: str | None
    request_id: str | None
    hint: str | None
    # What the command did before it failed: {"uploaded": ["file_1 (a.txt)"], "deleted": [...]}
    done: dict[str, list[str]] | None = None


class ErrorDocument(_Shape):
    error: ErrorBody


MODELS: dict[str, type[BaseModel]] = {
    "files upload": FilesUpload,
    "files list": FilesList,
    "files delete": FilesDelete,
    "convert": ConvertResult,
    "convert --dry-run": ConvertDryRun,
    "goals run --dry-run": GoalsDryRun,
    "goals start --dry-run": GoalsDryRun,
    "convert status": ConvertJob,
    "convert download": ConvertResult,
    "goals run": GoalsRun,
    "goals start": GoalJob,
    "goals status": GoalJobStatus,
    "goals status --full": GoalJob,
    "goals status --watch": GoalJob,
    "goals wait": GoalJob,
    "goals fill-slot": GoalJob,
    "goals confirm": GoalJob,
    "goals cancel": GoalJob,
    "goals retry": GoalJob,
    "goals artifacts": GoalsArtifacts,
    "goals download": GoalsDownload,
    "goals events": Event,
    "goals run --ndjson": Event,
    "goals understand": GoalsUnderstand,
    "goals to-markdown": GoalsToMarkdown,
    "goals understand --dry-run": UnderstandDryRun,
    "goals to-markdown --dry-run": UnderstandDryRun,
    "workflows catalog": WorkflowsCatalog,
    "workflows search": WorkflowsSearch,
    "workflows get": Workflow,
    "workflows fork": Workflow,
    "workflows publish": Workflow,
    "workflows like": LikeResponse,
    "user-workflows list": UserWorkflowsList,
    "user-workflows get": UserWorkflowDetail,
    "user-workflows delete": UserWorkflowsDelete,
    "user-workflows export": UserWorkflowsExport,
    "user-workflows export -o": UserWorkflowsWritten,
    "user-workflows runs": UserWorkflowsRuns,
    "user-workflows contract": AnyObject,
    "user-workflows contract -o": UserWorkflowsWritten,
    "builder start": BuilderSession,
    "builder show": BuilderSession,
    "builder say": BuilderTurn,
    "builder messages": BuilderMessageList,
    "builder quota": BuilderQuota,
    "account plan": Plan,
    "account quota": CostEstimate,
    "account balance": CreditBalance,
    "account usage": AccountUsage,
    "api": ApiResult,
    "doctor": Doctor,
    "spec": OpenAPIDocument,
    "spec -o": SpecWritten,
    "login": Login,
    "logout": Logout,
    "setup": Setup,
    "agent install": AgentInstall,
    "error": ErrorDocument,
}


def schema_for(command: str) -> dict[str, Any]:
    """The JSON Schema of a command's ``--json`` document (NDJSON: of one line)."""
    return MODELS[command].model_json_schema(mode="serialization", by_alias=False)
