from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.grounded_contract import GroundedContract
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    workflow_id: str,
    *,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["model_binding"] = model_binding

    params["locale"] = locale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/user_workflows/{workflow_id}/grounded-contract".format(
            workflow_id=quote(str(workflow_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GroundedContract | None:
    if response.status_code == 200:
        try:
            response_200 = GroundedContract.from_dict(response.json())

            return response_200
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
) -> Response[ErrorResponse | GroundedContract]:
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
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> httpx.Response:
    """Get a workflow's grounded contract: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        model_binding=model_binding,
        locale=locale,
    )
    return client.get_httpx_client().request(**_request_kwargs(client, kwargs))


async def asyncio_raw(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> httpx.Response:
    """Get a workflow's grounded contract: the raw response.

    Same parameters as sync_detailed. Sends the request and returns the httpx.Response untouched: no
    parsing, no status checks.
    """

    kwargs = _get_kwargs(
        workflow_id=workflow_id,
        model_binding=model_binding,
        locale=locale,
    )
    return await client.get_async_httpx_client().request(**_request_kwargs(client, kwargs))


def sync_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> Response[ErrorResponse | GroundedContract]:
    """Get a workflow's grounded contract

     The grounded contract of a workflow you own: the artifact a device-side consumer parses, with the
    rendered extractor prompt (owner only). Being withdrawn: disabled by default, where a bare 404 (no
    `WORKFLOW_NOT_FOUND` code) means the feature is off. 404 `WORKFLOW_NOT_FOUND`: unknown or not yours.
    409 `CONTRACT_NOT_DERIVABLE`: the workflow has no extract stage (change it in the Builder, then ask
    again). 422: an authoring defect (re-save the workflow in the Builder) or an unsupported `locale`.
    The query parameters are snake_case.

    Args:
        workflow_id (str):
        model_binding (str | Unset):
        locale (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GroundedContract]
    """

    response = sync_raw(
        workflow_id=workflow_id,
        client=client,
        model_binding=model_binding,
        locale=locale,
    )

    return _build_response(client=client, response=response)


def sync(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> ErrorResponse | GroundedContract | None:
    """Get a workflow's grounded contract

     The grounded contract of a workflow you own: the artifact a device-side consumer parses, with the
    rendered extractor prompt (owner only). Being withdrawn: disabled by default, where a bare 404 (no
    `WORKFLOW_NOT_FOUND` code) means the feature is off. 404 `WORKFLOW_NOT_FOUND`: unknown or not yours.
    409 `CONTRACT_NOT_DERIVABLE`: the workflow has no extract stage (change it in the Builder, then ask
    again). 422: an authoring defect (re-save the workflow in the Builder) or an unsupported `locale`.
    The query parameters are snake_case.

    Args:
        workflow_id (str):
        model_binding (str | Unset):
        locale (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GroundedContract
    """

    return sync_detailed(
        workflow_id=workflow_id,
        client=client,
        model_binding=model_binding,
        locale=locale,
    ).parsed


async def asyncio_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> Response[ErrorResponse | GroundedContract]:
    """Get a workflow's grounded contract

     The grounded contract of a workflow you own: the artifact a device-side consumer parses, with the
    rendered extractor prompt (owner only). Being withdrawn: disabled by default, where a bare 404 (no
    `WORKFLOW_NOT_FOUND` code) means the feature is off. 404 `WORKFLOW_NOT_FOUND`: unknown or not yours.
    409 `CONTRACT_NOT_DERIVABLE`: the workflow has no extract stage (change it in the Builder, then ask
    again). 422: an authoring defect (re-save the workflow in the Builder) or an unsupported `locale`.
    The query parameters are snake_case.

    Args:
        workflow_id (str):
        model_binding (str | Unset):
        locale (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GroundedContract]
    """

    response = await asyncio_raw(
        workflow_id=workflow_id,
        client=client,
        model_binding=model_binding,
        locale=locale,
    )

    return _build_response(client=client, response=response)


async def asyncio(
    workflow_id: str,
    *,
    client: AuthenticatedClient | Client,
    model_binding: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> ErrorResponse | GroundedContract | None:
    """Get a workflow's grounded contract

     The grounded contract of a workflow you own: the artifact a device-side consumer parses, with the
    rendered extractor prompt (owner only). Being withdrawn: disabled by default, where a bare 404 (no
    `WORKFLOW_NOT_FOUND` code) means the feature is off. 404 `WORKFLOW_NOT_FOUND`: unknown or not yours.
    409 `CONTRACT_NOT_DERIVABLE`: the workflow has no extract stage (change it in the Builder, then ask
    again). 422: an authoring defect (re-save the workflow in the Builder) or an unsupported `locale`.
    The query parameters are snake_case.

    Args:
        workflow_id (str):
        model_binding (str | Unset):
        locale (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GroundedContract
    """

    return (
        await asyncio_detailed(
            workflow_id=workflow_id,
            client=client,
            model_binding=model_binding,
            locale=locale,
        )
    ).parsed
