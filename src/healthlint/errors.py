"""Errors meant for a person: each carries a message that names what is wrong and where."""


class HealthlintError(Exception):
    """Base of every error the CLI reports without a traceback."""


class ConfigError(HealthlintError):
    """A configuration file or option is invalid."""


class InputError(HealthlintError):
    """A file given to lint cannot be read as text."""


class PluginError(HealthlintError):
    """A plugin failed to load or a hook raised; `detail` is the traceback, shown with --debug."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class RuleError(HealthlintError):
    """A rule is badly defined (for example an invalid pattern in a phrase rule)."""
