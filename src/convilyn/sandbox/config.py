"""Sandbox settings (one frozen object shared by every module)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .chaos import ChaosConfig
from .expiry import RETENTION_SECONDS
from .profile import ProfileName
from .timeouts import BODY_TIMEOUT, HEADER_TIMEOUT


@dataclass(frozen=True)
class SandboxConfig:
    speed: float = 1.0  # simulated-time factor; 0 = instant
    chaos: ChaosConfig = field(default_factory=ChaosConfig)
    seed: int | None = None  # chaos and id generation
    self_check: bool = False  # validate every response against the spec; drift -> 500
    rate_limits: bool = True  # False: headers still sent, 429 never
    url_ttl: int = 3600  # presigned URL lifetime, real seconds
    # how long files, jobs and Idempotency-Key records outlive their last change (see expiry.py)
    retention: float = RETENTION_SECONDS
    keepalive_seconds: float = 15.0  # WebSocket keepalive interval when idle
    header_timeout: float = HEADER_TIMEOUT  # request headers complete within (see timeouts.py)
    body_timeout: float = BODY_TIMEOUT  # longest wait for the next body chunk
    storage_dir: Path | None = None  # None: a temporary directory
    log_requests: bool = True  # one log line per request (logger "convilyn.sandbox")
    profile: ProfileName = "default"  # "live": imitate the live service (see profile.py)
