from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.health_status import HealthStatus
from ...types import Response, http_status


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/health",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | HealthStatus | None:
    if response.status_code == 200:
        try:
            response_200 = HealthStatus.from_dict(response.json())

            return response_200
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
) -> Response[ErrorResponse | HealthStatus]:
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
) -> httpx.Response:
    """Check service health: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs()
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    *,
    client: AuthenticatedClient | Client,
) -> httpx.Response:
    """Check service health: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs()
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | HealthStatus]:
    """Check service health

     Liveness check; needs no API key. 200 with `{"status": "ok"}` when the service is up; 503 when it is
    not (retry later). Use it to tell network or outage problems from key problems.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HealthStatus]
    """

    response = sync_raw(
        client=client,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | HealthStatus | None:
    """Check service health

     Liveness check; needs no API key. 200 with `{"status": "ok"}` when the service is up; 503 when it is
    not (retry later). Use it to tell network or outage problems from key problems.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HealthStatus
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | HealthStatus]:
    """Check service health

     Liveness check; needs no API key. 200 with `{"status": "ok"}` when the service is up; 503 when it is
    not (retry later). Use it to tell network or outage problems from key problems.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HealthStatus]
    """

    response = await asyncio_raw(
        client=client,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | HealthStatus | None:
    """Check service health

     Liveness check; needs no API key. 200 with `{"status": "ok"}` when the service is up; 503 when it is
    not (retry later). Use it to tell network or outage problems from key problems.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HealthStatus
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
