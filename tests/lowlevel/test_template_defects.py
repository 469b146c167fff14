"""One test per stock-template defect fixed in overrides/templates/.

Each test runs the same scenario against the fixture client generated with the stock templates
and with ours: the stock run must show the defect, ours must not. If upstream fixes a defect the
stock case fails, which tells us the fork can be dropped.
"""

from __future__ import annotations

import inspect
import json
import uuid
from collections.abc import Callable
from http import HTTPStatus
from types import ModuleType

import httpx
import pytest
import respx

Loader = Callable[[str, str], ModuleType]  # the `generated` fixture (conftest.py)

BASE_URL = "https://api.test"
THING = {"id": "t-1"}
BOTH = pytest.mark.parametrize(("flavour", "has_defect"), [("stock", True), ("ours", False)])


def boundary_of(request: httpx.Request) -> str:
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    return content_type.split("boundary=", 1)[1]


# 1. Fixed multipart boundary "+++" -------------------------------------------------------------


@BOTH
def test_multipart_boundary_is_random_per_request(
    generated: Loader, flavour: str, has_defect: bool
) -> None:
    client_module = generated(flavour, "client")
    upload = generated(flavour, "api.files.upload_file")
    models = generated(flavour, "models")
    types = generated(flavour, "types")

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.post("/api/v1/upload").respond(200, json=THING)
        with client_module.AuthenticatedClient(base_url=BASE_URL, token="tok") as client:
            for payload in (b"first file", b"second file"):
                body = models.UploadFileBody(
                    file=types.File(payload=payload, file_name="a.pdf", mime_type="application/pdf")
                )
                assert upload.sync(client=client, body=body) == models.Thing(id="t-1")

    requests = [call.request for call in route.calls]
    boundaries = [boundary_of(request) for request in requests]
    for request, boundary in zip(requests, boundaries, strict=True):
        # whatever the boundary, the header and the body agree on it
        assert request.content.startswith(f"--{boundary}\r\n".encode())
    fixed = boundaries == ["+++", "+++"]
    assert fixed == has_defect
    if not has_defect:
        assert boundaries[0] != boundaries[1]
        assert all(len(boundary) >= 16 for boundary in boundaries)


# 2. No default timeout --------------------------------------------------------------------------


@BOTH
def test_clients_default_to_a_finite_timeout(
    generated: Loader, flavour: str, has_defect: bool
) -> None:
    client_module = generated(flavour, "client")
    clients = [
        client_module.Client(base_url=BASE_URL),
        client_module.AuthenticatedClient(base_url=BASE_URL, token="tok"),
    ]
    timeouts = []
    for client in clients:
        with client.get_httpx_client() as sync_client:
            timeouts.append(sync_client.timeout)
        timeouts.append(client.get_async_httpx_client().timeout)

    unbounded = [t for t in timeouts if None in (t.connect, t.read, t.write, t.pool)]
    assert bool(unbounded) == has_defect
    if not has_defect:
        assert all(t == httpx.Timeout(30.0, connect=10.0) for t in timeouts)
        # an explicit None still disables it, as documented
        explicit = client_module.Client(base_url=BASE_URL, timeout=None)
        assert explicit.get_httpx_client().timeout == httpx.Timeout(None)


# 3. Crash on non-IANA status codes --------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("status", [499, 520])
def test_non_iana_status_does_not_crash(
    generated: Loader, flavour: str, has_defect: bool, status: int
) -> None:
    client_module = generated(flavour, "client")
    get_thing = generated(flavour, "api.things.get_thing")

    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(status, text="client closed request")
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok")
        if has_defect:
            with pytest.raises(ValueError, match=f"{status} is not a valid HTTPStatus"):
                get_thing.sync_detailed("t-1", client=client)
            return
        response = get_thing.sync_detailed("t-1", client=client)

    assert response.status_code == status
    assert response.parsed is None
    assert response.content == b"client closed request"


def test_registered_status_is_still_an_httpstatus(generated: Loader) -> None:
    get_thing = generated("ours", "api.things.get_thing")
    client = generated("ours", "client").AuthenticatedClient(base_url=BASE_URL, token="tok")
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(200, json=THING)
        response = get_thing.sync_detailed("t-1", client=client)
    assert response.status_code is HTTPStatus.OK


# 4. Crash on non-JSON error bodies --------------------------------------------------------------

HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


@BOTH
@pytest.mark.parametrize(
    ("status", "content_type", "text", "headers"),
    [
        (502, "text/html", HTML_502, {}),
        (429, "text/plain", "Too Many Requests", {"Retry-After": "7"}),
    ],
    ids=["html-502", "text-429"],
)
def test_non_json_error_body_does_not_crash(
    generated: Loader,
    flavour: str,
    has_defect: bool,
    status: int,
    content_type: str,
    text: str,
    headers: dict[str, str],
) -> None:
    client_module = generated(flavour, "client")
    get_thing = generated(flavour, "api.things.get_thing")

    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(
            status, text=text, headers={"Content-Type": content_type, **headers}
        )
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok")
        if has_defect:
            with pytest.raises(json.JSONDecodeError):
                get_thing.sync_detailed("t-1", client=client)
            return
        response = get_thing.sync_detailed("t-1", client=client)

    assert response.status_code == status
    assert response.parsed is None
    assert response.content == text.encode()
    assert response.headers.get("Retry-After") == headers.get("Retry-After")


def test_non_json_error_body_raises_unexpected_status_when_asked(generated: Loader) -> None:
    client_module = generated("ours", "client")
    errors = generated("ours", "errors")
    get_thing = generated("ours", "api.things.get_thing")
    client = client_module.AuthenticatedClient(
        base_url=BASE_URL, token="tok", raise_on_unexpected_status=True
    )
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(502, html=HTML_502)
        with pytest.raises(errors.UnexpectedStatus) as caught:
            get_thing.sync_detailed("t-1", client=client)
    assert caught.value.status_code == 502
    assert caught.value.content == HTML_502.encode()


def test_declared_json_error_body_is_still_parsed(generated: Loader) -> None:
    models = generated("ours", "models")
    get_thing = generated("ours", "api.things.get_thing")
    client = generated("ours", "client").AuthenticatedClient(base_url=BASE_URL, token="tok")
    error = {"code": "RATE_LIMITED", "message": "slow down"}
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(429, json=error)
        assert get_thing.sync("t-1", client=client) == models.ErrorResponse.from_dict(error)


# 5. Auth header lost with an injected httpx client ----------------------------------------------


@BOTH
def test_auth_header_sent_through_injected_sync_client(
    generated: Loader, flavour: str, has_defect: bool
) -> None:
    client_module = generated(flavour, "client")
    get_thing = generated(flavour, "api.things.get_thing")

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/things/t-1").respond(200, json=THING)
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok")
        with httpx.Client(base_url=BASE_URL, headers={"X-Custom": "1"}) as injected:
            client.set_httpx_client(injected)
            get_thing.sync("t-1", client=client)

    sent = route.calls.last.request.headers
    assert (sent.get_list("Authorization") != ["Bearer tok"]) == has_defect
    assert sent["X-Custom"] == "1"


@BOTH
@pytest.mark.anyio
async def test_auth_header_sent_through_injected_async_client(
    generated: Loader, flavour: str, has_defect: bool
) -> None:
    client_module = generated(flavour, "client")
    get_thing = generated(flavour, "api.things.get_thing")

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/things/t-1").respond(200, json=THING)
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok", prefix="Token")
        async with httpx.AsyncClient(base_url=BASE_URL) as injected:
            client.set_async_httpx_client(injected)
            await get_thing.asyncio("t-1", client=client)

    sent = route.calls.last.request.headers
    assert (sent.get_list("Authorization") != ["Token tok"]) == has_defect


@pytest.mark.parametrize("injected", [False, True])
def test_auth_header_sent_exactly_once(generated: Loader, injected: bool) -> None:
    client_module = generated("ours", "client")
    delete_thing = generated("ours", "api.things.delete_thing")

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.delete("/api/v1/things/t-1").respond(204)
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok")
        if injected:
            # an injected client that already carries the header: replaced, not duplicated
            client.set_httpx_client(
                httpx.Client(base_url=BASE_URL, headers={"Authorization": "Bearer tok"})
            )
        response = delete_thing.sync_detailed("t-1", client=client, idempotency_key="k-1")

    assert response.status_code == 204
    sent = route.calls.last.request.headers
    assert sent.get_list("Authorization") == ["Bearer tok"]
    assert sent["Idempotency-Key"] == "k-1"


def test_plain_client_sends_no_auth_header(generated: Loader) -> None:
    client = generated("ours", "client").Client(base_url=BASE_URL)
    get_health = generated("ours", "api.health.get_health")
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/health").respond(200, json=THING)
        get_health.sync(client=client)
    assert "Authorization" not in route.calls.last.request.headers


# 7. `format: uuid` header parameters sent as uuid.UUID ---------------------------------------------


@BOTH
def test_uuid_header_parameter_is_sent_as_text(
    generated: Loader, flavour: str, has_defect: bool
) -> None:
    client_module = generated(flavour, "client")
    delete_thing = generated(flavour, "api.things.delete_thing")
    trace_id = uuid.UUID("0b9e5a2c-4d1f-4c8e-9a7b-3f2e1d0c9b8a")

    with respx.mock(base_url=BASE_URL, assert_all_called=not has_defect) as mock:
        route = mock.delete("/api/v1/things/t-1").respond(204)
        client = client_module.AuthenticatedClient(base_url=BASE_URL, token="tok")
        if has_defect:
            with pytest.raises(TypeError, match="Header value must be str or bytes"):
                delete_thing.sync_detailed("t-1", client=client, x_trace_id=trace_id)
            return
        delete_thing.sync_detailed("t-1", client=client, x_trace_id=trace_id)

    assert route.calls.last.request.headers["X-Trace-Id"] == str(trace_id)


# 6. Raw variants --------------------------------------------------------------------------------

FIXTURE_MODULES = [
    "api.files.upload_file",
    "api.things.get_thing",
    "api.things.delete_thing",
    "api.health.get_health",
]


@pytest.mark.parametrize("module", FIXTURE_MODULES)
def test_raw_variants_have_the_detailed_signature(generated: Loader, module: str) -> None:
    endpoint = generated("ours", module)
    assert not hasattr(generated("stock", module), "sync_raw")
    detailed = inspect.signature(endpoint.sync_detailed).parameters
    assert inspect.signature(endpoint.sync_raw).parameters == detailed
    assert inspect.signature(endpoint.asyncio_raw).parameters == detailed
    assert inspect.signature(endpoint.asyncio_detailed).parameters == detailed
    assert inspect.iscoroutinefunction(endpoint.asyncio_raw)


def test_sync_raw_returns_the_response_untouched(generated: Loader) -> None:
    get_thing = generated("ours", "api.things.get_thing")
    client = generated("ours", "client").AuthenticatedClient(
        base_url=BASE_URL, token="tok", raise_on_unexpected_status=True
    )
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get("/api/v1/things/t-1").respond(520, html=HTML_502)
        response = get_thing.sync_raw("t-1", client=client)
    assert isinstance(response, httpx.Response)
    assert response.status_code == 520
    assert response.text == HTML_502
    assert route.calls.last.request.headers["Authorization"] == "Bearer tok"


@pytest.mark.anyio
async def test_asyncio_raw_returns_the_response_untouched(generated: Loader) -> None:
    get_thing = generated("ours", "api.things.get_thing")
    client = generated("ours", "client").AuthenticatedClient(base_url=BASE_URL, token="tok")
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get("/api/v1/things/t-1").respond(200, json={"unexpected": "shape"})
        response = await get_thing.asyncio_raw("t-1", client=client)
    assert isinstance(response, httpx.Response)
    assert response.json() == {"unexpected": "shape"}
