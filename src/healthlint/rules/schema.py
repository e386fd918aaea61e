"""Typed keys of a rule's TOML table: the first problem is one RuleError naming the file, the rule and the key.

A schema maps each allowed key to its kind: a type (str, int, bool, float), `list[str]`, or a
nested schema (a dict) for a table whose keys are all required (`near = { pattern, words }`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args, get_origin

from healthlint.errors import RuleError

Kind = Any  # a type, list[str], or a nested schema (a Mapping)
_NAMES = {str: "a string", int: "a whole number", bool: "true or false", float: "a number",
          dict: "a table", list: "a list"}


def check(data: Mapping[str, Any], schema: Mapping[str, Kind], where: str, prefix: str = "") -> None:
    """Raise a RuleError for the first unknown key or value of the wrong kind in `data`."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if key not in schema:
            allowed = ", ".join(f"{prefix}{k}" for k in sorted(schema))
            raise RuleError(f"{where}: unknown key {name!r}; allowed: {allowed}")
        kind = schema[key]
        if isinstance(kind, Mapping):
            if not isinstance(value, Mapping) or set(value) != set(kind):
                fields = ", ".join(f"{k} = {_describe(v)}" for k, v in kind.items())
                raise RuleError(f"{where}: {name!r} must be a table {{ {fields} }}, not {_show(value)}")
            check(value, kind, where, f"{name}.")
        elif not matches(value, kind):
            raise RuleError(f"{where}: {name!r} must be {_describe(kind)}, not {_show(value)}")


def matches(value: Any, kind: Kind) -> bool:
    if get_origin(kind) is list:
        return isinstance(value, list) and all(matches(item, get_args(kind)[0]) for item in value)
    if kind in (int, float):  # TOML's true is no number
        return isinstance(value, kind) and not isinstance(value, bool)
    return isinstance(value, kind)


def _describe(kind: Kind) -> str:
    if get_origin(kind) is list:
        return f"a list of {_describe(get_args(kind)[0])[2:]}s"
    return _NAMES.get(kind, getattr(kind, "__name__", str(kind)))


def _show(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
