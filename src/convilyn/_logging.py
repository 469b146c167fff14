"""The ``convilyn`` logger: off by default, ``CONVILYN_LOG=debug|info`` turns it on.

Every record passing through the logger (and the handler installed for ``CONVILYN_LOG``) has
registered secrets replaced, so an API key never reaches a log, whatever a message contains.
"""

from __future__ import annotations

import logging
import os
import threading

__all__ = ["logger", "redact", "register_secret", "setup_logging"]

logger = logging.getLogger("convilyn")

_secrets: set[str] = set()
_lock = threading.Lock()
_configured = False


def register_secret(secret: str) -> None:
    if secret and len(secret) >= 6:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    for secret in tuple(_secrets):
        if secret in text:
            text = text.replace(secret, "[REDACTED]")
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
            try:
                message = record.getMessage()
            except Exception:  # pragma: no cover - a broken format string is not ours to fix
                return True
            cleaned = redact(message)
            if cleaned != message or record.args:
                record.msg = cleaned
                record.args = None
            # Formatters print ``exc_text`` when set, so a traceback is formatted (and
            # redacted) here, once, instead of by each handler.
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
            if record.stack_info:
                record.stack_info = redact(record.stack_info)
        return True


_filter = RedactingFilter()
logger.addFilter(_filter)


def setup_logging() -> None:
    """Apply ``CONVILYN_LOG`` once (idempotent)."""
    global _configured
    if _configured:
        return
    _configured = True
    level_name = os.environ.get("CONVILYN_LOG", "").strip().lower()
    levels = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
    level = levels.get(level_name)
    if level is None:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    handler.addFilter(_filter)
    logger.addHandler(handler)
    logger.setLevel(level)
