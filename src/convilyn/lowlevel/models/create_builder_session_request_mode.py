from enum import StrEnum


class CreateBuilderSessionRequestMode(StrEnum):
    BUILDER = "builder"

    def __str__(self) -> str:
        return str(self.value)
