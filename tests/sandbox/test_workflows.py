"""Catalog and community marketplace: paging, fork, patch (itemVersion), publish, like."""

from __future__ import annotations

from convilyn.models import WorkflowCatalog, WorkflowSearchPage

from .conftest import Api


def test_catalog(api: Api) -> None:
    catalog = WorkflowCatalog.model_validate(api.get("/workflows/catalog").json())
    ids = [w.workflow_id for w in catalog.workflows]
    assert len(ids) >= 6
    cover = next(w for w in catalog.workflows if w.workflow_id == "goal_lane.cover_letter")
    assert cover.min_file_count == 2
    assert cover.required_slot_count == 0
    tailor = next(w for w in catalog.workflows if w.workflow_id == "goal_lane.resume_tailor")
    assert tailor.required_slot_count == 2


def test_community_paging_covers_everything_once(api: Api) -> None:
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 20, "sort": "recent", **({"cursor": cursor} if cursor else {})}
        page = WorkflowSearchPage.model_validate(
            api.get("/workflows/community", params=params).json()
        )
        pages += 1
        seen += [w.workflow_id for w in page.items]
        cursor = page.cursor
        if cursor is None:
            break
    assert pages >= 3
    assert len(seen) == len(set(seen)) >= 60
    popular = api.get("/workflows/community", params={"sort": "popular", "limit": 50}).json()[
        "items"
    ]
    likes = [w["stats"]["likeCount"] for w in popular]
    assert likes == sorted(likes, reverse=True)
    tagged = api.get("/workflows/community", params={"tag": "legal", "limit": 50}).json()["items"]
    assert tagged
    assert all("legal" in w["tags"] for w in tagged)


def test_bad_cursor_and_limit_are_422(api: Api) -> None:
    assert api.get("/workflows/community", params={"cursor": "garbage!"}).status_code == 422
    first = api.get("/workflows/community", params={"sort": "recent"}).json()
    assert (
        api.get(
            "/workflows/community", params={"sort": "popular", "cursor": first["cursor"]}
        ).status_code
        == 422
    )
    assert api.get("/workflows/community", params={"limit": 51}).status_code == 422


def test_fork_patch_publish_like(api: Api, make_api) -> None:  # type: ignore[no-untyped-def]
    source = api.get("/workflows/community", params={"limit": 1}).json()["items"][0]
    r = api.post("/workflows/fork", json={"sourceSpecId": source["specId"], "name": "My copy"})
    assert r.status_code == 201
    fork = r.json()
    assert (fork["visibility"], fork["sourceSpecId"], fork["name"], fork["itemVersion"]) == (
        "private",
        source["specId"],
        "My copy",
        1,
    )
    assert (
        api.get(f"/workflows/{source['workflowId']}").json()["stats"]["forkCount"]
        == source["stats"]["forkCount"] + 1
    )
    # forking your own is a conflict
    own = api.post("/workflows/fork", json={"sourceSpecId": fork["specId"]})
    assert own.status_code == 409
    assert own.json()["code"] == "CANNOT_FORK_OWN"
    # patch with a stale version
    ok = api.patch(f"/workflows/{fork['workflowId']}", json={"itemVersion": 1, "tags": ["mine"]})
    assert ok.status_code == 200
    assert ok.json()["itemVersion"] == 2
    stale = api.patch(f"/workflows/{fork['workflowId']}", json={"itemVersion": 1, "name": "late"})
    assert stale.status_code == 409
    assert stale.json()["details"]["currentVersion"] == 2
    # publish: now visible to others, first in "recent"
    pub = api.patch(
        f"/workflows/{fork['workflowId']}", json={"itemVersion": 2, "visibility": "public"}
    )
    assert pub.json()["visibility"] == "public"
    other: Api = make_api("pro")
    assert other.get(f"/workflows/{fork['workflowId']}").status_code == 200
    assert (
        other.get("/workflows/community", params={"limit": 1}).json()["items"][0]["workflowId"]
        == fork["workflowId"]
    )
    assert (
        other.patch(
            f"/workflows/{fork['workflowId']}", json={"itemVersion": 3, "name": "hijack"}
        ).status_code
        == 403
    )
    # likes toggle
    assert other.post(f"/workflows/{fork['workflowId']}/like").json() == {
        "liked": True,
        "likeCount": 1,
    }
    assert other.post(f"/workflows/{fork['workflowId']}/like").json() == {
        "liked": False,
        "likeCount": 0,
    }
    # runs through userWorkflowId count
    job = api.post(
        "/jobs/goal",
        json={
            "userWorkflowId": fork["workflowId"],
            "fileIds": [api.upload("a.pdf"), api.upload("b.pdf")],
        },
    )
    assert job.status_code == 201


def test_fork_needs_pro_and_catalog_ids_are_not_workflows(make_api) -> None:  # type: ignore[no-untyped-def]
    free = make_api("free")
    r = free.post("/workflows/fork", json={"sourceSpecId": "goal_lane.cover_letter"})
    assert r.status_code == 402
    assert r.json()["code"] == "PRO_TIER_REQUIRED"
    assert free.get("/workflows/goal_lane.cover_letter").status_code == 404
    assert free.post("/workflows/fork", json={"sourceSpecId": "spec_missing"}).status_code == 404


def test_cost_preview_tier_and_quota(make_api) -> None:  # type: ignore[no-untyped-def]
    free, biz = make_api("free"), make_api("business")
    cheap = free.post("/workflows/cost-preview", json={"toolNames": ["document_parser"]}).json()
    assert cheap["quotaCheck"] == {
        "state": "ok",
        "tier": "free",
        "estimatedMicroU": 12000,
        "thresholdMicroU": 250000,
    }
    assert (
        cheap["estimatedMinMicroU"] <= cheap["estimatedTotalMicroU"] <= cheap["estimatedMaxMicroU"]
    )
    pricey = free.post(
        "/workflows/cost-preview",
        json={"toolNames": ["clause_analyzer", "transcriber"], "maxIterations": 2},
    ).json()
    assert pricey["quotaCheck"]["state"] == "quota_exceeded"
    assert pricey["quotaCheck"]["upgradeUrl"]
    assert (
        biz.post("/workflows/cost-preview", json={"toolNames": ["x"]}).json()["quotaCheck"]["tier"]
        == "business"
    )
