from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.convert_job import ConvertJob
from ...models.create_convert_job_request import CreateConvertJobRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConvertJob | ErrorResponse | None:
    if response.status_code == 202:
        try:
            response_202 = ConvertJob.from_dict(response.json())

            return response_202
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
) -> Response[ConvertJob | ErrorResponse]:
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
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Create a conversion job (turbo lane): the raw response.

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
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Create a conversion job (turbo lane): the raw response.

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
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ConvertJob | ErrorResponse]:
    """Create a conversion job (turbo lane)

     Starts a single-step conversion of an uploaded file. The body is snake_case: `processor_type`
    `document_conversion` takes `{source_file_id, source_format, target_format, quality?, page_range?}`;
    `image_conversion` takes `{file_id, output_format, quality?}` with an integer quality (1-100),
    `media_processing` the same with a preset quality. Returns 202 with the queued job: poll
    getConvertJob until `completed` (download `resultFiles[].url`) or `failed` (read `error`). 404: the
    source file does not exist. 402: quota or credits exhausted (`QUOTA_EXCEEDED`,
    `INSUFFICIENT_CREDITS`). 409 `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key. 422:
    unsupported format pair or invalid params.

    Args:
        idempotency_key (str | Unset):
        body (CreateConvertJobRequest): Create a turbo-lane conversion job (snake_case on the
            wire).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConvertJob | ErrorResponse]
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
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ConvertJob | ErrorResponse | None:
    """Create a conversion job (turbo lane)

     Starts a single-step conversion of an uploaded file. The body is snake_case: `processor_type`
    `document_conversion` takes `{source_file_id, source_format, target_format, quality?, page_range?}`;
    `image_conversion` takes `{file_id, output_format, quality?}` with an integer quality (1-100),
    `media_processing` the same with a preset quality. Returns 202 with the queued job: poll
    getConvertJob until `completed` (download `resultFiles[].url`) or `failed` (read `error`). 404: the
    source file does not exist. 402: quota or credits exhausted (`QUOTA_EXCEEDED`,
    `INSUFFICIENT_CREDITS`). 409 `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key. 422:
    unsupported format pair or invalid params.

    Args:
        idempotency_key (str | Unset):
        body (CreateConvertJobRequest): Create a turbo-lane conversion job (snake_case on the
            wire).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConvertJob | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ConvertJob | ErrorResponse]:
    """Create a conversion job (turbo lane)

     Starts a single-step conversion of an uploaded file. The body is snake_case: `processor_type`
    `document_conversion` takes `{source_file_id, source_format, target_format, quality?, page_range?}`;
    `image_conversion` takes `{file_id, output_format, quality?}` with an integer quality (1-100),
    `media_processing` the same with a preset quality. Returns 202 with the queued job: poll
    getConvertJob until `completed` (download `resultFiles[].url`) or `failed` (read `error`). 404: the
    source file does not exist. 402: quota or credits exhausted (`QUOTA_EXCEEDED`,
    `INSUFFICIENT_CREDITS`). 409 `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key. 422:
    unsupported format pair or invalid params.

    Args:
        idempotency_key (str | Unset):
        body (CreateConvertJobRequest): Create a turbo-lane conversion job (snake_case on the
            wire).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConvertJob | ErrorResponse]
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
    body: CreateConvertJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> ConvertJob | ErrorResponse | None:
    """Create a conversion job (turbo lane)

     Starts a single-step conversion of an uploaded file. The body is snake_case: `processor_type`
    `document_conversion` takes `{source_file_id, source_format, target_format, quality?, page_range?}`;
    `image_conversion` takes `{file_id, output_format, quality?}` with an integer quality (1-100),
    `media_processing` the same with a preset quality. Returns 202 with the queued job: poll
    getConvertJob until `completed` (download `resultFiles[].url`) or `failed` (read `error`). 404: the
    source file does not exist. 402: quota or credits exhausted (`QUOTA_EXCEEDED`,
    `INSUFFICIENT_CREDITS`). 409 `CHARGE_UNAVAILABLE`: retry later with the same Idempotency-Key. 422:
    unsupported format pair or invalid params.

    Args:
        idempotency_key (str | Unset):
        body (CreateConvertJobRequest): Create a turbo-lane conversion job (snake_case on the
            wire).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConvertJob | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
