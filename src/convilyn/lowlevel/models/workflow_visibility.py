from enum import StrEnum


class WorkflowVisibility(StrEnum):
    ARCHIVED = "archived"
    PRIVATE = "private"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
