from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.rerun_mode import RerunMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="RetryGoalJobRequest")


@_attrs_define
class RetryGoalJobRequest:
    """Re-run a failed, partial or cancelled goal job.

    Attributes:
        rerun_mode (RerunMode): `retry_same_thread` resumes the failed attempt with its context; `fresh_rerun` starts a
            new attempt from scratch.
        reason (str | Unset): Free-text reason, kept for auditing.
    """

    rerun_mode: RerunMode
    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rerun_mode = self.rerun_mode.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rerunMode": rerun_mode,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rerun_mode = RerunMode(d.pop("rerunMode"))

        reason = d.pop("reason", UNSET)

        retry_goal_job_request = cls(
            rerun_mode=rerun_mode,
            reason=reason,
        )

        return retry_goal_job_request
