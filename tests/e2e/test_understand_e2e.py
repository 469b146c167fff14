"""``goals.understand`` / ``to_markdown`` / ``extract`` against the real sandbox, sync and async
(the ``kind`` fixture), in the profile CONVILYN_SANDBOX_PROFILE names."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from e2e_helpers import call, open_client

from convilyn import GoalJobFailedError, UnderstandUnavailableError

pytestmark = pytest.mark.anyio

POLL = 0.02

INVOICE = {
    "type": "object",
    "required": ["vendor", "total", "currency", "lines"],
    "properties": {
        "vendor": {"type": "string", "minLength": 12},
        "total": {"type": "number", "minimum": 10},
        "paid": {"type": "boolean"},
        "currency": {"enum": ["EUR", "USD"]},
        "issued": {"type": "string", "format": "date"},
        "lines": {
            "type": "array",
            "minItems": 2,
            "items": {"$ref": "#/$defs/line"},
        },
        "notes": {"type": ["string", "null"], "maxLength": 5},
    },
    "additionalProperties": False,
    "$defs": {
        "line": {
            "type": "object",
            "required": ["sku", "qty"],
            "properties": {
                "sku": {"type": "string"},
                "qty": {"type": "integer", "exclusiveMinimum": 0, "multipleOf": 2},
            },
        }
    },
}


async def test_understand_returns_json_that_fits_the_schema(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        pdf = await call(client.files.upload(docs / "job.pdf"))
        result = await call(
            client.goals.understand(
                [pdf], schema=INVOICE, instructions="the totals", poll_interval=POLL
            )
        )
    jsonschema_rs.validate(INVOICE, result)  # raises when it does not fit
    assert len(result["lines"]) == 2
    assert result["currency"] == "EUR"


async def test_to_markdown_returns_the_markdown_text(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        png = await call(client.files.upload(docs / "photo.png"))
        text = await call(client.goals.to_markdown([png.file_id], poll_interval=POLL))
    assert isinstance(text, str)
    assert text.startswith("# ")
    assert png.file_id in text


async def test_extract_warns_and_returns_the_fixed_workflows_json(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        pdf = await call(client.files.upload(docs / "job.pdf"))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = await call(client.goals.extract([pdf], poll_interval=POLL))
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "goals.understand" in str(caught[0].message)
    assert result["documents"][0]["fileId"] == pdf.file_id


async def test_understand_refuses_several_files_by_name(
    kind: str, convilyn_sandbox: Any, docs: Path
) -> None:
    async with open_client(kind, convilyn_sandbox) as client:
        a = await call(client.files.upload(docs / "job.pdf"))
        b = await call(client.files.upload(docs / "resume.docx"))
        with pytest.raises(UnderstandUnavailableError, match="carries 2") as info:
            await call(client.goals.understand([a, b], schema=INVOICE))
    assert info.value.status_code == 400
    assert info.value.request_id


async def test_to_markdown_names_the_free_path_for_a_kind_it_does_not_serve(
    kind: str, convilyn_sandbox: Any, tmp_path: Path
) -> None:
    (tmp_path / "bundle.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    async with open_client(kind, convilyn_sandbox) as client:
        z = await call(client.files.upload(tmp_path / "bundle.zip"))
        with pytest.raises(UnderstandUnavailableError, match="free on every plan") as info:
            await call(client.goals.to_markdown([z]))
    assert "bundle.zip" in str(info.value)


async def test_a_failed_understand_run_is_a_goal_job_failure(
    kind: str, convilyn_sandbox: Any, tmp_path: Path
) -> None:
    (tmp_path / "scan__fail__.pdf").write_bytes(b"%PDF-1.7 " * 8)
    async with open_client(kind, convilyn_sandbox) as client:
        f = await call(client.files.upload(tmp_path / "scan__fail__.pdf"))
        with pytest.raises(GoalJobFailedError) as info:
            await call(client.goals.understand([f], schema=INVOICE, poll_interval=POLL))
    assert info.value.retryable  # goals.retry(job_spec_id): free, the same job
