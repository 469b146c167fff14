from enum import StrEnum


class BuilderMode(StrEnum):
    DISCOVER = "discover"
    EDIT = "edit"
    FROM_SCRATCH = "from_scratch"

    def __str__(self) -> str:
        return str(self.value)
