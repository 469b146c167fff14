"""Where the CLI finds its key and base URL, and the file ``convilyn login`` writes.

Precedence, highest first: the ``--api-key`` / ``--base-url`` flags, then the environment
(``CONVILYN_API_KEY``, ``CONVILYN_BASE_URL``), then the user config file, then (base URL
only) the live default.

The config file is ``config.toml`` in the user's config directory:

* ``$CONVILYN_CONFIG_DIR`` when set;
* on Windows ``%APPDATA%\\convilyn``;
* elsewhere ``$XDG_CONFIG_HOME/convilyn``, else ``~/.config/convilyn``.

It holds ``api_key = "ck_..."`` and optionally ``base_url = "..."``, is written atomically with
owner-only permissions (file 0600, directory 0700), and is what ``Convilyn.from_env()`` reads
after the environment.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

# One definition of where the file lives and how it reads, shared with Convilyn.from_env().
from convilyn._config import (
    CONFIG_FILENAME,
    CONFIG_KEYS,
    ENV_API_KEY,
    ENV_BASE_URL,
    load_user_config,
    user_config_path,
)

__all__ = [
    "CONFIG_FILENAME",
    "Resolved",
    "config_path",
    "load_config",
    "remove_config",
    "resolve",
    "save_config",
]

KEYS = CONFIG_KEYS


def config_path() -> Path:
    return user_config_path()


def load_config(path: Path | None = None) -> dict[str, str]:
    """The stored settings; ``{}`` when there is no file. A malformed file raises ValueError."""
    return load_user_config(path or config_path())


def _toml_string(value: str) -> str:
    # A JSON string literal is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(value, ensure_ascii=True)


def save_config(settings: dict[str, str], path: Path | None = None) -> Path:
    """Write the settings atomically, owner-only. Returns the file written."""
    import tempfile

    target = path or config_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(target.parent, 0o700)
    lines = ["# Written by `convilyn login`. Keep this file private.\n"]
    for key in KEYS:
        if settings.get(key):
            lines.append(f"{key} = {_toml_string(settings[key])}\n")
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=target.parent)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def remove_config(path: Path | None = None) -> bool:
    target = path or config_path()
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


@dataclass(frozen=True)
class Resolved:
    """The key and base URL the CLI will use, and where each came from."""

    api_key: str | None
    key_source: str  # "flag" | "env" | "file" | "none"
    base_url: str | None
    base_url_source: str  # "flag" | "env" | "file" | "default"
    config_file: Path
    config_error: str | None = None


def resolve(*, api_key: str | None, base_url: str | None) -> Resolved:
    path = config_path()
    error: str | None = None
    try:
        stored = load_config(path)
    except (ValueError, OSError) as exc:
        stored, error = {}, str(exc)
    key, key_source = api_key, "flag"
    if not key:
        key, key_source = os.environ.get(ENV_API_KEY) or None, "env"
    if not key:
        key, key_source = stored.get("api_key"), "file"
    if not key:
        key_source = "none"
    url, url_source = base_url, "flag"
    if not url:
        url, url_source = os.environ.get(ENV_BASE_URL) or None, "env"
    if not url:
        url, url_source = stored.get("base_url"), "file"
    if not url:
        url_source = "default"
    return Resolved(key, key_source, url, url_source, path, error)
