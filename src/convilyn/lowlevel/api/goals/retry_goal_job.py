from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.goal_job_submission import GoalJobSubmission
from ...models.retry_goal_job_request import RetryGoalJobRequest
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    job_spec_id: str,
    *,
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/jobs/goal/{job_spec_id}/retry".format(
            job_spec_id=quote(str(job_spec_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GoalJobSubmission | None:
    if response.status_code == 202:
        try:
            response_202 = GoalJobSubmission.from_dict(response.json())

            return response_202
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

    if response.status_code == 403:
        try:
            response_403 = ErrorResponse.from_dict(response.json())

            return response_403
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
) -> Response[ErrorResponse | GoalJobSubmission]:
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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Retry a goal job: the raw response.

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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Retry a goal job: the raw response.

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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJobSubmission]:
    """Retry a goal job

     Re-runs a `failed`, `partial` or `cancelled` job: `retry_same_thread` resumes the attempt with its
    context, `fresh_rerun` starts over. Returns 202 with a new submission; poll getGoalJobStatus. 400:
    the job is not in a retryable status. 402 / 403: plan, quota or credits do not allow the run. 409
    `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (RetryGoalJobRequest): Re-run a failed, partial or cancelled goal job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJobSubmission]
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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJobSubmission | None:
    """Retry a goal job

     Re-runs a `failed`, `partial` or `cancelled` job: `retry_same_thread` resumes the attempt with its
    context, `fresh_rerun` starts over. Returns 202 with a new submission; poll getGoalJobStatus. 400:
    the job is not in a retryable status. 402 / 403: plan, quota or credits do not allow the run. 409
    `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (RetryGoalJobRequest): Re-run a failed, partial or cancelled goal job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJobSubmission
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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJobSubmission]:
    """Retry a goal job

     Re-runs a `failed`, `partial` or `cancelled` job: `retry_same_thread` resumes the attempt with its
    context, `fresh_rerun` starts over. Returns 202 with a new submission; poll getGoalJobStatus. 400:
    the job is not in a retryable status. 402 / 403: plan, quota or credits do not allow the run. 409
    `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (RetryGoalJobRequest): Re-run a failed, partial or cancelled goal job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJobSubmission]
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
    body: RetryGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJobSubmission | None:
    """Retry a goal job

     Re-runs a `failed`, `partial` or `cancelled` job: `retry_same_thread` resumes the attempt with its
    context, `fresh_rerun` starts over. Returns 202 with a new submission; poll getGoalJobStatus. 400:
    the job is not in a retryable status. 402 / 403: plan, quota or credits do not allow the run. 409
    `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key.

    Args:
        job_spec_id (str):
        idempotency_key (str | Unset):
        body (RetryGoalJobRequest): Re-run a failed, partial or cancelled goal job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJobSubmission
    """

    return (
        await asyncio_detailed(
            job_spec_id=job_spec_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
