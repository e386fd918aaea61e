"""A large value that a pickle carries as its own pickle, unpickled on first use.

Bytes load from a pickle as one copy, whatever they hold: a run that loads kept rules
(healthlint.running.compiled) does not rebuild the tens of thousands of objects of a table it
never reads (a vocabulary's 15,000 terms, the word-by-word steps of terms no document opened).
"""

from __future__ import annotations

import pickle
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Deferred(Generic[T]):
    """Holds `value`; pickled, holds its pickle until `get()` first asks for it."""

    __slots__ = ("_value", "_code")

    def __init__(self, value: T) -> None:
        self._value: T | None = value
        self._code: bytes | None = None

    def get(self) -> T:
        code = self._code
        if code is not None:
            self._value = pickle.loads(code)  # the value __getstate__ pickled, in the same kept file
            self._code = None
        return self._value  # type: ignore[return-value]

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        code = self._code
        if code is None:
            code = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return None, {"_value": None, "_code": code}
