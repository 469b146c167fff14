"""Contains all the data models used in inputs/outputs, each loaded on first access"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .artifact import Artifact
    from .artifact_download import ArtifactDownload
    from .artifact_list import ArtifactList
    from .artifact_metadata_type_0 import ArtifactMetadataType0
    from .builder_attachment import BuilderAttachment
    from .builder_message import BuilderMessage
    from .builder_message_list import BuilderMessageList
    from .builder_message_metadata_type_0 import BuilderMessageMetadataType0
    from .builder_mode import BuilderMode
    from .builder_pending_slot import BuilderPendingSlot
    from .builder_quota import BuilderQuota
    from .builder_session import BuilderSession
    from .builder_session_working_memory_summary_type_0 import (
        BuilderSessionWorkingMemorySummaryType0,
    )
    from .builder_turn import BuilderTurn
    from .cancel_goal_job_response import CancelGoalJobResponse
    from .catalog_slot import CatalogSlot
    from .catalog_workflow import CatalogWorkflow
    from .checkpoint import Checkpoint
    from .checkpoint_slot import CheckpointSlot
    from .confirm_goal_job_request import ConfirmGoalJobRequest
    from .confirm_upload_request import ConfirmUploadRequest
    from .convert_job import ConvertJob
    from .convert_job_params import ConvertJobParams
    from .convert_job_status import ConvertJobStatus
    from .cost_estimate import CostEstimate
    from .cost_preview_request import CostPreviewRequest
    from .create_builder_session_request import CreateBuilderSessionRequest
    from .create_builder_session_request_mode import CreateBuilderSessionRequestMode
    from .create_convert_job_request import CreateConvertJobRequest
    from .create_goal_job_request import CreateGoalJobRequest
    from .create_goal_job_request_output_format import CreateGoalJobRequestOutputFormat
    from .create_goal_job_request_output_schema import CreateGoalJobRequestOutputSchema
    from .credit_balance import CreditBalance
    from .document_conversion_params import DocumentConversionParams
    from .error_response import ErrorResponse
    from .error_response_details import ErrorResponseDetails
    from .field_error import FieldError
    from .file import File
    from .file_list import FileList
    from .fork_workflow_request import ForkWorkflowRequest
    from .goal_error_detail import GoalErrorDetail
    from .goal_event import GoalEvent
    from .goal_event_data import GoalEventData
    from .goal_event_type import GoalEventType
    from .goal_job import GoalJob
    from .goal_job_download import GoalJobDownload
    from .goal_job_filled_slots import GoalJobFilledSlots
    from .goal_job_status import GoalJobStatus
    from .goal_job_status_value import GoalJobStatusValue
    from .goal_job_submission import GoalJobSubmission
    from .grounded_contract import GroundedContract
    from .health_status import HealthStatus
    from .image_conversion_params import ImageConversionParams
    from .job_error import JobError
    from .job_error_detail import JobErrorDetail
    from .like_response import LikeResponse
    from .media_conversion_params import MediaConversionParams
    from .patch_workflow_request import PatchWorkflowRequest
    from .pending_interrupt import PendingInterrupt
    from .pending_slot import PendingSlot
    from .plan import Plan
    from .plan_tier import PlanTier
    from .presign_request import PresignRequest
    from .presign_response import PresignResponse
    from .presign_response_fields import PresignResponseFields
    from .processor_type import ProcessorType
    from .quota_check import QuotaCheck
    from .quota_state import QuotaState
    from .rerun_mode import RerunMode
    from .result_file import ResultFile
    from .retry_goal_job_request import RetryGoalJobRequest
    from .send_builder_message_request import SendBuilderMessageRequest
    from .slot_answer import SlotAnswer
    from .slot_option import SlotOption
    from .storage_usage import StorageUsage
    from .stored_file import StoredFile
    from .tool_cost_estimate import ToolCostEstimate
    from .update_slots_request import UpdateSlotsRequest
    from .upload_file_body import UploadFileBody
    from .uploaded_file import UploadedFile
    from .usage_history_entry import UsageHistoryEntry
    from .user_workflow_detail import UserWorkflowDetail
    from .user_workflow_detail_spec_json_type_0 import UserWorkflowDetailSpecJsonType0
    from .user_workflow_export_document import UserWorkflowExportDocument
    from .user_workflow_run import UserWorkflowRun
    from .user_workflow_run_list import UserWorkflowRunList
    from .user_workflow_summary import UserWorkflowSummary
    from .user_workflows_page import UserWorkflowsPage
    from .workflow import Workflow
    from .workflow_catalog import WorkflowCatalog
    from .workflow_search_page import WorkflowSearchPage
    from .workflow_sort import WorkflowSort
    from .workflow_stats import WorkflowStats
    from .workflow_summary import WorkflowSummary
    from .workflow_visibility import WorkflowVisibility

_MODULES = {
    "Artifact": ".artifact",
    "ArtifactDownload": ".artifact_download",
    "ArtifactList": ".artifact_list",
    "ArtifactMetadataType0": ".artifact_metadata_type_0",
    "BuilderAttachment": ".builder_attachment",
    "BuilderMessage": ".builder_message",
    "BuilderMessageList": ".builder_message_list",
    "BuilderMessageMetadataType0": ".builder_message_metadata_type_0",
    "BuilderMode": ".builder_mode",
    "BuilderPendingSlot": ".builder_pending_slot",
    "BuilderQuota": ".builder_quota",
    "BuilderSession": ".builder_session",
    "BuilderSessionWorkingMemorySummaryType0": ".builder_session_working_memory_summary_type_0",
    "BuilderTurn": ".builder_turn",
    "CancelGoalJobResponse": ".cancel_goal_job_response",
    "CatalogSlot": ".catalog_slot",
    "CatalogWorkflow": ".catalog_workflow",
    "Checkpoint": ".checkpoint",
    "CheckpointSlot": ".checkpoint_slot",
    "ConfirmGoalJobRequest": ".confirm_goal_job_request",
    "ConfirmUploadRequest": ".confirm_upload_request",
    "ConvertJob": ".convert_job",
    "ConvertJobParams": ".convert_job_params",
    "ConvertJobStatus": ".convert_job_status",
    "CostEstimate": ".cost_estimate",
    "CostPreviewRequest": ".cost_preview_request",
    "CreateBuilderSessionRequest": ".create_builder_session_request",
    "CreateBuilderSessionRequestMode": ".create_builder_session_request_mode",
    "CreateConvertJobRequest": ".create_convert_job_request",
    "CreateGoalJobRequest": ".create_goal_job_request",
    "CreateGoalJobRequestOutputFormat": ".create_goal_job_request_output_format",
    "CreateGoalJobRequestOutputSchema": ".create_goal_job_request_output_schema",
    "CreditBalance": ".credit_balance",
    "DocumentConversionParams": ".document_conversion_params",
    "ErrorResponse": ".error_response",
    "ErrorResponseDetails": ".error_response_details",
    "FieldError": ".field_error",
    "File": ".file",
    "FileList": ".file_list",
    "ForkWorkflowRequest": ".fork_workflow_request",
    "GoalErrorDetail": ".goal_error_detail",
    "GoalEvent": ".goal_event",
    "GoalEventData": ".goal_event_data",
    "GoalEventType": ".goal_event_type",
    "GoalJob": ".goal_job",
    "GoalJobDownload": ".goal_job_download",
    "GoalJobFilledSlots": ".goal_job_filled_slots",
    "GoalJobStatus": ".goal_job_status",
    "GoalJobStatusValue": ".goal_job_status_value",
    "GoalJobSubmission": ".goal_job_submission",
    "GroundedContract": ".grounded_contract",
    "HealthStatus": ".health_status",
    "ImageConversionParams": ".image_conversion_params",
    "JobError": ".job_error",
    "JobErrorDetail": ".job_error_detail",
    "LikeResponse": ".like_response",
    "MediaConversionParams": ".media_conversion_params",
    "PatchWorkflowRequest": ".patch_workflow_request",
    "PendingInterrupt": ".pending_interrupt",
    "PendingSlot": ".pending_slot",
    "Plan": ".plan",
    "PlanTier": ".plan_tier",
    "PresignRequest": ".presign_request",
    "PresignResponse": ".presign_response",
    "PresignResponseFields": ".presign_response_fields",
    "ProcessorType": ".processor_type",
    "QuotaCheck": ".quota_check",
    "QuotaState": ".quota_state",
    "RerunMode": ".rerun_mode",
    "ResultFile": ".result_file",
    "RetryGoalJobRequest": ".retry_goal_job_request",
    "SendBuilderMessageRequest": ".send_builder_message_request",
    "SlotAnswer": ".slot_answer",
    "SlotOption": ".slot_option",
    "StorageUsage": ".storage_usage",
    "StoredFile": ".stored_file",
    "ToolCostEstimate": ".tool_cost_estimate",
    "UpdateSlotsRequest": ".update_slots_request",
    "UploadFileBody": ".upload_file_body",
    "UploadedFile": ".uploaded_file",
    "UsageHistoryEntry": ".usage_history_entry",
    "UserWorkflowDetail": ".user_workflow_detail",
    "UserWorkflowDetailSpecJsonType0": ".user_workflow_detail_spec_json_type_0",
    "UserWorkflowExportDocument": ".user_workflow_export_document",
    "UserWorkflowRun": ".user_workflow_run",
    "UserWorkflowRunList": ".user_workflow_run_list",
    "UserWorkflowSummary": ".user_workflow_summary",
    "UserWorkflowsPage": ".user_workflows_page",
    "Workflow": ".workflow",
    "WorkflowCatalog": ".workflow_catalog",
    "WorkflowSearchPage": ".workflow_search_page",
    "WorkflowSort": ".workflow_sort",
    "WorkflowStats": ".workflow_stats",
    "WorkflowSummary": ".workflow_summary",
    "WorkflowVisibility": ".workflow_visibility",
}

__all__ = (
    "Artifact",
    "ArtifactDownload",
    "ArtifactList",
    "ArtifactMetadataType0",
    "BuilderAttachment",
    "BuilderMessage",
    "BuilderMessageList",
    "BuilderMessageMetadataType0",
    "BuilderMode",
    "BuilderPendingSlot",
    "BuilderQuota",
    "BuilderSession",
    "BuilderSessionWorkingMemorySummaryType0",
    "BuilderTurn",
    "CancelGoalJobResponse",
    "CatalogSlot",
    "CatalogWorkflow",
    "Checkpoint",
    "CheckpointSlot",
    "ConfirmGoalJobRequest",
    "ConfirmUploadRequest",
    "ConvertJob",
    "ConvertJobParams",
    "ConvertJobStatus",
    "CostEstimate",
    "CostPreviewRequest",
    "CreateBuilderSessionRequest",
    "CreateBuilderSessionRequestMode",
    "CreateConvertJobRequest",
    "CreateGoalJobRequest",
    "CreateGoalJobRequestOutputFormat",
    "CreateGoalJobRequestOutputSchema",
    "CreditBalance",
    "DocumentConversionParams",
    "ErrorResponse",
    "ErrorResponseDetails",
    "FieldError",
    "File",
    "FileList",
    "ForkWorkflowRequest",
    "GoalErrorDetail",
    "GoalEvent",
    "GoalEventData",
    "GoalEventType",
    "GoalJob",
    "GoalJobDownload",
    "GoalJobFilledSlots",
    "GoalJobStatus",
    "GoalJobStatusValue",
    "GoalJobSubmission",
    "GroundedContract",
    "HealthStatus",
    "ImageConversionParams",
    "JobError",
    "JobErrorDetail",
    "LikeResponse",
    "MediaConversionParams",
    "PatchWorkflowRequest",
    "PendingInterrupt",
    "PendingSlot",
    "Plan",
    "PlanTier",
    "PresignRequest",
    "PresignResponse",
    "PresignResponseFields",
    "ProcessorType",
    "QuotaCheck",
    "QuotaState",
    "RerunMode",
    "ResultFile",
    "RetryGoalJobRequest",
    "SendBuilderMessageRequest",
    "SlotAnswer",
    "SlotOption",
    "StorageUsage",
    "StoredFile",
    "ToolCostEstimate",
    "UpdateSlotsRequest",
    "UploadFileBody",
    "UploadedFile",
    "UsageHistoryEntry",
    "UserWorkflowDetail",
    "UserWorkflowDetailSpecJsonType0",
    "UserWorkflowExportDocument",
    "UserWorkflowRun",
    "UserWorkflowRunList",
    "UserWorkflowSummary",
    "UserWorkflowsPage",
    "Workflow",
    "WorkflowCatalog",
    "WorkflowSearchPage",
    "WorkflowSort",
    "WorkflowStats",
    "WorkflowSummary",
    "WorkflowVisibility",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
