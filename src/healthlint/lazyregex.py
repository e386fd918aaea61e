"""Module-level regular expressions compiled on first use.

The regex module's compiler is pure Python (about half a millisecond a pattern), so compiling
every helper pattern at import costs a one-file run in a pre-commit hook more than linting the
file. `lazy(...)` returns a stand-in that compiles on its first use and then binds the compiled
pattern's methods onto itself, so every later call goes straight to the compiled pattern.
Plugins may use it for their own module-level patterns.

A run that loads kept rules (healthlint.running.compiled) does not compile these either: the kept
file holds every stand-in's compiled code (`compiled_code`), which the regex module loads without
its compiler, and hands it here (`use_code`) for the stand-ins to build from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_MADE: list[_LazyRegex] = []  # every stand-in: the module-level patterns of what was imported
_CODE: dict[tuple[str, int], bytes] = {}  # (pattern, flags) -> a compiled pattern, pickled


class _LazyRegex:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        _MADE.append(self)

    def __getattr__(self, name: str) -> Any:  # only reached for attributes not yet bound
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self._compile()
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def _compile(self) -> regex.Pattern[str]:
        code = _CODE.get((self.pattern, self.flags))
        if code is not None:
            import pickle

            return cast("regex.Pattern[str]", pickle.loads(code))  # from the kept file, see the module docstring
        import regex  # here: a run answered from the findings cache imports no regex engine

        return regex.compile(self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern compiled on first use; it behaves as the compiled pattern (`pattern` and `flags`
    are readable without compiling)."""
    return cast("regex.Pattern[str]", _LazyRegex(pattern, flags))


def compiled_code() -> dict[tuple[str, int], bytes]:
    """(pattern, flags) -> the compiled code (a pickle: the regex module pickles a compiled pattern
    as its code) of every stand-in made in this process, compiling those not used yet."""
    import pickle

    code = dict(_CODE)
    for made in _MADE:
        key = (made.pattern, made.flags)
        if key not in code:
            try:
                code[key] = pickle.dumps(made.search.__self__, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # a plugin's invalid pattern fails where it is used, as it would have
                continue
    return code


def use_code(code: dict[tuple[str, int], bytes]) -> None:
    """Build the stand-ins not compiled yet from `code` (what `compiled_code` gave in a run with the
    same version of the regex module)."""
    _CODE.update(code)
