from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.convert_job_status import ConvertJobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.convert_job_params import ConvertJobParams
    from ..models.job_error import JobError
    from ..models.result_file import ResultFile


T = TypeVar("T", bound="ConvertJob")


@_attrs_define
class ConvertJob:
    """A turbo-lane conversion job and its current state.

    Attributes:
        job_id (str): Identifier of the job; poll it with getConvertJob.
        status (ConvertJobStatus): Turbo-lane job status; `completed` and `failed` are terminal.
        processor_type (str): The processor the job runs on (see ProcessorType).
        params (ConvertJobParams): The parameters the job was created with.
        created_at (datetime.datetime): When the job was created (UTC).
        updated_at (datetime.datetime): When the job last changed (UTC).
        progress (int | Unset): Progress percentage (0 when the service leaves it out). Default: 0.
        progress_message (None | str | Unset): Human-readable description of the current step.
        suggested_poll_interval_ms (int | None | Unset): How long to wait before the next poll, in milliseconds; absent
            on terminal jobs.
        result_files (list[ResultFile] | None | Unset): Output files once `completed`; null before.
        warnings (list[str] | Unset): Non-fatal problems met during conversion. The live service may send `null` instead
            of an empty list, or leave it out; clients read both as `[]`.
        error (JobError | None | Unset): Set when `status` is `failed`.
        retry_count (int | Unset): How many times the service retried the job internally (0 when left out). Default: 0.
        started_at (datetime.datetime | None | Unset): When processing started (UTC).
        completed_at (datetime.datetime | None | Unset): When the job reached a terminal status (UTC).
        estimated_duration (int | None | Unset): Estimated total duration in seconds, when known.
    """

    job_id: str
    status: ConvertJobStatus
    processor_type: str
    params: ConvertJobParams
    created_at: datetime.datetime
    updated_at: datetime.datetime
    progress: int | Unset = 0
    progress_message: None | str | Unset = UNSET
    suggested_poll_interval_ms: int | None | Unset = UNSET
    result_files: list[ResultFile] | None | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    error: JobError | None | Unset = UNSET
    retry_count: int | Unset = 0
    started_at: datetime.datetime | None | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    estimated_duration: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error import JobError

        job_id = self.job_id

        status = self.status.value

        processor_type = self.processor_type

        params = self.params.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        progress = self.progress

        progress_message: None | str | Unset
        if isinstance(self.progress_message, Unset):
            progress_message = UNSET
        else:
            progress_message = self.progress_message

        suggested_poll_interval_ms: int | None | Unset
        if isinstance(self.suggested_poll_interval_ms, Unset):
            suggested_poll_interval_ms = UNSET
        else:
            suggested_poll_interval_ms = self.suggested_poll_interval_ms

        result_files: list[dict[str, Any]] | None | Unset
        if isinstance(self.result_files, Unset):
            result_files = UNSET
        elif isinstance(self.result_files, list):
            result_files = []
            for result_files_type_0_item_data in self.result_files:
                result_files_type_0_item = result_files_type_0_item_data.to_dict()
                result_files.append(result_files_type_0_item)

        else:
            result_files = self.result_files

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, JobError):
            error = self.error.to_dict()
        else:
            error = self.error

        retry_count = self.retry_count

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        estimated_duration: int | None | Unset
        if isinstance(self.estimated_duration, Unset):
            estimated_duration = UNSET
        else:
            estimated_duration = self.estimated_duration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobId": job_id,
                "status": status,
                "processorType": processor_type,
                "params": params,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress
        if progress_message is not UNSET:
            field_dict["progressMessage"] = progress_message
        if suggested_poll_interval_ms is not UNSET:
            field_dict["suggestedPollIntervalMs"] = suggested_poll_interval_ms
        if result_files is not UNSET:
            field_dict["resultFiles"] = result_files
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if error is not UNSET:
            field_dict["error"] = error
        if retry_count is not UNSET:
            field_dict["retryCount"] = retry_count
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at
        if estimated_duration is not UNSET:
            field_dict["estimatedDuration"] = estimated_duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.convert_job_params import ConvertJobParams
        from ..models.job_error import JobError
        from ..models.result_file import ResultFile

        d = dict(src_dict)
        job_id = d.pop("jobId")

        status = ConvertJobStatus(d.pop("status"))

        processor_type = d.pop("processorType")

        params = ConvertJobParams.from_dict(d.pop("params"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        progress = d.pop("progress", UNSET)

        def _parse_progress_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        progress_message = _parse_progress_message(d.pop("progressMessage", UNSET))

        def _parse_suggested_poll_interval_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        suggested_poll_interval_ms = _parse_suggested_poll_interval_ms(
            d.pop("suggestedPollIntervalMs", UNSET)
        )

        def _parse_result_files(data: object) -> list[ResultFile] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                result_files_type_0 = []
                _result_files_type_0 = data
                for result_files_type_0_item_data in _result_files_type_0:
                    result_files_type_0_item = ResultFile.from_dict(result_files_type_0_item_data)

                    result_files_type_0.append(result_files_type_0_item)

                return result_files_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ResultFile] | None | Unset, data)

        result_files = _parse_result_files(d.pop("resultFiles", UNSET))

        warnings = cast(list[str], d.pop("warnings", UNSET))

        def _parse_error(data: object) -> JobError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = JobError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        retry_count = d.pop("retryCount", UNSET)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("startedAt", UNSET))

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completedAt", UNSET))

        def _parse_estimated_duration(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        estimated_duration = _parse_estimated_duration(d.pop("estimatedDuration", UNSET))

        convert_job = cls(
            job_id=job_id,
            status=status,
            processor_type=processor_type,
            params=params,
            created_at=created_at,
            updated_at=updated_at,
            progress=progress,
            progress_message=progress_message,
            suggested_poll_interval_ms=suggested_poll_interval_ms,
            result_files=result_files,
            warnings=warnings,
            error=error,
            retry_count=retry_count,
            started_at=started_at,
            completed_at=completed_at,
            estimated_duration=estimated_duration,
        )

        convert_job.additional_properties = d
        return convert_job

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
