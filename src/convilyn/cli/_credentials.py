"""Where the CLI finds its key and base URL, and the file ``convilyn login`` writes.

The precedence is the SDK's (``convilyn.config.resolve_settings``), with the flags as its
arguments: ``--api-key`` / ``--base-url``, then the environment (``CONVILYN_API_KEY``,
``CONVILYN_BASE_URL``), then the user config file, then (base URL only) the live default.

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
from pathlib import Path

from convilyn.config import (
    CONFIG_FILENAME,
    CONFIG_KEYS,
    Setting,
    Settings,
    load_user_config,
    resolve_settings,
    user_config_path,
)

__all__ = [
    "CONFIG_FILENAME",
    "config_path",
    "load_config",
    "remove_config",
    "resolve",
    "save_config",
    "source_label",
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


def resolve(*, api_key: str | None, base_url: str | None) -> Settings:
    return resolve_settings(
        api_key=api_key, base_url=base_url, argument_names=("--api-key", "--base-url")
    )


def source_label(setting: Setting) -> str:
    """The source as ``doctor`` reports it: ``flag``, ``env``, ``file``, ``default``, ``none``."""
    return "flag" if setting.source == "argument" else setting.source
