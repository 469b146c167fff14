"""Parse a successful response body into a model, with typed errors (pure).

A body that is not JSON, or does not fit the model, becomes
:class:`~convilyn.errors.ResponseValidationError`; an unknown field on a strict core model
becomes :class:`~convilyn.errors.UnexpectedFieldError` naming the model and the field. No raw
pydantic exception leaves the SDK.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from convilyn.errors import ResponseValidationError, UnexpectedFieldError

__all__ = ["decode_json", "parse_list", "parse_model", "validation_error"]

M = TypeVar("M", bound=BaseModel)


def decode_json(content: bytes, *, model: str, request_id: str | None = None) -> Any:
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        snippet = content[:80].decode("utf-8", errors="replace")
        raise ResponseValidationError(
            f"Expected a JSON {model} but the response body is not JSON: {snippet!r}",
            model=model,
            request_id=request_id,
        ) from None


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "<root>"


def validation_error(
    model: str, exc: ValidationError, *, request_id: str | None = None
) -> ResponseValidationError:
    errors = [(_loc(e["loc"]), e["msg"]) for e in exc.errors(include_url=False)]
    extra = [e for e in exc.errors(include_url=False) if e["type"] == "extra_forbidden"]
    if extra:
        field = _loc(extra[0]["loc"])
        return UnexpectedFieldError(
            f"The API sent a field this SDK does not know: {model}.{field}. The API is newer "
            "than this version of convilyn; upgrade the package.",
            model=model,
            field=field,
            errors=errors,
            request_id=request_id,
        )
    detail = "; ".join(f"{loc}: {msg}" for loc, msg in errors[:5])
    return ResponseValidationError(
        f"The API response does not match {model}: {detail}",
        model=model,
        errors=errors,
        request_id=request_id,
    )


def parse_model(model: type[M], data: Any, *, request_id: str | None = None) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(model.__name__, exc, request_id=request_id) from None


def parse_list(model: type[M], data: Any, *, request_id: str | None = None) -> list[M]:
    try:
        return TypeAdapter(list[model]).validate_python(data)  # type: ignore[valid-type]
    except ValidationError as exc:
        raise validation_error(f"list[{model.__name__}]", exc, request_id=request_id) from None
