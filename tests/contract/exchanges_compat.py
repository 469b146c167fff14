"""Retries, idempotency and auto-throttle: from the vendor's ``tests/unit/_internal/
test_resilience.py`` and ``test_auto_throttle_transport.py``.

The vendor sends through its private ``client._http.request``; ours through the public
``client.api``, the same pipeline every resource uses. The clients are configured as the vendor
test configures its own (``max_retries=``, ``auto_throttle=``, ``disable_idempotency=``,
``retry_policy=`` a 4.1 ``RetryPolicy`` subclass), and the sleeps the vendor asserts are held to.

One deliberate difference: a POST that got a 503 without ``Retry-After`` may have been
processed, and ours re-sends such a write only when the client trusts the server's
``Idempotency-Key`` (``trust_idempotency_keys=True``, as the exchanges that retry a POST on 503
say); 4.1 re-sends it always (README, "Coming from convilyn 4.x").
"""

from __future__ import annotations

from typing import Any

import httpx
from exchange import Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import (
    APIError,
    AutoThrottleConfig,
    InternalServerError,
    PlanRequiredError,
    QuotaExceededError,
    RetryExhaustedError,
    RetryPolicy,
)

R = "test_resilience.py"
T = "test_auto_throttle_transport.py"
TEST = "/api/v1/test"
COST = "/api/v1/workflows/cost-preview"
TRUST = {"trust_idempotency_keys": True}
DOWN = err(503, {"code": "SVR", "message": "down"})
OK_200 = Returns(httpx.Response, {"status_code": 200})


def _post(x: Any) -> Any:
    return x.client.api.request("POST", TEST, json={})


def _cost(x: Any) -> Any:
    return x.client.api.request("POST", COST, json={"toolNames": []})


def _quota(retry_after_seconds: float | None = None) -> Reply:
    details: dict[str, Any] = {}
    if retry_after_seconds is not None:
        details["retry_after_seconds"] = retry_after_seconds
    envelope = {"code": "QUOTA_EXCEEDED", "message": "Monthly cap reached", "details": details}
    return err(402, {"detail": envelope})


class AlwaysOnce(RetryPolicy):
    """The vendor test's policy, to 4.1's protocol: never retry."""

    def should_retry(self, response: Any, exc: Any, attempt: int) -> bool:
        return False

    def next_delay(self, response: Any, attempt: int) -> float:
        return 0.0


def _status(code: int) -> Exchange:
    return Exchange(
        id=f"{R}::TestRetryErrors::test_4xx_not_retried[{code}]",
        call=_post,
        routes=(Route("POST", TEST, (err(code, {"code": "X", "message": "x"}),), calls=1),),
        outcome=Raises(APIError, {"status_code": code}, not_types=(RetryExhaustedError,)),
    )


RESILIENCE: tuple[Exchange, ...] = (
    Exchange(
        id=f"{R}::TestRetryLogic::test_503_then_200_returns_success",
        call=_post,
        routes=(Route("POST", TEST, (DOWN, ok({"ok": True})), calls=2),),
        outcome=OK_200,
        client=TRUST,
    ),
    Exchange(
        id=f"{R}::TestRetryLogic::test_idempotency_key_reused_across_retries",
        call=_post,
        routes=(
            Route(
                "POST",
                TEST,
                (err(503, {"ok": True}), err(503, {"ok": True}), ok({"ok": True})),
                expect=Expect(headers_present=("idempotency-key",)),
                calls=3,
            ),
        ),
        outcome=OK_200,
        client=TRUST,
    ),
    Exchange(
        id=f"{R}::TestRetryLogic::test_get_does_not_get_idempotency_key",
        call=lambda x: x.client.api.request("GET", TEST),
        routes=(
            Route(
                "GET", TEST, (ok({"ok": True}),), expect=Expect(headers_absent=("idempotency-key",))
            ),
        ),
        outcome=OK_200,
    ),
    Exchange(
        id=f"{R}::TestRetryBoundary::test_max_retries_zero_raises_immediately",
        call=_post,
        routes=(Route("POST", TEST, (err(503, {"code": "X", "message": "x"}),), calls=1),),
        outcome=Raises(InternalServerError, {"code": "X"}, not_types=(RetryExhaustedError,)),
        # Untrusted, ours raises AmbiguousWriteError (the 503 APIError as its cause) instead.
        client={"max_retries": 0, **TRUST},
    ),
    Exchange(
        id=f"{R}::TestRetryBoundary::test_retry_exhausted_after_max_attempts",
        call=_post,
        routes=(Route("POST", TEST, (err(503, {"code": "X", "message": "x"}),), calls=3),),
        # 4.1's class and attempt count, our per-status class kept beside it.
        outcome=Raises(RetryExhaustedError, {"attempt_count": 3, "status_code": 503}),
        client={"max_retries": 2, **TRUST},
    ),
    Exchange(
        id=f"{R}::TestRetryBoundary::test_retry_after_header_overrides_backoff",
        call=_post,
        routes=(Route("POST", TEST, (Reply(429, headers={"Retry-After": "7"}), ok({"ok": True}))),),
        outcome=OK_200,
        sleeps=(7.0,),
    ),
    *(_status(code) for code in (400, 401, 403, 404, 422)),
    Exchange(
        id=f"{R}::TestRetryObjectState::test_disable_idempotency_omits_header",
        call=_post,
        routes=(
            Route(
                "POST",
                TEST,
                (ok({"ok": True}),),
                expect=Expect(headers_absent=("idempotency-key",)),
                calls=1,
            ),
        ),
        outcome=OK_200,
        client={"disable_idempotency": True},
    ),
    Exchange(
        id=f"{R}::TestRetryObjectState::test_user_provided_idempotency_key_respected",
        call=lambda x: x.client.api.request(
            "POST", TEST, json={}, headers={"Idempotency-Key": "user-supplied"}
        ),
        routes=(
            Route(
                "POST",
                TEST,
                (ok({"ok": True}),),
                expect=Expect(headers={"idempotency-key": "user-supplied"}),
            ),
        ),
        outcome=OK_200,
    ),
    Exchange(
        id=f"{R}::TestRetryObjectState::test_custom_retry_policy_replaces_default",
        call=_post,
        routes=(Route("POST", TEST, (err(429, {"code": "RATE"}),), calls=1),),
        outcome=Raises(APIError, {"status_code": 429}),
        client={"retry_policy": AlwaysOnce()},
    ),
)

THROTTLE: tuple[Exchange, ...] = (
    Exchange(
        id=f"{T}::TestAutoThrottleLogic::test_retry_once_then_success",
        call=_cost,
        routes=(Route("POST", COST, (_quota(1), ok({"tier": "free"})), calls=2),),
        outcome=OK_200,
        client={"max_retries": 0, "auto_throttle": True},
        sleeps=(1.0,),
    ),
    Exchange(
        id=f"{T}::TestAutoThrottleLogic::test_disabled_by_default_no_retry",
        call=_cost,
        routes=(Route("POST", COST, (_quota(),), calls=1),),
        outcome=Raises(QuotaExceededError, {"code": "QUOTA_EXCEEDED"}),
        client={"max_retries": 0},
        sleeps=(),
    ),
    Exchange(
        id=f"{T}::TestAutoThrottleBoundary::test_second_quota_exceeded_raises",
        call=_cost,
        routes=(Route("POST", COST, (_quota(1),), calls=2),),
        outcome=Raises(QuotaExceededError, {"retry_after_seconds": 1.0}),
        client={"max_retries": 0, "auto_throttle": True},
        sleeps=(1.0,),
    ),
    Exchange(
        id=f"{T}::TestAutoThrottleBoundary::test_sleep_over_cap_skips_retry",
        call=_cost,
        routes=(Route("POST", COST, (_quota(999.0),), calls=1),),
        outcome=Raises(QuotaExceededError, {"retry_after_seconds": 999.0}),
        client={"max_retries": 0, "auto_throttle": AutoThrottleConfig(max_sleep=5.0)},
        sleeps=(),
    ),
    Exchange(
        id=f"{T}::TestAutoThrottleError::test_plan_required_not_retried",
        call=_cost,
        routes=(
            Route(
                "POST",
                COST,
                (err(402, {"detail": {"code": "PRO_TIER_REQUIRED", "message": "Upgrade"}}),),
                calls=1,
            ),
        ),
        outcome=Raises(PlanRequiredError, {"code": "PRO_TIER_REQUIRED"}),
        client={"max_retries": 0, "auto_throttle": True},
        sleeps=(),
    ),
    Exchange(
        id=f"{T}::TestSoftLimitHeader::test_soft_limit_header_emits_warning_without_blocking",
        call=_cost,
        routes=(
            Route(
                "POST",
                COST,
                (Reply(200, json={"tier": "pro"}, headers={"X-Quota-State": "soft_limit"}),),
            ),
        ),
        # The QuotaSoftLimitWarning itself: tests/unit/test_facade_pipeline.py.
        outcome=Returns(httpx.Response, {"status_code": 200}),
        client={"max_retries": 0},
    ),
)

EXCHANGES: tuple[Exchange, ...] = (*RESILIENCE, *THROTTLE)
