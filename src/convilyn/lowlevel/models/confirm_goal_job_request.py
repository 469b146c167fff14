from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConfirmGoalJobRequest")


@_attrs_define
class ConfirmGoalJobRequest:
    """Optional body of confirmGoalJob.

    Attributes:
        expected_version (int | Unset): The `itemVersion` you last read; a mismatch is 409 VERSION_CONFLICT. Omit to
            skip the check.
    """

    expected_version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        expected_version = self.expected_version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expected_version is not UNSET:
            field_dict["expectedVersion"] = expected_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        expected_version = d.pop("expectedVersion", UNSET)

        confirm_goal_job_request = cls(
            expected_version=expected_version,
        )

        return confirm_goal_job_request
