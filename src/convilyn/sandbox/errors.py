"""API errors as the live service shapes them: ``{"code", "message", "details"}`` (+ ``errors``)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Raised by handlers and the request pipeline; rendered as an ``ErrorResponse``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "details": self.details}
        if self.errors is not None:
            out["errors"] = self.errors
        return out


def field_error(loc: list[str | int], msg: str, type_: str) -> dict[str, Any]:
    return {"loc": loc, "msg": msg, "type": type_}


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", f"{kind} {ident} not found", {"resource": kind, "id": ident})


def invalid_state(message: str, status: str, **details: Any) -> ApiError:
    return ApiError(400, "INVALID_STATE", message, {"status": status, **details})


def version_conflict(current: int, expected: int) -> ApiError:
    return ApiError(
        409,
        "VERSION_CONFLICT",
        f"itemVersion mismatch: expected {expected}, current {current}",
        {"currentVersion": current, "expectedVersion": expected},
    )


def validation_failed(errors: list[dict[str, Any]], message: str = "") -> ApiError:
    return ApiError(
        422,
        "VALIDATION_ERROR",
        message or "Request validation failed: " + "; ".join(e["msg"] for e in errors[:3]),
        {},
        errors=errors,
    )
