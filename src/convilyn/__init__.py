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

# pylint: disable=duplicate-code
# (the lazy manifest repeats its modules' names by design; a test holds them equal)
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from convilyn._version import __version__ as __version__

if TYPE_CHECKING:
    from convilyn._async._client import AsyncConvilyn as AsyncConvilyn
    from convilyn._backends import AsyncTimeSource as AsyncTimeSource, TimeSource as TimeSource
    from convilyn._goal_events import GoalEventDeriver as GoalEventDeriver
    from convilyn._next_step import NextStep as NextStep, next_step as next_step
    from convilyn._retry import (
        ExponentialBackoffRetry as ExponentialBackoffRetry,
        NoRetry as NoRetry,
        RateLimitInfo as RateLimitInfo,
        RetryContext as RetryContext,
        RetryDecision as RetryDecision,
        RetryPolicy as RetryPolicy,
    )
    from convilyn._sync._client import Convilyn as Convilyn
    from convilyn._throttle import AutoThrottleConfig as AutoThrottleConfig
    from convilyn.errors import (
        AmbiguousWriteError as AmbiguousWriteError,
        APIConnectionError as APIConnectionError,
        APIError as APIError,
        APITimeoutError as APITimeoutError,
        AuthenticationError as AuthenticationError,
        AuthError as AuthError,
        BadRequestError as BadRequestError,
        BillingError as BillingError,
        ChargeUnavailableError as ChargeUnavailableError,
        ClientClosedError as ClientClosedError,
        ConfigurationError as ConfigurationError,
        ConflictError as ConflictError,
        ContractNotDerivableError as ContractNotDerivableError,
        ConvilynError as ConvilynError,
        ConvilynWarning as ConvilynWarning,
        DownloadTargetExistsError as DownloadTargetExistsError,
        DownloadWriteError as DownloadWriteError,
        FileInUseError as FileInUseError,
        FreeTierBlockedError as FreeTierBlockedError,
        GoalArtifactUnusableError as GoalArtifactUnusableError,
        GoalJobFailedError as GoalJobFailedError,
        GoalJobTimeoutError as GoalJobTimeoutError,
        GroundedContractUnavailableError as GroundedContractUnavailableError,
        InsufficientCreditsError as InsufficientCreditsError,
        InternalServerError as InternalServerError,
        JobFailedError as JobFailedError,
        JobTimeoutError as JobTimeoutError,
        NotFoundError as NotFoundError,
        PaymentRequiredError as PaymentRequiredError,
        PermissionDeniedError as PermissionDeniedError,
        PlanRequiredError as PlanRequiredError,
        QuotaExceededError as QuotaExceededError,
        QuotaSoftLimitWarning as QuotaSoftLimitWarning,
        RateLimitError as RateLimitError,
        RedirectError as RedirectError,
        RequestTimeoutError as RequestTimeoutError,
        ResponseTooLargeError as ResponseTooLargeError,
        ResponseValidationError as ResponseValidationError,
        RetryExhaustedError as RetryExhaustedError,
        S3UploadError as S3UploadError,
        SpecNotPricedError as SpecNotPricedError,
        StorageUploadError as StorageUploadError,
        UnderstandUnavailableError as UnderstandUnavailableError,
        UnexpectedFieldError as UnexpectedFieldError,
        UnprocessableEntityError as UnprocessableEntityError,
        UnsafeDownloadError as UnsafeDownloadError,
        UnsupportedConversionError as UnsupportedConversionError,
        UnsuitableInputError as UnsuitableInputError,
        UnusedAnswersWarning as UnusedAnswersWarning,
        VersionConflictError as VersionConflictError,
        WorkflowIsPublicError as WorkflowIsPublicError,
    )
    from convilyn.types import (
        Artifact as Artifact,
        ArtifactDownload as ArtifactDownload,
        BuilderAttachment as BuilderAttachment,
        BuilderMessage as BuilderMessage,
        BuilderMessageList as BuilderMessageList,
        BuilderPendingSlot as BuilderPendingSlot,
        BuilderQuota as BuilderQuota,
        BuilderSession as BuilderSession,
        BuilderTurn as BuilderTurn,
        CatalogWorkflow as CatalogWorkflow,
        ConvertJob as ConvertJob,
        CostEstimate as CostEstimate,
        CreditBalance as CreditBalance,
        File as File,
        FileList as FileList,
        GoalEvent as GoalEvent,
        GoalJob as GoalJob,
        GoalJobStatus as GoalJobStatus,
        JobError as JobError,
        JobErrorDetail as JobErrorDetail,
        LikeResponse as LikeResponse,
        PendingSlot as PendingSlot,
        Plan as Plan,
        PlanTier as PlanTier,
        QuotaCheck as QuotaCheck,
        QuotaState as QuotaState,
        ResultFile as ResultFile,
        StorageUsage as StorageUsage,
        StoredFile as StoredFile,
        ToolCostEstimate as ToolCostEstimate,
        UsageHistoryEntry as UsageHistoryEntry,
        UserWorkflowDetail as UserWorkflowDetail,
        UserWorkflowExport as UserWorkflowExport,
        UserWorkflowRun as UserWorkflowRun,
        UserWorkflowsPage as UserWorkflowsPage,
        UserWorkflowSummary as UserWorkflowSummary,
        Workflow as Workflow,
        WorkflowSearchPage as WorkflowSearchPage,
        WorkflowStats as WorkflowStats,
        WorkflowSummary as WorkflowSummary,
    )

# What each module exports here, loaded on first use: the one list (the TYPE_CHECKING
# imports above repeat it for type checkers; a test holds the two equal).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "convilyn._async._client": ("AsyncConvilyn",),
    "convilyn._backends": (
        "AsyncTimeSource",
        "TimeSource",
    ),
    "convilyn._goal_events": ("GoalEventDeriver",),
    "convilyn._next_step": ("NextStep", "next_step"),
    "convilyn._retry": (
        "ExponentialBackoffRetry",
        "NoRetry",
        "RateLimitInfo",
        "RetryContext",
        "RetryDecision",
        "RetryPolicy",
    ),
    "convilyn._sync._client": ("Convilyn",),
    "convilyn._throttle": ("AutoThrottleConfig",),
    "convilyn.errors": (
        "AmbiguousWriteError",
        "APIConnectionError",
        "APIError",
        "APITimeoutError",
        "AuthenticationError",
        "AuthError",
        "BadRequestError",
        "BillingError",
        "ChargeUnavailableError",
        "ClientClosedError",
        "ConfigurationError",
        "ConflictError",
        "ContractNotDerivableError",
        "ConvilynError",
        "ConvilynWarning",
        "DownloadTargetExistsError",
        "DownloadWriteError",
        "FileInUseError",
        "FreeTierBlockedError",
        "GoalArtifactUnusableError",
        "GoalJobFailedError",
        "GoalJobTimeoutError",
        "GroundedContractUnavailableError",
        "InsufficientCreditsError",
        "InternalServerError",
        "JobFailedError",
        "JobTimeoutError",
        "NotFoundError",
        "PaymentRequiredError",
        "PermissionDeniedError",
        "PlanRequiredError",
        "QuotaExceededError",
        "QuotaSoftLimitWarning",
        "RateLimitError",
        "RedirectError",
        "RequestTimeoutError",
        "ResponseTooLargeError",
        "ResponseValidationError",
        "RetryExhaustedError",
        "S3UploadError",
        "SpecNotPricedError",
        "StorageUploadError",
        "UnderstandUnavailableError",
        "UnexpectedFieldError",
        "UnprocessableEntityError",
        "UnsafeDownloadError",
        "UnsupportedConversionError",
        "UnsuitableInputError",
        "UnusedAnswersWarning",
        "VersionConflictError",
        "WorkflowIsPublicError",
    ),
    "convilyn.types": (
        "Artifact",
        "ArtifactDownload",
        "BuilderAttachment",
        "BuilderMessage",
        "BuilderMessageList",
        "BuilderPendingSlot",
        "BuilderQuota",
        "BuilderSession",
        "BuilderTurn",
        "CatalogWorkflow",
        "ConvertJob",
        "CostEstimate",
        "CreditBalance",
        "File",
        "FileList",
        "GoalEvent",
        "GoalJob",
        "GoalJobStatus",
        "JobError",
        "JobErrorDetail",
        "LikeResponse",
        "PendingSlot",
        "Plan",
        "PlanTier",
        "QuotaCheck",
        "QuotaState",
        "ResultFile",
        "StorageUsage",
        "StoredFile",
        "ToolCostEstimate",
        "UsageHistoryEntry",
        "UserWorkflowDetail",
        "UserWorkflowExport",
        "UserWorkflowRun",
        "UserWorkflowsPage",
        "UserWorkflowSummary",
        "Workflow",
        "WorkflowSearchPage",
        "WorkflowStats",
        "WorkflowSummary",
    ),
}
_LAZY = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'convilyn' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
