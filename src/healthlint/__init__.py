"""healthlint: a linter for health writing.

    import healthlint
    linter = healthlint.Linter.load()
    result = linter.lint_text("A miracle cure.", "draft.md")

The public API lives in `healthlint.api`; its names (and `hookimpl`, for plugins) are re-exported
here, loaded on first use so that the command line's start-up does not pay for them: a run
answered from the findings cache imports neither the API's pipeline nor pluggy.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it

__all__ = ["Config", "Finding", "Linter", "RuleInfo", "RunError", "RunResult", "Target", "TargetResult",
           "__version__", "api", "hookimpl"]
_API = frozenset(__all__[:8])

if TYPE_CHECKING:
    from healthlint import api
    from healthlint.api import Config, Finding, Linter, RuleInfo, RunError, RunResult, Target, TargetResult
    from healthlint.rules.hookimpl import hookimpl


def __getattr__(name: str) -> Any:
    if name in _API or name == "api":
        import importlib

        api = importlib.import_module("healthlint.api")
        return api if name == "api" else getattr(api, name)
    if name == "hookimpl":
        from healthlint.rules.hookimpl import hookimpl  # not hookspec: a pack's import needs no pluggy

        return hookimpl
    raise AttributeError(f"module 'healthlint' has no attribute {name!r}")
