"""``Idempotency-Key``: the same key with the same request replays the first response.

Records are kept per API key for 24 hours (``ttl``), then evicted: the records dict is in
creation order (an OrderedDict: finding its front stays O(1) however many were evicted),
so the expired ones are always at its front. A request's fingerprint is its method, path and
body (JSON bodies compared by value, so key order does not matter). Multipart bodies are not
hashed whole (their boundary differs on every retry): their file part is (name and bytes), and
a replay whose file differs is refused like any other mismatch.
Only responses of requests that reached the handler are stored; 429 and 5xx are not, so a
client may retry them under the same key and get the real outcome.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

TTL_SECONDS = 24 * 3600


def fingerprint(method: str, path: str, content_type: str, body: bytes) -> str:
    h = hashlib.sha256(f"{method.upper()} {path}\n".encode())
    if content_type.startswith("multipart/"):
        h.update(b"multipart")
    elif body.strip():
        try:
            canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
            h.update(canonical.encode())
        except ValueError:
            h.update(body)
    return h.hexdigest()


@dataclass
class StoredResponse:
    status: int
    body: bytes
    headers: list[tuple[str, str]]


@dataclass
class Record:
    fingerprint: str
    created_at: float
    response: StoredResponse | None = None  # None while the first request is in flight
    upload_digest: str | None = None  # a multipart upload's file (see storage.Digest)


@dataclass
class Lookup:
    kind: Literal["new", "replay", "mismatch", "in_progress"]
    response: StoredResponse | None = None
    upload_digest: str | None = None


@dataclass
class IdempotencyStore:
    ttl: float = TTL_SECONDS
    records: OrderedDict[tuple[str, str], Record] = field(default_factory=OrderedDict)
    replays: int = 0
    mismatches: int = 0
    stored: int = 0

    def reset(self) -> None:
        self.records = OrderedDict()  # a new one: a cleared dict keeps its table's size
        self.replays = self.mismatches = self.stored = 0

    def expire(self, now: float) -> None:
        """Evict the records older than the TTL (each request pays for what is due, no more)."""
        records = self.records
        while records:
            slot, record = next(iter(records.items()))
            if now - record.created_at <= self.ttl:
                return
            del records[slot]

    def begin(self, api_key: str, idem_key: str, fp: str, now: float) -> Lookup:
        """Look the key up; for a new key, reserve it until :meth:`finish` or :meth:`abandon`."""
        self.expire(now)
        slot = (api_key, idem_key)
        record = self.records.get(slot)
        if record is None:
            self.records[slot] = Record(fp, now)
            return Lookup("new")
        if record.fingerprint != fp:
            self.mismatches += 1
            return Lookup("mismatch")
        if record.response is None:
            return Lookup("in_progress")
        self.replays += 1
        return Lookup("replay", record.response, record.upload_digest)

    def finish(
        self,
        api_key: str,
        idem_key: str,
        response: StoredResponse,
        upload_digest: str | None = None,
    ) -> None:
        record = self.records.get((api_key, idem_key))
        if record is not None:
            record.response = response
            record.upload_digest = upload_digest
            self.stored += 1

    def abandon(self, api_key: str, idem_key: str) -> None:
        self.records.pop((api_key, idem_key), None)
