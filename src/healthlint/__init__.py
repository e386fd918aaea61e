"""healthlint: a linter for health writing."""

from importlib.metadata import PackageNotFoundError, version

from healthlint.hookspec import hookimpl

try:
    __version__ = version("healthlint")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "hookimpl"]
