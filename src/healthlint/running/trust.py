"""Who may run code that a repository's configuration names.

A configuration file arrives with the text it configures: a cloned repository, a pull request
from a fork. Its `plugins` are Python code that would run with the user's permissions, so they
load only when the user (never the repository) allows it: the `--allow-config-plugins` flag, the
HEALTHLINT_ALLOW_CONFIG_PLUGINS=1 environment variable, or the folder listed under
`allow-config-plugins` in the user's own settings file (`user_settings_path()`). Plugins the user
installed (entry points) or names on the command line (`--plugin`) are the user's choice and
always load.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from healthlint.errors import ConfigError

ALLOW_FLAG = "--allow-config-plugins"
ALLOW_ENV = "HEALTHLINT_ALLOW_CONFIG_PLUGINS"
SETTINGS_KEY = "allow-config-plugins"


def _home_dir(variable: str, windows: str, fallback: str) -> Path:
    """A per-user base folder: $XDG_* when set (absolute), else the platform's usual place."""
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return Path(value)
    if sys.platform == "win32" and os.environ.get(windows):
        return Path(os.environ[windows])
    return Path.home() / fallback


def user_config_dir() -> Path:
    """healthlint's folder among the user's settings ($XDG_CONFIG_HOME/healthlint, ~/.config/healthlint)."""
    return _home_dir("XDG_CONFIG_HOME", "APPDATA", ".config") / "healthlint"


def user_cache_dir() -> Path:
    """healthlint's folder in the user's cache ($XDG_CACHE_HOME/healthlint, ~/.cache/healthlint)."""
    return _home_dir("XDG_CACHE_HOME", "LOCALAPPDATA", ".cache") / "healthlint"


def user_settings_path() -> Path:
    return user_config_dir() / "user.toml"


def _trusted_folders() -> list[Path]:
    """The folders the user's settings file lists under `allow-config-plugins`."""
    path = user_settings_path()
    try:
        import tomli

        table = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    folders = table.get(SETTINGS_KEY, [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise ConfigError(f"{path}: '{SETTINGS_KEY}' must be a list of folder paths, not {folders!r}")
    return [Path(os.path.expanduser(f)).resolve() for f in folders]


def config_plugins_allowed(config_path: Path | None, flag: bool = False) -> bool:
    """True when the user allows plugins named by the configuration file `config_path`."""
    if flag or os.environ.get(ALLOW_ENV, "") not in ("", "0"):
        return True
    if config_path is None:
        return False
    folder = config_path.resolve().parent
    return any(folder == trusted or trusted in folder.parents for trusted in _trusted_folders())


def check_config_plugins(config_path: Path | None, plugins: tuple[str, ...], flag: bool = False) -> None:
    """Raise a ConfigError naming the file and the ways to allow it when a configuration names
    plugins the user has not allowed. The CLI and the language server both call this."""
    if not plugins or config_plugins_allowed(config_path, flag):
        return
    where = config_path or "the configuration"
    raise ConfigError(
        f"{where}: 'plugins' names {', '.join(map(repr, plugins))}, code that healthlint does not run from a "
        f"repository's configuration unless you allow it: pass {ALLOW_FLAG}, set {ALLOW_ENV}=1, or list "
        f"this folder under '{SETTINGS_KEY}' in {user_settings_path()}")
