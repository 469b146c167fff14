from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_response_details import ErrorResponseDetails
    from ..models.field_error import FieldError


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The error body of every non-2xx response. The live service sends `{"code": "<STRING_CODE>", "message": "...",
    "details": {...}}`; 422 responses add `errors` (field-level problems). Clients also decode these other shapes into
    the same error: `{"detail": {code, message, details}}` (the same object wrapped in `detail`), `{"detail": "text"}`,
    FastAPI's `{"detail": [{loc, msg, type}]}`, and the older `{"error": "version_conflict", "message": "...", "code":
    409}` (integer `code`). Any other body (HTML, plain text, empty) still becomes a typed error built from the HTTP
    status and reason phrase. Always log the `X-Request-Id` response header with the error.

        Attributes:
            code (str): Machine-readable error code, e.g. `VALIDATION_ERROR`, `TIER_REQUIRED`, `PRO_TIER_REQUIRED`,
                `BUSINESS_TIER_REQUIRED`, `QUOTA_EXCEEDED`, `INSUFFICIENT_CREDITS`, `spec_not_allowed_on_free`,
                `free_cost_cap_exceeded`, `SPEC_NOT_PRICED`, `CHARGE_UNAVAILABLE`, `FILE_IN_USE`, `VERSION_CONFLICT`. Branch on
                this, not on `message`.
            message (str): Human-readable explanation; may change between releases.
            details (ErrorResponseDetails | Unset): Code-specific structured context. `QUOTA_EXCEEDED`: `estimatedMicroU`,
                `thresholdMicroU`, `upgradeUrl`, `retry_after_seconds`, `reset_at`. `INSUFFICIENT_CREDITS`: `requiredCredits`,
                `availableCredits`. `VERSION_CONFLICT`: `currentVersion`, `expectedVersion`.
            errors (list[FieldError] | Unset): Field-level validation problems (422 only).
    """

    code: str
    message: str
    details: ErrorResponseDetails | Unset = UNSET
    errors: list[FieldError] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_response_details import ErrorResponseDetails
        from ..models.field_error import FieldError

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: ErrorResponseDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorResponseDetails.from_dict(_details)

        _errors = d.pop("errors", UNSET)
        errors: list[FieldError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = FieldError.from_dict(errors_item_data)

                errors.append(errors_item)

        error_response = cls(
            code=code,
            message=message,
            details=details,
            errors=errors,
        )

        error_response.additional_properties = d
        return error_response

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
