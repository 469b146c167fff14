"""Convilyn: the Python SDK for the Convilyn v1 API.

::

    from convilyn import Convilyn

    with Convilyn() as client:                     # CONVILYN_API_KEY from the environment
        job = client.convert.create_and_wait(file="report.docx", target_format="pdf")
        client.convert.download_to(job, to="report.pdf")

        result = client.goals.run(
            workflow_id="goal_lane.cover_letter",
            files=[client.files.upload("resume.pdf")],
            slots={"tone": "formal"},
            on_slot=lambda slot, job: input(slot.question + " "),
        )

``AsyncConvilyn`` has the same methods, awaitable, plus ``goals.events()``.

Importing this package is cheap: the clients, httpx and the models load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from convilyn._version import __version__

if TYPE_CHECKING:
    from convilyn._async._client import AsyncConvilyn
    from convilyn._backends import AsyncTimeSource, TimeSource
    from convilyn._retry import (
        ExponentialBackoffRetry,
        NoRetry,
        RateLimitInfo,
        RetryContext,
        RetryDecision,
        RetryPolicy,
    )
    from convilyn._sync._client import Convilyn
    from convilyn.errors import (
        AmbiguousWriteError,
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        AuthError,
        BadRequestError,
        BillingError,
        ChargeUnavailableError,
        ConfigurationError,
        ConflictError,
        ConvilynError,
        ConvilynWarning,
        DownloadTargetExistsError,
        FileInUseError,
        FreeTierBlockedError,
        GoalJobFailedError,
        GoalJobTimeoutError,
        InsufficientCreditsError,
        InternalServerError,
        JobFailedError,
        JobTimeoutError,
        NotFoundError,
        PaymentRequiredError,
        PermissionDeniedError,
        PlanRequiredError,
        QuotaExceededError,
        QuotaSoftLimitWarning,
        RateLimitError,
        RequestTimeoutError,
        ResponseValidationError,
        S3UploadError,
        SpecNotPricedError,
        StorageUploadError,
        UnexpectedFieldError,
        UnprocessableEntityError,
        UnsafeDownloadError,
        UnsupportedConversionError,
        VersionConflictError,
    )
    from convilyn.types import (
        Artifact,
        ArtifactDownload,
        CatalogWorkflow,
        ConvertJob,
        CostEstimate,
        CreditBalance,
        File,
        FileList,
        GoalEvent,
        GoalJob,
        GoalJobStatus,
        JobError,
        JobErrorDetail,
        LikeResponse,
        PendingSlot,
        Plan,
        QuotaCheck,
        ResultFile,
        ToolCostEstimate,
        UsageHistoryEntry,
        Workflow,
        WorkflowSearchPage,
        WorkflowStats,
        WorkflowSummary,
    )

_LAZY: dict[str, str] = {
    "APIConnectionError": "convilyn.errors",
    "APIError": "convilyn.errors",
    "APITimeoutError": "convilyn.errors",
    "AmbiguousWriteError": "convilyn.errors",
    "Artifact": "convilyn.types",
    "ArtifactDownload": "convilyn.types",
    "AsyncConvilyn": "convilyn._async._client",
    "AsyncTimeSource": "convilyn._backends",
    "AuthError": "convilyn.errors",
    "AuthenticationError": "convilyn.errors",
    "BadRequestError": "convilyn.errors",
    "BillingError": "convilyn.errors",
    "CatalogWorkflow": "convilyn.types",
    "ChargeUnavailableError": "convilyn.errors",
    "ConfigurationError": "convilyn.errors",
    "ConflictError": "convilyn.errors",
    "ConvertJob": "convilyn.types",
    "Convilyn": "convilyn._sync._client",
    "ConvilynError": "convilyn.errors",
    "ConvilynWarning": "convilyn.errors",
    "CostEstimate": "convilyn.types",
    "CreditBalance": "convilyn.types",
    "DownloadTargetExistsError": "convilyn.errors",
    "ExponentialBackoffRetry": "convilyn._retry",
    "File": "convilyn.types",
    "FileInUseError": "convilyn.errors",
    "FileList": "convilyn.types",
    "FreeTierBlockedError": "convilyn.errors",
    "GoalEvent": "convilyn.types",
    "GoalJob": "convilyn.types",
    "GoalJobFailedError": "convilyn.errors",
    "GoalJobStatus": "convilyn.types",
    "GoalJobTimeoutError": "convilyn.errors",
    "InsufficientCreditsError": "convilyn.errors",
    "InternalServerError": "convilyn.errors",
    "JobError": "convilyn.types",
    "JobErrorDetail": "convilyn.types",
    "JobFailedError": "convilyn.errors",
    "JobTimeoutError": "convilyn.errors",
    "LikeResponse": "convilyn.types",
    "NoRetry": "convilyn._retry",
    "NotFoundError": "convilyn.errors",
    "PaymentRequiredError": "convilyn.errors",
    "PendingSlot": "convilyn.types",
    "PermissionDeniedError": "convilyn.errors",
    "Plan": "convilyn.types",
    "PlanRequiredError": "convilyn.errors",
    "QuotaCheck": "convilyn.types",
    "QuotaExceededError": "convilyn.errors",
    "QuotaSoftLimitWarning": "convilyn.errors",
    "RateLimitError": "convilyn.errors",
    "RateLimitInfo": "convilyn._retry",
    "RequestTimeoutError": "convilyn.errors",
    "ResponseValidationError": "convilyn.errors",
    "ResultFile": "convilyn.types",
    "RetryContext": "convilyn._retry",
    "RetryDecision": "convilyn._retry",
    "RetryPolicy": "convilyn._retry",
    "S3UploadError": "convilyn.errors",
    "SpecNotPricedError": "convilyn.errors",
    "StorageUploadError": "convilyn.errors",
    "TimeSource": "convilyn._backends",
    "ToolCostEstimate": "convilyn.types",
    "UnexpectedFieldError": "convilyn.errors",
    "UnprocessableEntityError": "convilyn.errors",
    "UnsafeDownloadError": "convilyn.errors",
    "UnsupportedConversionError": "convilyn.errors",
    "UsageHistoryEntry": "convilyn.types",
    "VersionConflictError": "convilyn.errors",
    "Workflow": "convilyn.types",
    "WorkflowSearchPage": "convilyn.types",
    "WorkflowStats": "convilyn.types",
    "WorkflowSummary": "convilyn.types",
}

__all__ = [
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
    "BadRequestError",
    "BillingError",
    "CatalogWorkflow",
    "ChargeUnavailableError",
    "ConfigurationError",
    "ConflictError",
    "ConvertJob",
    "Convilyn",
    "ConvilynError",
    "ConvilynWarning",
    "CostEstimate",
    "CreditBalance",
    "DownloadTargetExistsError",
    "ExponentialBackoffRetry",
    "File",
    "FileInUseError",
    "FileList",
    "FreeTierBlockedError",
    "GoalEvent",
    "GoalJob",
    "GoalJobFailedError",
    "GoalJobStatus",
    "GoalJobTimeoutError",
    "InsufficientCreditsError",
    "InternalServerError",
    "JobError",
    "JobErrorDetail",
    "JobFailedError",
    "JobTimeoutError",
    "LikeResponse",
    "NoRetry",
    "NotFoundError",
    "PaymentRequiredError",
    "PendingSlot",
    "PermissionDeniedError",
    "Plan",
    "PlanRequiredError",
    "QuotaCheck",
    "QuotaExceededError",
    "QuotaSoftLimitWarning",
    "RateLimitError",
    "RateLimitInfo",
    "RequestTimeoutError",
    "ResponseValidationError",
    "ResultFile",
    "RetryContext",
    "RetryDecision",
    "RetryPolicy",
    "S3UploadError",
    "SpecNotPricedError",
    "StorageUploadError",
    "TimeSource",
    "ToolCostEstimate",
    "UnexpectedFieldError",
    "UnprocessableEntityError",
    "UnsafeDownloadError",
    "UnsupportedConversionError",
    "UsageHistoryEntry",
    "VersionConflictError",
    "Workflow",
    "WorkflowSearchPage",
    "WorkflowStats",
    "WorkflowSummary",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'convilyn' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
