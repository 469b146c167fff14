"""Turbo-lane conversion jobs."""

from __future__ import annotations

from .. import convert as conv
from ..dispatch import Ctx, Handler, Reply
from ..errors import ApiError
from ..wire import convert_job_wire
from .common import check_job_creation, count_job_creation, no_credits, own_file, unprocessable

ID_FIELD = {
    "document_conversion": "source_file_id",
    "image_conversion": "file_id",
    "media_processing": "file_id",
}
TARGET_FIELD = {
    "document_conversion": "target_format",
    "image_conversion": "output_format",
    "media_processing": "output_format",
}


def _wire(ctx: Ctx, run: conv.ConvertRun) -> Reply:
    sb = ctx.sandbox
    expires = int(ctx.now) + sb.config.url_ttl
    urls = [
        sb.signer.download_url(ctx.base_url, r.object_key, r.filename, r.mime_type, expires)
        for r in run.results
    ]
    return Reply(
        202 if ctx.op.operation_id == "createConvertJob" else 200,
        convert_job_wire(run, sb.clock, urls),
    )


async def create_convert_job(ctx: Ctx) -> Reply:
    acct, sb, body = ctx.account, ctx.sandbox, ctx.body
    processor = str(body["processor_type"])
    params = dict(body["params"])
    id_field, target_field = ID_FIELD[processor], TARGET_FIELD[processor]
    for needed in (id_field, target_field):
        if needed not in params:
            raise unprocessable(
                "VALIDATION_ERROR",
                f"{processor} needs params.{needed}",
                ["body", "params", needed],
                "missing",
            )
    source = own_file(acct, str(params[id_field]))
    if acct.balance < 1:
        raise no_credits(acct, 1)
    check_job_creation(ctx)
    source_format = str(params.get("source_format") or conv.extension(source.file_name))
    run = conv.new_convert(
        conv.ConvertRun(
            job_id=sb.new_id("cj"),
            processor_type=processor,
            params=params,
            source_file_id=source.file_id,
            source_name=source.file_name,
            source_format=source_format,
            target_format=str(params[target_field]),
            created_at=ctx.now,
        ),
        sb.clock,
    )
    sb.add_convert(acct, run)
    acct.convert_jobs_created += 1
    sb.counters.created["convertJobs"] += 1
    count_job_creation(ctx)
    sb.settle_convert(acct, run)
    return _wire(ctx, run)


async def get_convert_job(ctx: Ctx) -> Reply:
    job_id = str(ctx.path["jobId"])
    run = ctx.sandbox.convert_job(ctx.account, job_id)
    if run is None:
        raise ApiError(
            404, "JOB_NOT_FOUND", f"Conversion job {job_id} not found", {"jobId": job_id}
        )
    return _wire(ctx, run)


def handlers() -> dict[str, Handler]:
    """This module's operations: operationId -> handler."""
    return {
        "createConvertJob": create_convert_job,
        "getConvertJob": get_convert_job,
    }
