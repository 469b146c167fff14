"""The public data types: frozen pydantic v2 models generated from the spec.

They are the generated models of :mod:`convilyn.models`, re-exported. Behaviour-free
conveniences (``is_terminal``, ``needs_input``) come from the models' handwritten base class.

A few classes are thin subclasses here, for one reason only: a status or event type that this
SDK version does not know must not make a response unreadable (a newer server must not crash a
running ``wait()`` or event stream). Their ``status`` / ``type`` field accepts the known enum
value, else the plain string. Everything else (fields, aliases) is the generated model's.

Unknown fields are kept, not refused: the vendor's own client ignores them, and a field the
live service adds must not break every poll loop of every user the day it ships. Every model keeps such fields in ``model_extra`` (reported once
at debug level on the ``convilyn`` logger); strict mode (``Convilyn(strict=True)`` or
``CONVILYN_STRICT=1``) turns them back into :class:`convilyn.errors.UnexpectedFieldError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from convilyn import models as _m
from convilyn._formats import ConvertPlan
from convilyn._goal_status import GoalPhase

# The lenient subclasses below name these in annotations, which pydantic resolves from this
# module's namespace; every other model loads on first access (module __getattr__).
from convilyn.models import ConvertJobStatus, GoalEventType, GoalJobStatusValue
from convilyn.models._base import SlotChoice

if TYPE_CHECKING:
    from convilyn.models import (
        Artifact,
        ArtifactDownload,
        ArtifactList,
        BuilderAttachment,
        BuilderMessage,
        BuilderMessageList,
        BuilderMode,
        BuilderPendingSlot,
        BuilderQuota,
        BuilderSession,
        BuilderTurn,
        CatalogSlot,
        CatalogWorkflow,
        Checkpoint,
        CheckpointSlot,
        CostEstimate,
        CreditBalance,
        File,
        FileList,
        GoalErrorDetail,
        GoalJobDownload,
        JobError,
        JobErrorDetail,
        LikeResponse,
        PendingInterrupt,
        PendingSlot,
        Plan,
        PlanTier,
        ProcessorType,
        QuotaCheck,
        QuotaState,
        RerunMode,
        ResultFile,
        SlotOption,
        StorageUsage,
        StoredFile,
        ToolCostEstimate,
        UploadedFile,
        UsageHistoryEntry,
        UserWorkflowDetail,
        UserWorkflowRun,
        UserWorkflowsPage,
        UserWorkflowSummary,
        Workflow,
        WorkflowCatalog,
        WorkflowSearchPage,
        WorkflowSort,
        WorkflowStats,
        WorkflowSummary,
        WorkflowVisibility,
    )

__all__ = [
    "Artifact",
    "ArtifactDownload",
    "ArtifactList",
    "BuilderAttachment",
    "BuilderMessage",
    "BuilderMessageList",
    "BuilderMode",
    "BuilderPendingSlot",
    "BuilderQuota",
    "BuilderSession",
    "BuilderTurn",
    "CancelGoalJobResponse",
    "CatalogSlot",
    "CatalogWorkflow",
    "Checkpoint",
    "CheckpointSlot",
    "ConvertJob",
    "ConvertJobStatus",
    "ConvertPlan",
    "CostEstimate",
    "CreditBalance",
    "File",
    "FileList",
    "GoalErrorDetail",
    "GoalEvent",
    "GoalEventType",
    "GoalJob",
    "GoalJobDownload",
    "GoalJobStatus",
    "GoalJobStatusValue",
    "GoalJobSubmission",
    "GoalPhase",
    "JobError",
    "JobErrorDetail",
    "LikeResponse",
    "PendingInterrupt",
    "PendingSlot",
    "Plan",
    "PlanTier",
    "ProcessorType",
    "QuotaCheck",
    "QuotaState",
    "RerunMode",
    "ResultFile",
    "SlotChoice",
    "SlotOption",
    "StorageUsage",
    "StoredFile",
    "ToolCostEstimate",
    "UploadedFile",
    "UsageHistoryEntry",
    "UserWorkflowDetail",
    "UserWorkflowExport",
    "UserWorkflowRun",
    "UserWorkflowSummary",
    "UserWorkflowsPage",
    "Workflow",
    "WorkflowCatalog",
    "WorkflowSearchPage",
    "WorkflowSort",
    "WorkflowStats",
    "WorkflowSummary",
    "WorkflowVisibility",
]


class GoalJob(_m.GoalJob):
    __doc__ = _m.GoalJob.__doc__

    status: Annotated[GoalJobStatusValue | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class GoalJobStatus(_m.GoalJobStatus):
    __doc__ = _m.GoalJobStatus.__doc__

    status: Annotated[GoalJobStatusValue | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class GoalJobSubmission(_m.GoalJobSubmission):
    __doc__ = _m.GoalJobSubmission.__doc__

    status: Annotated[GoalJobStatusValue | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class CancelGoalJobResponse(_m.CancelGoalJobResponse):
    __doc__ = _m.CancelGoalJobResponse.__doc__

    status: Annotated[GoalJobStatusValue | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class ConvertJob(_m.ConvertJob):
    __doc__ = _m.ConvertJob.__doc__

    status: Annotated[ConvertJobStatus | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class GoalEvent(_m.GoalEvent):
    __doc__ = _m.GoalEvent.__doc__

    type: Annotated[GoalEventType | str, Field(union_mode="left_to_right")]  # type: ignore[assignment]


class UserWorkflowExport(BaseModel):
    """What ``user_workflows.export`` returns: the export ``document`` (opaque JSON, for backup
    or re-import in the web Builder) and its format version, the ``X-Export-Schema-Version``
    header (``None`` when the service leaves it out). Not a wire object: the body and a header."""

    model_config = ConfigDict(frozen=True)

    document: dict[str, Any]
    schema_version: str | None = None


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_m, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
