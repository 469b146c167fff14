"""``client.convert``: taken from the vendor's ``tests/unit/resources/test_convert.py``.

Our ``JobFailedError`` carries the final job (``.job``), so the vendor's ``exc.detail`` is
``exc.job.error.detail`` here: the same recorded operands, one attribute further down.
"""

from __future__ import annotations

from typing import Any

from exchange import Ctx, Exchange, Expect, Raises, Reply, Returns, Route, err, ok

from convilyn import ConvertJob, File, JobFailedError, JobTimeoutError, NotFoundError

C = "test_convert.py"
S3_DOWNLOAD_URL = "https://example-bucket.s3.amazonaws.com/output.pdf?signature=xyz"
FILE_OBJ = {
    "fileId": "file_xyz",
    "fileName": "report.docx",
    "fileSize": 12345,
    "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "createdAt": "2026-05-20T12:00:00Z",
}


def _job_response(status: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "jobId": "job_test",
        "status": status,
        "processorType": "document_conversion",
        "progress": 0 if status == "queued" else (50 if status == "processing" else 100),
        "params": {"target_format": "pdf"},
        "resultFiles": None,
        "error": None,
        "retryCount": 0,
        "createdAt": "2026-05-20T12:00:00Z",
        "updatedAt": "2026-05-20T12:00:01Z",
    }
    base.update(overrides)
    return base


def _completed_job() -> dict[str, Any]:
    return _job_response(
        "completed",
        progress=100,
        resultFiles=[
            {
                "filename": "report.pdf",
                "size": 9000,
                "mimetype": "application/pdf",
                "url": S3_DOWNLOAD_URL,
            }
        ],
        completedAt="2026-05-20T12:00:05Z",
    )


def _file(payload: dict[str, Any] = FILE_OBJ) -> File:
    return File.model_validate(payload)


def _create_and_wait(target: str) -> Any:
    def call(x: Ctx) -> Any:
        return x.client.convert.create_and_wait(file=_file(), target_format=target)

    return call


def _download(overwrite: bool = False) -> Any:
    def call(x: Ctx) -> Any:
        completed = ConvertJob.model_validate(_completed_job())
        return x.client.convert.download_to(completed, to=x.path("out.pdf"), overwrite=overwrite)

    return call


def _stale(tmp: Any) -> None:
    (tmp / "out.pdf").write_bytes(b"stale")


def _create(reply_status: int = 202) -> Route:
    return Route("POST", "/api/v1/jobs", (ok(_job_response("queued"), reply_status),))


def _poll(*payloads: dict[str, Any], calls: int | None = None) -> Route:
    return Route("GET", "/api/v1/jobs/job_test", tuple(ok(p) for p in payloads), calls=calls)


DOCUMENT_BODY = Expect(
    text_has=(
        '"processor_type":"document_conversion"',
        '"source_file_id":"file_xyz"',
        '"source_format":"docx"',
        '"target_format":"pdf"',
    ),
    text_lacks=("processorType",),
)


def _processor_exchange(filename: str, target: str, processor: str) -> Exchange:
    uploaded = {
        "fileId": "file_media",
        "fileName": filename,
        "fileSize": 100,
        "mimeType": "application/octet-stream",
        "createdAt": "2026-05-20T12:00:00Z",
    }
    return Exchange(
        id=f"{C}::TestConvertLogic::test_an_image_or_media_file_reaches_its_own_processor[{filename}]",
        call=lambda x: x.client.convert.create(file=_file(uploaded), target_format=target),
        routes=(
            Route(
                "POST",
                "/api/v1/jobs",
                (ok(_job_response("queued"), 202),),
                expect=Expect(
                    body_has={
                        "processor_type": processor,
                        "params.file_id": "file_media",
                        "params.output_format": target,
                    },
                    body_lacks=("params.source_format",),
                ),
            ),
        ),
        outcome=Returns(ConvertJob, {"job_id": "job_test"}),
    )


DETAIL = {
    "reason": "MULTI_SHEET_WORKBOOK",
    "sheetCount": 6,
    "faithfulTargets": ["md", "ods", "html", "pdf"],
}
REFUSAL = {
    "code": "UNSUPPORTED_INPUT",
    "message": "This file type or input isn't supported for this workflow.",
}


def _refusal(
    name: str,
    detail: dict[str, Any] | None,
    attrs: dict[str, Any],
    startswith: str = "",
    endswith: str = "",
) -> Exchange:
    error = dict(REFUSAL) if detail is None else {**REFUSAL, "detail": detail}
    return Exchange(
        id=f"{C}::TestRefusalDetailReachesTheCaller::{name}",
        call=_create_and_wait("csv"),
        routes=(
            Route(
                "POST",
                "/api/v1/jobs",
                (ok(_job_response("queued")),),
                expect=Expect(body_has={"params.target_format": "csv"}),
            ),
            _poll(_job_response("failed", progress=90, error=error)),
        ),
        outcome=Raises(
            JobFailedError,
            {"code": "UNSUPPORTED_INPUT", "job_id": "job_test", **attrs},
            str_startswith=startswith,
            str_endswith=endswith,
        ),
    )


def _warnings(name: str, payload: dict[str, Any], warnings: list[str]) -> Exchange:
    return Exchange(
        id=f"{C}::TestConversionWarningsReachTheCaller::{name}",
        call=_create_and_wait("csv"),
        routes=(
            Route("POST", "/api/v1/jobs", (ok(_job_response("queued")),)),
            _poll(_job_response("completed", **payload)),
        ),
        outcome=Returns(ConvertJob, {"status": "completed", "warnings": warnings}),
    )


WARNING = (
    "best_effort: CSV holds one sheet. If this workbook has more than one, "
    "only the first was converted — convert to md, ods, html, pdf to keep every sheet."
)

EXCHANGES: tuple[Exchange, ...] = (
    Exchange(
        id=f"{C}::TestConvertLogic::test_create_and_wait_returns_completed_job",
        call=_create_and_wait("pdf"),
        routes=(
            Route(
                "POST", "/api/v1/jobs", (ok(_job_response("queued"), 202),), expect=DOCUMENT_BODY
            ),
            _poll(_completed_job()),
        ),
        outcome=Returns(ConvertJob, {"status": "completed", "is_terminal": True}),
    ),
    _processor_exchange("photo.png", "webp", "image_conversion"),
    _processor_exchange("clip.mp4", "mp3", "media_processing"),
    Exchange(
        id=f"{C}::TestConvertLogic::test_download_to_fetches_first_result_file",
        call=_download(),
        routes=(
            Route(
                "GET",
                S3_DOWNLOAD_URL,
                (Reply(200, content=b"%PDF-1.4 fake pdf content"),),
                # A presigned URL is fetched without the API key.
                expect=Expect(headers_absent=("authorization",)),
            ),
        ),
        outcome=Returns(path="out.pdf"),
        files={"out.pdf": b"%PDF-1.4 fake pdf content"},
    ),
    Exchange(
        id=f"{C}::TestConvertLogic::test_overwrite_true_replaces_it",
        call=_download(overwrite=True),
        setup=_stale,
        routes=(Route("GET", S3_DOWNLOAD_URL, (Reply(200, content=b"%PDF-1.4 fresh"),)),),
        outcome=Returns(path="out.pdf"),
        files={"out.pdf": b"%PDF-1.4 fresh"},
    ),
    Exchange(
        id=f"{C}::TestConvertErrors::test_failed_status_raises_job_failed_error",
        call=_create_and_wait("pdf"),
        routes=(
            _create(),
            _poll(
                _job_response(
                    "failed",
                    progress=42,
                    error={"code": "CONVERSION_FAILED", "message": "Bad format"},
                )
            ),
        ),
        outcome=Raises(JobFailedError, {"code": "CONVERSION_FAILED", "job_id": "job_test"}),
    ),
    Exchange(
        id=f"{C}::TestConvertErrors::test_failed_job_with_zero_byte_result_raises_job_failed_error",
        call=_create_and_wait("pdf"),
        routes=(
            _create(),
            _poll(
                _job_response(
                    "failed",
                    progress=0,
                    resultFiles=[
                        {
                            "filename": "output.pdf",
                            "size": 0,
                            "mimetype": "application/pdf",
                            "url": S3_DOWNLOAD_URL,
                        }
                    ],
                    error={"code": "CONVERSION_FAILED", "message": "Bad format"},
                )
            ),
        ),
        outcome=Raises(JobFailedError, {"code": "CONVERSION_FAILED", "job.result_files.0.size": 0}),
    ),
    Exchange(
        id=f"{C}::TestConvertErrors::test_retrieve_404_raises_api_error",
        call=lambda x: x.client.convert.retrieve("job_missing"),
        routes=(
            Route(
                "GET",
                "/api/v1/jobs/job_missing",
                (err(404, {"code": "JOB_NOT_FOUND", "message": "..."}),),
            ),
        ),
        outcome=Raises(NotFoundError, {"status_code": 404, "code": "JOB_NOT_FOUND"}),
    ),
    Exchange(
        id=f"{C}::TestConvertErrors::test_wait_timeout_raises_job_timeout_error",
        call=lambda x: x.client.convert.wait("job_slow", timeout=0.01, poll_interval=0.5),
        routes=(Route("GET", "/api/v1/jobs/job_slow", (ok(_job_response("processing")),)),),
        outcome=Raises(JobTimeoutError, {"job_id": "job_slow"}),
    ),
    Exchange(
        id=f"{C}::TestConvertObjectState::test_polls_until_terminal",
        call=_create_and_wait("pdf"),
        routes=(
            _create(),
            _poll(
                _job_response("queued"),
                _job_response("processing", progress=50),
                _completed_job(),
                calls=3,
            ),
        ),
        outcome=Returns(ConvertJob, {"status": "completed"}),
    ),
    _refusal(
        "test_the_sheet_count_arrives_as_an_integer",
        DETAIL,
        {"job.error.detail.sheet_count": 6},
    ),
    _refusal(
        "test_the_alternatives_arrive_as_a_list",
        DETAIL,
        {"job.error.detail.faithful_targets": ["md", "ods", "html", "pdf"]},
    ),
    _refusal(
        "test_the_reason_is_branchable",
        DETAIL,
        {"job.error.detail.reason": "MULTI_SHEET_WORKBOOK"},
    ),
    _refusal(
        # The vendor checks its str(exc) wording; ours is our own. The recorded operands
        # that wording is built from must arrive: checked here.
        "test_the_string_form_explains_itself",
        DETAIL,
        {"job.error.detail.sheet_count": 6, "job.error.detail.faithful_targets.#len": 4},
    ),
    _refusal(
        "test_the_existing_prefix_is_unchanged",
        DETAIL,
        {"processor_type": "document_conversion"},
        startswith="Job job_test (document_conversion) failed [UNSUPPORTED_INPUT]:",
    ),
    _refusal(
        "test_a_failure_without_a_detail_still_raises_cleanly",
        None,
        {"job.error.detail": None, "message": REFUSAL["message"]},
        endswith="supported for this workflow.",
    ),
    _refusal(
        "test_an_unknown_reason_does_not_break_the_parse",
        {"reason": "SOMETHING_NEW_ENTIRELY"},
        {
            "job.error.detail.reason": "SOMETHING_NEW_ENTIRELY",
            "job.error.detail.sheet_count": None,
        },
    ),
    _refusal(
        "test_an_unknown_reason_carrying_a_count_gets_no_invented_sentence",
        {"reason": "SOMETHING_NEW", "sheetCount": 9},
        {"job.error.detail.sheet_count": 9, "job.error.detail.reason": "SOMETHING_NEW"},
    ),
    _warnings("test_a_warning_on_a_successful_job_is_surfaced", {"warnings": [WARNING]}, [WARNING]),
    _warnings("test_a_clean_conversion_reports_an_empty_list", {"warnings": []}, []),
    _warnings("test_a_response_without_the_field_still_parses", {}, []),
    _warnings(
        "test_an_unprefixed_warning_is_passed_through_unchanged",
        {"warnings": ["Page 3 has minimal or no text"]},
        ["Page 3 has minimal or no text"],
    ),
)
