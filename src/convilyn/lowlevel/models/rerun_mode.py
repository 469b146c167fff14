from enum import StrEnum


class RerunMode(StrEnum):
    FRESH_RERUN = "fresh_rerun"
    RETRY_SAME_THREAD = "retry_same_thread"

    def __str__(self) -> str:
        return str(self.value)
