"""Module-level regular expressions compiled on first use.

The regex module's compiler is pure Python (about half a millisecond a pattern), so compiling
every helper pattern at import costs a one-file run in a pre-commit hook more than linting the
file. `lazy(...)` returns a stand-in that compiles on its first use and then binds the compiled
pattern's methods onto itself, so every later call goes straight to the compiled pattern.
Plugins may use it for their own module-level patterns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyRegex:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str) -> Any:  # only reached for attributes not yet bound
        if name.startswith("__"):
            raise AttributeError(name)
        import regex  # here: a run answered from the findings cache imports no regex engine

        compiled = regex.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern compiled on first use; it behaves as the compiled pattern (`pattern` and `flags`
    are readable without compiling)."""
    return cast("regex.Pattern[str]", _LazyRegex(pattern, flags))
