from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_goal_job_request import CreateGoalJobRequest
from ...models.error_response import ErrorResponse
from ...models.goal_job import GoalJob
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/jobs/goal",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GoalJob | None:
    if response.status_code == 201:
        try:
            response_201 = GoalJob.from_dict(response.json())

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
    *,
    client: AuthenticatedClient | Client,
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Create a goal job: the raw response.

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
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Create a goal job: the raw response.

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
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJob]:
    """Create a goal job

     Creates a goal-lane (multi-step workflow) job from uploaded files and exactly one source:
    `workflowId` (a catalog workflow, see getWorkflowCatalog), `userWorkflowId` (your own or a forked
    workflow) or `goalText` (a free-form goal); or, with no source, `outputSchema` (structured
    understanding into that JSON Schema) or `outputFormat: markdown` (400 for a request of this kind the
    service does not serve: several files, a file kind with no pipeline). Answers known up front can go
    in `slotAnswers`. Returns 201 with the job: if `status` is `slots_pending`, answer `pendingSlots`
    with updateGoalJobSlots; when it is `ready` / `ready_with_preview`, call confirmGoalJob to start
    execution. Errors: 422 no source or more than one, or bad ids; 404 unknown workflow or file; 402
    plan/quota/credits (`TIER_REQUIRED`, `QUOTA_EXCEEDED`, `INSUFFICIENT_CREDITS`); 403
    `spec_not_allowed_on_free` / `free_cost_cap_exceeded`; 409 `SPEC_NOT_PRICED` (permanent) or
    `CHARGE_UNAVAILABLE` (retry later with the same Idempotency-Key); 429 job-creation limit of your
    tier.

    Args:
        idempotency_key (str | Unset):
        body (CreateGoalJobRequest): Create a goal-lane job. Give exactly one source: `workflowId`
            (catalog), `userWorkflowId` (your or a forked community workflow), `goalText` (free-form
            goal), `outputSchema` (structured understanding) or `outputFormat` (Markdown extraction).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJob]
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
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJob | None:
    """Create a goal job

     Creates a goal-lane (multi-step workflow) job from uploaded files and exactly one source:
    `workflowId` (a catalog workflow, see getWorkflowCatalog), `userWorkflowId` (your own or a forked
    workflow) or `goalText` (a free-form goal); or, with no source, `outputSchema` (structured
    understanding into that JSON Schema) or `outputFormat: markdown` (400 for a request of this kind the
    service does not serve: several files, a file kind with no pipeline). Answers known up front can go
    in `slotAnswers`. Returns 201 with the job: if `status` is `slots_pending`, answer `pendingSlots`
    with updateGoalJobSlots; when it is `ready` / `ready_with_preview`, call confirmGoalJob to start
    execution. Errors: 422 no source or more than one, or bad ids; 404 unknown workflow or file; 402
    plan/quota/credits (`TIER_REQUIRED`, `QUOTA_EXCEEDED`, `INSUFFICIENT_CREDITS`); 403
    `spec_not_allowed_on_free` / `free_cost_cap_exceeded`; 409 `SPEC_NOT_PRICED` (permanent) or
    `CHARGE_UNAVAILABLE` (retry later with the same Idempotency-Key); 429 job-creation limit of your
    tier.

    Args:
        idempotency_key (str | Unset):
        body (CreateGoalJobRequest): Create a goal-lane job. Give exactly one source: `workflowId`
            (catalog), `userWorkflowId` (your or a forked community workflow), `goalText` (free-form
            goal), `outputSchema` (structured understanding) or `outputFormat` (Markdown extraction).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJob
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GoalJob]:
    """Create a goal job

     Creates a goal-lane (multi-step workflow) job from uploaded files and exactly one source:
    `workflowId` (a catalog workflow, see getWorkflowCatalog), `userWorkflowId` (your own or a forked
    workflow) or `goalText` (a free-form goal); or, with no source, `outputSchema` (structured
    understanding into that JSON Schema) or `outputFormat: markdown` (400 for a request of this kind the
    service does not serve: several files, a file kind with no pipeline). Answers known up front can go
    in `slotAnswers`. Returns 201 with the job: if `status` is `slots_pending`, answer `pendingSlots`
    with updateGoalJobSlots; when it is `ready` / `ready_with_preview`, call confirmGoalJob to start
    execution. Errors: 422 no source or more than one, or bad ids; 404 unknown workflow or file; 402
    plan/quota/credits (`TIER_REQUIRED`, `QUOTA_EXCEEDED`, `INSUFFICIENT_CREDITS`); 403
    `spec_not_allowed_on_free` / `free_cost_cap_exceeded`; 409 `SPEC_NOT_PRICED` (permanent) or
    `CHARGE_UNAVAILABLE` (retry later with the same Idempotency-Key); 429 job-creation limit of your
    tier.

    Args:
        idempotency_key (str | Unset):
        body (CreateGoalJobRequest): Create a goal-lane job. Give exactly one source: `workflowId`
            (catalog), `userWorkflowId` (your or a forked community workflow), `goalText` (free-form
            goal), `outputSchema` (structured understanding) or `outputFormat` (Markdown extraction).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GoalJob]
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
    body: CreateGoalJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GoalJob | None:
    """Create a goal job

     Creates a goal-lane (multi-step workflow) job from uploaded files and exactly one source:
    `workflowId` (a catalog workflow, see getWorkflowCatalog), `userWorkflowId` (your own or a forked
    workflow) or `goalText` (a free-form goal); or, with no source, `outputSchema` (structured
    understanding into that JSON Schema) or `outputFormat: markdown` (400 for a request of this kind the
    service does not serve: several files, a file kind with no pipeline). Answers known up front can go
    in `slotAnswers`. Returns 201 with the job: if `status` is `slots_pending`, answer `pendingSlots`
    with updateGoalJobSlots; when it is `ready` / `ready_with_preview`, call confirmGoalJob to start
    execution. Errors: 422 no source or more than one, or bad ids; 404 unknown workflow or file; 402
    plan/quota/credits (`TIER_REQUIRED`, `QUOTA_EXCEEDED`, `INSUFFICIENT_CREDITS`); 403
    `spec_not_allowed_on_free` / `free_cost_cap_exceeded`; 409 `SPEC_NOT_PRICED` (permanent) or
    `CHARGE_UNAVAILABLE` (retry later with the same Idempotency-Key); 429 job-creation limit of your
    tier.

    Args:
        idempotency_key (str | Unset):
        body (CreateGoalJobRequest): Create a goal-lane job. Give exactly one source: `workflowId`
            (catalog), `userWorkflowId` (your or a forked community workflow), `goalText` (free-form
            goal), `outputSchema` (structured understanding) or `outputFormat` (Markdown extraction).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GoalJob
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
