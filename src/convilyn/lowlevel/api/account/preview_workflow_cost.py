from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cost_estimate import CostEstimate
from ...models.cost_preview_request import CostPreviewRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workflows/cost-preview",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CostEstimate | ErrorResponse | None:
    if response.status_code == 200:
        try:
            response_200 = CostEstimate.from_dict(response.json())

            return response_200
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 401:
        try:
            response_401 = ErrorResponse.from_dict(response.json())

            return response_401
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 422:
        try:
            response_422 = ErrorResponse.from_dict(response.json())

            return response_422
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 429:
        try:
            response_429 = ErrorResponse.from_dict(response.json())

            return response_429
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 500:
        try:
            response_500 = ErrorResponse.from_dict(response.json())

            return response_500
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 502:
        try:
            response_502 = ErrorResponse.from_dict(response.json())

            return response_502
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 503:
        try:
            response_503 = ErrorResponse.from_dict(response.json())

            return response_503
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CostEstimate | ErrorResponse]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def _request_kwargs(client: AuthenticatedClient | Client, kwargs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(client, AuthenticatedClient):
        # Per request, so an injected httpx client still authenticates; it replaces (never
        # duplicates) the same header of the httpx client.
        kwargs["headers"] = {**kwargs.get("headers", {}), **client.get_auth_headers()}
    return kwargs


def sync_raw(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Estimate a run's cost and check quota: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Estimate a run's cost and check quota: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CostEstimate | ErrorResponse]:
    """Estimate a run's cost and check quota

     Estimates the cost of a run using the given tools and checks it against your plan. No charge is
    made. `quotaCheck.state`: `ok` (go ahead), `soft_limit` (allowed, warn the user), `quota_exceeded`
    (the run would be refused with 402 `QUOTA_EXCEEDED`; show `upgradeUrl`). `quotaCheck.tier` is your
    plan tier (the SDK's Plan). 422: empty `toolNames` or `maxIterations` < 1.

    Args:
        idempotency_key (str | Unset):
        body (CostPreviewRequest): Estimate the cost of running a set of tools.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostEstimate | ErrorResponse]
    """

    response = sync_raw(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> CostEstimate | ErrorResponse | None:
    """Estimate a run's cost and check quota

     Estimates the cost of a run using the given tools and checks it against your plan. No charge is
    made. `quotaCheck.state`: `ok` (go ahead), `soft_limit` (allowed, warn the user), `quota_exceeded`
    (the run would be refused with 402 `QUOTA_EXCEEDED`; show `upgradeUrl`). `quotaCheck.tier` is your
    plan tier (the SDK's Plan). 422: empty `toolNames` or `maxIterations` < 1.

    Args:
        idempotency_key (str | Unset):
        body (CostPreviewRequest): Estimate the cost of running a set of tools.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostEstimate | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CostEstimate | ErrorResponse]:
    """Estimate a run's cost and check quota

     Estimates the cost of a run using the given tools and checks it against your plan. No charge is
    made. `quotaCheck.state`: `ok` (go ahead), `soft_limit` (allowed, warn the user), `quota_exceeded`
    (the run would be refused with 402 `QUOTA_EXCEEDED`; show `upgradeUrl`). `quotaCheck.tier` is your
    plan tier (the SDK's Plan). 422: empty `toolNames` or `maxIterations` < 1.

    Args:
        idempotency_key (str | Unset):
        body (CostPreviewRequest): Estimate the cost of running a set of tools.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostEstimate | ErrorResponse]
    """

    response = await asyncio_raw(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CostPreviewRequest,
    idempotency_key: str | Unset = UNSET,
) -> CostEstimate | ErrorResponse | None:
    """Estimate a run's cost and check quota

     Estimates the cost of a run using the given tools and checks it against your plan. No charge is
    made. `quotaCheck.state`: `ok` (go ahead), `soft_limit` (allowed, warn the user), `quota_exceeded`
    (the run would be refused with 402 `QUOTA_EXCEEDED`; show `upgradeUrl`). `quotaCheck.tier` is your
    plan tier (the SDK's Plan). 422: empty `toolNames` or `maxIterations` < 1.

    Args:
        idempotency_key (str | Unset):
        body (CostPreviewRequest): Estimate the cost of running a set of tools.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostEstimate | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
