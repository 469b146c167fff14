"""``goals.understand`` / ``to_markdown`` / ``extract``: from the vendor's ``test_goals.py``
(TestUnderstand, TestExtract), ``test_goals_to_markdown.py``, ``test_goals_understand_errors.py``
and ``test_unsupported_pair_error.py`` (the outcome and argument halves).

The chain the vendor records: create, poll the full job, list the artifacts, presign one,
fetch it from storage. Ours probes the light status first (404 on live, ``absent``).
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from exchange import Ctx, Exchange, Expect, Raises, Reply, Returns, Route, err, ok
from exchanges_goals import JOB, STATUS, _artifact_payload, _completed_job, _job_response

from convilyn import (
    APIError,
    AsyncConvilyn,
    ConvilynError,
    GoalArtifactUnusableError,
    PlanRequiredError,
    UnderstandUnavailableError,
)

G = "test_goals.py"
M = "test_goals_to_markdown.py"
E = "test_goals_understand_errors.py"
U = "test_unsupported_pair_error.py"
EXTRACT_WORKFLOW_ID = "goal_lane.personal_document_actions"
SCHEMA = {"type": "object", "properties": {"vendor": {"type": "string"}}}
E_SCHEMA = {"type": "object", "properties": {"total": {"type": "number"}}}
STORAGE = "https://storage.example.com/bucket/doc.json?sig=xyz"
CREATE = "/api/v1/jobs/goal"


def _json_artifact(**overrides: Any) -> dict[str, Any]:
    base = _artifact_payload(
        artifactId="art_json",
        fileName="document_actions.json",
        mimeType="application/json",
        sizeBytes=64,
        downloadUrl="https://storage.example.com/bucket/doc.json?sig=abc",
        artifactType="json",
        isPrimary=True,
    )
    base.update(overrides)
    return base


def _md_artifact(**overrides: Any) -> dict[str, Any]:
    base = _json_artifact(fileName="out.md", mimeType="text/markdown", artifactType="markdown")
    base.update(description="", metadata=None)
    base.update(overrides)
    return base


def _chain(
    artifacts: list[dict[str, Any]],
    storage: Any,
    *,
    create: Expect | None = None,
    file_name: str = "document_actions.json",
    mime: str = "application/json",
    created: dict[str, Any] | None = None,
    polled: tuple[dict[str, Any], ...] | None = None,
) -> tuple[Route, ...]:
    """create -> poll -> artifacts -> presign -> storage (the vendor's _mock_extract_chain)."""
    content = storage if isinstance(storage, bytes) else json.dumps(storage).encode("utf-8")
    return (
        Route(
            "POST",
            CREATE,
            (ok(created or _job_response("analyzing")),),
            expect=create or Expect(),
        ),
        Route("GET", JOB, tuple(ok(p) for p in (polled or (_completed_job(),)))),
        Route("GET", f"{JOB}/artifacts", (ok({"artifacts": artifacts, "total": len(artifacts)}),)),
        Route(
            "GET",
            f"{JOB}/artifacts/art_json/download",
            (
                ok(
                    {
                        "downloadUrl": STORAGE,
                        "fileName": file_name,
                        "sizeBytes": 64,
                        "mimeType": mime,
                        "expiresAt": "2026-07-12T13:00:00Z",
                    }
                ),
            ),
        ),
        Route("GET", STORAGE, (Reply(content=content),)),
    )


def _no_download(
    artifacts: list[dict[str, Any]], job: dict[str, Any] | None = None
) -> tuple[Route, ...]:
    """create -> poll -> artifacts: the run stops before anything is fetched."""
    done = job or _completed_job()
    return (
        Route("POST", CREATE, (ok({**done, "status": "analyzing", "progress": 0}),)),
        Route("GET", JOB, (ok(done),)),
        Route("GET", f"{JOB}/artifacts", (ok({"artifacts": artifacts, "total": len(artifacts)}),)),
    )


def _refused(status: int, payload: Any) -> tuple[Route, ...]:
    return (Route("POST", CREATE, (err(status, payload),)),)


def _understand(files: list[str], schema: Any = None, **kwargs: Any) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.understand(
            files, schema=SCHEMA if schema is None else schema, **kwargs
        )

    return call


def _to_markdown(files: list[str]) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.goals.to_markdown(files)

    return call


def _extract(files: list[str]) -> Any:
    """``goals.extract(files)``, its DeprecationWarning silenced (the warning has its own
    exchange); the async call warns when awaited, so it is awaited in here."""

    def call(x: Ctx) -> Any:
        client = x.client
        if isinstance(client, AsyncConvilyn):

            async def run() -> Any:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    return await client.goals.extract(files)

            return run()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return client.goals.extract(files)

    return call


def _extract_warning(x: Ctx) -> Any:
    """The warning the call emits, as the result (the async call warns when awaited)."""

    def seen(caught: list[warnings.WarningMessage]) -> dict[str, Any]:
        return {"categories": [w.category.__name__ for w in caught], "text": str(caught[0].message)}

    if isinstance(x.client, AsyncConvilyn):
        client = x.client

        async def run() -> dict[str, Any]:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                await client.goals.extract(["file_abc"])
            return seen(caught)

        return run()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        x.client.goals.extract(["file_abc"])
    return seen(caught)


NO_JSON = _no_download(
    [],
    {
        "jobSpecId": "job_test",
        "status": "completed",
        "progress": 100,
        "fileIds": [],
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
    },
)
OBJECT = {"type": "object"}
EXTRACTED = {"documents": [{"doc_type": "bill", "amount": 1200}]}
GROUNDED = {"vendor": "Acme", "total": 1200}

EXCHANGES: tuple[Exchange, ...] = (
    # -- extract (deprecated) --------------------------------------------------------------
    Exchange(
        f"{G}::TestExtract::test_returns_parsed_json_and_targets_extract_workflow",
        _extract(["file_abc"]),
        _chain(
            [_json_artifact()],
            EXTRACTED,
            create=Expect(body_has={"workflowId": EXTRACT_WORKFLOW_ID, "fileIds": ["file_abc"]}),
        ),
        Returns(dict, {"documents": EXTRACTED["documents"]}),
        absent=(STATUS,),
    ),
    Exchange(
        f"{G}::TestExtract::test_emits_deprecation_warning_steering_to_understand",
        _extract_warning,
        _chain([_json_artifact()], {"documents": []}),
        Returns(dict, {"categories": ["DeprecationWarning"]}),
        absent=(STATUS,),
    ),
    Exchange(
        f"{G}::TestExtract::test_empty_files_raises_before_network",
        _extract([]),
        (),
        Raises(ValueError, not_types=(ConvilynError,)),
    ),
    Exchange(
        f"{G}::TestExtract::test_no_json_artifact_raises",
        _extract(["file_abc"]),
        _no_download([_artifact_payload()]),
        Raises(GoalArtifactUnusableError, {"reason": "missing", "kind": "json"}),
        absent=(STATUS,),
    ),
    Exchange(
        f"{G}::TestExtract::test_oversized_json_artifact_raises",
        _extract(["file_abc"]),
        _no_download([_json_artifact(sizeBytes=64 * 1024 * 1024)]),
        Raises(
            GoalArtifactUnusableError,
            {"reason": "too_large", "artifact_id": "art_json", "max_bytes": 8 * 1024 * 1024},
        ),
        absent=(STATUS,),
    ),
    # -- understand ------------------------------------------------------------------------
    Exchange(
        f"{G}::TestUnderstand::test_returns_grounded_json_and_sends_output_schema",
        _understand(["file_abc"], instructions="grab vendor + total"),
        _chain(
            [_json_artifact()],
            GROUNDED,
            create=Expect(
                body_has={
                    "outputSchema": SCHEMA,
                    "fileIds": ["file_abc"],
                    "instructions": "grab vendor + total",
                },
                body_lacks=("workflowId", "goalText"),
            ),
        ),
        Returns(dict, GROUNDED),
        absent=(STATUS,),
    ),
    Exchange(
        f"{G}::TestUnderstand::test_ready_job_is_confirmed_before_waiting",
        _understand(["file_abc"]),
        (
            *_chain(
                [_json_artifact()],
                GROUNDED,
                created=_job_response("ready"),
                polled=(_job_response("ready"), _job_response("analyzing"), _completed_job()),
            ),
            Route("POST", f"{JOB}/confirm", (ok({}),), calls=1),
        ),
        Returns(dict, GROUNDED),
        absent=(STATUS,),
    ),
    *(
        Exchange(
            f"{G}::TestUnderstand::test_unsupported_backend_raises_understand_unavailable[{s}]",
            _understand(["file_abc"]),
            _refused(s, {"code": "x", "message": "no"}),
            Raises(UnderstandUnavailableError, {"status_code": s}, not_types=(APIError,)),
        )
        for s in (400, 404, 422, 501)
    ),
    Exchange(
        f"{G}::TestUnderstand::test_real_conditions_propagate_not_swallowed",
        _understand(["file_abc"]),
        _refused(402, {"code": "TIER_REQUIRED", "message": "pay"}),
        Raises(PlanRequiredError, {"status_code": 402}, not_types=(UnderstandUnavailableError,)),
    ),
    Exchange(
        f"{G}::TestUnderstand::test_empty_files_raises_before_network",
        _understand([]),
        (),
        Raises(ValueError, not_types=(ConvilynError,)),
    ),
    Exchange(
        f"{G}::TestUnderstand::test_non_dict_schema_raises",
        _understand(["file_abc"], schema="not-a-dict"),
        (),
        Raises(
            TypeError,
            not_types=(ConvilynError,),
            str_startswith="understand() requires a JSON Schema dict",
        ),
    ),
    # -- to_markdown -----------------------------------------------------------------------
    *(
        Exchange(
            f"{M}::TestToMarkdown::test_unserved_backend_raises_a_named_error_not_a_bare_400[{s}]",
            _to_markdown(["file_abc"]),
            _refused(s, {"code": "x", "message": "no"}),
            Raises(UnderstandUnavailableError, {"status_code": s}),
        )
        for s in (400, 404, 422, 501)
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_the_error_names_the_free_alternative",
        _to_markdown(["file_abc"]),
        _refused(400, {"code": "x", "message": "no"}),
        Raises(UnderstandUnavailableError, str_endswith="The service said: no"),
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_real_conditions_propagate_not_swallowed",
        _to_markdown(["file_abc"]),
        _refused(402, {"code": "TIER_REQUIRED", "message": "pay"}),
        Raises(APIError, {"status_code": 402}, not_types=(UnderstandUnavailableError,)),
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_empty_files_raises_before_network",
        _to_markdown([]),
        (),
        Raises(ValueError, not_types=(ConvilynError,)),
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_sends_output_format_and_no_workflow_source",
        _to_markdown(["file_abc"]),
        _chain(
            [_md_artifact()],
            "# Title",
            create=Expect(body={"fileIds": ["file_abc"], "outputFormat": "markdown"}),
            file_name="out.md",
            mime="text/markdown",
        ),
        Returns(str, {"#len": len(json.dumps("# Title"))}),
        absent=(STATUS,),
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_no_markdown_artifact_is_an_error_not_a_fallback",
        _to_markdown(["file_abc"]),
        _no_download([_json_artifact()]),
        Raises(GoalArtifactUnusableError, {"reason": "missing", "kind": "markdown"}),
        absent=(STATUS,),
    ),
    Exchange(
        f"{M}::TestToMarkdown::test_oversized_artifact_is_refused_rather_than_buffered",
        _to_markdown(["file_abc"]),
        _no_download([_md_artifact(sizeBytes=9 * 1024 * 1024)]),
        Raises(GoalArtifactUnusableError, {"reason": "too_large", "kind": "markdown"}),
        absent=(STATUS,),
    ),
    # -- what a refusal tells the caller (test_goals_understand_errors.py) -----------------
    Exchange(
        f"{E}::TestTheServersReasonReachesTheCaller::test_a_string_detail_refusal_names_the_real_cause",
        _understand(["a", "b", "c"], E_SCHEMA),
        _refused(
            400,
            {
                "detail": "Structured understanding currently accepts one file per request, "
                "and this request carries 3."
            },
        ),
        Raises(UnderstandUnavailableError, str_endswith="and this request carries 3."),
    ),
    Exchange(
        f"{E}::TestTheServersReasonReachesTheCaller::test_the_refusal_no_longer_claims_the_feature_is_missing",
        _understand(["a", "b", "c"], E_SCHEMA),
        _refused(400, {"detail": "this request carries 3 files."}),
        Raises(UnderstandUnavailableError, str_startswith="this request carries 3 files."),
    ),
    *(
        Exchange(
            f"{E}::TestABodylessRefusalKeepsTheClassDefault::test_the_platform_default_survives[{s}]",
            _understand(["file_abc"], E_SCHEMA),
            _refused(s, {}),
            Raises(
                UnderstandUnavailableError,
                str_startswith="The connected Convilyn platform does not support",
            ),
        )
        for s in (404, 422, 501)
    ),
    *(
        Exchange(
            f"{E}::TestTheRaisedTypeIsUnchanged::test_every_unsupported_status_still_raises_the_same_class[{s}]",
            _understand(["file_abc"], E_SCHEMA),
            _refused(s, {"detail": "nope"}),
            Raises(UnderstandUnavailableError, exact=True),
        )
        for s in (400, 404, 422, 501)
    ),
    # -- outcome failures are convilyn errors; argument mistakes stay builtins -------------
    Exchange(
        f"{U}::TestOutcomeFailuresAreConvilynErrors::test_a_run_with_no_json_artifact_is_a_convilyn_error",
        _understand(["file_abc"], OBJECT),
        NO_JSON,
        Raises(ConvilynError),
        absent=(STATUS,),
    ),
    Exchange(
        f"{U}::TestOutcomeFailuresAreConvilynErrors::test_it_is_specifically_a_goal_artifact_unusable_error",
        _understand(["file_abc"], OBJECT),
        NO_JSON,
        Raises(GoalArtifactUnusableError),
        absent=(STATUS,),
    ),
    Exchange(
        f"{U}::TestOutcomeFailuresAreConvilynErrors::test_it_is_not_a_value_error",
        _understand(["file_abc"], OBJECT),
        NO_JSON,
        Raises(GoalArtifactUnusableError, not_types=(ValueError, TypeError)),
        absent=(STATUS,),
    ),
    Exchange(
        f"{U}::TestOutcomeFailuresAreConvilynErrors::test_the_reason_is_readable_off_the_exception",
        _understand(["file_abc"], OBJECT),
        NO_JSON,
        Raises(
            GoalArtifactUnusableError,
            {"reason": "missing", "kind": "json", "job_status": "completed", "artifact_id": None},
        ),
        absent=(STATUS,),
    ),
    Exchange(
        f"{U}::TestArgumentMistakesStayBuiltins::test_an_empty_file_list_is_still_a_bare_value_error",
        _understand([], OBJECT),
        (),
        Raises(ValueError, not_types=(ConvilynError,)),
    ),
    Exchange(
        f"{U}::TestArgumentMistakesStayBuiltins::test_a_non_dict_schema_is_still_a_bare_type_error",
        _understand(["file_abc"], "not a dict"),
        (),
        Raises(TypeError, not_types=(ConvilynError,)),
    ),
)
