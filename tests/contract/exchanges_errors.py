"""Error envelopes and the raw request path: from the vendor's ``tests/unit/_internal/
test_http.py`` and ``test_http_billing_errors.py``.

The vendor drives these through its private ``client._http.raw_request`` / ``request`` (or
decodes a response with ``_decode_error``); ours has the public ``client.api``, which sends
through the same auth, retry and error pipeline as every resource. Each refusal body is the
vendor's, answered to the request its fixture names (``POST /api/v1/jobs/goal``).
"""

from __future__ import annotations

from typing import Any

from exchange import Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import (
    APIConnectionError,
    APIError,
    BadRequestError,
    ChargeUnavailableError,
    ConflictError,
    ConvilynError,
    FreeTierBlockedError,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    QuotaExceededError,
    SpecNotPricedError,
)

H = "test_http.py"
B = "test_http_billing_errors.py"
GOAL = "/api/v1/jobs/goal"


def _post_goal(x: Any) -> Any:
    return x.client.api.post(GOAL, json={})


def _refusal_reply(status: int, code: str, **extra: Any) -> Reply:
    return err(status, {"detail": {"code": code, "message": f"refused: {code}", **extra}})


def _refusal(
    name: str, status: int, code: str, outcome: Raises, case: str = "", **extra: Any
) -> Exchange:
    return Exchange(
        id=f"{B}::{name}{f'[{case}]' if case else ''}",
        call=_post_goal,
        routes=(Route("POST", GOAL, (_refusal_reply(status, code, **extra),), calls=1),),
        outcome=outcome,
    )


CREDITS_6_2 = {"requiredCredits": 6, "availableCredits": 2}
CREDITS_6_0 = {"requiredCredits": 6, "availableCredits": 0}
NEW_REFUSALS = (
    (402, "INSUFFICIENT_CREDITS"),
    (403, "free_cost_cap_exceeded"),
    (409, "SPEC_NOT_PRICED"),
    (409, "CHARGE_UNAVAILABLE"),
)
# The vendor answers an unmodelled code with its base APIError; ours with the class of the
# status (each an APIError and no typed billing refusal), code intact.
UNMODELLED = {402: PaymentRequiredError, 403: PermissionDeniedError, 409: ConflictError}
BILLING: tuple[type[Any], ...] = (
    InsufficientCreditsError,
    QuotaExceededError,
    FreeTierBlockedError,
    SpecNotPricedError,
    ChargeUnavailableError,
)

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{H}::TestRawRequestLogic::test_200_returns_response",
        call=lambda x: x.client.api.request("GET", "/api/v1/test"),
        routes=(Route("GET", "/api/v1/test", (ok({"ok": True}),)),),
        outcome=Returns(attrs={"status_code": 200, "content": b'{"ok":true}'}),
    ),
    Exchange(
        # Deliberate difference: the vendor's raw_request hands back any status; our
        # client.api raises the typed error of a 4xx/5xx (documented), body decoded.
        id=f"{H}::TestRawRequestBoundary::test_404_returns_response_does_not_raise",
        call=lambda x: x.client.api.request("GET", "/api/v1/missing"),
        routes=(
            Route(
                "GET",
                "/api/v1/missing",
                (err(404, {"code": "NOT_FOUND", "message": "missing"}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "NOT_FOUND"}),
    ),
    Exchange(
        # The same difference after the retries: three attempts (the first and two
        # retries, max_retries=2), as recorded, then the typed error instead of the response.
        id=f"{H}::TestRawRequestBoundary::test_500_after_retries_returns_response",
        call=lambda x: x.client.api.request("GET", "/api/v1/down"),
        routes=(
            Route("GET", "/api/v1/down", (err(500, {"code": "DOWN", "message": "x"}),), calls=3),
        ),
        client={"max_retries": 2},
        outcome=Raises(InternalServerError, {"status_code": 500, "code": "DOWN"}),
    ),
    Exchange(
        # Ours retries a connect failure, then raises its own typed APIConnectionError
        # (a ConvilynError) where the vendor lets httpx.ConnectError through.
        id=f"{H}::TestRawRequestErrors::test_transport_error_propagates",
        call=lambda x: x.client.api.request("GET", "/api/v1/network"),
        routes=(Route("GET", "/api/v1/network", (Reply(connect_error="boom"),)),),
        outcome=Raises(APIConnectionError),
    ),
    Exchange(
        id=f"{H}::TestRawRequestObjectState::test_auth_header_present",
        call=lambda x: x.client.api.get("/api/v1/check"),
        routes=(
            Route(
                "GET",
                "/api/v1/check",
                (ok({}),),
                expect=Expect(headers={"Authorization": "Bearer ck_test"}),
            ),
        ),
        outcome=Returns(attrs={}),
    ),
    Exchange(
        id=f"{H}::TestRawRequestObjectState::test_idempotency_key_on_mutating_verb",
        call=lambda x: x.client.api.post("/api/v1/check", json={}),
        routes=(
            Route(
                "POST",
                "/api/v1/check",
                (ok({}),),
                expect=Expect(headers_present=("Idempotency-Key",)),
            ),
        ),
        outcome=Returns(attrs={}),
    ),
    Exchange(
        id=f"{H}::TestStringDetailEnvelope::test_a_string_detail_becomes_the_message",
        call=_post_goal,
        routes=(
            Route(
                "POST",
                GOAL,
                (err(400, {"detail": "Structured understanding currently accepts one file"}),),
            ),
        ),
        outcome=Raises(
            BadRequestError,
            {"message": "Structured understanding currently accepts one file"},
        ),
    ),
    Exchange(
        id=f"{H}::TestStringDetailEnvelope::test_a_string_detail_still_reports_the_status_derived_code",
        call=_post_goal,
        routes=(Route("POST", GOAL, (err(400, {"detail": "nope"}),)),),
        outcome=Raises(BadRequestError, {"code": "HTTP_400", "message": "nope"}),
    ),
    Exchange(
        id=f"{H}::TestStringDetailEnvelope::test_the_dict_wrapped_shape_is_unchanged",
        call=_post_goal,
        routes=(
            Route(
                "POST", GOAL, (err(400, {"detail": {"code": "WIDGET_BAD", "message": "inner"}}),)
            ),
        ),
        outcome=Raises(BadRequestError, {"code": "WIDGET_BAD", "message": "inner"}),
    ),
    Exchange(
        id=f"{H}::TestStringDetailEnvelope::test_an_unrecognised_shape_is_still_not_unwrapped_on_a_guess",
        call=_post_goal,
        routes=(Route("POST", GOAL, (err(400, {"detail": ["a", "list"]}),)),),
        outcome=Raises(BadRequestError, {"code": "HTTP_400"}),
    ),
    # -- billing refusals ------------------------------------------------------------------
    _refusal(
        "TestBillingRefusalDispatch::test_402_insufficient_credits_is_its_own_type",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"status_code": 402, "code": "INSUFFICIENT_CREDITS"}),
    ),
    _refusal(
        "TestBillingRefusalDispatch::test_402_quota_exceeded_is_still_the_quota_type",
        402,
        "QUOTA_EXCEEDED",
        Raises(QuotaExceededError, not_types=(InsufficientCreditsError,)),
    ),
    *(
        _refusal(
            "TestBillingRefusalDispatch::test_403_free_gates_are_one_type",
            403,
            code,
            Raises(FreeTierBlockedError, {"code": code}),
            case=code,
        )
        for code in ("spec_not_allowed_on_free", "free_cost_cap_exceeded")
    ),
    _refusal(
        "TestBillingRefusalDispatch::test_409_spec_not_priced_is_the_permanent_type",
        409,
        "SPEC_NOT_PRICED",
        Raises(SpecNotPricedError, {"code": "SPEC_NOT_PRICED"}),
    ),
    _refusal(
        "TestBillingRefusalDispatch::test_409_charge_unavailable_is_the_transient_type",
        409,
        "CHARGE_UNAVAILABLE",
        Raises(ChargeUnavailableError, {"code": "CHARGE_UNAVAILABLE"}),
    ),
    _refusal(
        "TestInsufficientCreditsCarriesTheNumbers::test_required_credits_is_read_from_the_nested_details",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"required_credits": 6}),
        details=CREDITS_6_2,
    ),
    _refusal(
        "TestInsufficientCreditsCarriesTheNumbers::test_available_credits_is_read_from_the_nested_details",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"available_credits": 2}),
        details=CREDITS_6_2,
    ),
    _refusal(
        "TestInsufficientCreditsCarriesTheNumbers::test_the_untyped_details_dict_is_still_available",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"details.somethingNew": "kept"}),
        details={"somethingNew": "kept"},
    ),
    _refusal(
        "TestInsufficientCreditsCarriesTheNumbers::test_free_tier_blocked_carries_the_upgrade_url",
        403,
        "free_cost_cap_exceeded",
        Raises(FreeTierBlockedError, {"upgrade_url": "/pricing"}),
        upgradeUrl="/pricing",
    ),
    _refusal(
        "TestInsufficientCreditsCarriesTheNumbers::test_shortfall_is_the_difference",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"shortfall_credits": 4}),
        details=CREDITS_6_2,
    ),
    _refusal(
        "TestBillingRefusalBoundaries::test_a_zero_balance_decodes_as_zero_not_as_unknown",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"available_credits": 0}),
        details=CREDITS_6_0,
    ),
    _refusal(
        "TestBillingRefusalBoundaries::test_a_zero_balance_still_computes_a_shortfall",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"shortfall_credits": 6}),
        details=CREDITS_6_0,
    ),
    _refusal(
        "TestBillingRefusalBoundaries::test_absent_operands_leave_the_shortfall_unknown",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"shortfall_credits": None}),
    ),
    _refusal(
        "TestBillingRefusalBoundaries::test_the_shortfall_never_goes_negative",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"shortfall_credits": 0}),
        details={"requiredCredits": 2, "availableCredits": 9},
    ),
    _refusal(
        "TestBillingRefusalBoundaries::test_snake_case_operands_are_accepted",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"required_credits": 5, "available_credits": 1}),
        details={"required_credits": 5, "available_credits": 1},
    ),
    *(
        _refusal(
            "TestBillingRefusalBoundaries::test_an_unmodelled_code_is_still_a_plain_api_error",
            status,
            "SOME_FUTURE_SIGNAL",
            Raises(cls, {"code": "SOME_FUTURE_SIGNAL"}, exact=True, not_types=BILLING),
            case=str(status),
        )
        for status, cls in UNMODELLED.items()
    ),
    *(
        _refusal(
            "TestTheTaxonomyPromiseHolds::test_every_new_refusal_is_still_an_api_error",
            status,
            code,
            Raises(APIError, {"status_code": status}),
            case=f"{status}-{code}",
        )
        for status, code in NEW_REFUSALS
    ),
    *(
        _refusal(
            "TestTheTaxonomyPromiseHolds::test_every_new_refusal_is_still_a_convilyn_error",
            status,
            code,
            Raises(ConvilynError, {"code": code}),
            case=f"{status}-{code}",
        )
        for status, code in NEW_REFUSALS
    ),
    _refusal(
        "TestTheTypedErrorReachesTheCaller::test_request_raises_the_typed_refusal",
        402,
        "INSUFFICIENT_CREDITS",
        Raises(InsufficientCreditsError, {"shortfall_credits": 4}),
        details={"requiredCredits": 4, "availableCredits": 0},
    ),
)
