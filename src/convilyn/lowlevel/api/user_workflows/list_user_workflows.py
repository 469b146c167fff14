from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.user_workflows_page import UserWorkflowsPage
from ...models.workflow_visibility import WorkflowVisibility
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_visibility: str | Unset = UNSET
    if not isinstance(visibility, Unset):
        json_visibility = visibility.value

    params["visibility"] = json_visibility

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/user_workflows",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UserWorkflowsPage | None:
    if response.status_code == 200:
        try:
            response_200 = UserWorkflowsPage.from_dict(response.json())

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
) -> Response[ErrorResponse | UserWorkflowsPage]:
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
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> httpx.Response:
    """List your workflows: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        visibility=visibility,
        limit=limit,
        cursor=cursor,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    *,
    client: AuthenticatedClient | Client,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> httpx.Response:
    """List your workflows: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        visibility=visibility,
        limit=limit,
        cursor=cursor,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ErrorResponse | UserWorkflowsPage]:
    """List your workflows

     The workflows you own (authored with the Builder, forked or created), most recently updated first.
    Page with `cursor`: pass the previous page's `cursor` until it is null. Run one with createGoalJob's
    `userWorkflowId`. 422: invalid `visibility`, `limit` or `cursor` (start again without a cursor).

    Args:
        visibility (WorkflowVisibility | Unset): `private` (owner only), `public` (listed in
            community search), `archived` (hidden).
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UserWorkflowsPage]
    """

    response = sync_raw(
        client=client,
        visibility=visibility,
        limit=limit,
        cursor=cursor,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ErrorResponse | UserWorkflowsPage | None:
    """List your workflows

     The workflows you own (authored with the Builder, forked or created), most recently updated first.
    Page with `cursor`: pass the previous page's `cursor` until it is null. Run one with createGoalJob's
    `userWorkflowId`. 422: invalid `visibility`, `limit` or `cursor` (start again without a cursor).

    Args:
        visibility (WorkflowVisibility | Unset): `private` (owner only), `public` (listed in
            community search), `archived` (hidden).
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UserWorkflowsPage
    """

    return sync_detailed(
        client=client,
        visibility=visibility,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ErrorResponse | UserWorkflowsPage]:
    """List your workflows

     The workflows you own (authored with the Builder, forked or created), most recently updated first.
    Page with `cursor`: pass the previous page's `cursor` until it is null. Run one with createGoalJob's
    `userWorkflowId`. 422: invalid `visibility`, `limit` or `cursor` (start again without a cursor).

    Args:
        visibility (WorkflowVisibility | Unset): `private` (owner only), `public` (listed in
            community search), `archived` (hidden).
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UserWorkflowsPage]
    """

    response = await asyncio_raw(
        client=client,
        visibility=visibility,
        limit=limit,
        cursor=cursor,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    visibility: WorkflowVisibility | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ErrorResponse | UserWorkflowsPage | None:
    """List your workflows

     The workflows you own (authored with the Builder, forked or created), most recently updated first.
    Page with `cursor`: pass the previous page's `cursor` until it is null. Run one with createGoalJob's
    `userWorkflowId`. 422: invalid `visibility`, `limit` or `cursor` (start again without a cursor).

    Args:
        visibility (WorkflowVisibility | Unset): `private` (owner only), `public` (listed in
            community search), `archived` (hidden).
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UserWorkflowsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            visibility=visibility,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
