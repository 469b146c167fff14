"""4.1's exception names from ``convilyn.exceptions``, caught around real refusals."""

from __future__ import annotations

from convilyn import Convilyn
from convilyn.exceptions import (
    APIError,
    ConvilynError,
    InsufficientCreditsError,
    PlanRequiredError,
    QuotaExceededError,
    RateLimitError,
    RetryExhaustedError,
)

with Convilyn() as client:
    try:
        client.goals.retrieve("js_does_not_exist")
    except RetryExhaustedError as exc:
        print(f"gave up after {exc.attempt_count} attempts: {exc.code}")
    except APIError as exc:
        print(f"API refused: HTTP {exc.status_code} {exc.code}: {exc.message}")

    try:
        client.workflows.fork(source_spec_id="spec_does_not_exist", name="x")
    except (PlanRequiredError, QuotaExceededError, InsufficientCreditsError) as exc:
        print(f"billing: {exc.code} upgrade at {exc.upgrade_url}")
    except RateLimitError:
        print("slow down")
    except ConvilynError as exc:
        print(f"refused: {type(exc).__name__}: {exc}")
