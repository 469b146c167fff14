from enum import StrEnum


class GoalEventType(StrEnum):
    AGENT_STEP_FINISHED = "agent_step_finished"
    AGENT_STEP_STARTED = "agent_step_started"
    AGENT_TEXT = "agent_text"
    AGENT_TEXT_DONE = "agent_text_done"
    COMPLETED = "completed"
    FAILED = "failed"
    KEEPALIVE = "keepalive"
    ORCHESTRATION_TRANSITION = "orchestration_transition"
    PROGRESS = "progress"
    SLOT_NEEDED = "slot_needed"
    STATUS = "status"
    TOOL_FINISHED = "tool_finished"
    TOOL_STARTED = "tool_started"

    def __str__(self) -> str:
        return str(self.value)
