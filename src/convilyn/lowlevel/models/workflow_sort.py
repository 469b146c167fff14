from enum import StrEnum


class WorkflowSort(StrEnum):
    POPULAR = "popular"
    RECENT = "recent"

    def __str__(self) -> str:
        return str(self.value)
