from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkflowStats")


@_attrs_define
class WorkflowStats:
    """Usage counters of a workflow.

    Attributes:
        run_count (int): Times the workflow was run.
        fork_count (int): Times the workflow was forked.
        like_count (int): Number of likes.
    """

    run_count: int
    fork_count: int
    like_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_count = self.run_count

        fork_count = self.fork_count

        like_count = self.like_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runCount": run_count,
                "forkCount": fork_count,
                "likeCount": like_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        run_count = d.pop("runCount")

        fork_count = d.pop("forkCount")

        like_count = d.pop("likeCount")

        workflow_stats = cls(
            run_count=run_count,
            fork_count=fork_count,
            like_count=like_count,
        )

        workflow_stats.additional_properties = d
        return workflow_stats

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
