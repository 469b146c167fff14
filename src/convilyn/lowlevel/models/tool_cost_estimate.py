from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ToolCostEstimate")


@_attrs_define
class ToolCostEstimate:
    """Estimated cost of one tool.

    Attributes:
        tool_name (str): The tool.
        per_invocation_micro_u (int): Cost of one invocation in micro-units.
    """

    tool_name: str
    per_invocation_micro_u: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tool_name = self.tool_name

        per_invocation_micro_u = self.per_invocation_micro_u

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "toolName": tool_name,
                "perInvocationMicroU": per_invocation_micro_u,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tool_name = d.pop("toolName")

        per_invocation_micro_u = d.pop("perInvocationMicroU")

        tool_cost_estimate = cls(
            tool_name=tool_name,
            per_invocation_micro_u=per_invocation_micro_u,
        )

        tool_cost_estimate.additional_properties = d
        return tool_cost_estimate

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
