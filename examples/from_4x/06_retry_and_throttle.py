"""4.1's resilience knobs: ExponentialBackoffRetry, a custom RetryPolicy, auto_throttle,
disable_idempotency, max_retries, and the sync client's async_client."""

from __future__ import annotations

import asyncio

import httpx

from convilyn import Convilyn
from convilyn.config import AutoThrottleConfig, ExponentialBackoffRetry, NoRetry, RetryPolicy


class LinearRetry(RetryPolicy):
    """A cadence of your own, to 4.1's RetryPolicy protocol."""

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        return response is not None and response.status_code in (429, 503) and attempt < 3

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        return 0.1 * (attempt + 1)


backoff = ExponentialBackoffRetry(
    max_attempts=3,
    base_delay=0.2,
    max_delay=5.0,
    jitter=0.1,
    retryable_statuses=frozenset({429, 500, 502, 503, 504}),
)
clients = [
    Convilyn(retry_policy=backoff, auto_throttle=True),
    Convilyn(retry_policy=LinearRetry(), auto_throttle={"max_retries": 2, "max_sleep": 30.0}),
    Convilyn(max_retries=2, auto_throttle=AutoThrottleConfig(max_sleep=10.0)),
    Convilyn(retry_policy=NoRetry(), disable_idempotency=True),
]
for client in clients:
    with client:
        print(type(client.retry_policy).__name__, client.account.get_plan().tier)


async def from_async(client: Convilyn) -> str:
    async with client.async_client as aclient:
        return (await aclient.account.get_plan()).tier


with Convilyn() as client:
    print("async_client:", asyncio.run(from_async(client)))
