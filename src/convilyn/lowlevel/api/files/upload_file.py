from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.upload_file_body import UploadFileBody
from ...models.uploaded_file import UploadedFile
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/upload",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UploadedFile | None:
    if response.status_code == 200:
        try:
            response_200 = UploadedFile.from_dict(response.json())

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
) -> Response[ErrorResponse | UploadedFile]:
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
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Upload a file directly (multipart): the raw response.

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
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> httpx.Response:
    """Upload a file directly (multipart): the raw response.

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
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | UploadedFile]:
    """Upload a file directly (multipart)

     Uploads a small file in one request as `multipart/form-data` with one part named `file`. Prefer
    presignUpload + confirmUpload for large files. Files not used by a job expire after 24 hours. The
    response carries the File fields and the same id again as `file_id`. 402 `QUOTA_EXCEEDED` means
    storage is full (delete files); 422 means the `file` part is missing or the format is not accepted.

    Args:
        idempotency_key (str | Unset):
        body (UploadFileBody): Multipart body of a direct upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadedFile]
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
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | UploadedFile | None:
    """Upload a file directly (multipart)

     Uploads a small file in one request as `multipart/form-data` with one part named `file`. Prefer
    presignUpload + confirmUpload for large files. Files not used by a job expire after 24 hours. The
    response carries the File fields and the same id again as `file_id`. 402 `QUOTA_EXCEEDED` means
    storage is full (delete files); 422 means the `file` part is missing or the format is not accepted.

    Args:
        idempotency_key (str | Unset):
        body (UploadFileBody): Multipart body of a direct upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadedFile
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | UploadedFile]:
    """Upload a file directly (multipart)

     Uploads a small file in one request as `multipart/form-data` with one part named `file`. Prefer
    presignUpload + confirmUpload for large files. Files not used by a job expire after 24 hours. The
    response carries the File fields and the same id again as `file_id`. 402 `QUOTA_EXCEEDED` means
    storage is full (delete files); 422 means the `file` part is missing or the format is not accepted.

    Args:
        idempotency_key (str | Unset):
        body (UploadFileBody): Multipart body of a direct upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadedFile]
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
    body: UploadFileBody,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | UploadedFile | None:
    """Upload a file directly (multipart)

     Uploads a small file in one request as `multipart/form-data` with one part named `file`. Prefer
    presignUpload + confirmUpload for large files. Files not used by a job expire after 24 hours. The
    response carries the File fields and the same id again as `file_id`. 402 `QUOTA_EXCEEDED` means
    storage is full (delete files); 422 means the `file` part is missing or the format is not accepted.

    Args:
        idempotency_key (str | Unset):
        body (UploadFileBody): Multipart body of a direct upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadedFile
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
