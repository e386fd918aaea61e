"""What a run answered from the findings cache needs of its rules, so that it loads no plugin.

A run whose every file is in the cache still reports each rule's description (SARIF lists them,
`--timings` names packs) and writes its output with a reporter. This summary, stored in the cache
under the settings fingerprint (healthlint.running.cache: plugins' files, configuration, healthlint's
version), holds both: every rule's RuleInfo and where healthlint's own reporters live. It is
written only by a run that loaded its plugins without an error, so replaying it repeats no error
and skips no check.
"""

from __future__ import annotations

import importlib
from dataclasses import fields
from typing import Any, NamedTuple

from healthlint.output.reporters.base import Reporter
from healthlint.rules import Rule, RuleInfo

_CORE = "healthlint."  # reporters of healthlint itself: importable by name wherever healthlint is


class Summary(NamedTuple):  # not a frozen dataclass: one builds its methods at import, ~4x slower
    """Every rule's description, by id, and format name -> "module:class" of the built-in reporters."""

    rules: dict[str, RuleInfo]
    reporters: dict[str, str]

    @classmethod
    def of(cls, rules: list[Rule], reporters: dict[str, type[Reporter]]) -> Summary | None:
        """The summary of loaded rules and reporters; None when a rule's description is not a
        plain RuleInfo (a plugin's subclass): only loading the plugin gives that back."""
        if any(type(rule.info) is not RuleInfo for rule in rules):
            return None
        return cls({rule.info.id: rule.info for rule in rules},
                   {name: f"{reporter.__module__}:{reporter.__qualname__}" for name, reporter in reporters.items()
                    if reporter.__module__.startswith(_CORE)})

    def as_json(self) -> dict[str, Any]:
        return {"rules": [[getattr(info, f.name) for f in fields(RuleInfo)] for info in self.rules.values()],
                "reporters": self.reporters}

    @classmethod
    def from_json(cls, data: Any) -> Summary | None:
        """The summary `as_json` wrote; None for anything else (a corrupt entry is rebuilt)."""
        try:
            infos = [RuleInfo(*[tuple(value) if isinstance(value, list) else value for value in row])  # type: ignore[arg-type]
                     for row in data["rules"]]
            reporters = dict(data["reporters"])
        except (KeyError, TypeError, ValueError):
            return None
        if not all(isinstance(v, str) for v in (*reporters, *reporters.values())):
            return None
        return cls({info.id: info for info in infos}, reporters)

    def reporter(self, name: str) -> type[Reporter] | None:
        """The built-in reporter of format `name`, imported; None when the format is not a
        built-in one (then the plugins are loaded to find it)."""
        module, _, qualname = self.reporters.get(name, "").partition(":")
        if not module.startswith(_CORE):
            return None
        try:
            found: Any = importlib.import_module(module)
            for part in qualname.split("."):
                found = getattr(found, part)
        except (ImportError, AttributeError):
            return None
        return found if isinstance(found, type) and issubclass(found, Reporter) and found.name == name else None
