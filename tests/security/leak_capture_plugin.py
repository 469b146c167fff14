"""A pytest plugin (loaded with ``-p leak_capture_plugin`` in a subprocess) that records
everything a test run emits: every log record of every logger at DEBUG (with tracebacks), every
warning, every captured stdout/stderr and failure report, and finally the API keys the SDK
registered as secrets. ``test_key_never_leaks.py`` greps the record for those keys."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest

_OUT = Path(os.environ["LEAK_CAPTURE_DIR"])
_stream = (_OUT / "emitted.txt").open("a", encoding="utf-8")


class _Everything(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _stream.write(logging.Formatter("%(name)s %(levelname)s %(message)s").format(record))
        _stream.write("\n")


def pytest_configure(config: pytest.Config) -> None:
    root = logging.getLogger()
    root.addHandler(_Everything(level=logging.DEBUG))
    root.setLevel(logging.DEBUG)
    for name in ("convilyn", "httpx", "httpcore", "httpx_ws", "uvicorn", "convilyn.sandbox"):
        logging.getLogger(name).setLevel(logging.DEBUG)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for title, content in report.sections:
        _stream.write(f"--- {report.nodeid} {title}\n{content}\n")
    if report.longrepr is not None:
        _stream.write(f"--- {report.nodeid} longrepr\n{report.longreprtext}\n")


def pytest_warning_recorded(warning_message: Any, when: str, nodeid: str, location: Any) -> None:
    _stream.write(f"--- warning {nodeid}: {warning_message.message}\n")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from convilyn import _logging

    _stream.flush()
    secrets = sorted(_logging._secrets)
    (_OUT / "secrets.json").write_text(json.dumps(secrets))
