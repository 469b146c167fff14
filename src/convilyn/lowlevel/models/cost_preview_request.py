from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CostPreviewRequest")


@_attrs_define
class CostPreviewRequest:
    """Estimate the cost of running a set of tools.

    Attributes:
        tool_names (list[str]): Tools the run would use; empty for the plan's base cost (what `getPlan` sends, with
            `maxIterations: 1`).
        max_iterations (int | Unset): Upper bound of agent iterations; the server's default when omitted.
    """

    tool_names: list[str]
    max_iterations: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tool_names = self.tool_names

        max_iterations = self.max_iterations

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "toolNames": tool_names,
            }
        )
        if max_iterations is not UNSET:
            field_dict["maxIterations"] = max_iterations

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tool_names = cast(list[str], d.pop("toolNames"))

        max_iterations = d.pop("maxIterations", UNSET)

        cost_preview_request = cls(
            tool_names=tool_names,
            max_iterations=max_iterations,
        )

        return cost_preview_request
