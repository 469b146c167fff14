"""error_from_response: every status and body shape of WIRE.md becomes a typed error."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import KEY, call

from convilyn import NoRetry
from convilyn import errors as E
from convilyn.errors import error_from_response, parse_retry_after

NOW = 1_700_000_000.0
RID = {"X-Request-Id": "req_123"}
E_NO_RETRY = NoRetry()


def body(obj: object) -> bytes:
    return json.dumps(obj).encode()


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "INVALID_STATE", E.BadRequestError),
        (401, "UNAUTHORIZED", E.AuthenticationError),
        (402, "TIER_REQUIRED", E.PlanRequiredError),
        (402, "PRO_TIER_REQUIRED", E.PlanRequiredError),
        (402, "BUSINESS_TIER_REQUIRED", E.PlanRequiredError),
        (402, "ENTERPRISE_TIER_REQUIRED", E.PlanRequiredError),
        (402, "QUOTA_EXCEEDED", E.QuotaExceededError),
        (402, "INSUFFICIENT_CREDITS", E.InsufficientCreditsError),
        (402, "SOMETHING_NEW", E.PaymentRequiredError),
        (403, "FORBIDDEN", E.PermissionDeniedError),
        (403, "spec_not_allowed_on_free", E.FreeTierBlockedError),
        (403, "free_cost_cap_exceeded", E.FreeTierBlockedError),
        (404, "NOT_FOUND", E.NotFoundError),
        (408, "TIMEOUT", E.RequestTimeoutError),
        (409, "VERSION_CONFLICT", E.VersionConflictError),
        (409, "ITEM_VERSION_MISMATCH", E.VersionConflictError),  # live workflow PATCH
        (409, "SPEC_NOT_PRICED", E.SpecNotPricedError),
        (409, "CHARGE_UNAVAILABLE", E.ChargeUnavailableError),
        (409, "FILE_IN_USE", E.FileInUseError),
        (409, "ALREADY_TERMINAL", E.ConflictError),
        (422, "VALIDATION_FAILED", E.UnprocessableEntityError),
        (429, "RATE_LIMITED", E.RateLimitError),
        (500, "INTERNAL", E.InternalServerError),
        (502, "BAD_GATEWAY", E.InternalServerError),
        (503, "UNAVAILABLE", E.InternalServerError),
        (504, "GATEWAY_TIMEOUT", E.InternalServerError),
        (418, "TEAPOT", E.APIError),
    ],
)
def test_live_shape_maps_status_and_code(status: int, code: str, cls: type[E.APIError]) -> None:
    err = error_from_response(
        status, RID, body({"code": code, "message": "msg", "details": {"a": 1}}), now=NOW
    )
    assert type(err) is cls
    assert isinstance(err, E.APIError)
    assert isinstance(err, E.ConvilynError)
    assert err.status_code == status
    assert err.code == code
    assert err.message == "msg"
    assert err.details == {"a": 1}
    assert err.request_id == "req_123"
    assert "req_123" in str(err)


def test_billing_errors_share_a_base_and_expose_details() -> None:
    quota = error_from_response(
        402,
        {},
        body(
            {
                "code": "QUOTA_EXCEEDED",
                "message": "cap",
                "details": {
                    "estimatedMicroU": 5,
                    "thresholdMicroU": 4,
                    "upgradeUrl": "https://x/up",
                    "retry_after_seconds": 30,
                    "reset_at": "2026-02-01T00:00:00Z",
                },
            }
        ),
    )
    assert isinstance(quota, E.QuotaExceededError)
    assert isinstance(quota, E.BillingError)
    assert (quota.estimated_micro_u, quota.threshold_micro_u) == (5, 4)
    assert quota.upgrade_url == "https://x/up"
    assert quota.retry_after_seconds == 30.0
    assert quota.reset_at == "2026-02-01T00:00:00Z"
    credits = error_from_response(
        402,
        {},
        body(
            {
                "code": "INSUFFICIENT_CREDITS",
                "message": "poor",
                "details": {"requiredCredits": 10, "availableCredits": 3},
            }
        ),
    )
    assert isinstance(credits, E.InsufficientCreditsError)
    assert credits.shortfall_credits == 7
    plan = error_from_response(402, {}, body({"code": "BUSINESS_TIER_REQUIRED", "message": "m"}))
    assert isinstance(plan, E.PlanRequiredError)
    assert plan.required_plan == "business"
    assert isinstance(
        error_from_response(409, {}, body({"code": "SPEC_NOT_PRICED", "message": "m"})),
        E.BillingError,
    )


@pytest.mark.parametrize("wrap", [False, True], ids=["flat", "detail-wrapped"])
@pytest.mark.parametrize("case", [str.lower, lambda n: n], ids=["snake", "camel"])
def test_billing_operands_are_read_beside_code_and_in_details(
    wrap: bool, case: Callable[[str], str]
) -> None:
    def named(camel: str, snake: str) -> str:
        return camel if case("X") == "X" else snake

    def envelope(code: str, top: dict[str, Any], details: dict[str, Any]) -> bytes:
        inner = {"code": code, "message": "m", **top, "details": details}
        return body({"detail": inner} if wrap else inner)

    quota = error_from_response(
        402,
        RID,
        envelope(
            "QUOTA_EXCEEDED",
            {
                named("upgradeUrl", "upgrade_url"): "https://convilyn.com/pricing",
                named("estimatedMicroU", "estimated_micro_u"): 900,
                named("thresholdMicroU", "threshold_micro_u"): 500,
            },
            {},
        ),
    )
    assert isinstance(quota, E.QuotaExceededError)
    assert (quota.upgrade_url, quota.estimated_micro_u, quota.threshold_micro_u) == (
        "https://convilyn.com/pricing",
        900,
        500,
    )
    credits = error_from_response(
        402,
        RID,
        envelope(
            "INSUFFICIENT_CREDITS",
            {},
            {
                named("requiredCredits", "required_credits"): 12,
                named("availableCredits", "available_credits"): 5,
            },
        ),
    )
    assert isinstance(credits, E.InsufficientCreditsError)
    assert (credits.required_credits, credits.available_credits, credits.shortfall_credits) == (
        12,
        5,
        7,
    )
    plan = error_from_response(
        402,
        RID,
        envelope("ENTERPRISE_TIER_REQUIRED", {named("upgradeUrl", "upgrade_url"): "u"}, {}),
    )
    assert isinstance(plan, E.PlanRequiredError)
    assert (plan.required_plan, plan.upgrade_url, plan.request_id) == ("enterprise", "u", "req_123")


def test_an_operand_in_details_wins_over_the_top_level() -> None:
    err = error_from_response(
        402,
        RID,
        body({"code": "QUOTA_EXCEEDED", "estimatedMicroU": 1, "details": {"estimatedMicroU": 2}}),
    )
    assert isinstance(err, E.QuotaExceededError)
    assert err.estimated_micro_u == 2


def test_detail_wrapped_envelope() -> None:
    err = error_from_response(
        402, {}, body({"detail": {"code": "QUOTA_EXCEEDED", "message": "m", "details": {"x": 1}}})
    )
    assert isinstance(err, E.QuotaExceededError)
    assert err.details == {"x": 1}


def test_detail_text() -> None:
    err = error_from_response(404, {}, body({"detail": "Job not found"}))
    assert isinstance(err, E.NotFoundError)
    assert err.message == "Job not found"
    assert err.code == "HTTP_404"


def test_fastapi_validation_list() -> None:
    payload = {
        "detail": [
            {"loc": ["body", "fileIds"], "msg": "field required", "type": "missing"},
            {"loc": ["query", "limit"], "msg": "must be <= 50", "type": "less_than_equal"},
        ]
    }
    err = error_from_response(422, {}, body(payload))
    assert isinstance(err, E.UnprocessableEntityError)
    assert [e.field for e in err.field_errors] == ["fileIds", "limit"]
    assert err.field_errors[0].loc == ("body", "fileIds")
    assert "fileIds: field required" in err.message


def test_live_422_with_errors_array() -> None:
    payload = {
        "code": "VALIDATION_FAILED",
        "message": "bad",
        "details": {},
        "errors": [{"loc": ["body", "answers", 0, "slotId"], "msg": "empty", "type": "value"}],
    }
    err = error_from_response(422, {}, body(payload))
    assert isinstance(err, E.UnprocessableEntityError)
    assert err.field_errors[0].field == "answers.0.slotId"


def test_seed_version_conflict_shape() -> None:
    payload = {
        "error": "version_conflict",
        "message": "itemVersion mismatch: expected 5, got 3",
        "code": 409,
    }
    err = error_from_response(409, {}, body(payload))
    assert isinstance(err, E.VersionConflictError)
    assert err.code == "version_conflict"
    assert err.current_version == 5
    assert err.expected_version == 3


def test_contract_version_conflict_details() -> None:
    payload = {
        "code": "VERSION_CONFLICT",
        "message": "stale",
        "details": {"currentVersion": 7, "expectedVersion": 6},
    }
    err = error_from_response(409, {}, body(payload))
    assert isinstance(err, E.VersionConflictError)
    assert (err.expected_version, err.current_version) == (6, 7)
    assert "expected version 6, current 7" in str(err)


@pytest.mark.parametrize(
    ("raw", "ctype"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        (b"", ""),
        (b"   ", "text/plain"),
        (b"\xff\xfe garbage", "application/octet-stream"),
        (b'["unexpected", "list"]', "application/json"),
        (b'"just a string"', "application/json"),
        (b"{not json", "application/json"),
    ],
)
def test_non_envelope_bodies_still_become_typed_errors(raw: bytes, ctype: str) -> None:
    err = error_from_response(502, {"Content-Type": ctype, **RID}, raw)
    assert isinstance(err, E.InternalServerError)
    assert err.status_code == 502
    assert err.request_id == "req_123"
    assert err.message  # never empty
    assert "<html>" not in err.message


def test_html_uses_reason_phrase() -> None:
    err = error_from_response(503, {}, b"<html>down</html>")
    assert err.message == "Service Unavailable"


def test_plain_text_body_is_the_message() -> None:
    err = error_from_response(400, {}, b"job is not confirmable")
    assert err.message == "job is not confirmable"


def test_unknown_status_code() -> None:
    err = error_from_response(599, {}, b"")
    assert isinstance(err, E.InternalServerError)
    assert err.message == "Unknown Status"


def test_rate_limit_retry_after() -> None:
    err = error_from_response(429, {"Retry-After": "12"}, body({"code": "X", "message": "m"}))
    assert isinstance(err, E.RateLimitError)
    assert err.retry_after == 12.0
    err2 = error_from_response(
        429, {}, body({"code": "X", "message": "m", "details": {"retry_after_seconds": 4}})
    )
    assert isinstance(err2, E.RateLimitError)
    assert err2.retry_after == 4.0


def test_secrets_are_scrubbed_from_errors() -> None:
    key = "ck_live_supersecret123"
    err = error_from_response(
        401, {}, body({"code": "BAD_KEY", "message": f"key {key} is revoked"}), secrets=[key]
    )
    assert key not in str(err)
    assert key not in err.message
    err2 = error_from_response(500, {}, f"proxy echoed Bearer {key}".encode(), secrets=[key])
    assert key not in err2.message
    assert key not in str(err2.body)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        ("0", 0.0),
        ("2.5", 2.5),
        ("-3", None),
        ("nan", None),
        ("inf", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Tue, 14 Nov 2023 22:13:40 GMT", 20.0),  # NOW + 20 s
        ("Tue, 14 Nov 2023 22:13:00 GMT", 0.0),  # in the past
        ("Tue, 99 Nov 2023 99:99:99 GMT", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_error_names_of_the_official_sdk_exist() -> None:
    assert E.S3UploadError is E.StorageUploadError
    for name in (
        "AuthError",
        "PlanRequiredError",
        "QuotaExceededError",
        "InsufficientCreditsError",
        "FreeTierBlockedError",
        "SpecNotPricedError",
        "ChargeUnavailableError",
        "JobFailedError",
        "JobTimeoutError",
        "GoalJobFailedError",
        "GoalJobTimeoutError",
    ):
        assert issubclass(getattr(E, name), E.ConvilynError)
    assert issubclass(E.JobTimeoutError, TimeoutError)
    assert issubclass(E.DownloadTargetExistsError, FileExistsError)


# -- the same mapping through a real call, sync and async ----------------------------------------

WIRE_CASES = [
    # (status, body, class, code)
    (400, {"code": "INVALID_STATE", "message": "m"}, E.BadRequestError, "INVALID_STATE"),
    (401, {"detail": "Invalid API key"}, E.AuthenticationError, "HTTP_401"),
    (402, {"detail": {"code": "PRO_TIER_REQUIRED", "message": "m"}}, E.PlanRequiredError, None),
    (402, {"code": "QUOTA_EXCEEDED", "message": "m"}, E.QuotaExceededError, None),
    (402, {"code": "INSUFFICIENT_CREDITS", "message": "m"}, E.InsufficientCreditsError, None),
    (
        403,
        {"detail": {"code": "free_cost_cap_exceeded", "message": "m"}},
        E.FreeTierBlockedError,
        None,
    ),
    (403, {"code": "spec_not_allowed_on_free", "message": "m"}, E.FreeTierBlockedError, None),
    (403, b"<html>Forbidden</html>", E.PermissionDeniedError, "HTTP_403"),
    (404, {"detail": "Job not found"}, E.NotFoundError, "HTTP_404"),
    (409, {"code": "SPEC_NOT_PRICED", "message": "m"}, E.SpecNotPricedError, None),
    (409, {"code": "CHARGE_UNAVAILABLE", "message": "m"}, E.ChargeUnavailableError, None),
    (409, {"code": "FILE_IN_USE", "message": "m"}, E.FileInUseError, None),
    (409, {"error": "version_conflict", "message": "m", "code": 409}, E.VersionConflictError, None),
    (
        422,
        {"detail": [{"loc": ["body", "x"], "msg": "bad", "type": "value_error"}]},
        E.UnprocessableEntityError,
        None,
    ),
    (429, {"code": "RATE_LIMITED", "message": "m"}, E.RateLimitError, None),
    (500, b"", E.InternalServerError, "HTTP_500"),
    (502, b"<html>Bad Gateway</html>", E.InternalServerError, "HTTP_502"),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "payload", "cls", "code"), WIRE_CASES)
async def test_every_wire_error_shape_through_a_call(
    status: int,
    payload: object,
    cls: type[E.APIError],
    code: str | None,
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
) -> None:
    content = payload if isinstance(payload, bytes) else body(payload)
    route = mock.get("/api/v1/jobs/goal/job_1").mock(
        return_value=httpx.Response(status, content=content, headers=RID)
    )
    client = make_client(kind, retry_policy=E_NO_RETRY)
    with pytest.raises(E.APIError) as info:
        await call(client.goals.retrieve("job_1"))
    err = info.value
    assert type(err) is cls
    assert err.status_code == status
    assert err.request_id == "req_123"
    assert err.message
    if code is not None:
        assert err.code == code
    assert route.call_count == 1
    assert KEY not in str(err) + repr(err)
