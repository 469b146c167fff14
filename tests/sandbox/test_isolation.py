"""One key never sees another key's files, jobs or private workflows."""

from __future__ import annotations

from .conftest import Api


def test_other_keys_objects_are_404(api: Api, make_api) -> None:  # type: ignore[no-untyped-def]
    other: Api = make_api("pro")
    f = api.upload("mine.pdf")
    job = api.goal(files=[f, api.upload("jd.pdf")])
    conv = api.post(
        "/jobs",
        json={
            "processor_type": "document_conversion",
            "params": {"source_file_id": f, "source_format": "pdf", "target_format": "docx"},
        },
    ).json()
    fork = api.post("/workflows/fork", json={"sourceSpecId": "goal_lane.cover_letter"}).json()
    jid = job["jobSpecId"]
    assert other.get("/files").json()["files"] == []
    assert other.delete(f"/files/{f}").status_code == 404
    for path in (
        f"/jobs/goal/{jid}",
        f"/jobs/goal/{jid}/status",
        f"/jobs/goal/{jid}/artifacts",
        f"/jobs/goal/{jid}/download",
        f"/jobs/{conv['jobId']}",
        f"/workflows/{fork['workflowId']}",
    ):
        assert other.get(path).status_code == 404, path
    assert other.confirm(jid).status_code == 404
    assert other.post(f"/jobs/goal/{jid}/cancel").status_code == 404
    assert (
        other.patch(
            f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "a", "value": 1}]}
        ).status_code
        == 404
    )
    assert (
        other.patch(
            f"/workflows/{fork['workflowId']}", json={"itemVersion": 1, "name": "x"}
        ).status_code
        == 404
    )
    assert other.post(f"/workflows/{fork['workflowId']}/like").status_code == 404
    assert (
        other.post(
            "/jobs/goal", json={"workflowId": "goal_lane.cover_letter", "fileIds": [f, f]}
        ).status_code
        == 404
    )
    assert (
        other.post(
            "/jobs/goal", json={"userWorkflowId": fork["workflowId"], "fileIds": []}
        ).status_code
        == 404
    )
    # and the owner still sees everything
    assert api.get(f"/jobs/goal/{jid}").status_code == 200
    assert api.get(f"/workflows/{fork['workflowId']}").status_code == 200
