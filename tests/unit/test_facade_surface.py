"""The public surface is pinned: names, resource methods, sync and async alike."""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import respx
from facade_helpers import BASE, KEY, goal_job

import convilyn
from convilyn import AsyncConvilyn, Convilyn

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_ALL = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AmbiguousWriteError",
    "Artifact",
    "ArtifactDownload",
    "AsyncConvilyn",
    "AsyncTimeSource",
    "AuthError",
    "AuthenticationError",
    "AutoThrottleConfig",
    "BadRequestError",
    "BillingError",
    "BuilderAttachment",
    "BuilderMessage",
    "BuilderMessageList",
    "BuilderPendingSlot",
    "BuilderQuota",
    "BuilderSession",
    "BuilderTurn",
    "CatalogWorkflow",
    "ChargeUnavailableError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "ContractNotDerivableError",
    "ConvertJob",
    "Convilyn",
    "ConvilynError",
    "ConvilynWarning",
    "CostEstimate",
    "CreditBalance",
    "DownloadTargetExistsError",
    "DownloadWriteError",
    "ExponentialBackoffRetry",
    "File",
    "FileInUseError",
    "FileList",
    "FreeTierBlockedError",
    "GoalArtifactUnusableError",
    "GoalEvent",
    "GoalEventDeriver",
    "GoalJob",
    "GoalJobFailedError",
    "GoalJobStatus",
    "GoalJobTimeoutError",
    "GroundedContractUnavailableError",
    "InsufficientCreditsError",
    "InternalServerError",
    "JobError",
    "JobErrorDetail",
    "JobFailedError",
    "JobTimeoutError",
    "LikeResponse",
    "NextStep",
    "NoRetry",
    "NotFoundError",
    "PaymentRequiredError",
    "PendingSlot",
    "PermissionDeniedError",
    "Plan",
    "PlanRequiredError",
    "PlanTier",
    "QuotaCheck",
    "QuotaExceededError",
    "QuotaSoftLimitWarning",
    "QuotaState",
    "RateLimitError",
    "RateLimitInfo",
    "RedirectError",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ResultFile",
    "RetryContext",
    "RetryDecision",
    "RetryExhaustedError",
    "RetryPolicy",
    "S3UploadError",
    "SpecNotPricedError",
    "StorageUploadError",
    "StorageUsage",
    "StoredFile",
    "TimeSource",
    "ToolCostEstimate",
    "UnderstandUnavailableError",
    "UnexpectedFieldError",
    "UnprocessableEntityError",
    "UnsafeDownloadError",
    "UnsuitableInputError",
    "UnsupportedConversionError",
    "UnusedAnswersWarning",
    "UsageHistoryEntry",
    "UserWorkflowDetail",
    "UserWorkflowExport",
    "UserWorkflowRun",
    "UserWorkflowSummary",
    "UserWorkflowsPage",
    "VersionConflictError",
    "Workflow",
    "WorkflowIsPublicError",
    "WorkflowSearchPage",
    "WorkflowStats",
    "WorkflowSummary",
    "__version__",
    "next_step",
]

RESOURCES = {
    "files": ["check", "delete", "list", "upload"],
    "convert": [
        "create",
        "create_and_wait",
        "download_to",
        "download_url",
        "plan",
        "retrieve",
        "wait",
    ],
    "goals": [
        "artifacts",
        "cancel",
        "check_inputs",
        "confirm",
        "download_artifact_to",
        "download_artifact_url",
        "download_to",
        "extract",
        "fill_slot",
        "fill_slots",
        "retrieve",
        "retry",
        "run",
        "run_interactive",
        "start",
        "status",
        "to_markdown",
        "understand",
        "wait",
    ],
    "workflows": ["catalog", "fork", "get", "iter_search", "like", "patch", "publish", "search"],
    "account": ["get_balance", "get_plan", "get_quota", "usage_history"],
    "user_workflows": ["delete", "export", "get", "grounded_contract", "iter_list", "list", "runs"],
    "builder": ["create_session", "get_session", "messages", "quota", "send_message"],
    "api": ["delete", "get", "patch", "post", "request"],
}
ASYNC_ONLY = {"goals": ["events", "listen_events"]}
LOCAL = {"check", "plan"}  # checked locally: a plain function on both clients, never awaited
CLIENT_MEMBERS = [
    "account",
    "api",
    "async_client",
    "auto_throttle",
    "base_url",
    "builder",
    "convert",
    "files",
    "from_env",
    "goals",
    "is_closed",
    "last_rate_limit",
    "max_retries",
    "retry_policy",
    "timeout",
    "user_workflows",
    "with_options",
    "workflows",
    "ws_url",
]


def public(obj: object) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def test_all_is_pinned() -> None:
    assert convilyn.__all__ == EXPECTED_ALL
    for name in convilyn.__all__:
        assert getattr(convilyn, name) is not None


def test_client_members() -> None:
    assert public(Convilyn) == sorted([*CLIENT_MEMBERS, "close"])
    assert public(AsyncConvilyn) == sorted([*CLIENT_MEMBERS, "aclose"])


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_resource_methods_sync_and_async(resource: str) -> None:
    sync_client = Convilyn(api_key=KEY, base_url=BASE)
    async_client = AsyncConvilyn(api_key=KEY, base_url=BASE)
    sync_res = getattr(sync_client, resource)
    async_res = getattr(async_client, resource)
    assert public(sync_res) == RESOURCES[resource]
    assert public(async_res) == sorted(RESOURCES[resource] + ASYNC_ONLY.get(resource, []))
    for name in RESOURCES[resource]:
        s, a = getattr(sync_res, name), getattr(async_res, name)
        assert inspect.signature(s).parameters.keys() == inspect.signature(a).parameters.keys(), (
            name
        )
        if name in LOCAL:
            assert not inspect.iscoroutinefunction(a), name
            assert not inspect.iscoroutinefunction(s), name
        elif name in ("iter_search", "iter_list"):
            assert inspect.isasyncgenfunction(a)
            assert inspect.isgeneratorfunction(s)
        else:
            assert inspect.iscoroutinefunction(a), name
            assert not inspect.iscoroutinefunction(s), name


def test_sync_twin_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "unasync_facade.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_import_is_light() -> None:
    code = (
        "import sys, convilyn; "
        "heavy = [m for m in ('httpx', 'pydantic', 'rich', 'httpx_ws', 'convilyn.cli', "
        "'convilyn.sandbox', 'convilyn.lowlevel', 'convilyn.models') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code2 = (
        "import sys; from convilyn import Convilyn, AsyncConvilyn; "
        # (rich is not checked here: httpx itself imports it when its CLI extra is installed)
        "print([m for m in ('httpx_ws', 'convilyn.cli', 'convilyn.sandbox') "
        "if m in sys.modules])"
    )
    out2 = subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True, check=True)
    assert out2.stdout.strip() == "[]"


def test_the_clients_load_no_model_until_a_call_reads_one() -> None:
    """pydantic's model machinery and the ~85 wire models cost most of a cold start: the client
    classes load without them, and a call loads the models it reads, not the others."""
    code = (
        "import sys, convilyn; convilyn.AsyncConvilyn; convilyn.Convilyn\n"
        "models = lambda: sorted(m.rsplit('.', 1)[1] for m in sys.modules "
        "if m.startswith('convilyn.models._generated.'))\n"
        "print(models(), 'pydantic.main' in sys.modules)\n"
        "from convilyn.models import GoalJob\n"
        "print(models())\n"
        "from convilyn.lowlevel.api.goals import get_goal_job\n"
        "print(sorted(m for m in sys.modules if m.startswith('convilyn.lowlevel.models.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, low = out.stdout.splitlines()
    assert before == "[] False"
    assert "goal_job" in after
    assert "pending_slot" in after  # what GoalJob refers to comes with it
    assert "builder_session" not in after
    # The generated low-level client alike: an endpoint module brings its own models only.
    assert "convilyn.lowlevel.models.goal_job" in low
    assert "builder_session" not in low


def test_every_wire_model_is_reachable_by_name() -> None:
    import convilyn.models as models

    assert len(models.__all__) > 80
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError, match="has no attribute 'NotAModel'"):
        _ = models.NotAModel


def test_sync_client_works_inside_a_running_event_loop() -> None:
    async def notebook_cell() -> str:
        with respx.mock(base_url=BASE) as router:
            router.get("/api/v1/jobs/goal/job_1").mock(
                return_value=httpx.Response(200, json=goal_job())
            )
            with Convilyn(api_key=KEY, base_url=BASE) as client:
                return client.goals.retrieve("job_1").job_spec_id

    assert asyncio.run(notebook_cell()) == "job_1"


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        _ = convilyn.DoesNotExist


def test_the_type_checkers_imports_are_the_lazy_exports() -> None:
    """``__init__`` lists its exports once for runtime (``_EXPORTS``) and once, under
    TYPE_CHECKING, for type checkers: the two must name the same things from the same places."""
    tree = ast.parse(Path(convilyn.__file__).read_text(encoding="utf-8"))
    imported: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                assert statement.module
                names = imported.setdefault(statement.module, set())
                names.update(alias.name for alias in statement.names)
    exports = {module: set(names) for module, names in convilyn._EXPORTS.items()}
    assert imported == exports


def test_every_top_level_name_is_exported_by_its_module() -> None:
    """The top-level manifest repeats names of its modules (so they load lazily); each module's
    own ``__all__`` must still list them, or ``from convilyn.errors import *`` and the docs of
    that module would disagree with ``convilyn``."""
    missing = {
        module: sorted(set(names) - set(importlib.import_module(module).__all__))
        for module, names in convilyn._EXPORTS.items()
    }
    assert {module: names for module, names in missing.items() if names} == {}
