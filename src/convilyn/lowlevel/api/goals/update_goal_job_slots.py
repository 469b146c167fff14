from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.goal_job import GoalJob
from ...models.update_slots_request import UpdateSlotsRequest
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    job_spec_id: str,
    *,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/jobs/goal/{job_spec_id}/slots".format(
            job_spec_id=quote(str(job_spec_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GoalJob | None:
    if response.status_code == 200:
        try:
            response_200 = GoalJob.from_dict(response.json())

            return response_200
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

    if response.status_code == 404:
        try:
            response_404 = ErrorResponse.from_dict(response.json())

            return response_404
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not the declared JSON (e.g. an HTML error page): handled as undocumented below

    if response.status_code == 409:
        try:
            response_409 = ErrorResponse.from_dict(response.json())

            return response_409
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
) -> Response[ErrorResponse | GoalJob]:
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
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Answer pending slots: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        job_spec_id=job_spec_id,
        body=body,
        idempotency_key=idempotency_key,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Answer pending slots: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        job_spec_id=job_spec_id,
        body=body,
        idempotency_key=idempotency_key,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJob]:
    """Answer pending slots

     Answers one or more of the job's pending slots (before execution, or at a mid-execution checkpoint).
    Send `expectedVersion` = the `itemVersion` you last read to avoid overwriting a newer state. Returns
    the updated job with an incremented `itemVersion`; when no required slot is left it is `ready` /
    `ready_with_preview`: call confirmGoalJob. 409 `VERSION_CONFLICT` (details `currentVersion`): re-
    read the job, check your answers still apply, retry with the current version. 400: the job is
    terminal and takes no answers. 422: unknown slot id or invalid value.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (UpdateSlotsRequest): Answer one or more pending slots.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJob]
    """

    response = sync_raw(
        job_spec_id=job_spec_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


def sync(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJob | None:
    """Answer pending slots

     Answers one or more of the job's pending slots (before execution, or at a mid-execution checkpoint).
    Send `expectedVersion` = the `itemVersion` you last read to avoid overwriting a newer state. Returns
    the updated job with an incremented `itemVersion`; when no required slot is left it is `ready` /
    `ready_with_preview`: call confirmGoalJob. 409 `VERSION_CONFLICT` (details `currentVersion`): re-
    read the job, check your answers still apply, retry with the current version. 400: the job is
    terminal and takes no answers. 422: unknown slot id or invalid value.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (UpdateSlotsRequest): Answer one or more pending slots.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJob
    """

    return sync_detailed(
        job_spec_id=job_spec_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJob]:
    """Answer pending slots

     Answers one or more of the job's pending slots (before execution, or at a mid-execution checkpoint).
    Send `expectedVersion` = the `itemVersion` you last read to avoid overwriting a newer state. Returns
    the updated job with an incremented `itemVersion`; when no required slot is left it is `ready` /
    `ready_with_preview`: call confirmGoalJob. 409 `VERSION_CONFLICT` (details `currentVersion`): re-
    read the job, check your answers still apply, retry with the current version. 400: the job is
    terminal and takes no answers. 422: unknown slot id or invalid value.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (UpdateSlotsRequest): Answer one or more pending slots.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJob]
    """

    response = await asyncio_raw(
        job_spec_id=job_spec_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSlotsRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJob | None:
    """Answer pending slots

     Answers one or more of the job's pending slots (before execution, or at a mid-execution checkpoint).
    Send `expectedVersion` = the `itemVersion` you last read to avoid overwriting a newer state. Returns
    the updated job with an incremented `itemVersion`; when no required slot is left it is `ready` /
    `ready_with_preview`: call confirmGoalJob. 409 `VERSION_CONFLICT` (details `currentVersion`): re-
    read the job, check your answers still apply, retry with the current version. 400: the job is
    terminal and takes no answers. 422: unknown slot id or invalid value.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (UpdateSlotsRequest): Answer one or more pending slots.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJob
    """

    return (
        await asyncio_detailed(
            job_spec_id=job_spec_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
