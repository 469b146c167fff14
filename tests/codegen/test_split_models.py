"""codegen/split_models.py: one module per generated class, importing what it refers to."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "codegen"))
from split_models import module_name, split

HEADER = "# GENERATED (test)"
SOURCE = """from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from convilyn.models._base import WireModel


class JobState(StrEnum):
    ready = "ready"


class PendingSlot(WireModel):
    key: str
    extra: dict[str, Any] = Field(default_factory=dict)


class GoalJob(WireModel):
    status: JobState
    pending_slots: list[PendingSlot]
"""


def test_each_class_gets_a_module_with_the_imports_it_uses() -> None:
    files = split(SOURCE, HEADER)
    assert sorted(files) == ["__init__.py", "goal_job.py", "job_state.py", "pending_slot.py"]
    goal_job = files["goal_job.py"]
    assert goal_job.startswith(HEADER)
    assert "from .job_state import JobState" in goal_job
    assert "from .pending_slot import PendingSlot" in goal_job
    assert "from typing" not in goal_job  # GoalJob does not use Any
    assert "from typing import Any" in files["pending_slot.py"]
    assert "from enum import StrEnum" in files["job_state.py"]
    index = files["__init__.py"]
    assert '"GoalJob": "goal_job",' in index
    assert "from .goal_job import GoalJob as GoalJob" in index


def test_a_reference_to_a_later_class_is_refused() -> None:
    backwards = SOURCE.replace("    key: str\n", "    key: str\n    job: GoalJob | None = None\n")
    with pytest.raises(ValueError, match="PendingSlot refers to a class defined after it"):
        split(backwards, HEADER)


def test_module_names() -> None:
    assert module_name("GoalJobStatus") == "goal_job_status"
    assert module_name("HTTPError") == "http_error"
    assert module_name("File") == "file"
