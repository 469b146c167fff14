from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_tier import PlanTier
from ..models.quota_state import QuotaState
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuotaCheck")


@_attrs_define
class QuotaCheck:
    """Verdict of an estimate against your plan's quota.

    Attributes:
        state (QuotaState): `ok`; `soft_limit` (warn, the run is still allowed); `quota_exceeded` (the run would be
            refused with 402).
        tier (PlanTier): Plan tier of the account.
        estimated_micro_u (int): The estimate checked, in micro-units.
        threshold_micro_u (int): Your plan's threshold, in micro-units.
        upgrade_url (None | str | Unset): Pricing page to show when `state` is not `ok`.
    """

    state: QuotaState
    tier: PlanTier
    estimated_micro_u: int
    threshold_micro_u: int
    upgrade_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state.value

        tier = self.tier.value

        estimated_micro_u = self.estimated_micro_u

        threshold_micro_u = self.threshold_micro_u

        upgrade_url: None | str | Unset
        if isinstance(self.upgrade_url, Unset):
            upgrade_url = UNSET
        else:
            upgrade_url = self.upgrade_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
                "tier": tier,
                "estimatedMicroU": estimated_micro_u,
                "thresholdMicroU": threshold_micro_u,
            }
        )
        if upgrade_url is not UNSET:
            field_dict["upgradeUrl"] = upgrade_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        state = QuotaState(d.pop("state"))

        tier = PlanTier(d.pop("tier"))

        estimated_micro_u = d.pop("estimatedMicroU")

        threshold_micro_u = d.pop("thresholdMicroU")

        def _parse_upgrade_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        upgrade_url = _parse_upgrade_url(d.pop("upgradeUrl", UNSET))

        quota_check = cls(
            state=state,
            tier=tier,
            estimated_micro_u=estimated_micro_u,
            threshold_micro_u=threshold_micro_u,
            upgrade_url=upgrade_url,
        )

        quota_check.additional_properties = d
        return quota_check

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
