from enum import StrEnum


class GoalJobStatusValue(StrEnum):
    ANALYZING = "analyzing"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CREATED = "created"
    DRAFT = "draft"
    EXECUTING = "executing"
    FAILED = "failed"
    PARTIAL = "partial"
    QUEUED = "queued"
    READY = "ready"
    READY_WITH_PREVIEW = "ready_with_preview"
    SLOTS_PENDING = "slots_pending"

    def __str__(self) -> str:
        return str(self.value)
