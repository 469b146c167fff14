"""Sandbox profiles: what the server does beyond the spec, chosen once per sandbox.

``default``
    Everything the spec documents, honoured: every operation served, ``Idempotency-Key``
    replays, the WebSocket event stream open to ``ck_`` keys, every field filled in.

``live``
    The live Convilyn service as the vendor's 4.1 client sees it (``/work/shared/WIRE.md`` and
    the vendor's recorded fixtures), so code tested here also survives the real host:

    - The operations the live service lacks, ``uploadFile`` (``POST /api/v1/upload``), ``getGoalJobStatus``
      (``GET /api/v1/jobs/goal/{id}/status``) and ``getGoalJobDownload``
      (``GET /api/v1/jobs/goal/{id}/download``) answer **404** with the router's envelope
      ``{"code": "NOT_FOUND", "message": "Not Found: <METHOD> <path>", "details": {}}``, as a
      path the service does not have (before authentication, no rate-limit headers). So does
      ``getUserWorkflowGroundedContract``: the live service has it switched off (being withdrawn).
      The other ``/user_workflows`` and Builder (``/chat``) operations are served: the vendor's
      4.1 client calls them.
    - The goal-event WebSocket refuses every ``ck_`` key at the handshake with an HTTP **403**
      denial response ``{"code": "CONSUMER_KEY_NOT_ACCEPTED", ...}`` (the live gateway accepts no
      consumer keys). A client reads a refused handshake as "stream not available" and polls.
      Missing or URL-borne keys still get their 401 first, as in ``default``.
    - ``Idempotency-Key`` is ignored on every operation (not validated, never replayed): a
      retried create creates a second job, a retried mutation does its work again.
    - Responses leave out what the live service leaves out: GoalJob without ``itemVersion``,
      ``progress`` absent when 0, optional fields that are null absent, empty lists and maps
      sent as ``null`` (where the spec allows null, else left out); ConvertJob without empty
      ``warnings`` or null ``resultFiles`` / ``error``, with ``suggestedPollIntervalMs`` while
      not terminal, and ``error.detail`` an object ``{"reason": ...}``; CreditBalance's
      ``freeTierMonthSpentCredits`` fractional; CatalogWorkflow with ``subcategory`` /
      ``skuGroup`` (null) and ``supportedLocales``; PendingSlot without ``isDisambiguation``
      unless true.
    - Every core object carries one field no spec knows (:data:`LIVE_EXTRA_FIELD`), which a
      client must tolerate.

Routes and the pipeline ask the :class:`Profile` (``SandboxState.profile``); nothing else
tests the profile's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .clock import Clock

ProfileName = Literal["default", "live"]
PROFILE_NAMES: tuple[ProfileName, ...] = ("default", "live")

SEED_ONLY_OPERATIONS = frozenset({"uploadFile", "getGoalJobStatus", "getGoalJobDownload"})
# Served by the live service's code but switched off there (a feature flag, off by default):
# the grounded contract, which the vendor is withdrawing. Its path answers 404 without a code.
SWITCHED_OFF_OPERATIONS = frozenset({"getUserWorkflowGroundedContract"})

LIVE_EXTRA_FIELD = ("sandboxLiveExtra", "unknown field the SDK must tolerate")

# Response objects that get the unknown extra field in the live profile (spec schema names).
CORE_OBJECTS = frozenset(
    {
        "GoalJob",
        "ConvertJob",
        "File",
        "UploadedFile",
        "StoredFile",
        "CatalogWorkflow",
        "Workflow",
        "WorkflowSummary",
        "CostEstimate",
        "CreditBalance",
        "Artifact",
        "ArtifactDownload",
        "GoalJobSubmission",
        "UsageHistoryEntry",
        "UserWorkflowSummary",
        "UserWorkflowDetail",
        "BuilderSession",
        "BuilderTurn",
    }
)

# The live service's JobError.detail.reason for the sandbox's convert failure codes.
CONVERT_FAILURE_REASONS = {
    "UNSUPPORTED_CONVERSION": "UNSUPPORTED_FORMAT_PAIR",
    "PROCESSING_ERROR": "CONVERTER_ERROR",
}
CATALOG_LOCALES = ("en", "ja", "ko", "zh")
FREE_TIER_METERED_FRACTION = 0.5  # the live free-tier counter accrues fractional charges
CONVERT_POLL_SECONDS = 1.0  # simulated seconds; 1000 ms at speed 1


def check_profile(name: object) -> ProfileName:
    """``name`` as a profile name, or ValueError naming the choices."""
    for known in PROFILE_NAMES:
        if name == known:
            return known
    raise ValueError(f"profile must be one of {', '.join(PROFILE_NAMES)}, got {name!r}")


@dataclass(frozen=True)
class Profile:
    name: ProfileName
    hidden_operations: frozenset[str]
    honours_idempotency_key: bool
    events_accept_consumer_keys: bool
    live_shapes: bool

    def hides(self, operation_id: str) -> bool:
        """True when this operation is answered as a path the service does not have."""
        return operation_id in self.hidden_operations

    def reshape(
        self, document: dict[str, Any], schema: dict[str, Any], body: Any, clock: Clock
    ) -> Any:
        """A successful response body as this profile sends it (``schema``: its spec schema)."""
        if not self.live_shapes:
            return body
        return _Reshaper(document, clock).walk(schema, body)


DEFAULT = Profile("default", frozenset(), True, True, False)
LIVE = Profile("live", SEED_ONLY_OPERATIONS | SWITCHED_OFF_OPERATIONS, False, False, True)
_PROFILES = {p.name: p for p in (DEFAULT, LIVE)}


def get_profile(name: str) -> Profile:
    return _PROFILES[check_profile(name)]


def not_found_body(method: str, path: str) -> dict[str, Any]:
    """The router's 404 envelope (the same as an unknown path gets)."""
    return {"code": "NOT_FOUND", "message": f"Not Found: {method} {path}", "details": {}}


def consumer_key_refusal() -> tuple[int, str, str]:
    return (
        403,
        "CONSUMER_KEY_NOT_ACCEPTED",
        "The event stream does not accept ck_ keys; poll GET /api/v1/jobs/goal/{jobSpecId}",
    )


# reshaping -----------------------------------------------------------------------------------
def _allows_null(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_allows_null(s) for s in schema.get("anyOf", []) + schema.get("oneOf", []))


def _is_empty_collection(value: Any) -> bool:
    return isinstance(value, list | dict) and not value


class _Reshaper:
    def __init__(self, document: dict[str, Any], clock: Clock) -> None:
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
        self.clock = clock

    def walk(self, schema: dict[str, Any], value: Any) -> Any:
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[-1]
            target = self.schemas.get(name, {})
            out = self.walk(target, value)
            return self.decorate(name, target, out) if isinstance(out, dict) else out
        for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
            if value is not None and _matches_kind(branch, value, self.schemas):
                return self.walk(branch, value)
        if isinstance(value, list):
            items = schema.get("items", {})
            return [self.walk(items, v) for v in value]
        if isinstance(value, dict):
            props: dict[str, Any] = schema.get("properties", {})
            return {k: self.walk(props[k], v) if k in props else v for k, v in value.items()}
        return value

    def decorate(self, name: str, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        fix = getattr(self, f"_{name}", None)
        if fix is not None:
            obj = fix(schema, dict(obj))
        if name in CORE_OBJECTS:
            key, text = LIVE_EXTRA_FIELD
            obj = {**obj, key: text}
        return obj

    # per-schema rules (method name = spec schema name) ------------------------------------
    def _GoalJob(self, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        obj.pop("itemVersion", None)
        if obj.get("progress") == 0:
            del obj["progress"]
        return _lean(schema, obj)

    def _ConvertJob(self, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        if obj.get("progress") == 0:
            del obj["progress"]
        if obj.get("status") not in ("completed", "failed"):
            seconds = min(self.clock.real_seconds(CONVERT_POLL_SECONDS), 10.0)
            obj["suggestedPollIntervalMs"] = int(seconds * 1000)
        error = obj.get("error")
        if isinstance(error, dict) and error.get("code"):
            code = str(error["code"])
            obj["error"] = {**error, "detail": {"reason": CONVERT_FAILURE_REASONS.get(code, code)}}
        obj = _lean(schema, obj)
        if obj.get("warnings") is None:
            obj.pop("warnings", None)  # the fixtures leave an empty list out, never null
        return obj

    def _PendingSlot(self, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        if obj.get("isDisambiguation") is False:
            del obj["isDisambiguation"]  # the fixtures send it only when true
        return _lean(schema, obj)

    def _CreditBalance(self, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        spent = obj.get("freeTierMonthSpentCredits")
        if isinstance(spent, int | float):
            obj["freeTierMonthSpentCredits"] = float(spent) + FREE_TIER_METERED_FRACTION
        return obj

    def _CatalogWorkflow(self, schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        obj.setdefault("subcategory", None)
        obj.setdefault("skuGroup", None)
        obj.setdefault("supportedLocales", list(CATALOG_LOCALES))
        return obj


def _lean(schema: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    """Optional nulls left out; empty lists / maps as null where allowed, else left out."""
    required = set(schema.get("required", []))
    props: dict[str, Any] = schema.get("properties", {})
    out: dict[str, Any] = {}
    for key, value in obj.items():
        prop = props.get(key, {})
        if value is None and key not in required:
            continue
        if _is_empty_collection(value):
            if _allows_null(prop):
                value = None
            elif key not in required:
                continue
        out[key] = value
    return out


def _matches_kind(schema: dict[str, Any], value: Any, schemas: dict[str, Any]) -> bool:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if isinstance(value, dict):
        return "object" in kinds or "properties" in schema
    if isinstance(value, list):
        return "array" in kinds
    return False


__all__ = [
    "DEFAULT",
    "LIVE",
    "LIVE_EXTRA_FIELD",
    "PROFILE_NAMES",
    "Profile",
    "ProfileName",
    "check_profile",
    "get_profile",
]
