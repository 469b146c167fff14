from enum import StrEnum


class PlanTier(StrEnum):
    BUSINESS = "business"
    FREE = "free"
    PRO = "pro"

    def __str__(self) -> str:
        return str(self.value)
