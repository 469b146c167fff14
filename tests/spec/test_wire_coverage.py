"""The spec describes every endpoint row of the wire table (shared/WIRE.md), and nothing else.

The table is copied here, method and path as WIRE.md writes them (under /api/v1): a row added
to the wire must be added to the spec and to this list together.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WIRE_ROWS = """
POST /upload/presign
POST /upload/confirm
POST /upload
GET /files
DELETE /files/{fileId}
POST /jobs
GET /jobs/{jobId}
GET /workflows/catalog
POST /jobs/goal
GET /jobs/goal/{jobSpecId}
GET /jobs/goal/{jobSpecId}/status
PATCH /jobs/goal/{jobSpecId}/slots
POST /jobs/goal/{jobSpecId}/confirm
POST /jobs/goal/{jobSpecId}/cancel
POST /jobs/goal/{jobSpecId}/retry
GET /jobs/goal/{jobSpecId}/artifacts
GET /jobs/goal/{jobSpecId}/artifacts/{artifactId}/download
GET /jobs/goal/{jobSpecId}/download
GET /workflows/community
GET /workflows/{workflowId}
POST /workflows/fork
PATCH /workflows/{workflowId}
POST /workflows/{workflowId}/like
POST /workflows/cost-preview
GET /payment/usage/history
GET /credits/balance
GET /health
GET /user_workflows
GET /user_workflows/{workflowId}
DELETE /user_workflows/{workflowId}
GET /user_workflows/{workflowId}/export
GET /user_workflows/{workflowId}/grounded-contract
GET /user_workflows/{workflowId}/runs
POST /chat/sessions
POST /chat/sessions/{chatId}/messages
GET /chat/sessions/{chatId}
GET /chat/sessions/{chatId}/messages
GET /chat/builder/quota
"""


def test_the_spec_has_one_operation_per_wire_row() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "convilyn.yaml").read_text())
    operations = {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    rows = set(WIRE_ROWS.split("\n")) - {""}
    assert len(rows) == 38
    assert operations == rows
