"""Scoped vocabulary: terms a project accepts for named rules or categories only.

    [[tool.healthlint.vocabulary]]
    term = "Miracle Valley Clinic"     # a clinic's name is not a hype word
    rules = ["hype"]                   # rule ids, packs or categories; required, never a blanket pass
    case-sensitive = true              # the default

A finding of a named rule is dropped when an occurrence of the term overlaps its span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from healthlint.errors import ConfigError
from healthlint.rules import Match, RuleInfo

if TYPE_CHECKING:
    import regex


@dataclass(frozen=True)
class Term:
    """One accepted term and the rules it is accepted for."""

    term: str
    rules: tuple[str, ...]
    case_sensitive: bool = True

    def pattern(self) -> regex.Pattern[str]:
        import regex  # here: only a run that lints compiles the terms

        words = [regex.escape(w) for w in self.term.split()]
        return regex.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", 0 if self.case_sensitive else regex.IGNORECASE)


def parse(entries: Any, where: str) -> tuple[Term, ...]:
    """Validate the `vocabulary` array of a config file."""
    if not isinstance(entries, list):
        raise ConfigError(f"{where}: 'vocabulary' must be an array of tables with 'term' and 'rules'")
    terms = []
    for index, entry in enumerate(entries):
        key = f"vocabulary[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: '{key}' must be a table with 'term' and 'rules'")
        unknown = set(entry) - {"term", "rules", "case-sensitive"}
        if unknown:
            raise ConfigError(f"{where}: unknown key '{key}.{sorted(unknown)[0]}'; allowed: case-sensitive, rules, term")
        term, rules = entry.get("term"), entry.get("rules")
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"{where}: '{key}.term' must be a non-empty string")
        if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
            raise ConfigError(f"{where}: '{key}.rules' must name at least one rule id, pack or category "
                              "(a term is never accepted for every rule)")
        if "ALL" in rules:
            raise ConfigError(f"{where}: '{key}.rules' cannot be ALL; name the rules or categories the term is fine for")
        case = entry.get("case-sensitive", True)
        if not isinstance(case, bool):
            raise ConfigError(f"{where}: '{key}.case-sensitive' must be true or false")
        terms.append(Term(term, tuple(rules), case))
    return tuple(terms)


class Vocabulary:
    """The accepted terms' occurrences in one document's prose."""

    def __init__(self, terms: tuple[Term, ...], text: str) -> None:
        self._spans = [(m.start(), m.end(), term) for term in terms for m in term.pattern().finditer(text)]

    def accepts(self, info: RuleInfo, match: Match) -> bool:
        return any(start < match.end and match.start < end and any(info.selected_by(s) for s in term.rules)
                   for start, end, term in self._spans)
