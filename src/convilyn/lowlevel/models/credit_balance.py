from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditBalance")


@_attrs_define
class CreditBalance:
    """The account's credit balance.

    Attributes:
        balance_credits (int): Credits available now.
        period_end (datetime.datetime): When the current period ends and credits are re-granted (UTC).
        period_credits (int | None | Unset): Credits granted for the current period.
        topup_credits (int | None | Unset): Credits bought as top-ups.
        last_grant_at (datetime.datetime | None | Unset): When credits were last granted (UTC).
        free_tier_month_spent_credits (float | None | Unset): Credits spent this month on the free tier.
    """

    balance_credits: int
    period_end: datetime.datetime
    period_credits: int | None | Unset = UNSET
    topup_credits: int | None | Unset = UNSET
    last_grant_at: datetime.datetime | None | Unset = UNSET
    free_tier_month_spent_credits: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balance_credits = self.balance_credits

        period_end = self.period_end.isoformat()

        period_credits: int | None | Unset
        if isinstance(self.period_credits, Unset):
            period_credits = UNSET
        else:
            period_credits = self.period_credits

        topup_credits: int | None | Unset
        if isinstance(self.topup_credits, Unset):
            topup_credits = UNSET
        else:
            topup_credits = self.topup_credits

        last_grant_at: None | str | Unset
        if isinstance(self.last_grant_at, Unset):
            last_grant_at = UNSET
        elif isinstance(self.last_grant_at, datetime.datetime):
            last_grant_at = self.last_grant_at.isoformat()
        else:
            last_grant_at = self.last_grant_at

        free_tier_month_spent_credits: float | None | Unset
        if isinstance(self.free_tier_month_spent_credits, Unset):
            free_tier_month_spent_credits = UNSET
        else:
            free_tier_month_spent_credits = self.free_tier_month_spent_credits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balanceCredits": balance_credits,
                "periodEnd": period_end,
            }
        )
        if period_credits is not UNSET:
            field_dict["periodCredits"] = period_credits
        if topup_credits is not UNSET:
            field_dict["topupCredits"] = topup_credits
        if last_grant_at is not UNSET:
            field_dict["lastGrantAt"] = last_grant_at
        if free_tier_month_spent_credits is not UNSET:
            field_dict["freeTierMonthSpentCredits"] = free_tier_month_spent_credits

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        balance_credits = d.pop("balanceCredits")

        period_end = datetime.datetime.fromisoformat(d.pop("periodEnd"))

        def _parse_period_credits(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        period_credits = _parse_period_credits(d.pop("periodCredits", UNSET))

        def _parse_topup_credits(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        topup_credits = _parse_topup_credits(d.pop("topupCredits", UNSET))

        def _parse_last_grant_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_grant_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_grant_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_grant_at = _parse_last_grant_at(d.pop("lastGrantAt", UNSET))

        def _parse_free_tier_month_spent_credits(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        free_tier_month_spent_credits = _parse_free_tier_month_spent_credits(
            d.pop("freeTierMonthSpentCredits", UNSET)
        )

        credit_balance = cls(
            balance_credits=balance_credits,
            period_end=period_end,
            period_credits=period_credits,
            topup_credits=topup_credits,
            last_grant_at=last_grant_at,
            free_tier_month_spent_credits=free_tier_month_spent_credits,
        )

        credit_balance.additional_properties = d
        return credit_balance

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
