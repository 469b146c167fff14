from enum import StrEnum


class CreateGoalJobRequestOutputFormat(StrEnum):
    MARKDOWN = "markdown"

    def __str__(self) -> str:
        return str(self.value)
