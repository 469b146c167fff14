"""Parse a successful response body into a model, with typed errors (pure).

A body that is not JSON, or does not fit the model, becomes
:class:`~convilyn.errors.ResponseValidationError`. No raw pydantic exception leaves the SDK.

Fields a model does not declare are kept (``model_extra``) and each new one is logged once at
debug level: the live service adds fields, and a poll loop must survive them. In strict mode
(``strict=True`` on the client, or ``CONVILYN_STRICT=1``) the first one becomes
:class:`~convilyn.errors.UnexpectedFieldError` instead, naming the model and the field path;
our own end-to-end suite and the sandbox self-check run strict, so drift between the spec and
the sandbox is still caught. Models whose schema is open (``OpenWireModel``) are never reported.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from convilyn._logging import logger, redact
from convilyn.errors import ResponseValidationError, UnexpectedFieldError

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "decode_json",
    "parse_list",
    "parse_model",
    "parse_model_json",
    "unknown_fields",
    "validation_error",
]

# A string bound: pydantic's model machinery loads with the first model, not with the client.
M = TypeVar("M", bound="BaseModel")

# (model, field) pairs already logged: each unknown field is reported once per process.
_reported: set[tuple[str, str]] = set()


def decode_json(content: bytes, *, model: str, request_id: str | None = None) -> Any:
    try:
        return json.loads(content)
    except RecursionError:
        raise _too_deep(model, request_id) from None
    except (ValueError, UnicodeDecodeError):
        snippet = content[:80].decode("utf-8", errors="replace")
        raise ResponseValidationError(
            f"Expected a JSON {model} but the response body is not JSON: {snippet!r}",
            model=model,
            request_id=request_id,
        ) from None


def _too_deep(model: str, request_id: str | None) -> ResponseValidationError:
    return ResponseValidationError(
        f"The API response for {model} is nested too deep to read",
        model=model,
        request_id=request_id,
    )


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "<root>"


def validation_error(
    model: str, exc: ValidationError, *, request_id: str | None = None
) -> ResponseValidationError:
    # A location can be a key of the body, and so an echoed secret.
    errors = [(redact(_loc(e["loc"])), redact(e["msg"])) for e in exc.errors(include_url=False)]
    detail = "; ".join(f"{loc}: {msg}" for loc, msg in errors[:5])
    return ResponseValidationError(
        f"The API response does not match {model}: {detail}",
        model=model,
        errors=errors,
        request_id=request_id,
    )


def unknown_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(model name, wire path)`` for every undeclared field in a parsed value, depth first
    (``pendingSlots.0.newField``); open models and the contents of extras are not searched."""
    from convilyn.models._base import OpenWireModel, WireModel

    if isinstance(value, WireModel):
        if not isinstance(value, OpenWireModel):
            for name in value.model_extra or {}:
                yield type(value).__name__, f"{path}{name}"
        for name, info in type(value).model_fields.items():
            yield from unknown_fields(getattr(value, name), f"{path}{info.alias or name}.")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from unknown_fields(item, f"{path}{index}.")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from unknown_fields(item, f"{path}{key}.")


def _check_fields(parsed: Any, root: str, *, strict: bool, request_id: str | None) -> None:
    if not strict and not logger.isEnabledFor(logging.DEBUG):
        return  # nobody would hear of them: walking every answer costs more than the request
    for model, raw_field in unknown_fields(parsed):
        field = redact(raw_field)  # a field named after an echoed secret
        if strict:
            raise UnexpectedFieldError(
                f"The API sent a field this SDK does not know: {root}.{field} (on {model}). "
                "Strict mode is on (strict=True or CONVILYN_STRICT=1); turn it off to keep "
                "unknown fields in model_extra, or upgrade convilyn if it is a new API field.",
                model=root,
                field=field,
                request_id=request_id,
            )
        leaf = field.rsplit(".", 1)[-1]
        if (model, leaf) not in _reported:
            _reported.add((model, leaf))
            logger.debug(
                "The API sent %s.%s, a field this SDK does not declare; kept in model_extra.",
                model,
                leaf,
            )


def parse_model(
    model: type[M], data: Any, *, request_id: str | None = None, strict: bool = False
) -> M:
    try:
        parsed = model.model_validate(data)
        _check_fields(parsed, model.__name__, strict=strict, request_id=request_id)
    except RecursionError:
        raise _too_deep(model.__name__, request_id) from None
    except ValidationError as exc:
        raise validation_error(model.__name__, exc, request_id=request_id) from None
    return parsed


def parse_model_json(
    model: type[M], content: bytes, *, request_id: str | None = None, strict: bool = False
) -> M:
    """:func:`decode_json` and :func:`parse_model` in one pass: pydantic reads the bytes."""
    try:
        parsed = model.model_validate_json(content)
    except RecursionError:
        raise _too_deep(model.__name__, request_id) from None
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors(include_url=False)):
            # Not JSON as pydantic reads it: the two steps say what is wrong, as they always did.
            data = decode_json(content, model=model.__name__, request_id=request_id)
            return parse_model(model, data, request_id=request_id, strict=strict)
        raise validation_error(model.__name__, exc, request_id=request_id) from None
    _check_fields(parsed, model.__name__, strict=strict, request_id=request_id)
    return parsed


def parse_list(
    model: type[M], data: Any, *, request_id: str | None = None, strict: bool = False
) -> list[M]:
    from pydantic import TypeAdapter

    name = f"list[{model.__name__}]"
    try:
        parsed = TypeAdapter(list[model]).validate_python(data)  # type: ignore[valid-type]
        _check_fields(parsed, name, strict=strict, request_id=request_id)
    except RecursionError:
        raise _too_deep(name, request_id) from None
    except ValidationError as exc:
        raise validation_error(name, exc, request_id=request_id) from None
    return parsed
