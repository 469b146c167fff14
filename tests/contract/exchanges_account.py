"""``client.account``: from the vendor's ``test_account.py`` and ``test_account_balance.py``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from exchange import Exchange, Expect, Raises, Returns, Route, err, ok

from convilyn import (
    AuthenticationError,
    CostEstimate,
    CreditBalance,
    PaymentRequiredError,
    Plan,
    PlanRequiredError,
    QuotaExceededError,
    RateLimitError,
)

A = "test_account.py"
B = "test_account_balance.py"
PREVIEW = "/api/v1/workflows/cost-preview"
HISTORY = "/api/v1/payment/usage/history"
BALANCE = "/api/v1/credits/balance"


def _cost_preview_wire(
    *,
    tier: str = "free",
    state: str = "ok",
    estimated_micro_u: int = 100,
    threshold_micro_u: int = 1_000_000,
    upgrade_url: str | None = None,
) -> dict[str, Any]:
    return {
        "estimatedMicroU": estimated_micro_u,
        "estimatedUsd": 0.01,
        "estimatedTotalMicroU": estimated_micro_u,
        "estimatedMinMicroU": estimated_micro_u // 25 if estimated_micro_u else 0,
        "estimatedMaxMicroU": estimated_micro_u,
        "tools": [],
        "quotaCheck": {
            "state": state,
            "tier": tier,
            "estimatedMicroU": estimated_micro_u,
            "thresholdMicroU": threshold_micro_u,
            "upgradeUrl": upgrade_url,
        },
    }


def _usage_row(
    *,
    metric: str = "goal_lane_request",
    period_start: str = "2026-04-01T00:00:00+00:00",
    period_end: str = "2026-05-01T00:00:00+00:00",
    used: int = 1,
    limit: int | None = 5,
) -> dict[str, Any]:
    return {
        "metric": metric,
        "period_start": period_start,
        "period_end": period_end,
        "used": used,
        "limit": limit,
    }


def _balance_wire(**overrides: object) -> dict[str, object]:
    wire: dict[str, object] = {
        "balanceCredits": 1_250,
        "periodCredits": 1_000,
        "topupCredits": 250,
        "periodEnd": "2026-09-01T00:00:00Z",
        "lastGrantAt": "2026-08-01T00:00:00Z",
        "freeTierMonthSpentCredits": None,
    }
    wire.update(overrides)
    return wire


def _preview(payload: Any, status: int = 200, expect: Expect | None = None) -> tuple[Route, ...]:
    reply = ok(payload) if status < 400 else err(status, payload)
    return (Route("POST", PREVIEW, (reply,), expect=expect or Expect()),)


def _quota_refusal(status: int, payload: Any, outcome: Raises, name: str) -> Exchange:
    return Exchange(
        id=f"{A}::TestExceptionDispatch::{name}",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview(payload, status),
        outcome=outcome,
    )


EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{A}::TestAccountLogic::test_get_quota_returns_cost_estimate",
        call=lambda x: x.client.account.get_quota(
            tools=["pdf-mcp:extract_text"], max_iterations=10
        ),
        routes=_preview(
            _cost_preview_wire(tier="pro", estimated_micro_u=50_000),
            expect=Expect(body={"toolNames": ["pdf-mcp:extract_text"], "maxIterations": 10}),
        ),
        outcome=Returns(
            CostEstimate,
            {"estimated_micro_u": 50_000, "quota_check.tier": "pro", "quota_check.state": "ok"},
        ),
    ),
    Exchange(
        id=f"{A}::TestAccountLogic::test_get_plan_derives_tier_from_cost_preview",
        call=lambda x: x.client.account.get_plan(),
        routes=_preview(_cost_preview_wire(tier="pro")),
        outcome=Returns(Plan, {"tier": "pro"}),
    ),
    Exchange(
        id=f"{A}::TestAccountLogic::test_get_plan_supports_business_tier",
        call=lambda x: x.client.account.get_plan(),
        routes=_preview(_cost_preview_wire(tier="business")),
        outcome=Returns(Plan, {"tier": "business"}),
    ),
    Exchange(
        id=f"{A}::TestAccountBoundary::test_get_quota_no_tools_sends_empty_list",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview(_cost_preview_wire(), expect=Expect(body={"toolNames": []})),
        outcome=Returns(CostEstimate),
    ),
    Exchange(
        id=f"{A}::TestAccountBoundary::test_soft_limit_state_surfaces_through_quota_check",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview(
            _cost_preview_wire(
                tier="pro",
                state="soft_limit",
                estimated_micro_u=900_000,
                upgrade_url="/billing/top-up",
            )
        ),
        outcome=Returns(
            CostEstimate,
            {"quota_check.state": "soft_limit", "quota_check.upgrade_url": "/billing/top-up"},
        ),
    ),
    _quota_refusal(
        402,
        {
            "detail": {
                "code": "TIER_REQUIRED",
                "message": "Pro tier required for this action",
                "upgrade_url": "/pricing",
            }
        },
        Raises(
            PlanRequiredError,
            {"status_code": 402, "code": "TIER_REQUIRED", "upgrade_url": "/pricing"},
        ),
        "test_402_tier_required_raises_plan_required_error",
    ),
    _quota_refusal(
        402,
        {"detail": {"code": "PRO_TIER_REQUIRED", "message": "Upgrade to Pro"}},
        Raises(PlanRequiredError, {"code": "PRO_TIER_REQUIRED"}),
        "test_402_pro_tier_required_alias_raises_plan_required",
    ),
    _quota_refusal(
        402,
        {
            "detail": {
                "code": "QUOTA_EXCEEDED",
                "message": "Monthly cap reached",
                "estimatedMicroU": 1_200_000,
                "thresholdMicroU": 1_000_000,
                "upgrade_url": "/billing/top-up",
            }
        },
        Raises(
            QuotaExceededError,
            {
                "status_code": 402,
                "estimated_micro_u": 1_200_000,
                "threshold_micro_u": 1_000_000,
                "upgrade_url": "/billing/top-up",
            },
        ),
        "test_402_quota_exceeded_raises_quota_exceeded",
    ),
    # The vendor falls back to its base APIError; ours to the status's class,
    # PaymentRequiredError (an APIError, none of the typed billing refusals).
    _quota_refusal(
        402,
        {"detail": {"code": "FUTURE_NEW_CODE", "message": "..."}},
        Raises(
            PaymentRequiredError,
            {"code": "FUTURE_NEW_CODE"},
            exact=True,
            not_types=(PlanRequiredError, QuotaExceededError),
        ),
        "test_402_unknown_code_falls_back_to_api_error",
    ),
    Exchange(
        id=f"{A}::TestExceptionDispatch::test_429_still_routes_to_rate_limit_error",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview({"detail": {"code": "RATE_LIMITED", "message": "Slow down"}}, 429),
        client={"max_retries": 0},
        outcome=Raises(RateLimitError, {"status_code": 429, "code": "RATE_LIMITED"}),
    ),
    _quota_refusal(
        402,
        {"code": "TIER_REQUIRED", "message": "Upgrade"},
        Raises(PlanRequiredError, {"code": "TIER_REQUIRED"}),
        "test_error_envelope_normalisation_handles_flat_shape",
    ),
    # Deliberate difference: the vendor dropped the {"error": {...}} envelope and reports
    # HTTP_402; our decoder reads the nested code (the shape our WIRE.md lists), so the
    # refusal keeps its meaning: a QuotaExceededError with code QUOTA_EXCEEDED. Both agree
    # on what the vendor test guards: a typed error carrying the status, no crash.
    _quota_refusal(
        402,
        {"error": {"code": "QUOTA_EXCEEDED", "message": "."}},
        Raises(QuotaExceededError, {"status_code": 402, "code": "QUOTA_EXCEEDED"}),
        "test_an_unrecognised_envelope_degrades_to_the_status_code",
    ),
    Exchange(
        # The vendor's model-only round trip, run over the wire: the same recorded body.
        id=f"{A}::TestAccountObjectState::test_cost_estimate_model_round_trip",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview(_cost_preview_wire(tier="pro")),
        outcome=Returns(CostEstimate, {"estimated_micro_u": 100, "quota_check.tier": "pro"}),
    ),
    Exchange(
        id=f"{A}::TestAccountObjectState::test_quota_check_extra_field_tolerated",
        call=lambda x: x.client.account.get_quota(),
        routes=_preview(
            {
                **_cost_preview_wire(),
                "quotaCheck": {
                    **_cost_preview_wire()["quotaCheck"],
                    "futureField": {"foo": "bar"},
                },
            }
        ),
        outcome=Returns(CostEstimate, {"quota_check.model_extra.futureField": {"foo": "bar"}}),
    ),
    Exchange(
        id=f"{A}::TestUsageHistoryLogic::test_returns_typed_entries",
        call=lambda x: x.client.account.usage_history(),
        routes=(
            Route(
                "GET",
                HISTORY,
                (
                    ok(
                        [
                            _usage_row(metric="goal_lane_request", used=2),
                            _usage_row(metric="ai_tool_call", used=15, limit=30),
                        ]
                    ),
                ),
            ),
        ),
        outcome=Returns(
            list, {"#len": 2, "0.metric": "goal_lane_request", "0.used": 2, "1.limit": 30}
        ),
    ),
    Exchange(
        id=f"{A}::TestUsageHistoryLogic::test_empty_history_yields_empty_list",
        call=lambda x: x.client.account.usage_history(),
        routes=(Route("GET", HISTORY, (ok([]),)),),
        outcome=Returns(list, {"#len": 0}),
    ),
    Exchange(
        id=f"{A}::TestUsageHistoryBoundary::test_since_filter_keeps_only_recent_periods",
        call=lambda x: x.client.account.usage_history(since=datetime(2026, 3, 1, tzinfo=UTC)),
        routes=(
            Route(
                "GET",
                HISTORY,
                (
                    ok(
                        [
                            _usage_row(period_start="2026-01-01T00:00:00+00:00"),
                            _usage_row(period_start="2026-04-01T00:00:00+00:00"),
                        ]
                    ),
                ),
            ),
        ),
        outcome=Returns(list, {"#len": 1, "0.period_start.year": 2026, "0.period_start.month": 4}),
    ),
    Exchange(
        id=f"{A}::TestUsageHistoryBoundary::test_unlimited_paid_metric_carries_none_limit",
        call=lambda x: x.client.account.usage_history(),
        routes=(Route("GET", HISTORY, (ok([_usage_row(limit=None)]),)),),
        outcome=Returns(list, {"0.limit": None}),
    ),
    Exchange(
        id=f"{A}::TestUsageHistoryErrors::test_401_raises_api_error",
        call=lambda x: x.client.account.usage_history(),
        routes=(
            Route(
                "GET",
                HISTORY,
                (err(401, {"detail": {"code": "UNAUTHORIZED", "message": "Sign in"}}),),
            ),
        ),
        client={"api_key": "ck_test_account", "max_retries": 0},
        outcome=Raises(AuthenticationError, {"status_code": 401, "code": "UNAUTHORIZED"}),
    ),
    Exchange(
        id=f"{B}::TestLogic::test_it_calls_the_balance_route",
        call=lambda x: x.client.account.get_balance(),
        routes=(Route("GET", BALANCE, (ok(_balance_wire()),), calls=1),),
        outcome=Returns(CreditBalance),
    ),
    Exchange(
        id=f"{B}::TestLogic::test_the_total_is_what_it_says",
        call=lambda x: x.client.account.get_balance(),
        routes=(Route("GET", BALANCE, (ok(_balance_wire(balanceCredits=1_250)),)),),
        outcome=Returns(CreditBalance, {"balance_credits": 1250}),
    ),
    Exchange(
        id=f"{B}::TestLogic::test_the_two_buckets_survive_the_parse",
        call=lambda x: x.client.account.get_balance(),
        routes=(Route("GET", BALANCE, (ok(_balance_wire()),)),),
        outcome=Returns(CreditBalance, {"period_credits": 1000, "topup_credits": 250}),
    ),
    Exchange(
        id=f"{B}::TestBoundary::test_absent_buckets_are_none_not_zero",
        call=lambda x: x.client.account.get_balance(),
        routes=(
            Route(
                "GET", BALANCE, (ok({"balanceCredits": 7, "periodEnd": "2026-09-01T00:00:00Z"}),)
            ),
        ),
        outcome=Returns(
            CreditBalance, {"balance_credits": 7, "period_credits": None, "topup_credits": None}
        ),
    ),
    Exchange(
        id=f"{B}::TestBoundary::test_the_free_cap_counter_keeps_its_fraction",
        call=lambda x: x.client.account.get_balance(),
        routes=(Route("GET", BALANCE, (ok(_balance_wire(freeTierMonthSpentCredits=12.34)),)),),
        outcome=Returns(CreditBalance, {"free_tier_month_spent_credits": 12.34}),
    ),
    Exchange(
        id=f"{B}::TestErrorHandling::test_a_rejected_credential_surfaces_as_401",
        call=lambda x: x.client.account.get_balance(),
        routes=(
            Route(
                "GET",
                BALANCE,
                (err(401, {"detail": {"code": "UNAUTHORIZED", "message": "Sign in"}}),),
            ),
        ),
        client={"api_key": "ck_test_balance", "max_retries": 0},
        outcome=Raises(AuthenticationError, {"status_code": 401}),
    ),
)
