from enum import StrEnum


class QuotaState(StrEnum):
    OK = "ok"
    QUOTA_EXCEEDED = "quota_exceeded"
    SOFT_LIMIT = "soft_limit"

    def __str__(self) -> str:
        return str(self.value)
