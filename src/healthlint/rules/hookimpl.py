"""`healthlint.hookimpl`, the mark of a plugin's hook functions, without importing pluggy.

It marks a function exactly as `pluggy.HookimplMarker("healthlint")` does: the `healthlint_impl`
attribute holds the options pluggy reads when the plugin manager registers the plugin
(healthlint.rules.plugins.load). A run that finds its rules kept (healthlint.running.compiled)
imports the packs' modules, whose rules it unpickles, but never the plugin manager: with this mark,
importing a pack does not import pluggy either (~3 ms of a one-file check).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

PROJECT = "healthlint"
F = TypeVar("F", bound=Callable[..., Any])


@overload
def hookimpl(function: F, hookwrapper: bool = False, optionalhook: bool = False, tryfirst: bool = False,
             trylast: bool = False, specname: str | None = None, wrapper: bool = False) -> F: ...


@overload
def hookimpl(function: None = None, hookwrapper: bool = False, optionalhook: bool = False, tryfirst: bool = False,
             trylast: bool = False, specname: str | None = None, wrapper: bool = False) -> Callable[[F], F]: ...


def hookimpl(function: F | None = None, hookwrapper: bool = False, optionalhook: bool = False, tryfirst: bool = False,
             trylast: bool = False, specname: str | None = None, wrapper: bool = False) -> F | Callable[[F], F]:
    """Mark `function` as a hook implementation (as `@hookimpl` or `@hookimpl(tryfirst=True)`);
    the parameters are pluggy.HookimplMarker's."""

    def mark(marked: F) -> F:
        setattr(marked, f"{PROJECT}_impl", {"wrapper": wrapper, "hookwrapper": hookwrapper,
                                           "optionalhook": optionalhook, "tryfirst": tryfirst,
                                           "trylast": trylast, "specname": specname})
        return marked

    return mark if function is None else mark(function)
