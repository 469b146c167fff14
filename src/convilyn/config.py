"""Client configuration, public: where the API key and base URL come from, and the login file.

:func:`resolve_settings` answers what ``Convilyn()`` would use and where each value came from
(argument, environment, the file ``convilyn login`` writes, or the default), without building
a client; ``Settings.checked_api_key()`` refuses a key that cannot work, naming its source::

    settings = convilyn.config.resolve_settings()
    print(settings.api_key.source, settings.base_url.value)

The vendor's 4.x names are here too: the retry policies (``RetryPolicy``,
``ExponentialBackoffRetry``, ``NoRetry``) and ``AutoThrottleConfig``.
"""

from __future__ import annotations

# The public names repeat those of the module that defines them.
# pylint: disable=duplicate-code
from convilyn._config import (
    CONFIG_FILENAME,
    CONFIG_KEYS,
    CREDENTIALS_FILENAME,
    DEFAULT_BASE_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CONFIG_DIR,
    ENV_STRICT,
    ENV_WS_URL,
    Setting,
    Settings,
    SettingSource,
    credentials_path,
    load_credentials,
    load_user_config,
    mask_key,
    normalize_base_url,
    resolve_settings,
    user_config_dir,
    user_config_path,
)
from convilyn._retry import ExponentialBackoffRetry, NoRetry, RetryPolicy
from convilyn._throttle import AutoThrottleConfig

__all__ = [
    "CONFIG_FILENAME",
    "CONFIG_KEYS",
    "CREDENTIALS_FILENAME",
    "DEFAULT_BASE_URL",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ENV_CONFIG_DIR",
    "ENV_STRICT",
    "ENV_WS_URL",
    "AutoThrottleConfig",
    "ExponentialBackoffRetry",
    "NoRetry",
    "RetryPolicy",
    "Setting",
    "SettingSource",
    "Settings",
    "credentials_path",
    "load_credentials",
    "load_user_config",
    "mask_key",
    "normalize_base_url",
    "resolve_settings",
    "user_config_dir",
    "user_config_path",
]
