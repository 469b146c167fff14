from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.presign_request import PresignRequest
from ...models.presign_response import PresignResponse
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/upload/presign",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PresignResponse | None:
    if response.status_code == 200:
        try:
            response_200 = PresignResponse.from_dict(response.json())

            return response_200
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
) -> Response[ErrorResponse | PresignResponse]:
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
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Start a presigned upload: the raw response.

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
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Start a presigned upload: the raw response.

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
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | PresignResponse]:
    """Start a presigned upload

     Step 1 of the recommended upload (any size, streamed). Returns a presigned storage POST. Then upload
    the bytes yourself: POST `multipart/form-data` to `uploadUrl` with every `fields` entry as a form
    field, in order, followed by the file as the last part named `file`. That storage request is not
    part of this API: send no Authorization header to it; any 2xx means stored; it expires after
    `expiresIn` seconds (then presign again). Finally call confirmUpload with `fileId` and `s3Key` to
    register the file. 402 `QUOTA_EXCEEDED` means storage is full (delete files, see listFiles); 422
    means a missing or invalid field (e.g. `fileSize` < 1).

    Args:
        idempotency_key (str | Unset):
        body (PresignRequest): Request a presigned storage upload for one file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PresignResponse]
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
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | PresignResponse | None:
    """Start a presigned upload

     Step 1 of the recommended upload (any size, streamed). Returns a presigned storage POST. Then upload
    the bytes yourself: POST `multipart/form-data` to `uploadUrl` with every `fields` entry as a form
    field, in order, followed by the file as the last part named `file`. That storage request is not
    part of this API: send no Authorization header to it; any 2xx means stored; it expires after
    `expiresIn` seconds (then presign again). Finally call confirmUpload with `fileId` and `s3Key` to
    register the file. 402 `QUOTA_EXCEEDED` means storage is full (delete files, see listFiles); 422
    means a missing or invalid field (e.g. `fileSize` < 1).

    Args:
        idempotency_key (str | Unset):
        body (PresignRequest): Request a presigned storage upload for one file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PresignResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | PresignResponse]:
    """Start a presigned upload

     Step 1 of the recommended upload (any size, streamed). Returns a presigned storage POST. Then upload
    the bytes yourself: POST `multipart/form-data` to `uploadUrl` with every `fields` entry as a form
    field, in order, followed by the file as the last part named `file`. That storage request is not
    part of this API: send no Authorization header to it; any 2xx means stored; it expires after
    `expiresIn` seconds (then presign again). Finally call confirmUpload with `fileId` and `s3Key` to
    register the file. 402 `QUOTA_EXCEEDED` means storage is full (delete files, see listFiles); 422
    means a missing or invalid field (e.g. `fileSize` < 1).

    Args:
        idempotency_key (str | Unset):
        body (PresignRequest): Request a presigned storage upload for one file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PresignResponse]
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
    body: PresignRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | PresignResponse | None:
    """Start a presigned upload

     Step 1 of the recommended upload (any size, streamed). Returns a presigned storage POST. Then upload
    the bytes yourself: POST `multipart/form-data` to `uploadUrl` with every `fields` entry as a form
    field, in order, followed by the file as the last part named `file`. That storage request is not
    part of this API: send no Authorization header to it; any 2xx means stored; it expires after
    `expiresIn` seconds (then presign again). Finally call confirmUpload with `fileId` and `s3Key` to
    register the file. 402 `QUOTA_EXCEEDED` means storage is full (delete files, see listFiles); 422
    means a missing or invalid field (e.g. `fileSize` < 1).

    Args:
        idempotency_key (str | Unset):
        body (PresignRequest): Request a presigned storage upload for one file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PresignResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
