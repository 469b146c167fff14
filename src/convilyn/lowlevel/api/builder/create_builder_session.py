from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.builder_session import BuilderSession
from ...models.create_builder_session_request import CreateBuilderSessionRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/chat/sessions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BuilderSession | ErrorResponse | None:
    if response.status_code == 201:
        try:
            response_201 = BuilderSession.from_dict(response.json())

            return response_201
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 400:
        try:
            response_400 = ErrorResponse.from_dict(response.json())

            return response_400
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 401:
        try:
            response_401 = ErrorResponse.from_dict(response.json())

            return response_401
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 402:
        try:
            response_402 = ErrorResponse.from_dict(response.json())

            return response_402
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
) -> Response[BuilderSession | ErrorResponse]:
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
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Start a Builder session: the raw response.

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
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Start a Builder session: the raw response.

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
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BuilderSession | ErrorResponse]:
    """Start a Builder session

     Starts a chat session with the workflow Builder (`mode: builder`). `builder_mode`: `from_scratch` (a
    new workflow), `edit` (change `target_workflow_id`, one of yours) or `discover` (find an existing
    workflow). Authoring needs the Pro plan: 402 `TIER_REQUIRED` otherwise, except in `discover`. 400:
    `target_workflow_id` with another mode; 404: `target_workflow_id` unknown or not yours. The body and
    the answer are snake_case.

    Args:
        idempotency_key (str | Unset):
        body (CreateBuilderSessionRequest): Start a Builder session (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BuilderSession | ErrorResponse]
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
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> BuilderSession | ErrorResponse | None:
    """Start a Builder session

     Starts a chat session with the workflow Builder (`mode: builder`). `builder_mode`: `from_scratch` (a
    new workflow), `edit` (change `target_workflow_id`, one of yours) or `discover` (find an existing
    workflow). Authoring needs the Pro plan: 402 `TIER_REQUIRED` otherwise, except in `discover`. 400:
    `target_workflow_id` with another mode; 404: `target_workflow_id` unknown or not yours. The body and
    the answer are snake_case.

    Args:
        idempotency_key (str | Unset):
        body (CreateBuilderSessionRequest): Start a Builder session (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BuilderSession | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BuilderSession | ErrorResponse]:
    """Start a Builder session

     Starts a chat session with the workflow Builder (`mode: builder`). `builder_mode`: `from_scratch` (a
    new workflow), `edit` (change `target_workflow_id`, one of yours) or `discover` (find an existing
    workflow). Authoring needs the Pro plan: 402 `TIER_REQUIRED` otherwise, except in `discover`. 400:
    `target_workflow_id` with another mode; 404: `target_workflow_id` unknown or not yours. The body and
    the answer are snake_case.

    Args:
        idempotency_key (str | Unset):
        body (CreateBuilderSessionRequest): Start a Builder session (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BuilderSession | ErrorResponse]
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
    body: CreateBuilderSessionRequest,
    idempotency_key: str | Unset = UNSET,
) -> BuilderSession | ErrorResponse | None:
    """Start a Builder session

     Starts a chat session with the workflow Builder (`mode: builder`). `builder_mode`: `from_scratch` (a
    new workflow), `edit` (change `target_workflow_id`, one of yours) or `discover` (find an existing
    workflow). Authoring needs the Pro plan: 402 `TIER_REQUIRED` otherwise, except in `discover`. 400:
    `target_workflow_id` with another mode; 404: `target_workflow_id` unknown or not yours. The body and
    the answer are snake_case.

    Args:
        idempotency_key (str | Unset):
        body (CreateBuilderSessionRequest): Start a Builder session (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BuilderSession | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
