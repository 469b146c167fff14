from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.builder_turn import BuilderTurn
from ...models.error_response import ErrorResponse
from ...models.send_builder_message_request import SendBuilderMessageRequest
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    chat_id: str,
    *,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/chat/sessions/{chat_id}/messages".format(
            chat_id=quote(str(chat_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BuilderTurn | ErrorResponse | None:
    if response.status_code == 201:
        try:
            response_201 = BuilderTurn.from_dict(response.json())

            return response_201
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
) -> Response[BuilderTurn | ErrorResponse]:
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
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Send a Builder turn: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        chat_id=chat_id,
        body=body,
        idempotency_key=idempotency_key,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Send a Builder turn: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        chat_id=chat_id,
        body=body,
        idempotency_key=idempotency_key,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BuilderTurn | ErrorResponse]:
    """Send a Builder turn

     Sends one message to the Builder and returns the turn: the new messages and the verdict
    (`verdict_action`). `request_input`: answer `pending_slots` / `clarification_question` in the next
    message; `stage_draft`: a draft is ready, say so to register it; `register`: the workflow is saved
    and `registered_workflow_id` (a `uw_` id) runs with createGoalJob's `userWorkflowId`. 404: unknown
    session; 429: out of Builder turns (getBuilderQuota). The body and the answer are snake_case.

    Args:
        chat_id (str):
        idempotency_key (str | Unset):
        body (SendBuilderMessageRequest): One Builder turn (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BuilderTurn | ErrorResponse]
    """

    response = sync_raw(
        chat_id=chat_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


def sync(
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> BuilderTurn | ErrorResponse | None:
    """Send a Builder turn

     Sends one message to the Builder and returns the turn: the new messages and the verdict
    (`verdict_action`). `request_input`: answer `pending_slots` / `clarification_question` in the next
    message; `stage_draft`: a draft is ready, say so to register it; `register`: the workflow is saved
    and `registered_workflow_id` (a `uw_` id) runs with createGoalJob's `userWorkflowId`. 404: unknown
    session; 429: out of Builder turns (getBuilderQuota). The body and the answer are snake_case.

    Args:
        chat_id (str):
        idempotency_key (str | Unset):
        body (SendBuilderMessageRequest): One Builder turn (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BuilderTurn | ErrorResponse
    """

    return sync_detailed(
        chat_id=chat_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BuilderTurn | ErrorResponse]:
    """Send a Builder turn

     Sends one message to the Builder and returns the turn: the new messages and the verdict
    (`verdict_action`). `request_input`: answer `pending_slots` / `clarification_question` in the next
    message; `stage_draft`: a draft is ready, say so to register it; `register`: the workflow is saved
    and `registered_workflow_id` (a `uw_` id) runs with createGoalJob's `userWorkflowId`. 404: unknown
    session; 429: out of Builder turns (getBuilderQuota). The body and the answer are snake_case.

    Args:
        chat_id (str):
        idempotency_key (str | Unset):
        body (SendBuilderMessageRequest): One Builder turn (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BuilderTurn | ErrorResponse]
    """

    response = await asyncio_raw(
        chat_id=chat_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    chat_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendBuilderMessageRequest,
    idempotency_key: str | Unset = UNSET,
) -> BuilderTurn | ErrorResponse | None:
    """Send a Builder turn

     Sends one message to the Builder and returns the turn: the new messages and the verdict
    (`verdict_action`). `request_input`: answer `pending_slots` / `clarification_question` in the next
    message; `stage_draft`: a draft is ready, say so to register it; `register`: the workflow is saved
    and `registered_workflow_id` (a `uw_` id) runs with createGoalJob's `userWorkflowId`. 404: unknown
    session; 429: out of Builder turns (getBuilderQuota). The body and the answer are snake_case.

    Args:
        chat_id (str):
        idempotency_key (str | Unset):
        body (SendBuilderMessageRequest): One Builder turn (snake_case).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BuilderTurn | ErrorResponse
    """

    return (
        await asyncio_detailed(
            chat_id=chat_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
