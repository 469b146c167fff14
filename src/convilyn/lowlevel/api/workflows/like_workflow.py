from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.like_response import LikeResponse
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    workflow_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workflows/{workflow_id}/like".format(
            workflow_id=quote(str(workflow_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LikeResponse | None:
    if response.status_code == 200:
        try:
            response_200 = LikeResponse.from_dict(response.json())

            return response_200
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 401:
        try:
            response_401 = ErrorResponse.from_dict(response.json())

            return response_401
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 404:
        try:
            response_404 = ErrorResponse.from_dict(response.json())

            return response_404
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
) -> Response[ErrorResponse | LikeResponse]:
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
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Like or unlike a workflow (toggle): the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        idempotency_key=idempotency_key,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Like or unlike a workflow (toggle): the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        idempotency_key=idempotency_key,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | LikeResponse]:
    """Like or unlike a workflow (toggle)

     Toggles your like on a public workflow and returns the new state. Calling it twice undoes the like;
    a retry with the same Idempotency-Key replays the first result instead of toggling again. 404:
    unknown or private workflow.

    Args:
        workflow_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LikeResponse]
    """

    response = sync_raw(
        workflow_id=workflow_id,
        client=client,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


def sync(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | LikeResponse | None:
    """Like or unlike a workflow (toggle)

     Toggles your like on a public workflow and returns the new state. Calling it twice undoes the like;
    a retry with the same Idempotency-Key replays the first result instead of toggling again. 404:
    unknown or private workflow.

    Args:
        workflow_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LikeResponse
    """

    return sync_detailed(
        workflow_id=workflow_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | LikeResponse]:
    """Like or unlike a workflow (toggle)

     Toggles your like on a public workflow and returns the new state. Calling it twice undoes the like;
    a retry with the same Idempotency-Key replays the first result instead of toggling again. 404:
    unknown or private workflow.

    Args:
        workflow_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LikeResponse]
    """

    response = await asyncio_raw(
        workflow_id=workflow_id,
        client=client,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | LikeResponse | None:
    """Like or unlike a workflow (toggle)

     Toggles your like on a public workflow and returns the new state. Calling it twice undoes the like;
    a retry with the same Idempotency-Key replays the first result instead of toggling again. 404:
    unknown or private workflow.

    Args:
        workflow_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LikeResponse
    """

    return (
        await asyncio_detailed(
            workflow_id=workflow_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
