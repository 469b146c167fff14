from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quota_check import QuotaCheck
    from ..models.tool_cost_estimate import ToolCostEstimate


T = TypeVar("T", bound="CostEstimate")


@_attrs_define
class CostEstimate:
    """Cost estimate of a run and its quota verdict.

    Attributes:
        estimated_micro_u (int): Legacy single-number summary; prefer the min/total/max triple.
        estimated_usd (float): Rough USD equivalent of the total.
        estimated_total_micro_u (int): Projected total, in micro-units.
        estimated_min_micro_u (int): Range floor, in micro-units.
        estimated_max_micro_u (int): Range ceiling, in micro-units.
        tools (list[ToolCostEstimate]): Per-tool costs.
        quota_check (QuotaCheck): Verdict of an estimate against your plan's quota.
    """

    estimated_micro_u: int
    estimated_usd: float
    estimated_total_micro_u: int
    estimated_min_micro_u: int
    estimated_max_micro_u: int
    tools: list[ToolCostEstimate]
    quota_check: QuotaCheck
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        estimated_micro_u = self.estimated_micro_u

        estimated_usd = self.estimated_usd

        estimated_total_micro_u = self.estimated_total_micro_u

        estimated_min_micro_u = self.estimated_min_micro_u

        estimated_max_micro_u = self.estimated_max_micro_u

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        quota_check = self.quota_check.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "estimatedMicroU": estimated_micro_u,
                "estimatedUsd": estimated_usd,
                "estimatedTotalMicroU": estimated_total_micro_u,
                "estimatedMinMicroU": estimated_min_micro_u,
                "estimatedMaxMicroU": estimated_max_micro_u,
                "tools": tools,
                "quotaCheck": quota_check,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.quota_check import QuotaCheck
        from ..models.tool_cost_estimate import ToolCostEstimate

        d = dict(src_dict)
        estimated_micro_u = d.pop("estimatedMicroU")

        estimated_usd = d.pop("estimatedUsd")

        estimated_total_micro_u = d.pop("estimatedTotalMicroU")

        estimated_min_micro_u = d.pop("estimatedMinMicroU")

        estimated_max_micro_u = d.pop("estimatedMaxMicroU")

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = ToolCostEstimate.from_dict(tools_item_data)

            tools.append(tools_item)

        quota_check = QuotaCheck.from_dict(d.pop("quotaCheck"))

        cost_estimate = cls(
            estimated_micro_u=estimated_micro_u,
            estimated_usd=estimated_usd,
            estimated_total_micro_u=estimated_total_micro_u,
            estimated_min_micro_u=estimated_min_micro_u,
            estimated_max_micro_u=estimated_max_micro_u,
            tools=tools,
            quota_check=quota_check,
        )

        cost_estimate.additional_properties = d
        return cost_estimate

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
