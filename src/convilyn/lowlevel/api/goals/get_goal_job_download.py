from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.goal_job_download import GoalJobDownload
from ...types import Response, http_status


def _get_kwargs(
    job_spec_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs/goal/{job_spec_id}/download".format(
            job_spec_id=quote(str(job_spec_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GoalJobDownload | None:
    if response.status_code == 200:
        try:
            response_200 = GoalJobDownload.from_dict(response.json())

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
) -> Response[ErrorResponse | GoalJobDownload]:
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
) -> httpx.Response:
    """Get a download URL for all outputs (ZIP): the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        job_spec_id=job_spec_id,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> httpx.Response:
    """Get a download URL for all outputs (ZIP): the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        job_spec_id=job_spec_id,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | GoalJobDownload]:
    """Get a download URL for all outputs (ZIP)

     Returns a presigned URL to a ZIP of all the job's outputs, valid for 1 hour; outputs are retained 24
    hours after completion. Fetch it without the API key. 400: the job is not `completed` / `partial`
    yet. 404: unknown job id, or outputs no longer retained.

    Args:
        job_spec_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJobDownload]
    """

    response = sync_raw(
        job_spec_id=job_spec_id,
        client=client,
    )

    return _build_response(client=client, response=response)


def sync(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | GoalJobDownload | None:
    """Get a download URL for all outputs (ZIP)

     Returns a presigned URL to a ZIP of all the job's outputs, valid for 1 hour; outputs are retained 24
    hours after completion. Fetch it without the API key. 400: the job is not `completed` / `partial`
    yet. 404: unknown job id, or outputs no longer retained.

    Args:
        job_spec_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJobDownload
    """

    return sync_detailed(
        job_spec_id=job_spec_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | GoalJobDownload]:
    """Get a download URL for all outputs (ZIP)

     Returns a presigned URL to a ZIP of all the job's outputs, valid for 1 hour; outputs are retained 24
    hours after completion. Fetch it without the API key. 400: the job is not `completed` / `partial`
    yet. 404: unknown job id, or outputs no longer retained.

    Args:
        job_spec_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJobDownload]
    """

    response = await asyncio_raw(
        job_spec_id=job_spec_id,
        client=client,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    job_spec_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | GoalJobDownload | None:
    """Get a download URL for all outputs (ZIP)

     Returns a presigned URL to a ZIP of all the job's outputs, valid for 1 hour; outputs are retained 24
    hours after completion. Fetch it without the API key. 400: the job is not `completed` / `partial`
    yet. 404: unknown job id, or outputs no longer retained.

    Args:
        job_spec_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJobDownload
    """

    return (
        await asyncio_detailed(
            job_spec_id=job_spec_id,
            client=client,
        )
    ).parsed
